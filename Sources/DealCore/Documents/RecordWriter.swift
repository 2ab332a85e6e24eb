import SQLiteKit

/// Writes one validated record, creating it or updating it in place. An
/// update keeps the row (and its citable id, so links from elsewhere hold)
/// and replaces its child lists: aliases, route, parties, terms, citations.
struct RecordWriter {
    let database: Database

    func write(_ record: SourceRecord, replacing: Bool) throws {
        let values: [SQLiteValue] = [.text(record.title), .text(record.kind), SQLiteValue(record.publisher),
                                     SQLiteValue(record.published), SQLiteValue(record.url), SQLiteValue(record.note),
                                     .text(record.id)]
        try database.execute(
            sql: replacing
                ? "UPDATE sources SET title = ?, kind = ?, publisher = ?, published = ?, url = ?, note = ? WHERE id = ?"
                : "INSERT INTO sources (title, kind, publisher, published, url, note, id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: values)
    }

    func write(_ record: PartyRecord, replacing: Bool) throws {
        let values: [SQLiteValue] = [.text(record.name), .text(record.kind), SQLiteValue(record.country),
                                     SQLiteValue(record.note), .text(record.id)]
        try database.execute(
            sql: replacing
                ? "UPDATE parties SET name = ?, kind = ?, country = ?, note = ? WHERE id = ?"
                : "INSERT INTO parties (name, kind, country, note, id) VALUES (?, ?, ?, ?, ?)",
            arguments: values)
        try database.execute(sql: "DELETE FROM party_aliases WHERE party_id = ?", arguments: [.text(record.id)])
        for (index, alias) in record.aliases.enumerated() {
            try database.execute(sql: "INSERT INTO party_aliases (party_id, position, alias) VALUES (?, ?, ?)",
                                 arguments: [.text(record.id), .integer(Int64(index + 1)), .text(alias)])
        }
    }

    func write(_ record: ProjectRecord, replacing: Bool) throws {
        let citable = try citableID(table: "projects", id: record.id, kind: "project", replacing: replacing)
        let values: [SQLiteValue] = [.text(record.name), .text(record.kind), SQLiteValue(record.commodity),
                                     SQLiteValue(record.status), SQLiteValue(record.note), .integer(citable),
                                     .text(record.id)]
        try database.execute(
            sql: replacing
                ? "UPDATE projects SET name = ?, kind = ?, commodity = ?, status = ?, note = ?, citable_id = ? WHERE id = ?"
                : "INSERT INTO projects (name, kind, commodity, status, note, citable_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: values)
        try database.execute(sql: "DELETE FROM project_route WHERE project_id = ?", arguments: [.text(record.id)])
        for (index, stop) in record.route.enumerated() {
            try database.execute(
                sql: "INSERT INTO project_route (project_id, position, country, role) VALUES (?, ?, ?, ?)",
                arguments: [.text(record.id), .integer(Int64(index + 1)), .text(stop.country), .text(stop.role)])
        }
        try replaceTerms(record.terms, ownerColumn: "project_id", ownerID: record.id)
        try cite(citable, record.sources)
    }

    func write(_ record: AgreementRecord, replacing: Bool) throws {
        let citable = try citableID(table: "agreements", id: record.id, kind: "agreement", replacing: replacing)
        let values: [SQLiteValue] = [.text(record.title), .text(record.kind), .text(record.binding),
                                     SQLiteValue(record.status), SQLiteValue(record.signed), SQLiteValue(record.project),
                                     SQLiteValue(record.summary), .integer(citable), .text(record.id)]
        try database.execute(
            sql: replacing
                ? """
                  UPDATE agreements SET title = ?, kind = ?, binding = ?, status = ?, signed = ?, project_id = ?,
                      summary = ?, citable_id = ? WHERE id = ?
                  """
                : """
                  INSERT INTO agreements (title, kind, binding, status, signed, project_id, summary, citable_id, id)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  """,
            arguments: values)
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
        let values: [SQLiteValue] = [.text(record.date), .text(record.dateKind), .text(record.title),
                                     SQLiteValue(record.agreement), SQLiteValue(record.project), .integer(citable),
                                     .text(record.id)]
        try database.execute(
            sql: replacing
                ? "UPDATE events SET date = ?, date_kind = ?, title = ?, agreement_id = ?, project_id = ?, citable_id = ? WHERE id = ?"
                : "INSERT INTO events (date, date_kind, title, agreement_id, project_id, citable_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: values)
        try database.execute(sql: "DELETE FROM event_parties WHERE event_id = ?", arguments: [.text(record.id)])
        for (index, party) in record.parties.enumerated() {
            try database.execute(sql: "INSERT INTO event_parties (event_id, position, party_id) VALUES (?, ?, ?)",
                                 arguments: [.text(record.id), .integer(Int64(index + 1)), .text(party)])
        }
        try cite(citable, record.sources)
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
