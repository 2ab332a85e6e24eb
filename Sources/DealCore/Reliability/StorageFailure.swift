import Foundation
import SQLiteKit

extension DealError {
    /// The one line a user reads when SQLite itself fails underneath a
    /// command (disk full, read-only file, lock held too long, damaged
    /// file), instead of SQLite's code, message and the SQL being run. The
    /// write in progress was rolled back: SQLite undoes a transaction that
    /// fails, and our transactions roll back on any error.
    public init?(storageFailure error: any Error) {
        guard let error = error as? SQLiteError else { return nil }
        let detail = "SQLite error \(error.extendedCode): \(ConstraintMessage.oneLine(error.message))"
        // Which database: the one line should be enough to act on.
        let file = error.databasePath.map { $0 + ": " } ?? ""
        switch error.code {
        case Code.full:
            self.init(.failure, file + "the disk is full; nothing was changed (\(detail))")
        case SQLiteError.readOnly:
            self.init(.failure, file + "the database is read-only (its file or its directory cannot be written); "
                + "nothing was changed (\(detail))")
        case SQLiteError.busy, Code.locked:
            self.init(.failure, file + "another process held the database lock for longer than --busy-timeout; "
                + "nothing was changed (\(detail))")
        case Code.ioError:
            self.init(.failure, file + "cannot read or write the database file; nothing was changed (\(detail))")
        case Code.corrupt, SQLiteError.notADatabase:
            self.init(.failure, file + "the database file is damaged; run: dealdb doctor (\(detail))")
        case SQLiteError.interrupt:
            self = Cancellation.stopped(by: Cancellation.requestedSignal ?? SIGINT)
        default:
            self.init(.failure, detail)
        }
    }

    /// Primary result codes that SQLiteKit does not name.
    private enum Code {
        static let locked: Int32 = 6
        static let ioError: Int32 = 10
        static let corrupt: Int32 = 11
        static let full: Int32 = 13
    }
}
