import SQLiteKit

/// The one way every importer (tables, documents, GEM) writes: bulk
/// settings, one IMMEDIATE transaction, foreign keys checked once at the
/// end with a checked pass as fallback, the search indexes rebuilt in bulk
/// when asked, a dry run rolled back, and an interrupt turned into the
/// signal's error. Before this, each importer nested these in its own order.
enum WritePolicy {
    struct Options {
        /// Do all the work, then roll it back.
        var dryRun = false
        /// The tables whose foreign keys the first pass checks at the end.
        var tables: [String]
        /// Drop the search triggers and rebuild the indexes once at the end
        /// (BulkLoad): worth it for a large load, too costly for a small
        /// one into a large database.
        var bulkSearch = true
        /// Check foreign keys once at the end (first pass with them off):
        /// the check reads the whole of every table named, so for a small
        /// load into a large database the row-by-row check is cheaper.
        var deferForeignKeys = true
        /// Whether a failure of the first (unchecked) pass should be
        /// retried by the checked pass, for the checked pass's report.
        var retryChecked: (Error) -> Bool = { _ in false }
    }

    /// Runs `body` (told whether foreign keys are checked row by row) under
    /// the policy; returns its result, also for a dry run.
    ///
    /// The first pass runs with foreign keys off and checks them once at
    /// the end, which is much cheaper than SQLite's lookup per row of a
    /// multi-row INSERT. Should that check (or `retryChecked`) find a
    /// problem, nothing of the first pass is kept and the body runs again
    /// with foreign keys on, which reports every problem where it is.
    static func run<T>(_ database: Database, _ options: Options, _ body: (_ checked: Bool) throws -> T) throws -> T {
        try translatingInterrupts {
            try BulkLoad.withBulkSettings(database) {
                if database.isInTransaction || !options.deferForeignKeys {
                    // foreign_keys cannot change inside a caller's transaction
                    // (and need not for a small load): the connection's own setting holds.
                    return try pass(database, options, checkAtEnd: false) { try body(true) }
                }
                let foreignKeys = try database.scalar(sql: "PRAGMA foreign_keys").int64 ?? 1
                do {
                    try database.execute(sql: "PRAGMA foreign_keys = OFF")
                    defer { try? database.execute(sql: "PRAGMA foreign_keys = \(foreignKeys)") }
                    return try pass(database, options, checkAtEnd: true) { try body(false) }
                } catch is ForeignKeyViolations {
                } catch where options.retryChecked(error) {
                }
                return try pass(database, options, checkAtEnd: false) { try body(true) }
            }
        }
    }

    private static func pass<T>(_ database: Database, _ options: Options, checkAtEnd: Bool,
                                _ body: () throws -> T) throws -> T {
        var result: T?
        // Inside a caller's transaction, a savepoint: all or nothing within it.
        func atomically(_ work: () throws -> Void) throws {
            if database.isInTransaction { try database.inSavepoint(work) } else { try database.inTransaction(.immediate, work) }
        }
        do {
            try atomically {
                if options.bulkSearch {
                    result = try BulkLoad.withSearchTriggersSuspended(database, body)
                } else {
                    result = try body()
                }
                if checkAtEnd, try hasForeignKeyViolations(in: options.tables, database: database) {
                    throw ForeignKeyViolations()
                }
                if options.dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {}
        guard let result else { preconditionFailure("a pass that ended without error has a result") }
        return result
    }

    static func hasForeignKeyViolations(in tables: [String], database: Database) throws -> Bool {
        let statement = try database.makeStatement(sql: "SELECT 1 FROM pragma_foreign_key_check(?) LIMIT 1")
        for table in tables {
            try statement.bind([.text(table)])
            defer { statement.reset() }
            if try statement.step() { return true }
        }
        return false
    }

    /// Thrown by the first pass to roll it back and hand over to the checked one.
    private struct ForeignKeyViolations: Error {}
    private struct DryRunRollback: Error {}
}
