import CSQLite
import Foundation

/// One connection to a SQLite database. Not Sendable: a connection belongs
/// to the code that opened it; use `interruptHandle` to stop it from elsewhere.
package final class Database {
    package enum OpenMode: Sendable {
        /// Never writes; fails if the file is missing.
        case readOnly
        /// Fails if the file is missing.
        case readWrite
        /// Creates the file when missing.
        case create
    }

    let handle: OpaquePointer
    package let path: String
    package let mode: OpenMode
    private var statementCache: [String: Statement] = [:]
    var savepointDepth = 0
    /// Objects that C callbacks point at; kept alive as long as the connection.
    var callbackContexts: [AnyObject] = []

    /// Opens the database with foreign keys enforced and a busy timeout, and
    /// for writable files switches to WAL so that readers never block writers.
    package init(path: String, mode: OpenMode = .readWrite, busyTimeout: Duration = .seconds(5)) throws {
        var flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(database: connection, code: code, sql: nil, databasePath: path)
            sqlite3_close_v2(connection)
            throw error
        }
        self.handle = connection
        self.path = path
        self.mode = mode
        sqlite3_extended_result_codes(connection, 1)
        let milliseconds = busyTimeout.components.seconds * 1000
            + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(connection, Int32(clamping: milliseconds))
        // A double-quoted word is an identifier, never a string: with
        // SQLite's legacy fallback, `SELECT "no_such_column"` returned the
        // text instead of an error. And no SQL may hand SQLite a tokenizer
        // by its address: the two-argument fts3_tokenizer() that Debian's
        // build enables calls whatever address it is given.
        for option in [SQLITE_DBCONFIG_DQS_DML, SQLITE_DBCONFIG_DQS_DDL, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER] {
            _ = dealdb_db_config_int(connection, option, 0, nil)
        }
        do {
            try execute(sql: "PRAGMA foreign_keys = ON")
            // Reading the schema here makes "file is not a database" surface
            // at open, with the path, rather than at the first query.
            _ = try scalar(sql: "SELECT count(*) FROM sqlite_schema")
            if mode != .readOnly && !isInMemory {
                try execute(sql: "PRAGMA journal_mode = WAL")
            }
        } catch let error as SQLiteError {
            // deinit closes the connection: every stored property is set.
            throw SQLiteError(extendedCode: error.extendedCode, message: error.message, sql: error.sql,
                              databasePath: path)
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A read-only connection to a WAL database leaves the `-wal` and `-shm`
    /// files it needed behind it, which a command that promises to change
    /// nothing must not. A read-write connection that reads and is the last
    /// to close removes them: SQLite's own rule, so another process that
    /// has the database open keeps them. Nothing is changed otherwise (no
    /// pragma is run; a rollback-journal database is left as it is).
    package static func removeWALFiles(leftBy path: String) {
        var connection: OpaquePointer?
        defer { sqlite3_close_v2(connection) }
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else { return }
        sqlite3_exec(connection, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
    }

    /// The file SQLite has open, for errors; nil when in memory or temporary.
    var databasePath: String? {
        sqlite3_db_filename(handle, "main").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    var isInMemory: Bool {
        path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:")
    }

    /// Prepares a statement that the caller owns.
    package func makeStatement(sql: String) throws -> Statement {
        try Statement(database: self, sql: sql, persistent: false)
    }

    /// A prepared statement kept for reuse, keyed by its SQL. It is reset
    /// before it is handed out.
    package func cachedStatement(sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try Statement(database: self, sql: sql, persistent: true)
        if statementCache.count >= 64 { statementCache.removeAll(keepingCapacity: true) }
        statementCache[sql] = statement
        return statement
    }

    /// Runs one statement with positional arguments.
    package func execute(sql: String, arguments: [SQLiteValue] = []) throws {
        let statement = try cachedStatement(sql: sql)
        try statement.bind(arguments)
        try statement.run()
    }

    /// Runs one statement with named arguments (`:name`).
    package func execute(sql: String, named arguments: [String: SQLiteValue]) throws {
        let statement = try cachedStatement(sql: sql)
        try statement.bind(named: arguments)
        try statement.run()
    }

    /// Runs a script of several statements, such as a migration file. Takes
    /// no arguments: scripts are ours, never built from user input.
    package func execute(script: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, script, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw SQLiteError(extendedCode: ResultCode(rawValue: sqlite3_extended_errcode(handle)), message: message,
                              sql: script, databasePath: databasePath)
        }
    }

    /// All rows of a query. For large results iterate `rows(sql:)` instead.
    package func fetchAll(sql: String, arguments: [SQLiteValue] = []) throws -> [Row] {
        var cursor = try rows(sql: sql, arguments: arguments)
        var rows: [Row] = []
        while let row = try cursor.next() { rows.append(row) }
        return rows
    }

    /// All rows of a query with named arguments (`:name`).
    package func fetchAll(sql: String, named arguments: [String: SQLiteValue]) throws -> [Row] {
        let statement = try cachedStatement(sql: sql)
        try statement.bind(named: arguments)
        var cursor = statement.rows()
        var rows: [Row] = []
        while let row = try cursor.next() { rows.append(row) }
        return rows
    }

    package func fetchOne(sql: String, arguments: [SQLiteValue] = []) throws -> Row? {
        var cursor = try rows(sql: sql, arguments: arguments)
        defer { cursor.statement.reset() }
        return try cursor.next()
    }

    /// The first column of the first row, or NULL when there is no row.
    package func scalar(sql: String, arguments: [SQLiteValue] = []) throws -> SQLiteValue {
        try fetchOne(sql: sql, arguments: arguments)?[0] ?? .null
    }

    /// The rows of a cached statement, read as the caller iterates.
    package func rows(sql: String, arguments: [SQLiteValue] = []) throws -> RowCursor {
        let statement = try cachedStatement(sql: sql)
        try statement.bind(arguments)
        return statement.rows()
    }

    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    package var changes: Int { Int(sqlite3_changes64(handle)) }

    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// A Sendable way to stop this connection's running statement from
    /// another thread or a signal handler.
    package var interruptHandle: InterruptHandle { InterruptHandle(handle: handle) }
}

@available(*, unavailable)
extension Database: Sendable {}

/// sqlite3_interrupt is documented as safe to call from any thread while
/// the connection is open; that is the only thing this handle allows.
package struct InterruptHandle: @unchecked Sendable {
    let handle: OpaquePointer
    package func interrupt() { sqlite3_interrupt(handle) }
}
