import Foundation
import SQLiteKit

/// What changed between two releases of one GEM tracker (docs/CHANGES.md):
/// records matched as ChangeMatcher matches them, values compared as the
/// import reads them, vocabulary recodings found as rules, layout changes
/// named, and one row per change.
package struct ReleaseComparison: Sendable {
    package struct Change: Sendable {
        package let change: String
        package let project: String
        package let name: String
        package let field: String
        package let old: String
        package let new: String
        package let matchedBy: String
        /// How large the change is, in the tracker's capacity unit (for
        /// ordering the largest first): the capacity moved, added or removed.
        let size: Double
    }

    /// A column added, dropped or renamed, another layout; or, as a note
    /// that is no change (`isChange` false), the columns reordered or a
    /// column not compared and why.
    package struct LayoutChange: Sendable {
        package let column: String
        package let old: String
        package let new: String
        package let note: String
        package var isChange = true
    }

    package static let columns = ["change", "project", "name", "field", "old", "new", "matched_by"]

    package let oldLabel: String
    package let newLabel: String
    package let trackerName: String
    /// The credit each side's data needs (GEM's CC BY 4.0).
    package let credits: [String]
    package let capacityUnit: String
    package private(set) var layout: [LayoutChange] = []
    package private(set) var rules: [Recodings.Rule] = []
    package private(set) var changes: [Change] = []
    /// Records compared on each side, and left out (kinds the other layout lacks).
    package private(set) var oldRecords = 0
    package private(set) var newRecords = 0
    package private(set) var leftOut: [String] = []
    package private(set) var problems: [String] = []
    var pairs: [(old: ChangeRecord, new: ChangeRecord, how: ChangeMatcher.How)] = []
    var addedRecords: [ChangeRecord] = []
    var removedRecords: [ChangeRecord] = []
    /// Holders the new release names differently everywhere, by field:
    /// old key to new key (a rule of `rules`).
    var partyRules: [String: [String: String]] = [:]
    /// Matched pairs with no change at all.
    package private(set) var identical = 0

    /// Compares two releases of one GEM tracker, each a file or, with a
    /// store, a release it imported (named by id, file name or date).
    package static func compare(old oldName: String, new newName: String, store: DealStore? = nil) throws
        -> ReleaseComparison {
        var countries: GEMCountries?
        func side(_ name: String) throws -> ChangeSide {
            if FileManager.default.fileExists(atPath: name) || store == nil {
                if countries == nil {
                    let database = try Database(path: ":memory:", mode: .create)
                    try DealSchema.migrator().migrate(database)
                    countries = try GEMCountries(database: database)
                }
                return try ChangeSide(path: name, label: (name as NSString).lastPathComponent, countries: countries!)
            }
            guard let database = store?.database, let id = try ReleaseHistory.find(name, database: database) else {
                let stored = try store.map { try ReleaseHistory.list($0.database) } ?? []
                throw DealError(.unreadableInput, "\(name): no such file, and no stored release of that name"
                                    + (stored.isEmpty ? " (the database holds none)" : " (stored: \(stored.joined(separator: ", ")))"))
            }
            return try ReleaseHistory.side(id, database: database)
        }
        let old = try side(oldName), new = try side(newName)
        guard old.release.tracker == new.release.tracker else {
            throw DealError(.invalidData, "\(oldName) is GEM's \(old.trackerName) and \(newName) its \(new.trackerName); "
                                + "a comparison needs two releases of one tracker")
        }
        return ReleaseComparison(old: old, new: new)
    }

    /// What changed since a stored release: it against the latest stored
    /// release of its tracker and layout (itself when there is none later).
    package static func changes(since name: String, store: DealStore) throws -> ReleaseComparison {
        guard let id = try ReleaseHistory.find(name, database: store.database) else {
            let stored = try ReleaseHistory.list(store.database)
            throw DealError(.usage, "no stored release is named \"\(name)\""
                                + (stored.isEmpty ? "; the database holds none (importing a GEM file records its release)"
                                   : " (stored: \(stored.joined(separator: ", ")))"))
        }
        let latest = try ReleaseHistory.latest(after: id, database: store.database) ?? id
        return ReleaseComparison(old: try ReleaseHistory.side(id, database: store.database),
                                 new: try ReleaseHistory.side(latest, database: store.database))
    }

    init(old oldSide: ChangeSide, new newSide: ChangeSide) {
        oldLabel = oldSide.label
        newLabel = newSide.label
        trackerName = oldSide.trackerName
        credits = [oldSide.release, newSide.release].map { "\($0.title) (CC BY 4.0)" }
        capacityUnit = oldSide.layout.kind == .plants ? "MW" : "bcm/y"
        problems = oldSide.problems + newSide.problems
        let kinds = oldSide.kinds.intersection(newSide.kinds)
        var sides = [oldSide, newSide]
        for index in sides.indices {
            let outside = sides[index].records.filter { !kinds.contains($0.kind) }
            if !outside.isEmpty {
                let other = sides[1 - index].label
                leftOut.append("\(outside.count) \(Self.kindWords(outside[0].kind)) of \(sides[index].label) "
                               + "not compared: \(other) holds no \(Self.kindWords(outside[0].kind))")
                sides[index].records.removeAll { !kinds.contains($0.kind) }
            }
        }
        let (old, new) = (sides[0], sides[1])
        oldRecords = old.records.count
        newRecords = new.records.count
        let partsCompare = kinds.allSatisfy { old.hasPart($0) && new.hasPart($0) }
        // Two stored releases name each row by the project the import matched it to.
        let stored = old.isStored && new.isStored
        let matcher = ChangeMatcher(old: old.records, new: new.records, partsCompare: partsCompare, sameProject: stored)
        pairs = matcher.pairs.map { (old.records[$0.old], new.records[$0.new], $0.how) }
        addedRecords = matcher.added.map { new.records[$0] }
        removedRecords = matcher.removed.map { old.records[$0] }

        var fields = compareLayouts(old, new)
        let categorical = categoricalFields(fields, old, new)
        var recodings = Recodings()
        for field in categorical.sorted() {
            let newWords = Set(new.records.flatMap { Self.words(field, $0.values[field]) })
            recodings.learn(field: field, pairs: pairs.map { (Self.words(field, $0.old.values[field]),
                                                               Self.words(field, $0.new.values[field])) },
                            newWords: newWords)
        }
        // A company the new release names differently everywhere ("The
        // Southern Company" -> "Southern Co") is a rule too, learnt from the
        // holders' keys; its rows then compare as the same holders.
        var names: [String: String] = [:]
        for field in ["owners", "parents"] where fields.contains(field) {
            let newWords = Set(new.records.flatMap { Self.keys($0.values[field]) })
            recodings.learn(field: field, pairs: pairs.map { (Self.keys($0.old.values[field]), Self.keys($0.new.values[field])) },
                            newWords: newWords)
            for record in old.records + new.records {
                if case .stakes(let stakes)? = record.values[field] {
                    for stake in stakes where names[stake.key] == nil { names[stake.key] = stake.name }
                }
            }
        }
        fields.removeAll { $0 == "name" || $0 == "part" }
        let partWord = old.layout.kind == .pipelines || new.layout.kind == .pipelines ? "segment" : "unit"
        for (a, b, how) in pairs {
            var found: [Change] = []
            func add(_ change: String, _ field: String, _ before: String, _ after: String, size: Double = 0) {
                found.append(Change(change: change, project: b.id, name: b.displayName, field: field, old: before,
                                    new: after, matchedBy: how.rawValue, size: size))
            }
            if TextFolding.fold(a.name) != TextFolding.fold(b.name) { add("renamed", "name", a.name, b.name) }
            if partsCompare, ChangeRecord.partKey(a.part) != ChangeRecord.partKey(b.part) {
                add("renamed", partWord, a.part ?? "", b.part ?? "")
            }
            for field in fields {
                var before = a.values[field]
                let after = b.values[field]
                if case .stakes(let stakes)? = before, field == "owners" || field == "parents" {
                    let keys = recodings.translate(field: field, stakes.map(\.key))
                    before = .stakes(zip(stakes, keys).map { .init(key: $1, name: $0.name, share: $0.share) })
                }
                if categorical.contains(field) {
                    let oldWords = recodings.translate(field: field, Self.words(field, before))
                    let newWords = Self.words(field, after)
                    if Set(oldWords) == Set(newWords) { continue }
                } else if let before, let after {
                    if before.same(as: after) { continue }
                } else if before == nil && after == nil {
                    continue
                }
                var size = 0.0
                if field == "capacity" {
                    size = abs((after?.amount ?? 0) - (before?.amount ?? 0))
                } else if field == "status" {
                    size = b.capacity ?? a.capacity ?? 0
                }
                add("changed", field, a.values[field]?.display ?? "", after?.display ?? "", size: size)
            }
            if found.isEmpty { identical += 1 }
            changes += found
        }
        for record in addedRecords {
            changes.append(Change(change: "added", project: record.id, name: record.displayName, field: "",
                                  old: "", new: Self.brief(record), matchedBy: "", size: record.capacity ?? 0))
        }
        for record in removedRecords {
            changes.append(Change(change: "removed", project: record.id, name: record.displayName, field: "",
                                  old: Self.brief(record), new: "", matchedBy: "", size: record.capacity ?? 0))
        }
        partyRules = recodings.rules.filter { $0.key == "owners" || $0.key == "parents" }.mapValues { $0.mapValues(\.new) }
        rules = recodings.all.filter { $0.rows > 0 }.map { rule in
            guard rule.field == "owners" || rule.field == "parents" else { return rule }
            return Recodings.Rule(field: rule.field, old: names[rule.old] ?? rule.old, new: names[rule.new] ?? rule.new,
                                  rows: rule.rows)
        }
    }

    /// The holders' keys of an owners or parents value, in order.
    static func keys(_ value: ChangeValue?) -> [String] {
        guard case .stakes(let stakes)? = value else { return [] }
        return stakes.map(\.key).filter { !$0.hasPrefix("unnamed ") }
    }

    /// What the row of an added or removed record says: status and capacity.
    static func brief(_ record: ChangeRecord) -> String {
        [record.status, record.capacity.map { NumberText.plain($0) + " " + record.capacityUnit }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    static func kindWords(_ kind: String) -> String {
        switch kind {
        case "pipeline": "pipeline rows"
        case "lng_terminal": "LNG terminal rows"
        default: "plant units"
        }
    }

    /// The words of a categorical value, in order; a value-less one is one empty word.
    static func words(_ field: String, _ value: ChangeValue?) -> [String] {
        guard case .text(let text)? = value else { return [Recodings.none] }
        guard field != "status" else { return [text.lowercased()] }
        return text.split(separator: ",").map { ChangeValue.numberText($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }

    /// The fields both layouts give, in the order a reader wants them; the
    /// columns added, dropped, renamed or set aside are noted in `layout`.
    private mutating func compareLayouts(_ old: ChangeSide, _ new: ChangeSide) -> [String] {
        // Across layouts (a release sheet against the map file) the columns
        // differ by design: one row says so, the columns are notes.
        let sameLayout = old.layout.kind == new.layout.kind
        if !sameLayout {
            layout.append(.init(column: "", old: old.layout.description, new: new.layout.description,
                                note: "another layout: only what both give is compared"))
        }
        // A field of the import read from columns spelled differently.
        let oldColumns = GEMLayout.Field.allCases.compactMap { field in
            old.layout.columns(in: old.header)[field].map { (field, old.columns[$0]) }
        }
        let newFieldColumns = new.layout.columns(in: new.header)
        var renamedFrom: [String: String] = [:]
        for (field, column) in oldColumns {
            guard let index = newFieldColumns[field], new.columns[index] != column,
                  !old.columns.contains(new.columns[index]) else { continue }
            renamedFrom[new.columns[index]] = column
        }
        let oldSet = Set(old.columns), newSet = Set(new.columns)
        for column in new.columns where !oldSet.contains(column) {
            if let from = renamedFrom[column] {
                layout.append(.init(column: column, old: from, new: column, note: "renamed", isChange: sameLayout))
            } else {
                layout.append(.init(column: column, old: "", new: column, note: "added", isChange: sameLayout))
            }
        }
        let renamedSources = Set(renamedFrom.values)
        for column in old.columns where !newSet.contains(column) && !renamedSources.contains(column) {
            layout.append(.init(column: column, old: column, new: "", note: "dropped", isChange: sameLayout))
        }
        let common = new.columns.filter(oldSet.contains)
        if common != old.columns.filter(newSet.contains) {
            layout.append(.init(column: "", old: "\(old.columns.count) columns", new: "\(new.columns.count) columns",
                                note: "columns reordered", isChange: false))
        }
        for column in new.columns where oldSet.contains(column) {
            if let why = ChangeSide.derived[column] {
                layout.append(.init(column: column, old: "", new: "", note: "not compared: \(why)", isChange: false))
            }
        }
        let both = old.fields.intersection(new.fields)
        for field in old.fields.union(new.fields).subtracting(both).sorted()
        where !oldSet.union(newSet).contains(field) {
            let side = old.fields.contains(field) ? old.label : new.label
            layout.append(.init(column: field, old: "", new: "", note: "not compared: only \(side) gives it", isChange: false))
        }
        let order = ["name", "part", "status", "capacity", "capacity (mtpa)", "capacity (as given)", "length", "cost",
                     "start year", "country", "route", "owners", "parents", "location"]
        return order.filter(both.contains) + new.otherColumns.filter { both.contains($0) && !order.contains($0) }
    }

    /// Status and the text columns of a small vocabulary (technology, fuel,
    /// type), which recoding rules may translate; numbers and free text
    /// (names in other languages, provinces) are compared as they are.
    private func categoricalFields(_ fields: [String], _ old: ChangeSide, _ new: ChangeSide) -> Set<String> {
        var result: Set<String> = ["status"]
        for field in fields where old.otherColumns.contains(field) {
            var words = Set<String>()
            var numeric = true
            for record in old.records + new.records {
                guard case .text(let text)? = record.values[field] else { continue }
                if numeric && GEMValue.number(text) == nil { numeric = false }
                words.formUnion(Self.words(field, .text(text)))
                if words.count > 80 { break }
            }
            if !numeric && !words.isEmpty && words.count <= 80 { result.insert(field) }
        }
        return result
    }

    /// Whether anything changed: a record, a rule, or the layout.
    package var isEmpty: Bool { changes.isEmpty && rules.isEmpty && !layout.contains(where: \.isChange) }

    /// What was set aside rather than changed (columns reordered, columns
    /// not compared, rows of a kind the other file lacks), for a notice
    /// beside the rows.
    package var notes: [String] {
        layout.filter { !$0.isChange }.map { ($0.column.isEmpty ? "" : "\($0.column): ") + $0.note } + leftOut
    }

    /// The rows of `dealdb diff`: the layout's changes, the recoding rules,
    /// then one row per change (matched records in the new file's order,
    /// added ones among them, removed ones last).
    package var rows: [[String]] {
        var rows: [[String]] = []
        for item in layout where item.isChange {
            rows.append(["layout", "", item.note, item.column, item.old, item.new, ""])
        }
        for rule in rules {
            rows.append(["recoded", "", "recoded in \(rule.rows) matched row\(rule.rows == 1 ? "" : "s")", rule.field,
                         rule.old, rule.new, ""])
        }
        for change in changes {
            rows.append([change.change, change.project, change.name, change.field, change.old, change.new,
                         change.matchedBy])
        }
        return rows
    }

    /// Writes the rows in any output format.
    package func write(into writer: RowWriter) throws {
        try writer.begin(columns: Self.columns)
        for row in rows { try writer.row(row.map { .text($0) }) }
        try writer.end()
    }
}
