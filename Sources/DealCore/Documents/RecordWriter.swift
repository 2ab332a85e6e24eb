import SQLiteKit

/// Writes one validated record, creating it or updating it in place. An
/// update keeps the row (and its citable id, so links from elsewhere hold)
/// and replaces its child lists: aliases, route, parties, terms, citations.
struct RecordWriter {
    let database: Database

    func write(_ record: SourceRecord, replacing: Bool) throws {
        try saveRow(in: "sources", id: record.id, replacing: replacing, [
            ("title", .text(record.title)), ("kind", .text(record.kind)), ("publisher", SQLiteValue(record.publisher)),
            ("published", SQLiteValue(record.published)), ("url", SQLiteValue(record.url)),
            ("note", SQLiteValue(record.note)),
        ])
    }

    func write(_ record: PartyRecord, replacing: Bool) throws {
        try saveRow(in: "parties", id: record.id, replacing: replacing, [
            ("name", .text(record.name)), ("kind", .text(record.kind)), ("country", SQLiteValue(record.country)),
            ("note", SQLiteValue(record.note)),
        ])
        try database.execute(sql: "DELETE FROM party_aliases WHERE party_id = ?", arguments: [.text(record.id)])
        for (index, alias) in record.aliases.enumerated() {
            try database.execute(sql: "INSERT INTO party_aliases (party_id, position, alias) VALUES (?, ?, ?)",
                                 arguments: [.text(record.id), .integer(Int64(index + 1)), .text(alias)])
        }
    }

    func write(_ record: ProjectRecord, replacing: Bool) throws {
        let citable = try citableID(table: "projects", id: record.id, kind: "project", replacing: replacing)
        try saveRow(in: "projects", id: record.id, replacing: replacing, [
            ("name", .text(record.name)), ("kind", .text(record.kind)), ("commodity", SQLiteValue(record.commodity)),
            ("status", SQLiteValue(record.status)), ("note", SQLiteValue(record.note)), ("citable_id", .integer(citable)),
        ])
        try database.execute(sql: "DELETE FROM project_route WHERE project_id = ?", arguments: [.text(record.id)])
        for (index, stop) in record.route.enumerated() {
            try database.execute(
                sql: "INSERT INTO project_route (project_id, position, country, role) VALUES (?, ?, ?, ?)",
                arguments: [.text(record.id), .integer(Int64(index + 1)), .text(stop.country), .text(stop.role)])
        }
        try replaceTerms(record.terms, ownerColumn: "project_id", ownerID: record.id)
        try cite(citable, record.sources)
        try database.execute(sql: "DELETE FROM project_owners WHERE project_id = ?", arguments: [.text(record.id)])
        for (level, owners) in [("owner", record.owners), ("parent", record.parents)] {
            for (index, owner) in owners.enumerated() {
                try database.execute(
                    sql: """
                        INSERT INTO project_owners (project_id, level, position, party_id, share, source_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [.text(record.id), .text(level), .integer(Int64(index + 1)), .text(owner.party),
                                SQLiteValue(owner.share), .text(owner.source)])
            }
        }
    }

    func write(_ record: AgreementRecord, replacing: Bool) throws {
        let citable = try citableID(table: "agreements", id: record.id, kind: "agreement", replacing: replacing)
        try saveRow(in: "agreements", id: record.id, replacing: replacing, [
            ("title", .text(record.title)), ("kind", .text(record.kind)), ("binding", .text(record.binding)),
            ("status", SQLiteValue(record.status)), ("signed", SQLiteValue(record.signed)),
            ("ended", SQLiteValue(record.ended)), ("project_id", SQLiteValue(record.project)), ("summary", SQLiteValue(record.summary)),
            ("citable_id", .integer(citable)),
        ])
        try database.execute(sql: "DELETE FROM agreement_parties WHERE agreement_id = ?", arguments: [.text(record.id)])
        for (index, party) in record.parties.enumerated() {
            let partyCitable = try newCitable("agreement_party")
            try database.execute(
                sql: """
                    INSERT INTO agreement_parties (citable_id, agreement_id, position, party_id, role, confirmed, share)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [.integer(partyCitable), .text(record.id), .integer(Int64(index + 1)), .text(party.party),
                            .text(party.role), .text(party.confirmed), SQLiteValue(party.share)])
            try cite(partyCitable, party.sources)
        }
        try replaceTerms(record.terms, ownerColumn: "agreement_id", ownerID: record.id)
        try cite(citable, record.sources)
    }

    func write(_ record: EventRecord, replacing: Bool) throws {
        let citable = try citableID(table: "events", id: record.id, kind: "event", replacing: replacing)
        try saveRow(in: "events", id: record.id, replacing: replacing, [
            ("date", .text(record.date)), ("date_kind", .text(record.dateKind)), ("title", .text(record.title)),
            ("agreement_id", SQLiteValue(record.agreement)), ("project_id", SQLiteValue(record.project)),
            ("citable_id", .integer(citable)),
        ])
        try database.execute(sql: "DELETE FROM event_parties WHERE event_id = ?", arguments: [.text(record.id)])
        for (index, party) in record.parties.enumerated() {
            try database.execute(sql: "INSERT INTO event_parties (event_id, position, party_id) VALUES (?, ?, ?)",
                                 arguments: [.text(record.id), .integer(Int64(index + 1)), .text(party)])
        }
        try cite(citable, record.sources)
    }

    // MARK: Rows

    /// Inserts the record's own row, or updates it in place (keeping its
    /// rowid and whatever points at it). `table` and the column names are
    /// constants of this file; only the values come from the document.
    private func saveRow(in table: String, id: String, replacing: Bool,
                         _ columns: [(name: String, value: SQLiteValue)]) throws {
        let sql = replacing
            ? "UPDATE \(table) SET " + columns.map { "\($0.name) = ?" }.joined(separator: ", ") + " WHERE id = ?"
            : "INSERT INTO \(table) (" + (columns.map(\.name) + ["id"]).joined(separator: ", ") + ") VALUES ("
                + Array(repeating: "?", count: columns.count + 1).joined(separator: ", ") + ")"
        try database.execute(sql: sql, arguments: columns.map(\.value) + [.text(id)])
    }

    // MARK: Children

    /// The existing row's citable id when updating, else a new one. `table`
    /// is one of our constant table names, never user text.
    private func citableID(table: String, id: String, kind: String, replacing: Bool) throws -> Int64 {
        if replacing, let existing = try database.scalar(
            sql: "SELECT citable_id FROM \(table) WHERE id = ?", arguments: [.text(id)]).int64 {
            return existing
        }
        return try newCitable(kind)
    }

    private func newCitable(_ kind: String) throws -> Int64 {
        try database.execute(sql: "INSERT INTO citables (kind) VALUES (?)", arguments: [.text(kind)])
        return database.lastInsertRowID
    }

    private func replaceTerms(_ terms: [TermRecord], ownerColumn: String, ownerID: String) throws {
        // Deleting a term releases its citable and so its citations (triggers).
        try database.execute(sql: "DELETE FROM terms WHERE \(ownerColumn) = ?", arguments: [.text(ownerID)])
        for (index, term) in terms.enumerated() {
            let citable = try newCitable("term")
            try database.execute(
                sql: """
                    INSERT INTO terms (citable_id, \(ownerColumn), position, metric, value, unit, text, status,
                                       evidence, disclosure, valid_from, valid_to)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [.integer(citable), .text(ownerID), .integer(Int64(index + 1)), .text(term.metric),
                            SQLiteValue(term.value), SQLiteValue(term.unit), SQLiteValue(term.text),
                            .text(term.status), .text(term.evidence), .text(term.disclosure),
                            SQLiteValue(term.validFrom), SQLiteValue(term.validTo)])
            try cite(citable, term.sources)
        }
    }

    private func cite(_ citable: Int64, _ citations: [Citation]) throws {
        try database.execute(sql: "DELETE FROM citations WHERE citable_id = ?", arguments: [.integer(citable)])
        for (index, citation) in citations.enumerated() {
            try database.execute(
                sql: "INSERT INTO citations (citable_id, position, source_id, locator) VALUES (?, ?, ?, ?)",
                arguments: [.integer(citable), .integer(Int64(index + 1)), .text(citation.source),
                            SQLiteValue(citation.locator)])
        }
    }
}
