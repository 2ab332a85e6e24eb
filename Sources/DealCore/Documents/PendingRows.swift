import SQLiteKit

/// Rows of one table held back for multi-row INSERTs (64, 16, 4 or 1 rows
/// per statement, each prepared once): SQLite builds the temporary b-tree of
/// every CHECK's `IN (...)` list once per statement run, and each run costs
/// a statement journal, so one run for many rows is several times cheaper.
final class PendingRows {
    let database: Database
    let table: String
    let columns: [String]
    /// A table of records with an `id`, whose rows may also be updated in place.
    let keyed: Bool
    private var values: [SQLiteValue] = []
    private var statements: [Int: Statement] = [:]
    private var noTrigger: Bool?

    init(database: Database, table: String, columns: [String], keyed: Bool) {
        self.database = database
        self.table = table
        self.columns = columns
        self.keyed = keyed
    }

    /// A new row is queued; an existing one is updated at once, in place
    /// (keeping its rowid and what points at it). Not an UPSERT: its
    /// conflict clause would override the `OR IGNORE` in the search
    /// triggers of migration 0007.
    func save(_ row: [SQLiteValue], replacing: Bool) throws {
        guard replacing else { return append(row) }
        precondition(keyed && columns.first == "id", "only records with an id are updated")
        let update = try database.cachedStatement(sql: updateSQL)
        try update.bind(Array(row.dropFirst()) + [row[0]])
        try update.run()
    }

    /// Built once: `save` runs it for every changed record.
    private lazy var updateSQL = "UPDATE \(table) SET " + columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
        + " WHERE id = ?"

    func append(_ row: [SQLiteValue]) {
        assert(row.count == columns.count, "a row of \(table) has \(columns.count) values")
        values += row
    }

    func flush() throws {
        guard !values.isEmpty else { return }
        defer { values.removeAll(keepingCapacity: true) }
        let rows = values.count / columns.count
        var done = 0
        for size in [64, 16, 4, 1] {
            while rows - done >= size {
                let statement = try self.statement(rows: size)
                let first = done * columns.count
                for index in 0..<(size * columns.count) {
                    try statement.bindValue(values[first + index], at: Int32(index + 1))
                }
                try statement.run()
                done += size
            }
        }
    }

    /// `table` and `columns` are constants of RecordWriter, never input.
    private func statement(rows: Int) throws -> Statement {
        if let statement = statements[rows] { return statement }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let verb = try firesNoTrigger() ? "INSERT OR FAIL" : "INSERT"
        let sql = "\(verb) INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
        let statement = try database.makeStatement(sql: sql)
        statements[rows] = statement
        return statement
    }

    /// Whether no trigger is defined on the table (a bulk load suspends the
    /// search triggers), asked once, when the first INSERT is prepared.
    ///
    /// Then the INSERTs say `OR FAIL`: a multi-row INSERT under the default
    /// `ABORT` keeps a statement journal, a copy of every page it changes
    /// taken to undo itself should a row fail; as the indexes grow, nearly
    /// every row of a statement changes a page of its own (0.6 s of CPU of
    /// a 50,000-agreement document import). `FAIL` keeps the rows
    /// before a failing one, which changes nothing here: every failure
    /// ends the import's transaction or savepoint, which undoes them. With
    /// a trigger the INSERT stays as it was: its conflict clause would
    /// override the trigger's own (the `OR IGNORE` of the search triggers).
    /// With foreign keys checked, SQLite keeps the journal anyway.
    private func firesNoTrigger() throws -> Bool {
        if let noTrigger { return noTrigger }
        let triggers = try database.scalar(sql: """
            SELECT (SELECT count(*) FROM main.sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1)
                 + (SELECT count(*) FROM temp.sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1)
            """, arguments: [.text(table)]).int64 ?? 1
        noTrigger = triggers == 0
        return triggers == 0
    }
}
