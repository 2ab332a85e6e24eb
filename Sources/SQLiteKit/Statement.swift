import CSQLite
import Foundation

/// SQLite copies bound text and blobs at once when told the buffer is
/// transient; the constant is a macro that Swift does not import.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Owned by the connection that made it; finalized when
/// released.
package final class Statement {
    let handle: OpaquePointer
    /// The raw connection, for error messages. sqlite3_close_v2 keeps it
    /// alive until every statement is finalized, so this never dangles, and
    /// not holding the Database avoids a cycle through its statement cache.
    let connection: OpaquePointer
    package let sql: String
    package let columnNames: [String]

    /// Wraps a statement prepared elsewhere (by `Database.forEachStatement`).
    init(database: Database, handle: OpaquePointer) {
        self.connection = database.handle
        self.handle = handle
        self.sql = sqlite3_sql(handle).map { String(cString: $0) } ?? ""
        self.columnNames = (0..<sqlite3_column_count(handle)).map { index in
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
    }

    init(database: Database, sql: String, persistent: Bool) throws {
        self.connection = database.handle
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        var trailing = ""
        let code = sql.withCString { text in
            let code = sqlite3_prepare_v3(database.handle, text, -1, flags, &statement, &tail)
            // `tail` points into `text`, which lives only inside this closure
            // (a small string is copied to the stack for it).
            if let tail, tail.pointee != 0 { trailing = String(cString: tail) }
            return code
        }
        guard code == SQLITE_OK else { throw SQLiteError(database: database.handle, code: code, sql: sql) }
        // SQLite prepares nothing, without an error, from SQL that is only
        // comments, spaces and semicolons.
        guard let statement else { throw SQLiteError(extendedCode: .misuse, message: SQLiteError.noStatement, sql: sql) }
        if !trailing.allSatisfy({ $0.isWhitespace || $0 == ";" }) && !Self.holdsNoStatement(trailing, database) {
            sqlite3_finalize(statement)
            throw SQLiteError(extendedCode: .misuse, message: SQLiteError.severalStatements, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.columnNames = (0..<sqlite3_column_count(statement)).map { index in
            sqlite3_column_name(statement, index).map { String(cString: $0) } ?? ""
        }
    }

    deinit { sqlite3_finalize(handle) }

    /// Whether SQL text is only comments, spaces and semicolons (`SELECT 1;
    /// -- why` is one statement): SQLite prepares nothing from it, without
    /// an error. Its own tokenizer decides, not a second one of ours.
    private static func holdsNoStatement(_ sql: String, _ database: Database) -> Bool {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        return code == SQLITE_OK && statement == nil
    }

    /// True when running the statement cannot change the database file.
    package var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The names of the statement's parameters, with their prefix (`:name`);
    /// nil for anonymous `?` parameters.
    package var parameterNames: [String?] {
        (0..<sqlite3_bind_parameter_count(handle)).map {
            sqlite3_bind_parameter_name(handle, $0 + 1).map { String(cString: $0) }
        }
    }

    /// Clears bindings and rewinds, ready for another run.
    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds values by position (1-based in SQL, 0-based here).
    package func bind(_ values: [SQLiteValue]) throws {
        let count = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == count else {
            throw SQLiteError(extendedCode: .range,
                              message: "statement takes \(count) arguments, \(values.count) given", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bindValue(value, at: Int32(offset + 1))
        }
    }

    /// Binds values by name; keys may carry the prefix (`:party`) or not.
    /// A name the statement does not have is an error, not silently ignored.
    package func bind(named values: [String: SQLiteValue]) throws {
        for (name, value) in values {
            let key = name.first.map { ":@$".contains($0) } == true ? name : ":" + name
            let index = sqlite3_bind_parameter_index(handle, key)
            guard index > 0 else {
                throw SQLiteError(extendedCode: .range,
                                  message: "no parameter named \(key)", sql: sql)
            }
            try bindValue(value, at: index)
        }
    }

    /// Advances one row. Returns false when the statement is done.
    package func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = SQLiteError(database: connection, code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion, discarding any rows.
    package func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// The current row's value in column `index`, read with its byte length.
    package func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let bytes = sqlite3_column_text(handle, index) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default:
            return .null
        }
    }

    /// The current row, copied out of SQLite.
    package func currentRow() -> Row {
        Row(columnNames: columnNames, values: (0..<Int32(columnNames.count)).map(value(at:)))
    }

    /// The rows of one run, read one at a time as the caller iterates.
    package func rows() -> RowCursor { RowCursor(statement: self) }
}

/// Iterates a statement's rows without loading them all. Errors are thrown
/// from `next()`; `for try` is not available for synchronous sequences, so
/// callers loop with `while let row = try cursor.next()`.
package struct RowCursor {
    let statement: Statement
    private var finished = false

    init(statement: Statement) { self.statement = statement }

    package mutating func next() throws -> Row? {
        guard !finished else { return nil }
        if try statement.step() { return statement.currentRow() }
        finished = true
        sqlite3_reset(statement.handle)
        return nil
    }
}
