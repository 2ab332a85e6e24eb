import Foundation

/// What is at a database path before SQLite is asked to open it.
enum DatabaseFile {
    case missing, empty, file, directory

    static func inspect(_ path: String) -> DatabaseFile {
        guard let status = FileStatus(path: path) else { return .missing }
        if status.isDirectory { return .directory }
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
