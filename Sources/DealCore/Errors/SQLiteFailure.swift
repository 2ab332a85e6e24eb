import Foundation
import SQLiteKit

/// The one place a SQLite failure becomes the line a user reads, for every
/// command that runs SQL (opening, migrating, importing, queries, ad-hoc
/// SQL, doctor, backup, search, charts). Each failure of the file or the
/// machine has one wording and one exit status wherever it happens:
///
/// - a statement stopped by Ctrl-C or SIGTERM: the signal's exit (130/143);
/// - a file that is not a SQLite database: unreadable input (66);
/// - a file that cannot be opened: unreadable input (66), with the likely cause;
/// - a damaged file, a full disk, a read-only file or directory, a lock held
///   too long, a failed read or write: failure (1), saying what to do;
/// - anything else is the statement's own fault (a syntax error, a
///   constraint), worded by the caller, who knows what it was running
///   (`statementFault`), else SQLite's message on one line.
///
/// The write in progress was rolled back: SQLite undoes a transaction that
/// fails, and our transactions roll back on any error.
extension DealError {
    /// - Parameters:
    ///   - path: the database the user named (else the one SQLite reports).
    ///   - interrupted: what a stopped command says it left behind.
    init(sqlite error: SQLiteError, path: String? = nil,
                 interrupted: String = "interrupted; nothing was changed",
                 statementFault: ((SQLiteError) -> DealError)? = nil) {
        let named = path ?? error.databasePath
        let file = named.map { $0 + ": " } ?? ""
        let detail = "SQLite error \(error.extendedCode): \(ConstraintMessage.oneLine(error.message))"
        switch error.code {
        case .interrupt where Cancellation.requestedSignal != nil:
            self.init(.interrupted(Cancellation.requestedSignal ?? SIGINT), interrupted)
        case .notADatabase:
            self.init(.unreadableInput, file + "not a SQLite database")
        case .cannotOpen:
            // SQLite needs to create `-wal` and `-shm` files beside the
            // database, which a read-only directory refuses.
            let hint = named.map { !FileManager.default.fileExists(atPath: $0) ? ""
                : "; is its directory read-only? SQLite must create \($0)-wal and -shm beside it" } ?? ""
            self.init(.unreadableInput, file + "cannot open: \(error.message)\(hint)")
        case .corrupt:
            self.init(.failure, file + "the database file is damaged; run: dealdb doctor (\(detail))")
        case .full:
            self.init(.failure, file + "the disk is full; nothing was changed (\(detail))")
        case .readOnly:
            self.init(.failure, file + "the database is read-only (its file or its directory cannot be written); "
                + "nothing was changed (\(detail))")
        case .busy, .locked:
            let lockHeld: DealMessage = "\(file)another process held the database lock for longer than "
                + "\(setting: .busyTimeout); nothing was changed (\(detail))"
            self.init(.failure, lockHeld)
        case .ioError:
            if let named, let problem = Self.sharedMemoryProblem(error, path: named) {
                self.init(.failure, problem + "; nothing was changed (\(detail))")
            } else {
                self.init(.failure, file + "cannot read or write the database file; nothing was changed (\(detail))")
            }
        default:
            self = statementFault?(error) ?? DealError(.failure, file + detail)
        }
    }

    /// Any error a command ends with, as DealCore's own: a DealError as it
    /// is, a SQLite failure translated; nil for errors that are not ours
    /// (the command line's, which the CLI words).
    package init?(anyFailure error: any Error) {
        if let error = error as? DealError {
            self = error
        } else if let error = error as? SQLiteError {
            self.init(sqlite: error)
        } else {
            return nil
        }
    }

    /// What is wrong when SQLite cannot make or grow the `-shm` file that
    /// WAL mode keeps beside the database (every command, even `list`,
    /// needs it): SQLite says only "disk I/O error".
    static func sharedMemoryProblem(_ error: SQLiteError, path: String) -> String? {
        let sharedMemoryCodes: Set<ResultCode> = [.ioErrorSharedMemoryOpen, .ioErrorSharedMemorySize,
                                                  .ioErrorSharedMemoryLock, .ioErrorSharedMemoryMap]
        guard sharedMemoryCodes.contains(error.extendedCode) else { return nil }
        let reason = DiskSpace.isFull(besides: path) ? "the disk is full" : "the file system refused it"
        return "\(path): cannot create or grow \(path)-shm, the shared-memory file SQLite keeps beside the database: "
            + "\(reason); free some space (or copy the database to another disk) and try again"
    }
}

/// Runs `body`, translating the SQLite failures it throws (DealError(sqlite:));
/// other errors pass through.
func translatingSQLiteFailures<T>(path: String? = nil, interrupted: String = "interrupted; nothing was changed",
                                  statementFault: ((SQLiteError) -> DealError)? = nil,
                                  _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SQLiteError {
        throw DealError(sqlite: error, path: path, interrupted: interrupted, statementFault: statementFault)
    }
}

/// For a writer that may run on a database the user named (`store.path`)
/// or inside another operation (the seed, a rebuild), which translates for
/// itself: translated with the path when there is one, passed on when not.
func translatingSQLiteFailures<T>(ifNamed path: String?, _ body: () throws -> T) throws -> T {
    guard let path else { return try body() }
    return try translatingSQLiteFailures(path: path, body)
}

/// A statement stopped by Ctrl-C or SIGTERM becomes a DealError the CLI
/// turns into exit 130 or 143; any other failure passes through as it is,
/// for the caller to word (a query's timeout, a refused statement).
func translatingInterrupts<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SQLiteError where ResultCode.interrupt ~= error {
        if let signal = Cancellation.requestedSignal { throw Cancellation.stopped(by: signal) }
        throw error
    }
}

/// Free space on the file system holding a file.
enum DiskSpace {
    static func isFull(besides path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return false }
        // Less than a page of SQLite's -shm (32 KiB) free for us.
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 32 * 1024
    }
}

extension SQLiteError {
    /// A failure of the database file rather than of a statement: damaged,
    /// not a database, full, unreadable, read-only, locked, or not to be
    /// opened. It is named by the database's path, whatever the statement.
    var isTheDatabaseFilesFailure: Bool {
        [ResultCode.corrupt, .notADatabase, .full, .ioError, .readOnly, .busy, .locked, .cannotOpen]
            .contains { $0 ~= extendedCode }
    }
}
