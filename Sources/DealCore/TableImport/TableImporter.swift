import Foundation
import SQLiteKit

/// How far an import has come, for a progress bar.
package struct TableImportProgress: Sendable {
    package let table: String
    package let rows: Int
    package let bytesDone: Int64
    package let bytesTotal: Int64
    /// The first pass found a problem, and the files are being read again
    /// to report every problem with its line.
    package let rereading: Bool
}

/// What an import wrote: per table, the file and its row count.
package struct TableImportSummary: Sendable {
    package struct Entry: Sendable {
        package let table: String
        package let file: String
        package let rows: Int
    }
    package var entries: [Entry] = []
    package var totalRows: Int { entries.reduce(0) { $0 + $1.rows } }
}

/// Loads CSV files into tables: `import --table NAME FILE.csv` and
/// `import --dir DIR` (the layout `export --all` writes).
///
/// Each cell is converted to its column's declared type and checked; the
/// header names the columns, in any order and any subset (left-out columns
/// take their defaults). Everything runs in one IMMEDIATE transaction with
/// one prepared statement per table: all or nothing.
///
/// `countries` and `country_names` are reference data that every new
/// database already holds (migrations 0002 and 0006), so their rows are
/// upserted by primary key: a row that exists is
/// updated to the file's values (identical rows change nothing) instead of
/// failing the primary key. Every other table takes new rows only, so an
/// import never silently overwrites a record.
package final class TableImporter {
    let store: DealStore
    var database: Database { store.database }
    /// Called every few thousand rows with how far the import has come.
    package var progress: ((TableImportProgress) -> Void)?
    /// Stop after this many problems rather than listing every row of a bad file.
    package var problemLimit = 20
    /// Set for the checked pass that follows a first pass with problems.
    private var rereading = false

    /// `quality_limits` (migration 0008) and `country_names` (0006) are
    /// reference data too: a new database holds the defaults, and a file
    /// brings tuned ones back.
    static let upsertTables: Set<String> = ["countries", "country_names", "quality_limits"]

    package init(store: DealStore) {
        self.store = store
    }

    /// What a row's values caused (a constraint, a value of the wrong type),
    /// reported with its line; the database's own failures (a damaged file,
    /// a full disk, a lock, an interrupt) stop the import as they are: "line
    /// 2: database disk image is malformed" blamed the CSV file.
    static func isRowProblem(_ error: SQLiteError) -> Bool {
        !(ResultCode.interrupt ~= error) && !error.isTheDatabaseFilesFailure
    }

    /// One CSV file into one table.
    package func importTable(_ table: String, from path: String) throws -> TableImportSummary {
        try store.translatingFailures { try load(table, from: path) }
    }

    private func load(_ table: String, from path: String) throws -> TableImportSummary {
        let tables = try TableExport(store: store).tableNames()
        guard tables.contains(table) else {
            throw DealError(.usage, "no table named \"\(table)\"" + Suggestions.hint(for: table, in: tables)
                + "; tables: \(tables.joined(separator: ", "))")
        }
        let total = try Self.size(of: path)
        return try inTransaction(tables: [table]) {
            var summary = TableImportSummary()
            let rows = try load(table: table, path: path, bytesBefore: 0, bytesTotal: total)
            summary.entries.append(.init(table: table, file: path, rows: rows))
            return summary
        }
    }

    /// Every `TABLE.csv` in `directory`, in foreign-key order. A table
    /// without a file is left alone; a CSV file that names no table is an
    /// error rather than silently skipped.
    package func importDirectory(_ directory: String) throws -> TableImportSummary {
        try store.translatingFailures { try load(directory: directory) }
    }

    private func load(directory: String) throws -> TableImportSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DealError(.unreadableInput, "\(directory): no such folder")
        }
        let tables = try TableExport(store: store).tableNames()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let csvNames = Set(files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) })
        if let stray = csvNames.subtracting(tables).sorted().first {
            throw DealError(.invalidData, "\(directory)/\(stray).csv: no table named \"\(stray)\""
                + Suggestions.hint(for: stray, in: tables) + "; tables: \(tables.joined(separator: ", "))")
        }
        let plan = tables.filter(csvNames.contains).map { ($0, directory + "/" + $0 + ".csv") }
        guard !plan.isEmpty else {
            throw DealError(.invalidData, "\(directory): holds no TABLE.csv files; tables: \(tables.joined(separator: ", "))")
        }
        let sizes = try plan.map { try Self.size(of: $0.1) }
        let total = sizes.reduce(0, +)
        return try inTransaction(tables: plan.map(\.0)) {
            var summary = TableImportSummary()
            var before: Int64 = 0
            for ((table, path), size) in zip(plan, sizes) {
                let rows = try load(table: table, path: path, bytesBefore: before, bytesTotal: total)
                summary.entries.append(.init(table: table, file: path, rows: rows))
                before += size
            }
            return summary
        }
    }

    /// Runs an import under the write policy (one transaction, foreign keys
    /// checked once at the end, the search indexes rebuilt in bulk): a file
    /// with problems is read again with foreign keys on, which reports every
    /// problem with its file and line, foreign keys included, exactly as
    /// that pass alone would; nothing of the first pass is kept.
    private func inTransaction<T>(tables: [String], _ body: () throws -> T) throws -> T {
        precondition(!database.isInTransaction, "foreign_keys can only be switched outside a transaction")
        var options = WritePolicy.Options(tables: tables)
        options.retryChecked = { ($0 as? DealError)?.kind == .invalidData }
        return try WritePolicy.run(database, options) { checked in
            rereading = checked
            defer { rereading = false }
            return try body()
        }
    }

    /// Loads one file into one table; returns the row count. Problems are
    /// gathered (up to `problemLimit`) and thrown together, which rolls the
    /// whole import back.
    private func load(table: String, path: String, bytesBefore: Int64, bytesTotal: Int64) throws -> Int {
        let columns = try TableColumn.columns(of: table, in: database)
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else {
            throw DealError(.invalidData, "\(path): empty file; the first line must name the columns of \(table)")
        }
        var targets: [TableColumn] = []
        for name in header.fields {
            guard let column = columns.first(where: { $0.name == name })
                ?? columns.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw DealError(.invalidData, "\(path):\(header.line): \(table) has no column \"\(name)\"; its columns are "
                    + columns.map(\.name).joined(separator: ", "))
            }
            guard !targets.contains(where: { $0.name == column.name }) else {
                throw DealError(.invalidData, "\(path):\(header.line): column \"\(name)\" is named twice")
            }
            targets.append(column)
        }
        let single = try database.makeStatement(sql: Self.insertSQL(table: table, columns: targets))
        // 32,766 is SQLite's default limit on parameters; past 256 rows,
        // longer statements cost more to prepare than they save.
        let batchSize = max(1, min(256, 32766 / max(1, targets.count)))
        let multiple = try database.makeStatement(sql: Self.insertSQL(table: table, columns: targets, rows: batchSize))
        var batch = RowBatch(columns: targets.count, capacity: batchSize)

        var problems: [String] = []
        var rows = 0
        var nextProgress = 0x1000

        /// Binds row `row` of the batch at parameter `offset + 1...`; returns the
        /// first problem, after the number of its field.
        func bind(row: Int, to statement: Statement, offset: Int) throws -> String? {
            for index in targets.indices {
                let problem = try batch.withCell(row: row, column: index) { cell in
                    try targets[index].bind(cell, quoted: batch.isQuoted(row: row, column: index), to: statement,
                                            at: Int32(offset + index + 1))
                }
                // file:line:column, the column counted in fields.
                if let problem { return "\(index + 1): \(problem)" }
            }
            return nil
        }
        /// One row at a time, each problem with its line: for a batch that
        /// failed (SQLite undid all of it) and for the rows left at the end.
        func runSingly() throws {
            for row in 0..<batch.count where problems.count < problemLimit {
                do {
                    if let problem = try bind(row: row, to: single, offset: 0) {
                        problems.append("\(path):\(batch.lines[row]):\(problem)")
                        continue
                    }
                    try single.run()
                    rows += 1
                } catch let error as SQLiteError where Self.isRowProblem(error) {
                    problems.append("\(path):\(batch.lines[row]):" + describe(error, row: row))
                }
            }
        }
        /// A failed row's problem after `file:line:`: for a CHECK on one
        /// column, its field, the value and the rule in words.
        func describe(_ error: SQLiteError, row: Int) -> String {
            guard let column = ConstraintMessage.checkedColumn(error.message, among: targets.map(\.name)),
                  let index = targets.firstIndex(where: { $0.name == column }) else {
                return " " + ConstraintMessage.oneLine(error.message, database: database)
            }
            let value = batch.withCell(row: row, column: index) { String(decoding: $0, as: UTF8.self) }
            let rule = ConstraintMessage.rule(error.message)
                ?? ConstraintMessage.oneLine(error.message).replacingOccurrences(of: ConstraintMessage.prefix, with: "fails the CHECK ")
            return "\(index + 1): \(table).\(column) \"\(value)\": \(rule)"
        }
        func flush() throws {
            defer { batch.removeAll() }
            guard batch.count == batchSize else { return try runSingly() }
            do {
                for row in 0..<batch.count {
                    if try bind(row: row, to: multiple, offset: row * targets.count) != nil { return try runSingly() }
                }
                try multiple.run()
                rows += batch.count
            } catch let error as SQLiteError where Self.isRowProblem(error) {
                try runSingly()
            }
            if rows >= nextProgress {
                nextProgress = rows + 0x1000
                try Cancellation.check()
                progress?(TableImportProgress(table: table, rows: rows, bytesDone: bytesBefore + reader.progressBytes,
                                              bytesTotal: bytesTotal, rereading: rereading))
            }
        }

        while problems.count < problemLimit, try reader.advance() {
            guard reader.fieldCount == targets.count else {
                try flush()
                if problems.count < problemLimit {
                    problems.append("\(path):\(reader.recordLine): \(reader.fieldCount) fields, but the header names \(targets.count) columns")
                }
                continue
            }
            batch.append(from: reader)
            if batch.count == batchSize { try flush() }
        }
        if problems.count < problemLimit { try flush() }
        if !problems.isEmpty {
            let more = problems.count >= problemLimit ? ["(stopped after \(problemLimit) problems)"] : []
            if problems.count == 1 {
                throw DealError(.invalidData, problems[0] + "; nothing was imported")
            }
            throw DealError(.invalidData, "\(problems.count) problems in \(path); nothing was imported",
                            details: problems + more)
        }
        progress?(TableImportProgress(table: table, rows: rows, bytesDone: bytesBefore + reader.progressBytes,
                                      bytesTotal: bytesTotal, rereading: rereading))
        return rows
    }

    /// Names come from the schema (checked above), never from the file as written.
    static func insertSQL(table: String, columns: [TableColumn], rows: Int = 1) -> String {
        let names = columns.map { SQLText.identifier($0.name) }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var sql = "INSERT INTO \(SQLText.identifier(table)) (\(names.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
        if upsertTables.contains(table) {
            let keys = columns.filter(\.primaryKey).map { SQLText.identifier($0.name) }
            let others = columns.filter { !$0.primaryKey }.map { SQLText.identifier($0.name) }
            if !keys.isEmpty {
                sql += " ON CONFLICT (\(keys.joined(separator: ", "))) DO "
                    + (others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            }
        }
        return sql
    }

    static func size(of path: String) throws -> Int64 {
        switch FileStatus.of(path) {
        case .success(let status):
            return status.size
        case .failure(let failure):
            throw DealError(.unreadableInput, "\(path): " + (failure.isMissing ? "no such file" : "cannot read: \(failure.reason)"))
        }
    }
}
