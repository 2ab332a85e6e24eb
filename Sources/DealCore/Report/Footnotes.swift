/// Sources numbered in the order the page first cites them; the same source
/// at the same place keeps its number.
struct Footnotes {
    private(set) var entries: [Citation] = []
    private var referenced = Set<Int>()

    mutating func marks(_ citations: [Citation], superscript: Bool = true) -> String {
        let links = citations.map { citation -> String in
            let number: Int
            if let index = entries.firstIndex(of: citation) {
                number = index + 1
            } else {
                entries.append(citation)
                number = entries.count
            }
            let anchor = referenced.insert(number).inserted ? " id=\"ref-\(number)\"" : ""
            return "<a href=\"#fn-\(number)\"\(anchor)>[\(number)]</a>"
        }.joined()
        guard !links.isEmpty else { return "" }
        return superscript ? "<sup>\(links)</sup>" : links
    }
}
