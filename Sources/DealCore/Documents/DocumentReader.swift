import SQLiteKit

/// Reads records back out of the database in document form: for export,
/// and to tell an import which records it creates, changes or leaves alone.
///
/// Records are read in sets: one query per table for a whole list of ids
/// (bound as one JSON array), not one per record and child list, so that an
/// import compares a batch of 256 records with about ten queries and an
/// export of 50,000 agreements does not run a million.
struct DocumentReader {
    let database: Database

    func sourceIDs() throws -> [String] { try ids("SELECT id FROM sources ORDER BY id") }
    func partyIDs() throws -> [String] { try ids("SELECT id FROM parties ORDER BY id") }
    func projectIDs() throws -> [String] { try ids("SELECT id FROM projects ORDER BY id") }
    func agreementIDs() throws -> [String] { try ids("SELECT id FROM agreements ORDER BY signed, id") }
    /// In date order, coarse dates in the source's order (EventOrder), so
    /// that an exported document keeps that order through a re-import.
    func eventIDs() throws -> [String] { try ids("SELECT e.id FROM events AS e ORDER BY " + EventOrder.eventsClause("e")) }
    /// Ids of parties merged into others (party_merges): not to be given to a new party.
    func mergedPartyIDs() throws -> [String] { try ids("SELECT merged_id FROM party_merges ORDER BY merged_id") }

    /// Every party's id with its name, then with each alias (in id order),
    /// for matching names to parties.
    func partyNamesAndAliases() throws -> [(id: String, name: String)] {
        try database.fetchAll(sql: """
            SELECT id, name FROM (SELECT id, name, 0 AS position FROM parties
                                  UNION ALL SELECT party_id, alias, position FROM party_aliases)
            ORDER BY position = 0 DESC, id, position
            """).compactMap { row in row.string(0).flatMap { id in row.string(1).map { (id, $0) } } }
    }

    func source(_ id: String) throws -> SourceRecord? { try sources([id])[id] }
    func party(_ id: String) throws -> PartyRecord? { try parties([id])[id] }
    func project(_ id: String) throws -> ProjectRecord? { try projects([id])[id] }
    func agreement(_ id: String) throws -> AgreementRecord? { try agreements([id])[id] }
    func event(_ id: String) throws -> EventRecord? { try events([id])[id] }

    /// `IN (...)` of a list bound as one JSON array parameter.
    static let inList = "IN (SELECT value FROM json_each(?))"

    func sources(_ ids: [String]) throws -> [String: SourceRecord] {
        var records: [String: SourceRecord] = [:]
        let table = FieldTables.source
        for row in try database.fetchAll(
            sql: "SELECT \(table.columnList) FROM sources WHERE id \(Self.inList)", arguments: [.text(JSONList.of(ids))]) {
            let record = table.record(row)
            records[record.id] = record
        }
        return records
    }

    func parties(_ ids: [String]) throws -> [String: PartyRecord] {
        let list = SQLiteValue.text(JSONList.of(ids))
        var records: [String: PartyRecord] = [:]
        let table = FieldTables.party
        for row in try database.fetchAll(
            sql: "SELECT \(table.columnList) FROM parties WHERE id \(Self.inList)", arguments: [list]) {
            let record = table.record(row)
            records[record.id] = record
        }
        for row in try database.fetchAll(
            sql: "SELECT party_id, alias FROM party_aliases WHERE party_id \(Self.inList) ORDER BY party_id, position",
            arguments: [list]) {
            guard let id = row.string(0), let alias = row.string(1) else { continue }
            records[id]?.aliases.append(alias)
        }
        for row in try database.fetchAll(
            sql: "SELECT party_id, merged_id FROM party_merges WHERE party_id \(Self.inList) ORDER BY party_id, merged_id",
            arguments: [list]) {
            guard let id = row.string(0), let merged = row.string(1) else { continue }
            records[id]?.merged.append(merged)
        }
        // An analyst's identifiers are the document's; a source's are the importer's own.
        for row in try database.fetchAll(
            sql: """
                SELECT party_id, scheme, value FROM party_identifiers
                WHERE party_id \(Self.inList) AND evidence = 'analyst' ORDER BY party_id, rowid
                """,
            arguments: [list]) {
            guard let id = row.string(0), let scheme = row.string(1), let value = row.string(2) else { continue }
            records[id]?.identifiers.append(PartyIdentifier(scheme: scheme, value: value))
        }
        return records
    }

    func projects(_ ids: [String]) throws -> [String: ProjectRecord] {
        let list = SQLiteValue.text(JSONList.of(ids))
        var records = try cited(FieldTables.project, from: "projects", list, id: \.id, sources: \.sources)
        guard !records.isEmpty else { return records }
        let routeTable = FieldTables.routeStop
        for row in try database.fetchAll(
            sql: """
                SELECT project_id, \(routeTable.columnList) FROM project_route
                WHERE project_id \(Self.inList) ORDER BY project_id, position
                """,
            arguments: [list]) {
            records[row.string(0) ?? ""]?.route.append(routeTable.record(row, from: 1))
        }
        for row in try database.fetchAll(
            sql: """
                SELECT project_id, level, party_id, unnamed, share, source_id FROM project_owners
                WHERE project_id \(Self.inList) ORDER BY project_id, level, position
                """,
            arguments: [list]) {
            // The schema holds exactly one of party_id and unnamed.
            let holder = row.string(2).map(ProjectOwner.Holder.party) ?? .unnamed(row.string(3) ?? "")
            let owner = ProjectOwner(holder: holder, share: row.double(4), source: row.string(5) ?? "")
            guard let id = row.string(0) else { continue }
            if row.string(1) == "owner" { records[id]?.owners.append(owner) }
            if row.string(1) == "parent" { records[id]?.parents.append(owner) }
        }
        for row in try database.fetchAll(
            sql: """
                SELECT project_id, scheme, value, evidence, source_id FROM project_identifiers
                WHERE project_id \(Self.inList) ORDER BY project_id, evidence DESC, scheme, value
                """,
            arguments: [list]) {
            records[row.string(0) ?? ""]?.identifiers.append(ProjectIdentifier(
                scheme: row.string(1) ?? "", value: row.string(2) ?? "", evidence: row.string(3) ?? "", source: row.string(4)))
        }
        for row in try database.fetchAll(
            sql: "SELECT project_id, system_id, part, counted, decided_by, reason FROM project_parts WHERE project_id \(Self.inList)",
            arguments: [list]) {
            records[row.string(0) ?? ""]?.part = ProjectPart(
                system: row.string(1) ?? "", part: row.string(2) ?? "", counted: row.int64(3) == 1,
                decidedBy: row.string(4) ?? "", reason: row.string(5) ?? "")
        }
        for row in try database.fetchAll(
            sql: "SELECT project_id, wkt, accuracy, source_id, locator FROM project_geometry WHERE project_id \(Self.inList)",
            arguments: [list]) {
            records[row.string(0) ?? ""]?.geometry = ProjectGeometry(
                wkt: row.string(1) ?? "", accuracy: row.string(2), source: row.string(3), locator: row.string(4))
        }
        let terms = try terms(owner: "project_id", list: list)
        for id in records.keys { records[id]?.terms = terms[id] ?? [] }
        return records
    }

    func agreements(_ ids: [String]) throws -> [String: AgreementRecord] {
        let list = SQLiteValue.text(JSONList.of(ids))
        var records = try cited(FieldTables.agreement, from: "agreements", list, id: \.id, sources: \.sources)
        guard !records.isEmpty else { return records }
        var partyCitables: [Int64] = []
        var parties: [(agreement: String, party: AgreementParty, citable: Int64?)] = []
        let partyTable = FieldTables.agreementParty
        for row in try database.fetchAll(
            sql: """
                SELECT agreement_id, citable_id, \(partyTable.columnList) FROM agreement_parties
                WHERE agreement_id \(Self.inList) ORDER BY agreement_id, position
                """,
            arguments: [list]) {
            parties.append((row.string(0) ?? "", partyTable.record(row, from: 2), row.int64(1)))
            if let citable = row.int64(1) { partyCitables.append(citable) }
        }
        let terms = try terms(owner: "agreement_id", list: list)
        let citations = try citations(partyCitables)
        for (agreement, party, citable) in parties {
            var party = party
            party.sources = citable.flatMap { citations[$0] } ?? []
            records[agreement]?.parties.append(party)
        }
        for id in records.keys { records[id]?.terms = terms[id] ?? [] }
        return records
    }

    func events(_ ids: [String]) throws -> [String: EventRecord] {
        let list = SQLiteValue.text(JSONList.of(ids))
        var records = try cited(FieldTables.event, from: "events", list, id: \.id, sources: \.sources)
        guard !records.isEmpty else { return records }
        for row in try database.fetchAll(
            sql: "SELECT event_id, party_id FROM event_parties WHERE event_id \(Self.inList) ORDER BY event_id, position",
            arguments: [list]) {
            if let party = row.string(1) { records[row.string(0) ?? ""]?.parties.append(party) }
        }
        return records
    }

    /// The records of `table` in the table `name` (one of the fixed names
    /// above) whose id is in `list`, by id, each with its own sources.
    private func cited<Record>(_ table: FieldTable<Record>, from name: String, _ list: SQLiteValue,
                               id: KeyPath<Record, String>,
                               sources: WritableKeyPath<Record, [Citation]>) throws -> [String: Record] {
        var records: [String: Record] = [:]
        var citables: [String: Int64] = [:]
        for row in try database.fetchAll(
            sql: "SELECT citable_id, \(table.columnList) FROM \(name) WHERE id \(Self.inList)", arguments: [list]) {
            let record = table.record(row, from: 1)
            records[record[keyPath: id]] = record
            citables[record[keyPath: id]] = row.int64(0)
        }
        let citations = try citations(Array(citables.values))
        for (id, citable) in citables { records[id]?[keyPath: sources] = citations[citable] ?? [] }
        return records
    }

    /// The whole database as one document, read in sets of 500 records.
    func all() throws -> DealDocument {
        var document = DealDocument()
        document.sources = try inOrder(sourceIDs(), sources)
        document.parties = try inOrder(partyIDs(), parties)
        document.projects = try inOrder(projectIDs(), projects)
        document.agreements = try inOrder(agreementIDs(), agreements)
        document.events = try inOrder(eventIDs(), events)
        document.financeLinks = try financeDecisions()
        return document
    }

    /// An analyst's decisions on finance links (the matcher's proposals are
    /// the matcher's, made again by an import).
    func financeDecisions() throws -> [FinanceLinkRecord] {
        let table = FieldTables.financeLink
        return try database.fetchAll(sql: """
            SELECT \(table.columnList) FROM finance_links WHERE decided_by = 'analyst' ORDER BY agreement_id, project_id
            """).map { table.record($0) }
    }

    func inOrder<Record>(_ ids: [String], _ read: ([String]) throws -> [String: Record]) throws -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let found = try read(chunk)
            records += chunk.compactMap { found[$0] }
            start += chunk.count
        }
        return records
    }

    /// The terms of the listed owners, in position order per owner.
    private func terms(owner column: String, list: SQLiteValue) throws -> [String: [TermRecord]] {
        // `column` is one of two constants chosen by the callers above.
        let table = FieldTables.term
        let rows = try database.fetchAll(
            sql: """
                SELECT \(column), citable_id, \(table.columnList)
                FROM terms WHERE \(column) \(Self.inList) ORDER BY \(column), position
                """,
            arguments: [list])
        let citations = try citations(rows.compactMap { $0.int64(1) })
        var terms: [String: [TermRecord]] = [:]
        for row in rows {
            var term = table.record(row, from: 2)
            term.sources = row.int64(1).flatMap { citations[$0] } ?? []
            terms[row.string(0) ?? "", default: []].append(term)
        }
        return terms
    }

    func citations(_ citableID: Int64?) throws -> [Citation] {
        guard let citableID else { return [] }
        return try citations([citableID])[citableID] ?? []
    }

    /// The citations of the listed citables, in position order per citable.
    func citations(_ citables: [Int64]) throws -> [Int64: [Citation]] {
        guard !citables.isEmpty else { return [:] }
        var citations: [Int64: [Citation]] = [:]
        for row in try database.fetchAll(
            sql: """
                SELECT citable_id, source_id, locator FROM citations
                WHERE citable_id \(Self.inList) ORDER BY citable_id, position
                """,
            arguments: [.text(JSONList.of(citables))]) {
            guard let citable = row.int64(0) else { continue }
            citations[citable, default: []].append(Citation(source: row.string(1) ?? "", locator: row.string(2)))
        }
        return citations
    }

    private func ids(_ sql: String) throws -> [String] {
        try database.fetchAll(sql: sql).compactMap { $0.string(0) }
    }

    func exists(_ kind: DocumentReference.Kind, _ id: String) throws -> Bool {
        try existing(kind, [id]).contains(id)
    }

    /// Which of these ids the database holds records of.
    func existing(_ kind: DocumentReference.Kind, _ ids: [String]) throws -> Set<String> {
        let table: String
        switch kind {
        case .source: table = "sources"
        case .party: table = "parties"
        case .project: table = "projects"
        case .agreement: table = "agreements"
        }
        return Set(try database.fetchAll(sql: "SELECT id FROM \(table) WHERE id \(Self.inList)",
                                         arguments: [.text(JSONList.of(ids))]).compactMap { $0.string(0) })
    }
}
