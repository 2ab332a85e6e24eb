import CSQLite
import Foundation

extension Database {
    /// Denies ATTACH, DETACH and load_extension() for the life of the
    /// connection, so that SQL typed by a user cannot reach other files or
    /// load code, whatever the statement looks like.
    public func denyAttachAndExtensions() {
        sqlite3_set_authorizer(handle, { _, action, _, _, functionName, _ in
            switch action {
            case SQLITE_ATTACH, SQLITE_DETACH:
                return SQLITE_DENY
            case SQLITE_FUNCTION:
                guard let functionName else { return SQLITE_OK }
                return strcasecmp(functionName, "load_extension") == 0 ? SQLITE_DENY : SQLITE_OK
            default:
                return SQLITE_OK
            }
        }, nil)
    }

    /// Calls `shouldInterrupt` every `instructions` virtual-machine steps of
    /// any running statement; when it returns true the statement stops with
    /// SQLITE_INTERRUPT. Used for time limits and for Ctrl-C.
    public func setProgressHandler(every instructions: Int32 = 10_000, _ shouldInterrupt: @escaping () -> Bool) {
        let context = ProgressContext(shouldInterrupt)
        callbackContexts.append(context)
        sqlite3_progress_handler(handle, instructions, { pointer in
            guard let pointer else { return 0 }
            return Unmanaged<ProgressContext>.fromOpaque(pointer).takeUnretainedValue().check() ? 1 : 0
        }, Unmanaged.passUnretained(context).toOpaque())
    }

    /// Prepares and hands over each statement of `sql` in turn, preparing the
    /// next only after `body` has run the previous one, so that a script may
    /// create a table and then use it.
    public func forEachStatement(in sql: String, _ body: (Statement) throws -> Void) throws {
        let bytes = Array(sql.utf8CString)
        try bytes.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            var cursor = start
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let remaining = Int32(buffer.count - (cursor - start))
                let code = sqlite3_prepare_v2(handle, cursor, remaining, &statement, &tail)
                guard code == SQLITE_OK else {
                    throw SQLiteError(database: handle, code: code, sql: String(cString: cursor))
                }
                guard let next = tail, next > cursor else { break }
                cursor = next
                // Whitespace or a comment alone prepares to no statement.
                guard let statement else { continue }
                try body(Statement(database: self, handle: statement))
            }
        }
    }
}

private final class ProgressContext {
    let check: () -> Bool
    init(_ check: @escaping () -> Bool) { self.check = check }
}
