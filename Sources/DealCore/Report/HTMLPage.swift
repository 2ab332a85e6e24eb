/// Builds an HTML page as text, escaping every value that goes into it.
struct HTMLPage {
    private(set) var parts: [String] = []

    /// Markup we wrote ourselves (tags, or SVG already escaped).
    mutating func raw(_ markup: String) { parts.append(markup) }

    /// `<tag>escaped text</tag>`.
    mutating func element(_ tag: String, _ text: String, attributes: [(String, String)] = []) {
        parts.append("<\(tag)\(Self.attributes(attributes))>\(Markup.escape(text))</\(tag)>")
    }

    static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(Markup.escape($0.1))\"" }.joined()
    }

    /// A table inside a box that scrolls sideways on narrow screens.
    /// A cell holding 40 characters or more of text gets room to wrap as
    /// prose rather than one word per line.
    mutating func table(columns: [String], rows: [[(html: String, number: Bool)]], caption: String? = nil) {
        var markup = "<div class=\"scroll\"><table>"
        if let caption { markup += "<caption>\(Markup.escape(caption))</caption>" }
        markup += "<thead><tr>" + columns.map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            markup += "<tr>" + row.map { cell in
                let kind = cell.number ? " class=\"number\"" : cell.html.count >= 40 ? " class=\"prose\"" : ""
                return "<td\(kind)>\(cell.html)</td>"
            }.joined() + "</tr>"
        }
        parts.append(markup + "</tbody></table></div>")
    }

    var text: String { parts.joined(separator: "\n") + "\n" }
}
