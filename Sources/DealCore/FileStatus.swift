import Foundation

/// What `stat(2)` says of a path: one system call. FileManager's
/// `attributesOfItem` also looks up the owner's user and group names (the
/// passwd and group files, nscd) and lists extended attributes, which was a
/// noticeable part of a short command's run time.
struct FileStatus {
    let isDirectory: Bool
    let size: Int64

    /// Nil when nothing is at `path` (or it cannot be reached); symbolic links are followed.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        size = Int64(info.st_size)
    }
}
