import CSQLite

/// Binding one parameter and reading one column at a time, for bulk loads
/// and exports that move bytes between SQLite and a buffer without making a
/// `[SQLiteValue]` (and a String per text) for every row.
extension Statement {
    /// Binds UTF-8 bytes as text, with their byte length (SQLite copies them).
    /// Positions are 1-based, as in SQL.
    package func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int32) throws {
        let code = bytes.withMemoryRebound(to: CChar.self) { characters in
            // An empty buffer may have no address; it must still bind as '' and not NULL.
            guard let base = characters.baseAddress else {
                return sqlite3_bind_text64(handle, position, "", 0, transientDestructor, UInt8(SQLITE_UTF8))
            }
            return sqlite3_bind_text64(handle, position, base, sqlite3_uint64(characters.count),
                                       transientDestructor, UInt8(SQLITE_UTF8))
        }
        try check(code)
    }

    package func bindInteger(_ number: Int64, at position: Int32) throws {
        try check(sqlite3_bind_int64(handle, position, number))
    }

    package func bindNull(at position: Int32) throws {
        try check(sqlite3_bind_null(handle, position))
    }

    /// Binds any value at one 1-based position.
    package func bindValue(_ value: SQLiteValue, at position: Int32) throws {
        switch value {
        case .null: try bindNull(at: position)
        case .integer(let number): try bindInteger(number, at: position)
        case .real(let number): try check(sqlite3_bind_double(handle, position, number))
        case .text(var text): try text.withUTF8 { try bindText($0, at: position) }
        case .blob(let data):
            try check(data.withUnsafeBytes { bytes in
                bytes.baseAddress == nil
                    ? sqlite3_bind_zeroblob(handle, position, 0)
                    : sqlite3_bind_blob64(handle, position, bytes.baseAddress, sqlite3_uint64(bytes.count),
                                          transientDestructor)
            })
        }
    }

    package enum ColumnType: Sendable { case integer, real, text, blob, null }

    /// The type of column `index` (0-based) of the current row.
    package func columnType(at index: Int32) -> ColumnType {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    package func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    package func double(at index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// The UTF-8 bytes of a text column of the current row, as SQLite holds
    /// them (not checked), valid only inside `body`.
    package func withText<T>(at index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeBufferPointer(start: count > 0 ? bytes : nil, count: bytes == nil ? 0 : count))
    }

    /// The bytes of a BLOB column of the current row, valid only inside
    /// `body`: a 300 MB blob is not copied into a Data first.
    package func withBlob<T>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? bytes : nil, count: bytes == nil ? 0 : count))
    }

    /// Rewinds after the last row, keeping the bindings (`reset()` clears them).
    package func rewind() {
        sqlite3_reset(handle)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw SQLiteError(database: connection, code: code, sql: sql)
        }
    }
}
