/// Which record of the old release is which of the new, as "Entities, not
/// rows" matches a file to stored projects (docs/GEM.md, "One project
/// across files"), in order: GEM's own row id; the wiki page and the unit
/// or segment; within one wiki page, the leftover rows most alike (a unit
/// renamed or re-keyed: same capacity, and the same start year, status or
/// a number of the unit's label); the same name and country (and unit); the
/// same place (within 1 km, one country, the same capacity). Each record is
/// matched at most once; what is left was removed or added.
struct ChangeMatcher {
    enum How: String, Sendable, CaseIterable {
        case sameProject = "same project"
        case gemID = "GEM id"
        case wikiAndPart = "wiki page and unit"
        case wikiPage = "wiki page"
        case wikiRenamedPart = "wiki page, unit renamed"
        case nameAndPlace = "name and place"
        case place = "place"
    }

    struct Pair: Sendable {
        let old: Int
        let new: Int
        let how: How
    }

    private(set) var pairs: [Pair] = []
    private var oldTaken: [Bool]
    private var newTaken: [Bool]
    private let old: [ChangeRecord]
    private let new: [ChangeRecord]
    /// Both layouts name units or segments, so that a different one is a rename.
    private let partsCompare: Bool

    /// `sameProject`: both sides are stored releases, whose rows the import
    /// matched to projects; the same project is the first match.
    init(old: [ChangeRecord], new: [ChangeRecord], partsCompare: Bool, sameProject: Bool = false) {
        self.old = old
        self.new = new
        self.partsCompare = partsCompare
        oldTaken = Array(repeating: false, count: old.count)
        newTaken = Array(repeating: false, count: new.count)
        if sameProject { byKey(.sameProject) { $0.id } }
        byKey(How.gemID) { record in record.rowID.map { "\(record.kind) \($0)" } }
        if partsCompare {
            byKey(.wikiAndPart) { record in record.wiki.map { "\(record.kind) \($0) \(ChangeRecord.partKey(record.part))" } }
        }
        alikeWithinWikiPage()
        byKey(.nameAndPlace) { record in
            "\(record.kind) \(TextFolding.fold(record.name)) \(record.countries.joined(separator: ",")) "
                + (partsCompare ? ChangeRecord.partKey(record.part) : "")
        }
        byPlace()
    }

    var removed: [Int] { old.indices.filter { !oldTaken[$0] } }
    var added: [Int] { new.indices.filter { !newTaken[$0] } }

    private mutating func take(_ a: Int, _ b: Int, _ how: How) {
        oldTaken[a] = true
        newTaken[b] = true
        pairs.append(Pair(old: a, new: b, how: how))
    }

    /// Records of one key; where several share it (GEM repeats a unit
    /// label within a page), those whose values agree most, then in file
    /// order, so that reordering a file's rows changes nothing.
    private mutating func byKey(_ how: How, _ key: (ChangeRecord) -> String?) {
        var waiting: [String: [Int]] = [:]
        for index in old.indices where !oldTaken[index] {
            if let value = key(old[index]) { waiting[value, default: []].append(index) }
        }
        guard !waiting.isEmpty else { return }
        var arriving: [String: [Int]] = [:]
        var order: [String] = []
        for index in new.indices where !newTaken[index] {
            guard let value = key(new[index]), waiting[value] != nil else { continue }
            if arriving[value] == nil { order.append(value) }
            arriving[value, default: []].append(index)
        }
        for value in order {
            let olds = waiting[value] ?? [], news = arriving[value] ?? []
            if olds.count == 1 && news.count == 1 {
                take(olds[0], news[0], how)
                continue
            }
            var candidates: [(agree: Int, old: Int, new: Int)] = []
            for a in olds {
                for b in news { candidates.append((Self.agreement(old[a], new[b]), a, b)) }
            }
            for candidate in candidates.sorted(by: { ($1.agree, $0.old, $0.new) < ($0.agree, $1.old, $1.new) })
            where !oldTaken[candidate.old] && !newTaken[candidate.new] {
                take(candidate.old, candidate.new, how)
            }
        }
    }

    /// How many values two records share.
    private static func agreement(_ a: ChangeRecord, _ b: ChangeRecord) -> Int {
        a.values.reduce(0) { count, entry in
            count + (b.values[entry.key].map { entry.value.same(as: $0) } == true ? 1 : 0)
        }
    }

    /// The leftover rows of one wiki page, most alike first.
    private mutating func alikeWithinWikiPage() {
        var oldByPage: [String: [Int]] = [:]
        for index in old.indices where !oldTaken[index] {
            if let wiki = old[index].wiki { oldByPage[old[index].kind + " " + wiki, default: []].append(index) }
        }
        var candidates: [(score: Int, old: Int, new: Int)] = []
        for index in new.indices where !newTaken[index] {
            guard let wiki = new[index].wiki, let list = oldByPage[new[index].kind + " " + wiki] else { continue }
            for other in list {
                if let score = likeness(old[other], new[index]) { candidates.append((score, other, index)) }
            }
        }
        for candidate in candidates.sorted(by: { ($1.score, $0.old, $0.new) < ($0.score, $1.old, $1.new) })
        where !oldTaken[candidate.old] && !newTaken[candidate.new] {
            let samePart = ChangeRecord.partKey(old[candidate.old].part) == ChangeRecord.partKey(new[candidate.new].part)
            take(candidate.old, candidate.new, partsCompare && !samePart ? .wikiRenamedPart : .wikiPage)
        }
    }

    /// How alike two rows of one page are, or nil when they are too unlike
    /// to be one unit: the capacity must agree where both give one, and
    /// something else must (start year, status, length, a number in the label).
    private func likeness(_ a: ChangeRecord, _ b: ChangeRecord) -> Int? {
        var score = 0, evidence = 0
        if let x = a.capacity, let y = b.capacity {
            guard ChangeValue.close(x, y) else { return nil }
            score += 3
        }
        if let x = a.values["start year"], x == b.values["start year"] { score += 2; evidence += 1 }
        if a.status != nil && a.status == b.status { score += 1; evidence += 1 }
        if let x = a.values["length"], let y = b.values["length"], x.same(as: y) { score += 3; evidence += 1 }
        if ChangeRecord.partKey(a.part) == ChangeRecord.partKey(b.part) { score += 4; evidence += 1 }
        else if !Self.numbers(a.part).isDisjoint(with: Self.numbers(b.part)) { score += 2; evidence += 1 }
        if a.countries == b.countries { score += 1 }
        // Ties (rows of one page GEM gives without segment names) go to the
        // rows that agree on most other values.
        return evidence > 0 ? score * 100 + Self.agreement(a, b) : nil
    }

    private static func numbers(_ text: String?) -> Set<String> {
        Set((text ?? "").split(whereSeparator: { !$0.isNumber }).map(String.init))
    }

    /// A plant or terminal GEM moved to another wiki page and renamed: the
    /// same country, within 1 km, the same capacity and unit label.
    private mutating func byPlace() {
        var oldByCountry: [String: [Int]] = [:]
        for index in old.indices where !oldTaken[index] && old[index].location != nil {
            oldByCountry[old[index].kind + " " + old[index].countries.joined(separator: ","), default: []].append(index)
        }
        guard !oldByCountry.isEmpty else { return }
        for index in new.indices where !newTaken[index] {
            let record = new[index]
            guard let here = record.location, let capacity = record.capacity,
                  let list = oldByCountry[record.kind + " " + record.countries.joined(separator: ",")] else { continue }
            let found = list.first { other in
                let candidate = old[other]
                guard !oldTaken[other], let there = candidate.location, let size = candidate.capacity else { return false }
                return ChangeValue.distanceKm(here, there) <= ChangeValue.locationToleranceKm && ChangeValue.close(size, capacity)
                    && (!partsCompare || ChangeRecord.partKey(candidate.part) == ChangeRecord.partKey(record.part))
            }
            if let found { take(found, index, .place) }
        }
    }
}
