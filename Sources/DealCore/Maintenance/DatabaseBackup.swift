import Foundation
import SQLiteKit

/// A consistent copy of a dealdb database, taken with SQLite's online
/// backup API while other processes may keep reading and writing it.
package enum DatabaseBackup {
    package struct Summary: Sendable {
        package let destination: String
        package let pages: Int
        package let bytes: Int64
    }

    /// Copies the database at `source` to `destination`. The copy is built
    /// in a temporary file beside `destination`, checked, and only then
    /// renamed into place, so `destination` is never a half-written file;
    /// an existing `destination` is replaced only with `force`. The source
    /// is opened read-only: a backup neither migrates nor changes it.
    @discardableResult
    package static func run(from source: String, to givenDestination: String, force: Bool,
                           busyTimeout: Duration = .seconds(30)) throws -> Summary {
        // A symbolic link is followed: its target is replaced, the link stays.
        let destination = try OutputTarget.followLinks(givenDestination)
        try checkDestination(destination, source: source, force: force)
        try DealStore.checkOpenable(source)
        let reader = try DealStore.connect(source, mode: .readOnly, busyTimeout: busyTimeout)
        // An empty file, or a SQLite file with nothing in it, holds no
        // database to keep: a "backup" of it would say all is safe.
        let objects = try translatingSQLiteFailures(path: source) {
            try reader.scalar(sql: "SELECT count(*) FROM sqlite_schema").int64 ?? 0
        }
        guard objects > 0 else {
            throw DealError(.unreadableInput, "\(source): is empty (no tables), not a dealdb database; nothing to back up")
        }

        // Named so that the next run removes one that a kill -9 left behind.
        TemporaryFile.removeStale(beside: destination)
        let temporary = TemporaryFile.path(beside: destination)
        DatabaseFile.remove(temporary)
        defer { DatabaseFile.remove(temporary) }

        var pages = 0
        do {
            let copy = try Database(path: temporary, mode: .create, busyTimeout: busyTimeout)
            try reader.backup(into: copy) { progress in
                pages = progress.total
                try Cancellation.check()
            }
            // One self-contained file in rollback-journal mode. The backup
            // copies the source's header, WAL mode included, and a WAL
            // database cannot be read where its -shm cannot be made: a copy
            // put in a read-only directory to share would open for nobody.
            // dealdb switches a database it writes back to WAL itself.
            try copy.execute(sql: "PRAGMA journal_mode = DELETE")
            let check = try copy.fetchAll(sql: "PRAGMA quick_check").compactMap { $0.string(0) }
            guard check == ["ok"] else {
                throw DealError(.failure, "\(destination): the copy failed its check (\(check.prefix(3).joined(separator: "; "))); nothing was written")
            }
        } catch let error as SQLiteError {
            // Whatever the code, the copy is what failed (the source was
            // checked when it was opened): say so, not "the database is ...".
            throw ResultCode.interrupt ~= error
                ? DealError(sqlite: error, interrupted: "interrupted; no backup was written")
                : DealError(.failure, "\(destination): cannot write the backup: \(error.message)")
        } catch let error as DealError {
            if case .interrupted = error.kind {
                throw DealError(error.kind, "interrupted; no backup was written")
            }
            throw error
        }
        try syncFile(temporary)
        // A stale -wal beside the old destination would be replayed into
        // the new file on its next open.
        if force { DatabaseFile.remove(destination, keepMainFile: true) }
        if let reason = TemporaryFile.rename(temporary, over: destination) {
            throw DealError(.failure, "\(destination): cannot write the backup: \(reason)")
        }
        let size = FileStatus(path: destination)?.size ?? 0
        return Summary(destination: destination, pages: pages, bytes: size)
    }

    private static func checkDestination(_ destination: String, source: String, force: Bool) throws {
        let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        guard DatabaseFile.inspect(directory) == .directory else {
            throw DealError(.failure, "\(destination): cannot write the backup: no directory \(directory)")
        }
        // The source's own companions: replacing its -wal would lose the
        // writes it holds, its -shm would confuse every open connection.
        for suffix in ["-wal", "-shm", "-journal"] where samePath(destination, source + suffix) {
            throw DealError(.failure, "\(destination): is the \(suffix) file of the database being backed up; "
                + "choose another file")
        }
        if try OutputTarget.resolve(destination).kind == .special {
            throw DealError(.failure, "\(destination): is a device, FIFO or socket; name a file for the backup")
        }
        switch DatabaseFile.inspect(destination) {
        case .directory:
            throw DealError(.failure, "\(destination): is a directory; name the backup file")
        case .special:
            throw DealError(.failure, "\(destination): is a device, FIFO or socket; name a file for the backup")
        case .file, .empty:
            if sameFile(destination, source) {
                throw DealError(.failure, "\(destination): is the database being backed up; choose another file")
            }
            if !force {
                throw DealError(.failure, "\(destination): already exists; use \(setting: .force) to replace it")
            }
        case .missing:
            break
        }
    }

    /// The same name in the same directory (the file itself may not exist yet).
    private static func samePath(_ a: String, _ b: String) -> Bool {
        if sameFile(a, b) { return true }
        func directory(_ path: String) -> String {
            let parent = (path as NSString).deletingLastPathComponent
            guard let real = realpath(parent.isEmpty ? "." : parent, nil) else { return parent }
            defer { free(real) }
            return String(cString: real)
        }
        return (a as NSString).lastPathComponent == (b as NSString).lastPathComponent && directory(a) == directory(b)
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Makes the copy (or the rename into its directory) durable before we
    /// say it is done.
    private static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        if fsync(descriptor) != 0, errno != EINVAL {
            throw DealError(.failure, "\(path): cannot write the backup: \(String(cString: strerror(errno)))")
        }
    }
}
