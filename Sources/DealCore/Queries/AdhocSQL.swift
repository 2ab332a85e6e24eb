import Foundation
import SQLiteKit

/// SQL typed by the user. Read-only unless asked, and that is enforced by
/// SQLite, not by reading the text: the connection is opened read-only with
/// `query_only` on, each statement must satisfy `sqlite3_stmt_readonly`,
/// and an authorizer denies ATTACH and load_extension.
package struct AdhocSQL {
    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    package struct Options: Sendable {
        package var allowWrites = false
        /// How long before a runaway statement is stopped; nil for no limit.
        package var timeout: Duration? = .seconds(30)
        package init(allowWrites: Bool = false, timeout: Duration? = .seconds(30)) {
            self.allowWrites = allowWrites
            self.timeout = timeout
        }
    }

    /// Runs every statement of `sql` in turn; each that returns columns is
    /// written through a new writer from `makeWriter`. With writes allowed,
    /// the whole script is one transaction.
    package func run(_ sql: String, parameters: [String: String], options: Options,
                    makeWriter: () -> RowWriter) throws {
        guard !sql.trimmingWhitespaceAndNewlines().isEmpty else {
            throw DealError(.usage, "no SQL given: pass it as an argument or on standard input")
        }
        let database = options.allowWrites ? store.database : try store.readOnlyConnection()
        let statementGuard = database.denyAttachAndExtensions()
        if !options.allowWrites { try database.execute(sql: "PRAGMA query_only = ON") }
        let clock = ContinuousClock()
        let deadline = options.timeout.map { clock.now.advanced(by: $0) }
        var timedOut = false
        if let deadline {
            // Replaces the connection's handler, so it checks for Ctrl-C too.
            database.setProgressHandler {
                if clock.now > deadline { timedOut = true }
                return timedOut || Cancellation.requestedSignal != nil
            }
        }
        var unused = Set(parameters.keys)
        func body() throws {
            // Only the user's statements: our own BEGIN and COMMIT come before and after.
            statementGuard.isGuarding = options.allowWrites
            defer { statementGuard.isGuarding = false }
            try database.forEachStatement(in: sql) { statement in
                guard options.allowWrites || statement.isReadOnly else {
                    let refusal: DealMessage = "this statement would change the database and \(setting: .write) "
                        + "was not given; nothing was changed: \(statement.sql.prefix(80))"
                    throw DealError(.failure, refusal)
                }
                var arguments: [String: SQLiteValue] = [:]
                for name in statement.parameterNames {
                    guard let name else {
                        throw DealError(.usage, "use named parameters (:name) with \(setting: .parameter, value: "name=value"), not ?")
                    }
                    let key = String(name.dropFirst())
                    guard let value = parameters[key] else {
                        throw DealError(.usage, "the SQL uses \(name) but no \(setting: .parameter, value: "\(key)=VALUE") was given")
                    }
                    // Bound under the name as written: `@a` and `$a` are
                    // parameters as `:a` is, each taking -p a=VALUE.
                    arguments[name] = .text(value)
                    unused.remove(key)
                }
                try statement.bind(named: arguments)
                if statement.columnNames.isEmpty {
                    try statement.run()
                } else {
                    try statement.stream(into: makeWriter())
                }
            }
            // Inside the transaction, so that a mistyped -p undoes the writes.
            if let name = unused.sorted().first {
                let unknown: DealMessage = "\(setting: .parameter, value: name): the SQL has no parameter :\(name)"
                throw DealError(.usage, unknown + (options.allowWrites ? "; nothing was changed" : ""))
            }
        }
        do {
            try translatingInterrupts {
                if options.allowWrites { try database.inTransaction(.immediate, body) } else { try body() }
            }
        } catch let error as SQLiteError {
            if timedOut, ResultCode.interrupt ~= error {
                let stopped: DealMessage = "the query ran longer than \(NumberText.plain(Self.seconds(options.timeout ?? .zero))) s "
                    + "and was stopped; raise \(setting: .timeout) (0 for none)"
                    + (options.allowWrites ? "; nothing was changed" : "")
                throw DealError(.failure, stopped)
            }
            // A denied function fails to prepare with SQLITE_ERROR, not SQLITE_AUTH.
            if ResultCode.authorization ~= error || error.message.hasPrefix("not authorized") {
                throw DealError(.failure, "not allowed: \(statementGuard.lastRefusal ?? error.message)"
                    + (options.allowWrites ? "; nothing was changed" : ""))
            }
            if ResultCode.readOnly ~= error && !options.allowWrites {
                throw DealError(.failure, "the database is read-only here; pass \(setting: .write) to change it (\(error.message))")
            }
            // The file itself failed (damaged, full, locked; with --write a
            // read-only file or mount): named as the user named it.
            if error.isTheDatabaseFilesFailure { throw DealError(sqlite: error, path: store.path) }
            throw DealError(.failure, ConstraintMessage.oneLine(error.message, database: database)
                + (options.allowWrites ? "; nothing was changed" : ""))
        }
    }
}
