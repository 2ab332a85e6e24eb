import SQLiteKit

/// What an import did (or, in a dry run, would do), per kind of record.
package struct ImportSummary: Sendable, Equatable {
    package struct Counts: Sendable, Equatable {
        package var created = 0
        package var updated = 0
        package var unchanged = 0
    }

    package var sources = Counts()
    package var parties = Counts()
    package var projects = Counts()
    package var agreements = Counts()
    package var events = Counts()
    package var financeLinks = Counts()
    /// Parties merged into another because a document said so (`merged:`).
    package var merges: [PartyMerge] = []
    package var dryRun = false

    /// One line per kind that the documents held.
    package var lines: [String] {
        [("sources", sources), ("parties", parties), ("projects", projects), ("agreements", agreements),
         ("events", events), ("finance links", financeLinks)]
            .filter { $0.1.created + $0.1.updated + $0.1.unchanged > 0 }
            .map { "\($0.0): \($0.1.created) created, \($0.1.updated) updated, \($0.1.unchanged) unchanged" }
            + merges.map { "party \($0.other) (\($0.otherName)) merged into \($0.keep)" }
    }
}

/// Validates deal documents completely, then writes all of them in one
/// transaction, or nothing. Records are matched by id: new ones are
/// created, changed ones updated with their child lists replaced by the
/// document's, and records the documents do not mention are left alone.
package struct DocumentImporter {
    let database: Database
    /// The database as the user named it, for errors; nil inside another
    /// operation (the seed, a rebuild), which words its own.
    private let databasePath: String?

    package init(store: DealStore) {
        database = store.database
        databasePath = store.path
    }

    init(database: Database) {
        self.database = database
        databasePath = nil
    }

    /// Parses and checks every input; throws a DealError listing every
    /// problem (exit 65) when anything is wrong. `outcome` ends its first
    /// line: what became of the inputs.
    package func validate(_ inputs: [DocumentInput], outcome: String = "nothing was imported") throws -> DealDocument {
        let countries = Set(try database.fetchAll(sql: "SELECT code FROM countries").compactMap { $0.string(0) })
        var document = DealDocument()
        var issues: [DocumentIssue] = []
        var references: [DocumentReference] = []
        var defined: [String: [String: DocumentLocation]] = [:]
        for input in inputs {
            var parser = DocumentParser(file: input.name, countries: countries)
            document.append(parser.parse(input.text))
            issues += parser.issues
            references += parser.references
            for definition in parser.definitions {
                if let first = defined[definition.kind]?[definition.id] {
                    issues.append(definition.location.issue(
                        "duplicate \(definition.kind) id \"\(definition.id)\" (first at \(first.file):\(first.line):\(first.column))"))
                } else {
                    defined[definition.kind, default: [:]][definition.id] = definition.location
                }
            }
        }
        // A party merged into another is no party of its own in the same import.
        for (id, location) in defined["merged party"] ?? [:] where defined["party"]?[id] != nil {
            issues.append(location.issue("party \"\(id)\" is merged into another party here, and also defined as a party"))
        }
        let reader = DocumentReader(database: database)
        var known: [DocumentReference.Kind: [String]] = [:]
        // References to records not in the import, looked up in one query per kind.
        let outside = references.filter { defined[$0.kind.rawValue]?[$0.id] == nil }
        var stored: [DocumentReference.Kind: Set<String>] = [:]
        for (kind, pointing) in Dictionary(grouping: outside, by: \.kind) {
            stored[kind] = try reader.existing(kind, Array(Set(pointing.map(\.id))))
        }
        for reference in outside {
            if stored[reference.kind]?.contains(reference.id) == true { continue }
            if known[reference.kind] == nil {
                known[reference.kind] = try knownIDs(reference.kind, reader: reader)
                    + (defined[reference.kind.rawValue]?.keys.map { $0 } ?? [])
            }
            issues.append(reference.location.issue(
                "unknown \(reference.kind.rawValue) \"\(reference.id)\": not in this import or the database"
                    + Suggestions.hint(for: reference.id, in: known[reference.kind] ?? [])))
        }
        if !issues.isEmpty {
            // In the order of the files and of the text within each, however
            // the checks above found them (references come last otherwise).
            let order = Dictionary(inputs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            issues = issues.enumerated().sorted { a, b in
                let (x, y) = (a.element, b.element)
                return (order[x.file] ?? 0, x.line, x.column, a.offset) < (order[y.file] ?? 0, y.line, y.column, b.offset)
            }.map(\.element)
            var named = Set<String>()
            let files = issues.map(\.file).filter { named.insert($0).inserted }.joined(separator: ", ")
            throw DealError(.invalidData,
                            "\(issues.count) problem\(issues.count == 1 ? "" : "s") in \(files); \(outcome)",
                            details: issues.map(\.description))
        }
        return document
    }

    /// Validates, then writes everything in one IMMEDIATE transaction under
    /// the write policy. A dry run does the same work and rolls it back.
    /// The inputs are taken (`consume` them): their text is let go once
    /// parsed, before the write fills SQLite's page cache.
    package func run(_ inputs: consuming [DocumentInput], dryRun: Bool,
                    outcome: String = "nothing was imported") throws -> ImportSummary {
        try translatingSQLiteFailures(ifNamed: databasePath) { try importing(&inputs, dryRun: dryRun, outcome: outcome) }
    }

    private func importing(_ inputs: inout [DocumentInput], dryRun: Bool, outcome: String) throws -> ImportSummary {
        let document = try Cancellation.endingAtOnce { try validate(inputs, outcome: outcome) }
        inputs = []
        var options = WritePolicy.Options(dryRun: dryRun, tables: Self.tables)
        options.bulkSearch = try isLarge(document)
        options.deferForeignKeys = options.bulkSearch
        return try WritePolicy.run(database, options) { _ in try write(document, dryRun: dryRun) }
    }

    /// The tables an import writes, whose foreign keys are checked at the end.
    static let tables = ["citables", "sources", "parties", "party_aliases", "party_merges", "party_identifiers", "projects",
                         "project_route", "project_owners", "project_identifiers", "project_parts", "project_geometry",
                         "agreements", "agreement_parties", "terms", "events", "event_parties", "citations",
                         "quality_notes", "finance_links"]

    /// A load worth rebuilding the search indexes for, rather than keeping
    /// them current row by row, and checking foreign keys for once at the
    /// end: at least 2,000 records, and at least a quarter of what the
    /// index already holds (a rebuild and the check read it all).
    private func isLarge(_ document: DealDocument) throws -> Bool {
        // Rows, not records: each alias, route stop, owner or term written
        // with the triggers on indexes its record's whole text again, so one
        // party with 8,000 aliases cost 8,000 re-indexings of a growing text
        // (31 s; quadratic). Past 2,000 rows one rebuild is cheaper.
        let records = document.sources.count + document.parties.count + document.projects.count
            + document.agreements.count + document.events.count
        let children = document.parties.reduce(0) { $0 + $1.aliases.count + $1.identifiers.count }
            + document.projects.reduce(0) { $0 + $1.route.count + $1.terms.count + $1.owners.count + $1.identifiers.count }
            + document.agreements.reduce(0) { $0 + $1.parties.count + $1.terms.count }
        let rows = records + children
        guard rows >= 2000 else { return false }
        let indexed = try database.scalar(sql: "SELECT count(*) FROM search_index_keys").int64 ?? 0
        return Int64(rows) * 4 >= indexed || children >= 2000
    }

    /// Writes an already validated document inside the caller's transaction.
    func write(_ document: DealDocument, dryRun: Bool = false) throws -> ImportSummary {
        let writer = try RecordWriter(database: database)
        var summary = ImportSummary()
        summary.dryRun = dryRun
        summary.sources = try writer.upsert(document.sources).counts
        summary.parties = try writer.upsert(document.parties).counts
        summary.projects = try writer.upsert(document.projects).counts
        try DocumentRouteChecks.write(document.projects, into: database)
        summary.agreements = try writer.upsert(document.agreements).counts
        summary.events = try writer.upsert(document.events).counts
        summary.financeLinks = try writer.upsert(document.financeLinks).counts
        // Parties a document says are merged into another, that exist: merged now.
        summary.merges = try PartyMerger(database: database).applyRecorded()
        return summary
    }

    private func knownIDs(_ kind: DocumentReference.Kind, reader: DocumentReader) throws -> [String] {
        switch kind {
        case .source: try reader.sourceIDs()
        case .party: try reader.partyIDs()
        case .project: try reader.projectIDs()
        case .agreement: try reader.agreementIDs()
        }
    }
}
