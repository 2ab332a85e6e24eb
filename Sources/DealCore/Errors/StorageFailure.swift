import Foundation
import SQLiteKit

extension DealError {
    /// The one line a user reads when SQLite itself fails underneath a
    /// command (disk full, read-only file, lock held too long, damaged
    /// file), instead of SQLite's code, message and the SQL being run. The
    /// write in progress was rolled back: SQLite undoes a transaction that
    /// fails, and our transactions roll back on any error.
    package init?(storageFailure error: any Error) {
        guard let error = error as? SQLiteError else { return nil }
        let detail = "SQLite error \(error.extendedCode): \(ConstraintMessage.oneLine(error.message))"
        // Which database: the one line should be enough to act on.
        let file = error.databasePath.map { $0 + ": " } ?? ""
        switch error.code {
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
            if let path = error.databasePath, let problem = Self.sharedMemoryProblem(error, path: path) {
                self.init(.failure, problem + "; nothing was changed (\(detail))")
            } else {
                self.init(.failure, file + "cannot read or write the database file; nothing was changed (\(detail))")
            }
        case .corrupt, .notADatabase:
            self.init(.failure, file + "the database file is damaged; run: dealdb doctor (\(detail))")
        case .interrupt:
            self = Cancellation.stopped(by: Cancellation.requestedSignal ?? SIGINT)
        default:
            self.init(.failure, file + detail)
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
