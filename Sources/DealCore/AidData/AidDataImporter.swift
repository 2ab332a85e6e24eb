import Foundation
import SQLiteKit

/// Imports AidData's Global Chinese Development Finance Dataset, version
/// 3.0 (docs/AIDDATA.md): each record becomes an agreement with its
/// parties in their roles, its terms with their certainty, its dates and
/// sources, and a finance_records row that sums read. The whole file is
/// checked first; any bad row and nothing is written. Written as GEM's
/// files are: WritePolicy, RecordWriter, one transaction.
package struct AidDataImporter {
    package struct Options: Sendable {
        package var dryRun = false
        /// Propose the projects the file's energy records pay for (FinanceLinker).
        package var link = true
        package init(dryRun: Bool = false, link: Bool = true) {
            self.dryRun = dryRun
            self.link = link
        }
    }

    package struct Summary: Sendable {
        package var source = AidDataRecords.datasetSourceID
        package var records = 0
        package var recommended = 0
        package var recommendedUSD2021 = 0.0
        package var created = 0
        package var updated = 0
        package var unchanged = 0
        package var partiesCreated = 0
        package var partiesGainingAliases = 0
        package var roles = 0
        package var terms = 0
        package var events = 0
        package var eventsChanged = 0
        package var sourcesCreated = 0
        package var financeChanged = 0
        package var links = FinanceLinker.Outcome()

        /// Whether the import wrote anything at all.
        package var changedNothing: Bool {
            created == 0 && updated == 0 && partiesCreated == 0 && partiesGainingAliases == 0 && eventsChanged == 0
                && sourcesCreated == 0 && financeChanged == 0 && links.changed == 0
        }

        package var lines: [String] {
            var lines = [
                "AidData Global Chinese Development Finance 3.0: \(records) records, source \(source)",
                "agreements: \(created) created, \(updated) updated, \(unchanged) unchanged",
                "recommended for aggregates: \(recommended) of \(records) records, "
                    + "\(NumberText.plain((recommendedUSD2021 / 1e4).rounded() / 100)) million constant 2021 USD "
                    + "(the others are left out of every sum)",
                "parties: \(partiesCreated) created, \(partiesGainingAliases) known ones gained a spelling; "
                    + "roles: \(roles), terms: \(terms), dated steps: \(events), sources: \(sourcesCreated) created",
                "projects financed: " + links.summary,
            ]
            if changedNothing { lines.append("nothing changed: the database already holds this file as it is") }
            return lines
        }
    }

    let database: Database
    private let databasePath: String

    package init(store: DealStore) {
        database = store.database
        databasePath = store.path
    }

    package func run(path: String, options: Options = Options()) throws -> Summary {
        try translatingSQLiteFailures(path: databasePath) { try importing(path: path, options: options) }
    }

    private func importing(path: String, options: Options) throws -> Summary {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else {
            throw DealError(.invalidData, "\(path): empty file; expected AidData's header line (AidData Record ID, ...)")
        }
        let (columns, missing) = AidDataColumn.locate(header.fields)
        guard missing.isEmpty else {
            throw DealError(.invalidData, "\(path):\(header.line): not AidData's GCDF 3.0 layout: the header lacks "
                + missing.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        var rowReader = AidDataRowReader(columns: columns, file: path, countries: try GEMCountries(database: database))
        var records: [AidDataRecord] = []
        var problems: [String] = []
        var firstLine: [String: Int] = [:]
        try Cancellation.endingAtOnce {
            while let row = try reader.next() {
                if row.fields.count != header.fields.count {
                    problems.append("\(path):\(row.line): \(row.fields.count) fields, but the header has \(header.fields.count)")
                    continue
                }
                switch rowReader.record(from: row) {
                case .success(let record):
                    if let first = firstLine[record.recordID.lowercased()] {
                        let number = (columns[.recordID] ?? 0) + 1
                        problems.append("\(path):\(row.line):\(number): \(AidDataColumn.recordID.rawValue): "
                            + "record \(record.recordID) is already on line \(first)")
                        continue
                    }
                    firstLine[record.recordID.lowercased()] = row.line
                    records.append(record)
                case .failure(let failure):
                    problems += failure.messages
                }
            }
        }
        guard problems.isEmpty else {
            throw DealError(.invalidData, "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path); nothing was imported",
                            details: problems)
        }

        var base = Summary()
        base.records = records.count
        for record in records where record.recommended {
            base.recommended += 1
            base.recommendedUSD2021 += record.usd2021 ?? 0
        }
        let fileName = (path as NSString).lastPathComponent
        var policy = WritePolicy.Options(dryRun: options.dryRun, tables: DocumentImporter.tables + ["finance_records", "finance_links"])
        policy.bulkSearch = true
        return try WritePolicy.run(database, policy) { _ in
            var summary = base
            let writer = try RecordWriter(database: database)
            var built = try AidDataRecords(database: database)
            for (index, record) in records.enumerated() {
                if index & 0xFF == 0 { try Cancellation.check() }
                built.add(record)
            }
            let sources = try writer.upsert([AidDataRecords.datasetSource(fileName: fileName)] + built.sources)
            summary.sourcesCreated = sources.counts.created
            let aliased = try built.partiesWithNewAliases()
            _ = try writer.upsert(built.parties + aliased)
            summary.partiesCreated = built.parties.count
            summary.partiesGainingAliases = aliased.count
            let agreements = try writer.upsert(built.agreements)
            summary.created = agreements.counts.created
            summary.updated = agreements.counts.updated
            summary.unchanged = agreements.counts.unchanged
            summary.roles = built.agreements.reduce(0) { $0 + $1.parties.count }
            summary.terms = built.agreements.reduce(0) { $0 + $1.terms.count }
            summary.events = built.events.count
            let events = try writer.upsert(built.events)
            let gone = try writer.deleteEvents(built.goneEvents)
            summary.eventsChanged = events.written.count + gone.count
            summary.financeChanged = try Self.writeFinance(built.finance, database: database)
            if options.link {
                summary.links = try FinanceLinker(database: database).propose(for: built.financeTexts)
            }
            return summary
        }
    }

    /// Writes the finance_records rows that are new or differ from the
    /// stored ones; returns how many. The stored rows are read 64 at a
    /// time, and 64 changed rows go in one statement: a statement run per
    /// row costs a journal and a lookup each.
    static func writeFinance(_ rows: [[SQLiteValue]], database: Database) throws -> Int {
        let columns = AidDataRecords.financeColumns
        let read = try database.makeStatement(sql: """
            SELECT \(columns.joined(separator: ", ")) FROM finance_records WHERE agreement_id \(DocumentReader.inList)
            """)
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        func insert(_ count: Int) throws -> Statement {
            try database.makeStatement(sql: "INSERT OR REPLACE INTO finance_records (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: row, count: count).joined(separator: ", "))
        }
        let batch = 64
        let many = try insert(batch), one = try insert(1)
        var changed = 0
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + batch, rows.count)]
            try read.bind([.text(JSONList.of(chunk.map { $0[0].string ?? "" }))])
            var stored: [String: [SQLiteValue]] = [:]
            while try read.step() {
                stored[read.value(at: 0).string ?? ""] = (0..<columns.count).map { read.value(at: Int32($0)) }
            }
            read.reset()
            let writes = chunk.filter { stored[$0[0].string ?? ""] != $0 }
            if writes.count == batch {
                try many.bind(Array(writes.joined()))
                try many.run()
            } else {
                for values in writes {
                    try one.bind(values)
                    try one.run()
                }
            }
            changed += writes.count
            start += chunk.count
        }
        return changed
    }
}
