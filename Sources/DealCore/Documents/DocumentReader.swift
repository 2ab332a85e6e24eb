import SQLiteKit

/// Reads records back out of the database in document form: for export,
/// and to tell an import which records it creates, changes or leaves alone.
struct DocumentReader {
    let database: Database

    func sourceIDs() throws -> [String] { try ids("SELECT id FROM sources ORDER BY id") }
    func partyIDs() throws -> [String] { try ids("SELECT id FROM parties ORDER BY id") }
    func projectIDs() throws -> [String] { try ids("SELECT id FROM projects ORDER BY id") }
    func agreementIDs() throws -> [String] { try ids("SELECT id FROM agreements ORDER BY signed, id") }
    func eventIDs() throws -> [String] { try ids("SELECT id FROM events ORDER BY date, id") }

    func source(_ id: String) throws -> SourceRecord? {
        guard let row = try database.fetchOne(
            sql: "SELECT id, title, kind, publisher, published, url, note FROM sources WHERE id = ?",
            arguments: [.text(id)]) else { return nil }
        return SourceRecord(id: id, title: row.string(1) ?? "", kind: row.string(2) ?? "other",
                            publisher: row.string(3), published: row.string(4), url: row.string(5),
                            note: row.string(6))
    }

    func party(_ id: String) throws -> PartyRecord? {
        guard let row = try database.fetchOne(
            sql: "SELECT name, kind, country, note FROM parties WHERE id = ?", arguments: [.text(id)]) else { return nil }
        let aliases = try database.fetchAll(
            sql: "SELECT alias FROM party_aliases WHERE party_id = ? ORDER BY position", arguments: [.text(id)])
        return PartyRecord(id: id, name: row.string(0) ?? "", kind: row.string(1) ?? "", country: row.string(2),
                           aliases: aliases.compactMap { $0.string(0) }, note: row.string(3))
    }

    func project(_ id: String) throws -> ProjectRecord? {
        guard let row = try database.fetchOne(
            sql: "SELECT name, kind, commodity, status, note, citable_id FROM projects WHERE id = ?",
            arguments: [.text(id)]) else { return nil }
        let route = try database.fetchAll(
            sql: "SELECT country, role FROM project_route WHERE project_id = ? ORDER BY position",
            arguments: [.text(id)])
        let stakes = try database.fetchAll(
            sql: "SELECT level, party_id, share, source_id FROM project_owners WHERE project_id = ? ORDER BY level, position",
            arguments: [.text(id)])
        func owners(_ level: String) -> [ProjectOwner] {
            stakes.filter { $0.string(0) == level }.map {
                ProjectOwner(party: $0.string(1) ?? "", share: $0.double(2), source: $0.string(3) ?? "")
            }
        }
        return ProjectRecord(
            id: id, name: row.string(0) ?? "", kind: row.string(1) ?? "other", commodity: row.string(2),
            status: row.string(3),
            route: route.map { RouteStop(country: $0.string(0) ?? "", role: $0.string(1) ?? "") },
            terms: try terms(owner: "project_id", id: id), sources: try citations(row.int64(5)),
            note: row.string(4), owners: owners("owner"), parents: owners("parent"))
    }

    func agreement(_ id: String) throws -> AgreementRecord? {
        guard let row = try database.fetchOne(
            sql: """
                SELECT title, kind, binding, status, signed, project_id, summary, citable_id, ended
                FROM agreements WHERE id = ?
                """,
            arguments: [.text(id)]) else { return nil }
        var parties: [AgreementParty] = []
        for party in try database.fetchAll(
            sql: """
                SELECT party_id, role, confirmed, share, citable_id FROM agreement_parties
                WHERE agreement_id = ? ORDER BY position
                """,
            arguments: [.text(id)]) {
            parties.append(AgreementParty(
                party: party.string(0) ?? "", role: party.string(1) ?? "", confirmed: party.string(2) ?? "unknown",
                share: party.double(3), sources: try citations(party.int64(4))))
        }
        return AgreementRecord(
            id: id, title: row.string(0) ?? "", kind: row.string(1) ?? "other", binding: row.string(2) ?? "unknown",
            status: row.string(3), signed: row.string(4), ended: row.string(8), project: row.string(5), parties: parties,
            terms: try terms(owner: "agreement_id", id: id), sources: try citations(row.int64(7)),
            summary: row.string(6))
    }

    func event(_ id: String) throws -> EventRecord? {
        guard let row = try database.fetchOne(
            sql: "SELECT date, date_kind, title, agreement_id, project_id, citable_id FROM events WHERE id = ?",
            arguments: [.text(id)]) else { return nil }
        let parties = try database.fetchAll(
            sql: "SELECT party_id FROM event_parties WHERE event_id = ? ORDER BY position", arguments: [.text(id)])
        return EventRecord(
            id: id, date: row.string(0) ?? "", dateKind: row.string(1) ?? "actual", title: row.string(2) ?? "",
            agreement: row.string(3), project: row.string(4), parties: parties.compactMap { $0.string(0) },
            sources: try citations(row.int64(5)))
    }

    /// The whole database as one document.
    func all() throws -> DealDocument {
        var document = DealDocument()
        document.sources = try sourceIDs().compactMap(source)
        document.parties = try partyIDs().compactMap(party)
        document.projects = try projectIDs().compactMap(project)
        document.agreements = try agreementIDs().compactMap(agreement)
        document.events = try eventIDs().compactMap(event)
        return document
    }

    private func terms(owner column: String, id: String) throws -> [TermRecord] {
        // `column` is one of two constants chosen by the caller above.
        let rows = try database.fetchAll(
            sql: """
                SELECT metric, value, unit, text, status, evidence, disclosure, valid_from, valid_to, citable_id
                FROM terms WHERE \(column) = ? ORDER BY position
                """,
            arguments: [.text(id)])
        return try rows.map { row in
            TermRecord(metric: row.string(0) ?? "", value: row.double(1), unit: row.string(2), text: row.string(3),
                       status: row.string(4) ?? "not_stated", evidence: row.string(5) ?? "reported",
                       disclosure: row.string(6) ?? "public", validFrom: row.string(7), validTo: row.string(8),
                       sources: try citations(row.int64(9)))
        }
    }

    func citations(_ citableID: Int64?) throws -> [Citation] {
        guard let citableID else { return [] }
        return try database.fetchAll(
            sql: "SELECT source_id, locator FROM citations WHERE citable_id = ? ORDER BY position",
            arguments: [.integer(citableID)]
        ).map { Citation(source: $0.string(0) ?? "", locator: $0.string(1)) }
    }

    private func ids(_ sql: String) throws -> [String] {
        try database.fetchAll(sql: sql).compactMap { $0.string(0) }
    }

    func exists(_ kind: DocumentReference.Kind, _ id: String) throws -> Bool {
        let table: String
        switch kind {
        case .source: table = "sources"
        case .party: table = "parties"
        case .project: table = "projects"
        case .agreement: table = "agreements"
        }
        return try database.fetchOne(sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [.text(id)]) != nil
    }
}
