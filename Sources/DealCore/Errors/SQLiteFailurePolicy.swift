import SQLiteKit

/// The one way a SQLite failure becomes the line a user reads, shared by
/// every command that runs SQL (opening, queries, ad-hoc SQL, doctor,
/// backup, search, charts):
///
/// 1. a statement stopped by Ctrl-C or SIGTERM is the signal's exit
///    (130 or 143), whatever the statement was;
/// 2. a file that is not a SQLite database is unreadable input (66),
///    named by the path the user gave;
/// 3. anything else is worded by the caller, who knows what it was doing
///    (`otherwise`), usually from `DealError(storageFailure:)` for the disk
///    and SQLite's own message for a statement's fault.
struct SQLiteFailurePolicy {
    /// The database file the user named, for rule 2.
    var path: String?
    /// What an interrupted command says; a command that may have written
    /// part of a file says what it left behind.
    var interrupted = "interrupted; nothing was changed"
    var otherwise: (SQLiteError) -> DealError

    init(path: String? = nil, interrupted: String = "interrupted; nothing was changed",
         otherwise: @escaping (SQLiteError) -> DealError) {
        self.path = path
        self.interrupted = interrupted
        self.otherwise = otherwise
    }

    func error(for error: SQLiteError) -> DealError {
        if ResultCode.interrupt ~= error, let signal = Cancellation.requestedSignal {
            return DealError(.interrupted(signal), interrupted)
        }
        if ResultCode.notADatabase ~= error, let path {
            return DealError.notADatabase(path)
        }
        return otherwise(error)
    }

    /// Runs `body`, translating the SQLite failures it throws; other errors pass through.
    func apply<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as SQLiteError {
            throw error(for: failure)
        }
    }
}

extension DealError {
    static func notADatabase(_ path: String) -> DealError {
        DealError(.unreadableInput, "\(path): not a SQLite database")
    }
}

/// A statement stopped by Ctrl-C or SIGTERM becomes a DealError the CLI
/// turns into exit 130 or 143; any other failure passes through as it is.
func translatingInterrupts<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SQLiteError where ResultCode.interrupt ~= error {
        if let signal = Cancellation.requestedSignal { throw Cancellation.stopped(by: signal) }
        throw error
    }
}
