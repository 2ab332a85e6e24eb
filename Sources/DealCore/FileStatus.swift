import Foundation

/// What `stat(2)` says of a path: one system call. FileManager's
/// `attributesOfItem` also looks up the owner's user and group names (the
/// passwd and group files, nscd) and lists extended attributes, which was a
/// noticeable part of a short command's run time.
struct FileStatus {
    let isDirectory: Bool
    /// A FIFO, device or socket: reading it may block for ever or never end.
    let isSpecial: Bool
    let size: Int64

    /// Why `stat(2)` failed, as `strerror` says it; `isMissing` when nothing is there.
    struct Failure: Error {
        let isMissing: Bool
        let reason: String
    }

    /// The status of `path`, symbolic links followed.
    static func of(_ path: String) -> Result<FileStatus, Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            return .failure(Failure(isMissing: code == ENOENT, reason: String(cString: strerror(code))))
        }
        let type = info.st_mode & S_IFMT
        return .success(FileStatus(isDirectory: type == S_IFDIR, isSpecial: type != S_IFDIR && type != S_IFREG,
                                   size: Int64(info.st_size)))
    }

    /// Nil when nothing can be read at `path`.
    init?(path: String) {
        guard case .success(let status) = Self.of(path) else { return nil }
        self = status
    }

    private init(isDirectory: Bool, isSpecial: Bool, size: Int64) {
        self.isDirectory = isDirectory
        self.isSpecial = isSpecial
        self.size = size
    }
}
