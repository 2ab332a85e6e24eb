import CSQLite

/// A failure reported by SQLite, with everything needed to understand it:
/// the extended result code, SQLite's own message and the SQL being run.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, e.g. 2067 for SQLITE_CONSTRAINT_UNIQUE.
    public let extendedCode: Int32
    public let message: String
    public let sql: String?
    /// The file of the connection's main database, when SQLite knows it
    /// (not for a temporary or in-memory database).
    public let databasePath: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil, databasePath: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
        self.databasePath = databasePath
    }

    /// The primary result code, e.g. 19 (SQLITE_CONSTRAINT).
    public var code: Int32 { extendedCode & 0xFF }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }

    init(database: OpaquePointer?, code: Int32, sql: String? = nil) {
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
        let path = database.flatMap { sqlite3_db_filename($0, "main") }.map { String(cString: $0) }
        self.init(extendedCode: extended & 0xFF == code & 0xFF ? extended : code,
                  message: message, sql: sql, databasePath: path?.isEmpty == false ? path : nil)
    }
}

/// Result codes that callers match on. Extended codes are not imported into
/// Swift as constants, so the ones we need are spelled out here.
extension SQLiteError {
    public static let constraint: Int32 = SQLITE_CONSTRAINT
    public static let busy: Int32 = SQLITE_BUSY
    public static let interrupt: Int32 = SQLITE_INTERRUPT
    public static let readOnly: Int32 = SQLITE_READONLY
    public static let notADatabase: Int32 = SQLITE_NOTADB
    public static let cannotOpen: Int32 = SQLITE_CANTOPEN
    public static let authorization: Int32 = SQLITE_AUTH
    public static let misuse: Int32 = SQLITE_MISUSE
    public static let constraintCheck: Int32 = 275
    public static let constraintForeignKey: Int32 = 787
    public static let constraintNotNull: Int32 = 1299
    public static let constraintPrimaryKey: Int32 = 1555
    public static let constraintUnique: Int32 = 2067

    /// Lets `catch let error as SQLiteError where SQLiteError.busy ~= error` read naturally.
    public static func ~= (code: Int32, error: SQLiteError) -> Bool {
        code > 0xFF ? error.extendedCode == code : error.code == code
    }
}
