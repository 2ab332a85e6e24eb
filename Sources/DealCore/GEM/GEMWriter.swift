import Foundation
import SQLiteKit

/// Writes GEM projects: creates them, or updates them in place (keeping
/// their citable ids) and replaces their route, terms, start event, owners
/// and citations, so a newer release replaces what an older one said.
struct GEMWriter {
    let database: Database
    let sourceID: String
    /// Folded party names and aliases to party ids, grown as parties are created.
    private var partiesByName: [String: String] = [:]
    private var partyIDs: Set<String> = []

    init(database: Database, sourceID: String) throws {
        self.database = database
        self.sourceID = sourceID
        for row in try database.fetchAll(sql: "SELECT id, name FROM parties ORDER BY id") {
            guard let id = row.string(0) else { continue }
            partyIDs.insert(id)
            if let name = row.string(1) { partiesByName[Self.fold(name)] = partiesByName[Self.fold(name)] ?? id }
        }
        for row in try database.fetchAll(sql: "SELECT party_id, alias FROM party_aliases ORDER BY party_id, position") {
            guard let id = row.string(0), let alias = row.string(1) else { continue }
            partiesByName[Self.fold(alias)] = partiesByName[Self.fold(alias)] ?? id
        }
    }

    static func fold(_ name: String) -> String {
        name.folding(options: [.caseInsensitive], locale: .posix)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    mutating func write(_ project: GEMProject, summary: inout GEMImporter.Summary) throws {
        let id = SQLiteValue.text(project.id)
        let citable: Int64
        var before: SQLiteValue?
        if let existing = try database.scalar(sql: "SELECT citable_id FROM projects WHERE id = ?", arguments: [id]).int64 {
            citable = existing
            before = try database.scalar(sql: Self.factsSQL, arguments: [id])
            try database.execute(
                sql: "UPDATE projects SET name = ?, kind = ?, commodity = ?, status = ?, note = ? WHERE id = ?",
                arguments: [.text(project.name), .text(project.kind), .text(project.commodity),
                            SQLiteValue(project.status), SQLiteValue(noteText(project)), id])
        } else {
            citable = try newCitable("project")
            try database.execute(
                sql: "INSERT INTO projects (id, citable_id, name, kind, commodity, status, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, .integer(citable), .text(project.name), .text(project.kind), .text(project.commodity),
                            SQLiteValue(project.status), SQLiteValue(noteText(project))])
            summary.projectsCreated += 1
        }
        try cite(citable, locator: "line \(project.line)")

        try database.execute(sql: "DELETE FROM project_route WHERE project_id = ?", arguments: [id])
        for (index, stop) in project.route.enumerated() {
            try database.execute(
                sql: "INSERT INTO project_route (project_id, position, country, role) VALUES (?, ?, ?, ?)",
                arguments: [id, .integer(Int64(index + 1)), .text(stop.country), .text(stop.role)])
        }

        // Deleting a term releases its citable and so its citations (triggers),
        // and its quality notes (foreign key); the project's own go here.
        try database.execute(sql: "DELETE FROM quality_notes WHERE project_id = ?", arguments: [id])
        try database.execute(sql: "DELETE FROM terms WHERE project_id = ?", arguments: [id])
        var termIDs: [Int64] = []
        for (index, term) in project.terms.enumerated() {
            let termCitable = try newCitable("term")
            try database.execute(
                sql: """
                    INSERT INTO terms (citable_id, project_id, position, metric, value, unit, text, status, evidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'reported')
                    """,
                arguments: [.integer(termCitable), id, .integer(Int64(index + 1)), .text(term.metric),
                            SQLiteValue(term.value), .text(term.unit), SQLiteValue(term.text), .text(project.termStatus)])
            termIDs.append(database.lastInsertRowID)
            try cite(termCitable, locator: "line \(project.line)")
            summary.terms += 1
        }
        for note in project.qualityNotes {
            let term = note.term.flatMap { $0 < termIDs.count ? termIDs[$0] : nil }
            try database.execute(
                sql: """
                    INSERT INTO quality_notes (rule, project_id, term_id, source_id, locator, detail)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [.text(note.rule), id, SQLiteValue(term), .text(sourceID), .text("line \(project.line)"),
                            .text(note.detail)])
        }

        try writeStartEvent(project, summary: &summary)
        try writeOwners(project, summary: &summary)
        if let before {
            if try database.scalar(sql: Self.factsSQL, arguments: [id]) == before {
                summary.projectsUnchanged += 1
            } else {
                summary.projectsUpdated += 1
            }
        }
    }

    /// Everything the import writes about one project (`?` is its id), as
    /// one JSON text: its row, route, terms, start event and owners, with the
    /// citations of each (source and locator). Compared before and after a
    /// re-import, it tells an update from a project that came back the same;
    /// the rows themselves are rewritten either way, with new term ids.
    static let factsSQL = """
        SELECT json_array(
            (SELECT json_array(name, kind, commodity, status, note) FROM projects WHERE id = ?1),
            (SELECT json_group_array(json_array(source_id, locator))
             FROM (SELECT c.source_id, c.locator FROM projects AS p JOIN citations AS c ON c.citable_id = p.citable_id
                   WHERE p.id = ?1 ORDER BY c.source_id, c.locator)),
            (SELECT json_group_array(json_array(position, country, role))
             FROM (SELECT position, country, role FROM project_route WHERE project_id = ?1 ORDER BY position)),
            (SELECT json_group_array(json_array(position, metric, value, unit, text, status, evidence))
             FROM (SELECT * FROM terms WHERE project_id = ?1 ORDER BY position)),
            (SELECT json_group_array(json_array(position, source_id, locator))
             FROM (SELECT t.position, c.source_id, c.locator FROM terms AS t JOIN citations AS c ON c.citable_id = t.citable_id
                   WHERE t.project_id = ?1 ORDER BY t.position, c.source_id, c.locator)),
            (SELECT json_array(date, date_kind, title, project_id) FROM events WHERE id = ?1 || '-start'),
            (SELECT json_group_array(json_array(source_id, locator))
             FROM (SELECT c.source_id, c.locator FROM events AS e JOIN citations AS c ON c.citable_id = e.citable_id
                   WHERE e.id = ?1 || '-start' ORDER BY c.source_id, c.locator)),
            (SELECT json_group_array(json_array(level, position, party_id, share, source_id))
             FROM (SELECT * FROM project_owners WHERE project_id = ?1 ORDER BY level, position)),
            (SELECT json_group_array(json_array(rule, detail, locator))
             FROM (SELECT * FROM quality_notes WHERE project_id = ?1 ORDER BY id)))
        """

    private func noteText(_ project: GEMProject) -> String? {
        let parts = [project.part.map { "part: \($0)" }, project.note].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private func writeStartEvent(_ project: GEMProject, summary: inout GEMImporter.Summary) throws {
        let eventID = SQLiteValue.text(project.id + "-start")
        guard let year = project.startYear else {
            try database.execute(sql: "DELETE FROM events WHERE id = ?", arguments: [eventID])
            return
        }
        summary.events += 1
        let title = "\(project.displayName): start of operation"
        if let existing = try database.scalar(sql: "SELECT citable_id FROM events WHERE id = ?", arguments: [eventID]).int64 {
            try database.execute(
                sql: "UPDATE events SET date = ?, date_kind = ?, title = ?, project_id = ? WHERE id = ?",
                arguments: [.text(year), .text(project.startDateKind), .text(title), .text(project.id), eventID])
            try cite(existing, locator: "line \(project.line)")
        } else {
            let citable = try newCitable("event")
            try database.execute(
                sql: "INSERT INTO events (id, citable_id, date, date_kind, title, project_id) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [eventID, .integer(citable), .text(year), .text(project.startDateKind), .text(title),
                            .text(project.id)])
            try cite(citable, locator: "line \(project.line)")
        }
    }

    private mutating func writeOwners(_ project: GEMProject, summary: inout GEMImporter.Summary) throws {
        let id = SQLiteValue.text(project.id)
        try database.execute(sql: "DELETE FROM project_owners WHERE project_id = ?", arguments: [id])
        for (level, owners) in [("owner", project.owners), ("parent", project.parents)] {
            var placed = Set<String>()
            for owner in owners {
                let party = try partyID(for: owner.name, project: project.id, summary: &summary)
                // GEM sometimes lists one company twice; the first share stands.
                guard placed.insert(party).inserted else { continue }
                try database.execute(
                    sql: """
                        INSERT INTO project_owners (project_id, level, position, party_id, share, source_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, .text(level), .integer(Int64(placed.count)), .text(party),
                                SQLiteValue(owner.share), .text(sourceID)])
                summary.owners += 1
            }
        }
    }

    /// An existing party with this name or alias (in any case), else a new one.
    private mutating func partyID(for name: String, project: String, summary: inout GEMImporter.Summary) throws -> String {
        let key = Self.fold(name)
        if let id = partiesByName[key] { return id }
        var base = PartySlug.make(name)
        // A name with no letter to spell ("100%", "—") is named after the
        // project it owns, never a bare number or "party-N".
        if base.isEmpty { base = "owner-of-" + Slug.make(String(project.dropFirst(project.hasPrefix("gem-") ? 4 : 0)), maxLength: 40) }
        var id = base, number = 1
        while partyIDs.contains(id) {
            number += 1
            id = "\(base)-\(number)"
        }
        try database.execute(
            sql: "INSERT INTO parties (id, name, kind, note) VALUES (?, ?, ?, ?)",
            arguments: [.text(id), .text(name), .text(Self.kind(of: name)),
                        .text("created by the GEM import (\(sourceID))")])
        partyIDs.insert(id)
        partiesByName[key] = id
        summary.partiesCreated += 1
        return id
    }

    /// Company unless the name says otherwise.
    static func kind(of name: String) -> String {
        let lower = " " + name.lowercased() + " "
        if ["ministry", "government", "republic of", "state of ", "kingdom of", "federal "].contains(where: lower.contains) {
            return "government"
        }
        if lower.contains("development bank") || lower.contains("investment bank") { return "development_bank" }
        if lower.contains(" bank ") { return "bank" }
        if lower.contains(" fund ") || lower.contains(" swf ") { return "fund" }
        return "company"
    }

    private func newCitable(_ kind: String) throws -> Int64 {
        try database.execute(sql: "INSERT INTO citables (kind) VALUES (?)", arguments: [.text(kind)])
        return database.lastInsertRowID
    }

    /// One citation, to this release: an update drops what an older one cited.
    private func cite(_ citable: Int64, locator: String) throws {
        try database.execute(sql: "DELETE FROM citations WHERE citable_id = ?", arguments: [.integer(citable)])
        try database.execute(sql: "INSERT INTO citations (citable_id, position, source_id, locator) VALUES (?, 1, ?, ?)",
                             arguments: [.integer(citable), .text(sourceID), .text(locator)])
    }
}
