import Foundation
import SQLiteKit

/// The text `dealdb show ID` prints: one record with everything linked to
/// it, each fact's three states, and its sources as numbered notes.
package struct RecordDescriber {
    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    package func describe(_ id: String, asOf: String? = nil) throws -> String {
        try store.translatingFailures {
            try DateText.check(asOf, .asOf)
            let match = try RecordFinder(store: store).find(id)
            let reader = DocumentReader(database: store.database)
            var page = Page(database: store.database, asOf: asOf)
            switch match.kind {
            case .agreement:
                if let record = try reader.agreement(match.id) { try page.agreement(record, reader: reader) }
            case .project:
                if let record = try reader.project(match.id) { try page.project(record, reader: reader) }
            case .party:
                if let record = try reader.party(match.id) { try page.party(record) }
            case .source:
                if let record = try reader.source(match.id) { try page.source(record) }
            case .event:
                if let record = try reader.event(match.id) { try page.event(record) }
            }
            return page.text
        }
    }

    /// The record `text` names and what it links to, as a deal document
    /// that `dealdb import` reads back.
    package func document(_ text: String, format: DocumentExporter.Format) throws -> String {
        try store.translatingFailures {
            let match = try RecordFinder(store: store).find(text)
            let selection: DocumentExporter.Selection
            switch match.kind {
            case .agreement: selection = .agreement(match.id)
            case .project: selection = .project(match.id)
            case .party: selection = .party(match.id)
            case .source: selection = .source(match.id)
            case .event: selection = .event(match.id)
            }
            return try DocumentExporter(store: store).export(selection, format: format)
        }
    }
}

/// Builds the lines of one page, numbering sources as they are cited.
struct Page {
    let database: Database
    let asOf: String?
    var lines: [String] = []
    var notes: [Citation] = []

    init(database: Database, asOf: String?) {
        self.database = database
        self.asOf = asOf
    }

    var text: String {
        var all = lines
        if !notes.isEmpty {
            all += ["", "Sources"]
            for (index, citation) in notes.enumerated() {
                all.append("  [\(index + 1)] " + sourceLine(citation))
            }
        }
        return all.joined(separator: "\n") + "\n"
    }

    mutating func agreement(_ record: AgreementRecord, reader: DocumentReader) throws {
        heading("Agreement \(record.id)\(marks(record.sources))")
        field("Title", record.title)
        field("Kind", record.kind)
        field("Binding", try AgreementBinding.describe(database, agreement: record.id) ?? record.binding)
        field("Status", record.status)
        field("Signed", record.signed)
        field("Ended", record.ended)
        if let project = record.project {
            field("Project", "\(project) (\(try name(of: "projects", project)))")
        }
        field("Summary", record.summary)
        if !record.parties.isEmpty {
            section("Parties")
            for party in record.parties {
                let share = party.share.map { ", share \(NumberText.plain($0))%" } ?? ""
                lines.append("  \(try name(of: "parties", party.party)) (\(party.party)): \(party.role), "
                    + "confirmed \(party.confirmed)\(share)\(marks(party.sources))")
            }
        }
        terms(record.terms, periods: try TermPeriods.of(database, agreement: record.id))
        try financeRecord(of: record.id)
        try timeline(where: "agreement_id = ?", record.id)
    }

    mutating func project(_ record: ProjectRecord, reader: DocumentReader) throws {
        heading("Project \(record.id)\(marks(record.sources))")
        field("Name", record.name)
        field("Kind", record.kind)
        field("Commodity", record.commodity)
        field("Status", try statusAsOf(record))
        if !record.route.isEmpty {
            field("Route", try record.route.map { "\(try countryName($0.country)) (\($0.role))" }.joined(separator: " → "))
            for role in Vocabulary.routeRoles {
                let stops = record.route.filter { $0.role == role }
                guard !stops.isEmpty else { continue }
                field(["origin": "From", "transit": "Via", "destination": "To"][role] ?? role,
                      try stops.map { "\(try countryName($0.country)) (\($0.country))" }.joined(separator: "; "))
            }
        }
        if let geometry = record.geometry, let shape = try? WKT.parse(geometry.wkt) {
            field("Map", Self.mapText(geometry, shape))
        }
        for row in try database.fetchAll(sql: """
            SELECT detail FROM quality_notes WHERE project_id = ? AND country IS NOT NULL ORDER BY id
            """, arguments: [.text(record.id)]) {
            field("Flagged", row.string(0))
        }
        field("Note", record.note)
        try entity(of: record.id)
        try owners(of: record.id)
        terms(record.terms, periods: try TermPeriods.of(database, project: record.id))
        let agreements = try database.fetchAll(
            sql: "SELECT id, title, signed FROM agreements WHERE project_id = ? ORDER BY signed, id",
            arguments: [.text(record.id)])
        if !agreements.isEmpty {
            section("Agreements")
            for row in agreements {
                lines.append("  \(row.string(2) ?? "undated")  \(row.string(0) ?? "")  \(row.string(1) ?? "")")
            }
        }
        try financeBehind(project: record.id)
        try timeline(where: "project_id = ?", record.id)
    }

    /// "a route of 11 points, approximate per its source, drawn by seed-route-sketches (Chayanda field, ...)".
    static func mapText(_ geometry: ProjectGeometry, _ shape: Geometry) -> String {
        let points = shape.vertices.count
        var text = shape.lines.isEmpty
            ? (points == 1 ? "a site" : "\(points) sites")
            : "a route of \(points) points" + (shape.lines.count > 1 ? " in \(shape.lines.count) pieces" : "")
        if let accuracy = geometry.accuracy { text += ", \(accuracy) per its source" }
        if let source = geometry.source { text += ", drawn by \(source)" + (geometry.locator.map { " (\($0))" } ?? "") }
        return text
    }

    mutating func party(_ record: PartyRecord) throws {
        heading("Party \(record.id)")
        field("Name", record.name)
        field("Kind", record.kind)
        if let country = record.country { field("Country", "\(try countryName(country)) (\(country))") }
        if !record.aliases.isEmpty { field("Also", record.aliases.joined(separator: "; ")) }
        field("Note", record.note)
        let roles = try database.fetchAll(sql: """
            SELECT a.id, a.title, a.signed, ap.role, ap.confirmed, ap.citable_id
            FROM agreement_parties AS ap JOIN agreements AS a ON a.id = ap.agreement_id
            WHERE ap.party_id = ? ORDER BY a.signed, a.id, ap.position
            """, arguments: [.text(record.id)])
        if !roles.isEmpty {
            section("Agreements")
            for row in roles {
                let cited = try citations(row.int64(5))
                lines.append("  \(row.string(2) ?? "undated")  \(row.string(0) ?? "")  \(row.string(3) ?? "")"
                    + " (confirmed \(row.string(4) ?? "unknown"))  \(row.string(1) ?? "")\(marks(cited))")
            }
        }
        try projectsOwned(by: record.id)
        try timeline(where: "id IN (SELECT event_id FROM event_parties WHERE party_id = ?)", record.id)
    }

    mutating func source(_ record: SourceRecord) throws {
        heading("Source \(record.id)")
        field("Title", record.title)
        field("Kind", record.kind)
        field("Publisher", record.publisher)
        field("Published", record.published)
        field("URL", record.url)
        field("Note", record.note)
        let cited = try database.fetchAll(sql: """
            SELECT c.kind, count(*) FROM citations AS x JOIN citables AS c ON c.id = x.citable_id
            WHERE x.source_id = ? GROUP BY c.kind ORDER BY c.kind
            """, arguments: [.text(record.id)])
        field("Cited by", cited.isEmpty ? "nothing yet"
              : cited.map { "\($0.int64(1) ?? 0) \($0.string(0) ?? "")" }.joined(separator: ", "))
    }

    mutating func event(_ record: EventRecord) throws {
        heading("Event \(record.id)\(marks(record.sources))")
        field("Date", record.date + (record.dateKind == "planned" ? " (planned)" : ""))
        field("Title", record.title)
        field("Agreement", record.agreement)
        field("Project", record.project)
        if !record.parties.isEmpty { field("Parties", record.parties.joined(separator: "; ")) }
    }

    // MARK: Parts

    /// Direct owners, then the parent companies behind them, with shares and
    /// the source that lists them.
    private mutating func owners(of project: String) throws {
        let rows = try database.fetchAll(sql: """
            SELECT o.level, o.party_id, p.name, o.share, o.source_id, o.unnamed
            FROM project_owners AS o LEFT JOIN parties AS p ON p.id = o.party_id
            WHERE o.project_id = ? ORDER BY o.level = 'parent', o.position
            """, arguments: [.text(project)])
        for (level, title) in [("owner", "Owners"), ("parent", "Parents (ultimate owners)")] {
            let owners = rows.filter { $0.string(0) == level }
            guard !owners.isEmpty else { continue }
            section(title)
            for row in owners {
                let share = row.double(3).map { "  " + NumberText.plain($0) + "%" } ?? "  share not given"
                let cited = row.string(4).map { [Citation(source: $0, locator: nil)] } ?? []
                // A holder the source does not name is shown in its words, as no party.
                let holder = row.string(5).map { "not named (the source says \"\($0)\")" }
                    ?? "\(row.string(2) ?? "") (\(row.string(1) ?? ""))"
                lines.append("  \(holder)\(share)\(marks(cited))")
            }
        }
    }

    /// The projects a party owns, directly or as a parent company, once each.
    private mutating func projectsOwned(by party: String) throws {
        let rows = try database.fetchAll(sql: """
            SELECT o.project_id, p.name, p.status,
                   max(o.level = 'owner'), max(CASE o.level WHEN 'owner' THEN o.share END),
                   max(o.level = 'parent'), max(CASE o.level WHEN 'parent' THEN o.share END)
            FROM project_owners AS o JOIN projects AS p ON p.id = o.project_id
            WHERE o.party_id = ? GROUP BY o.project_id ORDER BY o.project_id
            """, arguments: [.text(party)])
        guard !rows.isEmpty else { return }
        section("Projects owned (\(rows.count))")
        for row in rows {
            func share(_ index: Int) -> String { row.double(index).map { NumberText.plain($0) + "%" } ?? "share not given" }
            var how: [String] = []
            if row.int64(3) == 1 { how.append(share(4)) }
            if row.int64(5) == 1 { how.append("as parent company" + (row.double(6).map { " " + NumberText.plain($0) + "%" } ?? "")) }
            lines.append("  \(row.string(0) ?? "")  \(row.string(1) ?? "")  (\(row.string(2) ?? "status unknown"))  "
                + how.joined(separator: "; "))
        }
    }

    /// With --as-of, only the terms in force then (an agreement's terms not
    /// before it was signed nor after it ended: `periods`, one per term).
    private mutating func terms(_ terms: [TermRecord], periods: [TermPeriods.Period]) {
        let shown = terms.enumerated().filter { index, _ in
            guard let asOf else { return true }
            return index < periods.count ? periods[index].contains(asOf) : true
        }.map(\.element)
        guard !shown.isEmpty else { return }
        section(asOf.map { "Terms as of \($0)" } ?? "Terms")
        // Grouped by metric, oldest first, so a changed figure reads as history.
        let ordered = shown.enumerated().sorted { lhs, rhs in
            if lhs.element.metric != rhs.element.metric {
                return Vocabulary.metrics.firstIndex(of: lhs.element.metric) ?? 0
                    < Vocabulary.metrics.firstIndex(of: rhs.element.metric) ?? 0
            }
            let left = lhs.element.validFrom ?? "", right = rhs.element.validFrom ?? ""
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        for term in ordered {
            var value = term.value.map { NumberText.plain($0) + (term.unit.map { " \($0)" } ?? "") } ?? "—"
            if term.value == nil, let unit = term.unit { value = unit }
            var validity = ""
            if term.validFrom != nil || term.validTo != nil {
                validity = "  valid \(term.validFrom ?? "…")–\(term.validTo ?? "")"
            }
            lines.append("  \(term.metric): \(value)  [\(term.status), \(term.evidence), \(term.disclosure)]"
                + validity + marks(term.sources))
            if let text = term.text { lines.append("      \(text)") }
        }
        if let asOf { changes(in: ordered, during: asOf) }
    }

    /// Two values of one metric both in force "as of 2025" mean it changed
    /// during 2025 (docs/FORMAT.md): said so, not left side by side.
    private mutating func changes(in terms: [TermRecord], during asOf: String) {
        var metrics: [String] = []
        for term in terms where !metrics.contains(term.metric) { metrics.append(term.metric) }
        for metric in metrics {
            let valued = terms.filter { $0.metric == metric && $0.value != nil }
            let values = valued.map { NumberText.plain($0.value ?? 0) + ($0.unit.map { " \($0)" } ?? "") }
            guard Set(values).count > 1, Set(valued.map { $0.validFrom ?? "" }).count > 1 else { continue }
            var distinct: [String] = []
            for value in values where distinct.last != value { distinct.append(value) }
            lines.append("  \(metric) changed during \(asOf): \(distinct.joined(separator: " → "))")
        }
    }

    private mutating func timeline(where condition: String, _ id: String) throws {
        // `condition` is one of the constant clauses above; the id is bound.
        var sql = "SELECT e.date, e.date_kind, e.title, e.citable_id FROM events AS e WHERE \(condition)"
        var arguments: [SQLiteValue] = [.text(id)]
        if let asOf {
            // On or before as_of by the days each covers (DateSpanSQL); `?` is used twice.
            sql += " AND (SELECT v.first_day FROM event_spans AS v WHERE v.event_id = e.id) <= "
                + DateSpanSQL.lastDay(of: "?")
            arguments += [.text(asOf), .text(asOf)]
        }
        // Coarse dates keep the source's order (EventOrder).
        let rows = try database.fetchAll(sql: sql + " ORDER BY " + EventOrder.eventsClause("e"), arguments: arguments)
        guard !rows.isEmpty else { return }
        section(asOf.map { "Timeline up to \($0)" } ?? "Timeline")
        for row in rows {
            let planned = row.string(1) == "planned" ? " (planned)" : ""
            lines.append("  \(row.string(0) ?? "")\(planned)  \(row.string(2) ?? "")\(marks(try citations(row.int64(3))))")
        }
    }

    mutating func marks(_ citations: [Citation]) -> String {
        guard !citations.isEmpty else { return "" }
        return " " + citations.map { citation -> String in
            if let index = notes.firstIndex(of: citation) { return "[\(index + 1)]" }
            notes.append(citation)
            return "[\(notes.count)]"
        }.joined()
    }

    private mutating func heading(_ text: String) { lines.append(text) }

    mutating func section(_ title: String) {
        lines += ["", title]
    }

    mutating func field(_ label: String, _ value: String?) {
        guard let value else { return }
        let padded = (label + ":").padding(toLength: 11, withPad: " ", startingAt: 0)
        lines.append("  \(padded)\(value)")
    }

    private func name(of table: String, _ id: String) throws -> String {
        // `table` is "parties" or "projects", both with a name column.
        try database.scalar(sql: "SELECT name FROM \(table) WHERE id = ?", arguments: [.text(id)]).string ?? id
    }

    func countryName(_ code: String) throws -> String {
        try database.scalar(sql: "SELECT coalesce(common_name, name) FROM countries WHERE code = ?",
                            arguments: [.text(code)]).string ?? code
    }

    func citations(_ citableID: Int64?) throws -> [Citation] {
        try DocumentReader(database: database).citations(citableID)
    }

    private func sourceLine(_ citation: Citation) -> String {
        let row = try? database.fetchOne(sql: "SELECT title, publisher, published, url FROM sources WHERE id = ?",
                                         arguments: [.text(citation.source)])
        var parts = [row?.string(0) ?? citation.source]
        if let publisher = row?.string(1) { parts.append(publisher) }
        if let published = row?.string(2) { parts.append(published) }
        var line = parts.joined(separator: ", ") + " (\(citation.source))"
        if let locator = citation.locator { line += ", \(locator)" }
        if let url = row?.string(3) { line += " <\(url)>" }
        return line
    }
}
