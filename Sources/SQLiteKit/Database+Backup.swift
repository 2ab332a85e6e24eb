import CSQLite
import Foundation

extension Database {
    /// How far a backup has got, in pages of the source database.
    package struct BackupProgress: Sendable, Equatable {
        package let remaining: Int
        package let total: Int
    }

    /// Copies this connection's main database into `destination` with
    /// SQLite's online backup API, replacing whatever `destination` held.
    ///
    /// The copy is made `pagesPerStep` pages at a time. Between steps the
    /// source is unlocked, so that writers in other processes can proceed
    /// (with a rollback journal they could not while a step holds the read
    /// lock); a write to the source between steps makes SQLite start the
    /// copy again. After `restartLimit` such restarts the rest is copied in
    /// one step, so that a busy source cannot keep the backup from ever
    /// finishing (in WAL mode that one step does not block writers either).
    /// `progress` runs after every step and may throw to abandon the copy,
    /// which leaves `destination` holding partial data.
    package func backup(
        into destination: Database, pagesPerStep: Int32 = 64, pause: Duration = .milliseconds(1),
        restartLimit: Int = 3, progress: (BackupProgress) throws -> Void = { _ in }
    ) throws {
        precondition(destination.handle != handle, "a database cannot be backed up into itself")
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw SQLiteError(database: destination.handle, code: sqlite3_errcode(destination.handle))
        }
        var finished = false
        defer { if !finished { sqlite3_backup_finish(backup) } }
        var restarts = 0
        var lastRemaining = Int.max
        var step = max(pagesPerStep, 1)
        while true {
            let code = sqlite3_backup_step(backup, step)
            let state = BackupProgress(remaining: Int(sqlite3_backup_remaining(backup)),
                                       total: Int(sqlite3_backup_pagecount(backup)))
            switch code {
            case SQLITE_DONE:
                try progress(state)
                finished = true
                let result = sqlite3_backup_finish(backup)
                guard result == SQLITE_OK else { throw SQLiteError(database: destination.handle, code: result) }
                return
            case SQLITE_OK, SQLITE_BUSY, SQLITE_LOCKED:
                if code == SQLITE_OK, state.remaining > lastRemaining {
                    restarts += 1
                    if restarts >= restartLimit { step = -1 }
                }
                if code == SQLITE_OK { lastRemaining = state.remaining }
                try progress(state)
                Thread.sleep(forTimeInterval: Double(pause.components.seconds)
                    + Double(pause.components.attoseconds) / 1e18)
            default:
                finished = true
                sqlite3_backup_finish(backup)
                // The step's error is recorded on the destination connection
                // when it is the destination that failed (disk full, read-only).
                throw SQLiteError(database: destination.handle, code: code)
            }
        }
    }
}
