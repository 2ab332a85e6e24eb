import SQLiteKit

/// The one writer of records, for document import and GEM import alike.
///
/// Records come in lists; each list is taken 256 records at a time: the
/// batch's existing records are read in one set (DocumentReader), compared,
/// and only new or changed records are written, as multi-row INSERTs held
/// per table and sent at the end of the batch in foreign-key order. An
/// update keeps the record's row (updated in place, so links from
/// elsewhere and its citable id hold) and replaces its child lists:
/// aliases, route, owners, parties, terms, citations.
///
/// Citable and term ids are handed out here (from the largest in use), so
/// that a term's citations and quality notes can be queued with it before
/// any of them is written. Child rows are deleted explicitly rather than
/// through ON DELETE CASCADE, so the writer gives the same result with
/// foreign keys off (the write policy's first pass) and on.
final class RecordWriter {
    let database: Database
    private let reader: DocumentReader
    private var nextCitable: Int64
    private var nextTerm: Int64
    static let batchSize = 256

    private let citables: PendingRows
    private let sourceRows: PendingRows
    private let partyRows: PendingRows
    private let aliasRows: PendingRows
    private let mergeRows: PendingRows
    private let partyIdentifierRows: PendingRows
    private let projectRows: PendingRows
    private let routeRows: PendingRows
    private let ownerRows: PendingRows
    private let identifierRows: PendingRows
    private let partRows: PendingRows
    private let geometryRows: PendingRows
    private let agreementRows: PendingRows
    private let agreementPartyRows: PendingRows
    private let termRows: PendingRows
    private let eventRows: PendingRows
    private let eventPartyRows: PendingRows
    private let citationRows: PendingRows
    private let noteRows: PendingRows
    /// Parents before children, so that the checked pass (foreign keys on) passes too.
    private var all: [PendingRows] {
        [citables, sourceRows, partyRows, aliasRows, mergeRows, partyIdentifierRows, projectRows, routeRows, ownerRows,
         identifierRows, partRows, geometryRows, agreementRows,
         agreementPartyRows, termRows, eventRows, eventPartyRows, citationRows, noteRows]
    }

    /// What became of a list of records: counts, and the ids written.
    struct Result {
        var counts = ImportSummary.Counts()
        /// New and changed records.
        var written: Set<String> = []
        var created: Set<String> = []
    }

    init(database: Database) throws {
        self.database = database
        reader = DocumentReader(database: database)
        nextCitable = (try database.scalar(sql: "SELECT max(id) FROM citables").int64 ?? 0) + 1
        nextTerm = (try database.scalar(sql: "SELECT max(id) FROM terms").int64 ?? 0) + 1
        func rows(_ table: String, _ columns: [String], keyed: Bool = false) -> PendingRows {
            PendingRows(database: database, table: table, columns: columns, keyed: keyed)
        }
        citables = rows("citables", ["id", "kind"])
        // The records' own columns come from their field tables (the id
        // first); the columns that are not document keys follow.
        sourceRows = rows("sources", FieldTables.source.columns, keyed: true)
        partyRows = rows("parties", FieldTables.party.columns, keyed: true)
        aliasRows = rows("party_aliases", ["party_id", "position", "alias"])
        mergeRows = rows("party_merges", ["merged_id", "party_id"])
        partyIdentifierRows = rows("party_identifiers", ["party_id", "scheme", "value", "evidence"])
        projectRows = rows("projects", FieldTables.project.columns + ["citable_id"], keyed: true)
        routeRows = rows("project_route", ["project_id", "position"] + FieldTables.routeStop.columns)
        ownerRows = rows("project_owners", ["project_id", "level", "position", "party_id", "unnamed", "share", "source_id"])
        identifierRows = rows("project_identifiers", ["project_id", "scheme", "value", "evidence", "source_id"])
        partRows = rows("project_parts", ["project_id", "system_id", "part", "counted", "decided_by", "reason"])
        geometryRows = rows("project_geometry", ["project_id", "shape", "wkt", "accuracy", "west", "south", "east", "north",
                                                 "source_id", "locator"])
        agreementRows = rows("agreements", FieldTables.agreement.columns + ["citable_id"], keyed: true)
        agreementPartyRows = rows("agreement_parties",
                                  ["citable_id", "agreement_id", "position"] + FieldTables.agreementParty.columns)
        termRows = rows("terms", ["id", "citable_id", "agreement_id", "project_id", "position"] + FieldTables.term.columns)
        eventRows = rows("events", FieldTables.event.columns + ["citable_id"],
                         keyed: true)
        eventPartyRows = rows("event_parties", ["event_id", "position", "party_id"])
        citationRows = rows("citations", ["citable_id", "position", "source_id", "locator"])
        noteRows = rows("quality_notes", ["rule", "project_id", "term_id", "source_id", "locator", "detail", "country"])
    }

    // MARK: Kinds

    func upsert(_ records: [SourceRecord]) throws -> Result {
        try upsert(records, id: \.id, read: reader.sources) { changed, replaced in
            let replaced = Set(replaced)
            for record in changed {
                try sourceRows.save(FieldTables.source.values(record), replacing: replaced.contains(record.id))
            }
        }
    }

    func upsert(_ records: [PartyRecord]) throws -> Result {
        try upsert(records, id: \.id, read: reader.parties) { changed, replaced in
            try delete("DELETE FROM party_aliases WHERE party_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM party_identifiers WHERE evidence = 'analyst' AND party_id \(DocumentReader.inList)", replaced)
            // A merge this document records belongs to its party alone.
            try delete("DELETE FROM party_merges WHERE party_id \(DocumentReader.inList) OR merged_id \(DocumentReader.inList)",
                       replaced + changed.flatMap(\.merged), times: 2)
            let replaced = Set(replaced)
            for record in changed {
                try partyRows.save(FieldTables.party.values(record), replacing: replaced.contains(record.id))
                for (index, alias) in record.aliases.enumerated() {
                    aliasRows.append([.text(record.id), position(index), .text(alias)])
                }
                for merged in record.merged { mergeRows.append([.text(merged), .text(record.id)]) }
                for identifier in record.identifiers {
                    partyIdentifierRows.append([.text(record.id), .text(identifier.scheme), .text(identifier.value), .text("analyst")])
                }
            }
        }
    }

    /// With `notes` (the GEM import), the projects' quality notes are part
    /// of the record: compared, and replaced on update. Without, notes about
    /// a project are left alone (those about its replaced terms go with them).
    func upsert(_ records: [ProjectRecord], notes: [String: [ProjectNote]]? = nil) throws -> Result {
        let noted = records.map { record in NotedProject(record: record, notes: notes.map { $0[record.id] ?? [] }) }
        return try upsert(noted, id: \.record.id, read: { ids in
            var found = try self.reader.projects(ids).mapValues { NotedProject(record: $0, notes: nil) }
            if notes != nil {
                let stored = try self.notes(of: ids)
                for id in found.keys { found[id]?.notes = stored[id] ?? [] }
            }
            return found
        }) { changed, replaced in
            try delete("""
                DELETE FROM citations WHERE citable_id IN (
                    SELECT citable_id FROM projects WHERE id \(DocumentReader.inList)
                    UNION ALL SELECT citable_id FROM terms WHERE project_id \(DocumentReader.inList))
                """, replaced, times: 2)
            try delete("DELETE FROM quality_notes WHERE term_id IN (SELECT id FROM terms WHERE project_id \(DocumentReader.inList))",
                       replaced)
            if notes != nil { try delete("DELETE FROM quality_notes WHERE project_id \(DocumentReader.inList)", replaced) }
            try delete("DELETE FROM project_route WHERE project_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM project_owners WHERE project_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM project_identifiers WHERE project_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM project_parts WHERE project_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM project_geometry WHERE project_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM terms WHERE project_id \(DocumentReader.inList)", replaced)
            let kept = try citableIDs("projects", replaced)
            for noted in changed {
                let record = noted.record
                let citable = kept[record.id] ?? newCitable("project")
                try projectRows.save(FieldTables.project.values(record) + [.integer(citable)],
                                     replacing: kept[record.id] != nil)
                for (index, stop) in record.route.enumerated() {
                    routeRows.append([.text(record.id), position(index)] + FieldTables.routeStop.values(stop))
                }
                let termIDs = writeTerms(record.terms, agreement: nil, project: record.id)
                cite(citable, record.sources)
                for (level, owners) in [("owner", record.owners), ("parent", record.parents)] {
                    for (index, owner) in owners.enumerated() {
                        ownerRows.append([.text(record.id), .text(level), position(index), SQLiteValue(owner.party),
                                          SQLiteValue(owner.unnamed), SQLiteValue(owner.share), .text(owner.source)])
                    }
                }
                for identifier in record.identifiers {
                    identifierRows.append([.text(record.id), .text(identifier.scheme), .text(identifier.value),
                                           .text(identifier.evidence), SQLiteValue(identifier.source)])
                }
                if let part = record.part {
                    partRows.append([.text(record.id), .text(part.system), .text(part.part),
                                     .integer(part.counted ? 1 : 0), .text(part.decidedBy), .text(part.reason)])
                }
                if let geometry = record.geometry {
                    // Checked by whoever made the record (document parser, GEM row reader).
                    guard let parsed = try? WKT.parse(geometry.wkt), let box = parsed.bounds else {
                        throw DealError(.invalidData, "project \(record.id): its geometry is no WKT dealdb reads")
                    }
                    geometryRows.append([.text(record.id), .text(parsed.shape), .text(geometry.wkt), SQLiteValue(geometry.accuracy),
                                         .real(box.west), .real(box.south), .real(box.east), .real(box.north),
                                         SQLiteValue(geometry.source), SQLiteValue(geometry.locator)])
                }
                for note in noted.notes ?? [] {
                    let term = note.term.flatMap { $0 < termIDs.count ? termIDs[$0] : nil }
                    noteRows.append([.text(note.rule), .text(record.id), SQLiteValue(term), SQLiteValue(note.source),
                                     SQLiteValue(note.locator), .text(note.detail), SQLiteValue(note.country)])
                }
            }
        }
    }

    func upsert(_ records: [AgreementRecord]) throws -> Result {
        try upsert(records, id: \.id, read: reader.agreements) { changed, replaced in
            try delete("""
                DELETE FROM citations WHERE citable_id IN (
                    SELECT citable_id FROM agreements WHERE id \(DocumentReader.inList)
                    UNION ALL SELECT citable_id FROM agreement_parties WHERE agreement_id \(DocumentReader.inList)
                    UNION ALL SELECT citable_id FROM terms WHERE agreement_id \(DocumentReader.inList))
                """, replaced, times: 3)
            try delete("DELETE FROM quality_notes WHERE term_id IN (SELECT id FROM terms WHERE agreement_id \(DocumentReader.inList))",
                       replaced)
            try delete("DELETE FROM agreement_parties WHERE agreement_id \(DocumentReader.inList)", replaced)
            try delete("DELETE FROM terms WHERE agreement_id \(DocumentReader.inList)", replaced)
            let kept = try citableIDs("agreements", replaced)
            for record in changed {
                let citable = kept[record.id] ?? newCitable("agreement")
                try agreementRows.save(FieldTables.agreement.values(record) + [.integer(citable)],
                                       replacing: kept[record.id] != nil)
                for (index, party) in record.parties.enumerated() {
                    let partyCitable = newCitable("agreement_party")
                    agreementPartyRows.append([.integer(partyCitable), .text(record.id), position(index)]
                                              + FieldTables.agreementParty.values(party))
                    cite(partyCitable, party.sources)
                }
                _ = writeTerms(record.terms, agreement: record.id, project: nil)
                cite(citable, record.sources)
            }
        }
    }

    func upsert(_ records: [EventRecord]) throws -> Result {
        try upsert(records, id: \.id, read: reader.events) { changed, replaced in
            try delete("DELETE FROM citations WHERE citable_id IN (SELECT citable_id FROM events WHERE id \(DocumentReader.inList))",
                       replaced)
            try delete("DELETE FROM event_parties WHERE event_id \(DocumentReader.inList)", replaced)
            let kept = try citableIDs("events", replaced)
            for record in changed {
                let citable = kept[record.id] ?? newCitable("event")
                try eventRows.save(FieldTables.event.values(record) + [.integer(citable)], replacing: kept[record.id] != nil)
                for (index, party) in record.parties.enumerated() {
                    eventPartyRows.append([.text(record.id), position(index), .text(party)])
                }
                cite(citable, record.sources)
            }
        }
    }

    /// An analyst's decisions on finance links, keyed by agreement and
    /// project; a decision replaces the matcher's proposal for the pair.
    func upsert(_ records: [FinanceLinkRecord]) throws -> Result {
        var result = Result()
        let read = try database.cachedStatement(sql: """
            SELECT state, decided_by, evidence FROM finance_links WHERE agreement_id = ? AND project_id = ?
            """)
        let write = try database.cachedStatement(sql: """
            INSERT OR REPLACE INTO finance_links (agreement_id, project_id, state, decided_by, confidence, evidence)
            VALUES (?, ?, ?, 'analyst', NULL, ?)
            """)
        for record in records {
            let key = record.agreement + " " + record.project
            try read.bind([.text(record.agreement), .text(record.project)])
            var stored: (String?, String?, String?)?
            if try read.step() {
                stored = (read.value(at: 0).string, read.value(at: 1).string, read.value(at: 2).string)
            }
            read.reset()
            if let stored, stored.1 == "analyst" {
                if stored.0 == record.decision && stored.2 == record.note {
                    result.counts.unchanged += 1
                    continue
                }
                result.counts.updated += 1
            } else {
                result.counts.created += 1
                result.created.insert(key)
            }
            result.written.insert(key)
            try write.bind([.text(record.agreement), .text(record.project), .text(record.decision), SQLiteValue(record.note)])
            try write.run()
        }
        return result
    }

    /// Deletes the events with these ids that exist; returns their ids.
    func deleteEvents(_ ids: [String]) throws -> Set<String> {
        var gone: Set<String> = []
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + Self.batchSize, ids.count)])
            let found = try citableIDs("events", chunk)
            if !found.isEmpty {
                let list = Array(found.keys)
                try delete("DELETE FROM citations WHERE citable_id IN (SELECT citable_id FROM events WHERE id \(DocumentReader.inList))",
                           list)
                try delete("DELETE FROM event_parties WHERE event_id \(DocumentReader.inList)", list)
                // The trigger of migration 0001 releases the citable.
                try delete("DELETE FROM events WHERE id \(DocumentReader.inList)", list)
                gone.formUnion(list)
            }
            start += chunk.count
        }
        return gone
    }

    // MARK: Batches

    /// Takes `records` a batch at a time: reads the existing ones in one
    /// set, counts, and hands the new and changed ones (with the ids of the
    /// changed, whose child rows `write` deletes first) to `write`.
    private func upsert<Record: Equatable>(_ records: [Record], id: (Record) -> String,
                                           read: ([String]) throws -> [String: Record],
                                           write: (_ changed: [Record], _ replaced: [String]) throws -> Void) throws -> Result {
        var result = Result()
        var start = 0
        while start < records.count {
            try Cancellation.check()
            let batch = records[start..<min(start + Self.batchSize, records.count)]
            let existing = try read(batch.map(id))
            var changed: [Record] = []
            var replaced: [String] = []
            for record in batch {
                let key = id(record)
                switch existing[key] {
                case nil:
                    result.counts.created += 1
                    result.created.insert(key)
                case let old? where old == record:
                    result.counts.unchanged += 1
                    continue
                case _?:
                    result.counts.updated += 1
                    replaced.append(key)
                }
                result.written.insert(key)
                changed.append(record)
            }
            if !changed.isEmpty {
                try write(changed, replaced)
                for rows in all { try rows.flush() }
            }
            start += batch.count
        }
        return result
    }

    private struct NotedProject: Equatable {
        var record: ProjectRecord
        var notes: [ProjectNote]?
    }

    private func notes(of ids: [String]) throws -> [String: [ProjectNote]] {
        var notes: [String: [ProjectNote]] = [:]
        for row in try database.fetchAll(
            sql: """
                SELECT n.project_id, n.rule, n.detail, n.source_id, n.locator, t.position, n.country
                FROM quality_notes AS n LEFT JOIN terms AS t ON t.id = n.term_id
                WHERE n.project_id \(DocumentReader.inList) ORDER BY n.id
                """,
            arguments: [.text(JSONList.of(ids))]) {
            notes[row.string(0) ?? "", default: []].append(ProjectNote(
                rule: row.string(1) ?? "", detail: row.string(2) ?? "", source: row.string(3), locator: row.string(4),
                term: row.int64(5).map { Int($0) - 1 }, country: row.string(6)))
        }
        return notes
    }

    // MARK: Rows

    private func position(_ index: Int) -> SQLiteValue { .integer(Int64(index + 1)) }

    private func newCitable(_ kind: String) -> Int64 {
        let id = nextCitable
        nextCitable += 1
        citables.append([.integer(id), .text(kind)])
        return id
    }

    /// Queues the terms (each with a new citable and its citations); returns their ids in order.
    private func writeTerms(_ terms: [TermRecord], agreement: String?, project: String?) -> [Int64] {
        var ids: [Int64] = []
        for (index, term) in terms.enumerated() {
            let citable = newCitable("term")
            let id = nextTerm
            nextTerm += 1
            termRows.append([.integer(id), .integer(citable), SQLiteValue(agreement), SQLiteValue(project), position(index)]
                            + FieldTables.term.values(term))
            cite(citable, term.sources)
            ids.append(id)
        }
        return ids
    }

    private func cite(_ citable: Int64, _ citations: [Citation]) {
        for (index, citation) in citations.enumerated() {
            citationRows.append([.integer(citable), position(index), .text(citation.source), SQLiteValue(citation.locator)])
        }
    }

    /// The citable ids of the listed records of `table` (a constant of this file).
    private func citableIDs(_ table: String, _ ids: [String]) throws -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        for row in try database.fetchAll(sql: "SELECT id, citable_id FROM \(table) WHERE id \(DocumentReader.inList)",
                                         arguments: [.text(JSONList.of(ids))]) {
            if let id = row.string(0), let citable = row.int64(1) { found[id] = citable }
        }
        return found
    }

    /// Runs one of this file's DELETEs for a list of ids (bound `times` times).
    private func delete(_ sql: String, _ ids: [String], times: Int = 1) throws {
        guard !ids.isEmpty else { return }
        let list = SQLiteValue.text(JSONList.of(ids))
        let statement = try database.cachedStatement(sql: sql)
        try statement.bind(Array(repeating: list, count: times))
        try statement.run()
    }
}
