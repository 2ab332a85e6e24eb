import CSQLite
import Foundation

extension Database {
    /// Denies ATTACH, DETACH and load_extension() for the life of the
    /// connection, so that SQL typed by a user cannot reach other files or
    /// load code, whatever the statement looks like. The returned guard can
    /// also refuse, while its `isGuarding` is set, what would let a script
    /// step out of the transaction it runs in (BEGIN, COMMIT, END, ROLLBACK,
    /// SAVEPOINT, RELEASE) and the pragmas that change the file's journal,
    /// schema writability or version: the authorizer sees them all, however
    /// they are spelled, and the statement fails to prepare.
    @discardableResult
    package func denyAttachAndExtensions() -> StatementGuard {
        let context = StatementGuard()
        callbackContexts.append(context)
        sqlite3_set_authorizer(handle, { pointer, action, first, second, _, _ in
            guard let pointer else { return SQLITE_DENY }
            let context = Unmanaged<StatementGuard>.fromOpaque(pointer).takeUnretainedValue()
            return context.authorize(action, first.map { String(cString: $0) }, second.map { String(cString: $0) })
        }, Unmanaged.passUnretained(context).toOpaque())
        return context
    }

    /// Calls `shouldInterrupt` every `instructions` virtual-machine steps of
    /// any running statement; when it returns true the statement stops with
    /// SQLITE_INTERRUPT. Used for time limits and for Ctrl-C.
    package func setProgressHandler(every instructions: Int32 = 10_000, _ shouldInterrupt: @escaping () -> Bool) {
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
    package func forEachStatement(in sql: String, _ body: (Statement) throws -> Void) throws {
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

/// What the authorizer of `denyAttachAndExtensions` refuses, and why it
/// refused the last statement.
package final class StatementGuard {
    /// Set while user SQL is prepared inside a transaction of our own.
    package var isGuarding = false
    /// Why the last refused statement was refused, for the message.
    package private(set) var lastRefusal: String?

    /// Pragmas that, given a value, change the database file for everyone
    /// or let a script write what the schema forbids.
    static let guardedPragmas: Set<String> = [
        "journal_mode", "writable_schema", "schema_version", "user_version", "application_id",
        "locking_mode", "page_size", "auto_vacuum", "ignore_check_constraints", "legacy_file_format",
    ]

    func authorize(_ action: Int32, _ first: String?, _ second: String?) -> Int32 {
        switch action {
        case SQLITE_ATTACH, SQLITE_DETACH:
            lastRefusal = "ATTACH and DETACH (they are disabled, like load_extension)"
            return SQLITE_DENY
        case SQLITE_FUNCTION:
            // The function's name is the second argument; the first is NULL.
            switch second?.lowercased() {
            case "load_extension":
                lastRefusal = "load_extension (it is disabled, like ATTACH)"
                return SQLITE_DENY
            case "fts3_tokenizer":
                // With one argument it prints a library address; with two
                // it installs a tokenizer from an address the SQL chooses.
                lastRefusal = "fts3_tokenizer (it reads and sets code addresses)"
                return SQLITE_DENY
            default:
                return SQLITE_OK
            }
        case SQLITE_TRANSACTION where isGuarding:
            lastRefusal = "\(first ?? "BEGIN"), since the script already runs as one transaction"
            return SQLITE_DENY
        case SQLITE_SAVEPOINT where isGuarding:
            let verb = first == "BEGIN" ? "SAVEPOINT" : first == "RELEASE" ? "RELEASE" : "ROLLBACK TO"
            lastRefusal = "\(verb), since the script already runs as one transaction"
            return SQLITE_DENY
        case SQLITE_PRAGMA where isGuarding:
            guard let first, second != nil, Self.guardedPragmas.contains(first.lowercased()) else { return SQLITE_OK }
            lastRefusal = "PRAGMA \(first.lowercased()) = \(second ?? ""), which changes the database file's "
                + "journal, schema or version for every program that opens it"
            return SQLITE_DENY
        default:
            return SQLITE_OK
        }
    }
}
