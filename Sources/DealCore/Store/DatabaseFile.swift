import Foundation

/// What is at a database path before SQLite is asked to open it.
enum DatabaseFile {
    /// `special`: a FIFO, device or socket. SQLite would block for ever
    /// opening a FIFO with no writer (and /dev/zero reads as endless zeros).
    case missing, empty, file, directory, special

    static func inspect(_ path: String) -> DatabaseFile {
        guard let status = FileStatus(path: path) else { return .missing }
        if status.isDirectory { return .directory }
        if status.isSpecial { return .special }
        return status.size == 0 ? .empty : .file
    }

    /// Removes a database with its WAL and shared-memory files.
    static func remove(_ path: String, keepMainFile: Bool = false) {
        let companions = ["-wal", "-shm", "-journal"].map { path + $0 }
        for file in (keepMainFile ? [] : [path]) + companions {
            unlink(file)
        }
    }
}
