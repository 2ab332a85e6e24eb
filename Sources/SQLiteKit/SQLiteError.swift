import CSQLite

/// A failure reported by SQLite, with everything needed to understand it:
/// the extended result code, SQLite's own message and the SQL being run.
package struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, e.g. `.constraintUnique`.
    package let extendedCode: ResultCode
    package let message: String
    package let sql: String?
    /// The file of the connection's main database, when SQLite knows it
    /// (not for a temporary or in-memory database), or the path a failed
    /// open was given. Kept apart from `message`, which is SQLite's own.
    package let databasePath: String?

    package init(extendedCode: ResultCode, message: String, sql: String? = nil, databasePath: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
        self.databasePath = databasePath
    }

    /// The primary result code, e.g. `.constraint`.
    package var code: ResultCode { extendedCode.primary }

    package var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }

    init(database: OpaquePointer?, code: Int32, sql: String? = nil, databasePath: String? = nil) {
        let message: String
        if let database, let cMessage = sqlite3_errmsg(database) {
            message = String(cString: cMessage)
        } else if let cMessage = sqlite3_errstr(code) {
            message = String(cString: cMessage)
        } else {
            message = "unknown error"
        }
        let extended = database.map { sqlite3_extended_errcode($0) } ?? code
        // sqlite3_extended_errcode reports the last error of the connection;
        // trust it only when it refines the code we were handed.
        let path = databasePath ?? database.flatMap { sqlite3_db_filename($0, "main") }.map { String(cString: $0) }
        self.init(extendedCode: ResultCode(rawValue: extended & 0xFF == code & 0xFF ? extended : code),
                  message: message, sql: sql, databasePath: path?.isEmpty == false ? path : nil)
    }
}

extension SQLiteError {
    /// The messages of a `.misuse` for SQL that is not one statement.
    package static let noStatement = "no statement in the SQL"
    package static let severalStatements = "more than one statement; run scripts with execute(script:)"

    /// Lets `catch let error as SQLiteError where ResultCode.busy ~= error` read naturally.
    package static func ~= (code: ResultCode, error: SQLiteError) -> Bool {
        code ~= error.extendedCode
    }
}
