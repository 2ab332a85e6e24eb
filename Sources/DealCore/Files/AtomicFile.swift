package import Foundation

/// `-o PATH` as coreutils and a shell redirect treat it, for every command
/// that writes a file (rows, documents, charts, the report, `export --all`):
///
/// - a regular file (or nothing yet) is replaced whole or not at all: the
///   output goes to a temporary file beside it, which is fsynced, given the
///   old file's mode (and owner, where we may), renamed over it, and the
///   directory fsynced; a reader never sees half an export;
/// - a symbolic link is followed: its target is replaced, the link stays;
/// - a device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is
///   opened and written directly, like `> PATH`: renaming over it would
///   replace the device node itself;
/// - `-` is standard output.
package enum AtomicFile {
    /// Writes `data` to `path` by the rules above.
    package static func write(_ data: Data, to path: String) throws {
        try withOutput(to: path) { handle in
            if let reason = OutputWriting.writeAll(data, to: handle.fileDescriptor) {
                throw OutputWriting.failure(reason, path: path)
            }
        }
    }

    /// Runs `body` with a handle to write to, by the rules above. A regular
    /// file appears only once `body` returns; on any error it is untouched
    /// and the temporary file is removed.
    package static func withOutput<T>(to path: String, _ body: (FileHandle) throws -> T) throws -> T {
        if path == "-" { return try body(FileHandle.standardOutput) }
        if let descriptor = OutputTarget.ownDescriptor(path) {
            // `-o /dev/stdout` names the descriptor we already have (a pipe,
            // or a file opened with `>>`): write to it, as `> PATH` would.
            let copy = dup(descriptor)
            guard copy >= 0 else { throw OutputWriting.failure(String(cString: strerror(errno)), path: path) }
            defer { close(copy) }
            return try body(FileHandle(fileDescriptor: copy, closeOnDealloc: false))
        }
        let target = try OutputTarget.resolve(path)
        switch target.kind {
        case .directory:
            throw DealError(.failure, "cannot write output: \(path): is a directory")
        case .special:
            return try writeDirectly(to: target.path, shownAs: path, body)
        case .regular, .missing:
            return try replace(target, shownAs: path, body)
        }
    }

    private static func writeDirectly<T>(to path: String, shownAs name: String, _ body: (FileHandle) throws -> T) throws -> T {
        // Opening a FIFO waits for a reader: a signal may end us meanwhile.
        let descriptor = Cancellation.endingAtOnce { open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw OutputWriting.failure(String(cString: strerror(errno)), path: name) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        defer { close(descriptor) }
        return try body(handle)
    }

    private static func replace<T>(_ target: OutputTarget, shownAs name: String, _ body: (FileHandle) throws -> T) throws -> T {
        let (result, temporary) = try writeTemporary(for: target, shownAs: name, body)
        if let reason = TemporaryFile.rename(temporary, over: target.path) {
            unlink(temporary)
            throw OutputWriting.failure(reason, path: name)
        }
        return result
    }

    /// Writes `body`'s output to a temporary file beside the target, with
    /// the old file's mode (and owner), fsynced and closed; returns it for
    /// the caller to rename. On any error the temporary file is removed.
    static func writeTemporary<T>(for target: OutputTarget, shownAs name: String,
                                  _ body: (FileHandle) throws -> T) throws -> (T, temporary: String) {
        let path = target.path
        let directory = (path as NSString).deletingLastPathComponent
        guard FileStatus(path: directory.isEmpty ? "." : directory)?.isDirectory == true else {
            throw DealError(.failure, "cannot write output: \(name): no directory \(directory)")
        }
        TemporaryFile.removeStale(beside: path)
        let temporary = TemporaryFile.path(beside: path)
        let mode: mode_t = target.existing.map { $0.st_mode & 0o7777 } ?? 0o666
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if descriptor < 0 && errno == EEXIST {
            // Our own PID's name, so no live process writes it: one left by
            // an earlier process that had our PID (containers start at 1).
            unlink(temporary)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        }
        guard descriptor >= 0 else { throw OutputWriting.failure(String(cString: strerror(errno)), path: name) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        var closed = false
        do {
            if let existing = target.existing {
                // open() applied the umask; the file we replace did not have it.
                fchmod(descriptor, existing.st_mode & 0o7777)
                if geteuid() == 0 { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
            }
            let result = try TemporaryFile.removedAtSignal(temporary) { try body(handle) }
            guard fsync(descriptor) == 0 || errno == EINVAL else {
                throw OutputWriting.failure(String(cString: strerror(errno)), path: name)
            }
            closed = true
            guard close(descriptor) == 0 else { throw OutputWriting.failure(String(cString: strerror(errno)), path: name) }
            return (result, temporary)
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }
}

/// Several files replaced together (`export --all`'s CSVs): each is
/// written to a temporary file beside it, and only when every one is
/// complete are they renamed into place. An export stopped half-way (a
/// full disk, Ctrl-C) leaves the folder as it was, not 6 of 17 new files
/// among 11 old ones.
package final class AtomicFileSet {
    private var written: [(temporary: String, target: String)] = []

    package init() {}

    deinit {
        for file in written { unlink(file.temporary) }
    }

    /// Writes one file of the set; `path` must be a regular file or nothing yet.
    package func write<T>(to path: String, _ body: (FileHandle) throws -> T) throws -> T {
        let target = try OutputTarget.resolve(path)
        guard target.kind == .regular || target.kind == .missing else {
            throw DealError(.failure, "cannot write output: \(path): is not a regular file")
        }
        let (result, temporary) = try AtomicFile.writeTemporary(for: target, shownAs: path, body)
        written.append((temporary, target.path))
        return result
    }

    /// Renames every file of the set into place.
    package func commit() throws {
        while let file = written.first {
            if let reason = TemporaryFile.rename(file.temporary, over: file.target) {
                throw DealError(.failure, "cannot write output: \(file.target): \(reason)")
            }
            written.removeFirst()
        }
    }
}

/// What is at an output path, with symbolic links followed.
struct OutputTarget {
    enum Kind { case missing, regular, directory, special }

    /// The path to write: the link's target for a symbolic link.
    let path: String
    let kind: Kind
    /// The regular file being replaced, whose mode and owner the new one keeps.
    let existing: stat?

    /// Throws for a loop of symbolic links or a chain longer than the
    /// kernel follows (40 links), which `> PATH` refuses too: following
    /// only part of it would replace a link in the middle.
    static func resolve(_ path: String) throws -> OutputTarget {
        var info = stat()
        let found = stat(path, &info) == 0
        if !found && errno == ELOOP { throw tooManyLinks(path) }
        if found && !isRegularOrDirectory(info) {
            // A device or FIFO, possibly behind a link of /proc that names
            // no file (`pipe:[1234]`): opened by its own path, as the kernel resolves it.
            return OutputTarget(path: path, kind: .special, existing: nil)
        }
        let followed = try followLinks(path)
        guard stat(followed, &info) == 0 else { return OutputTarget(path: followed, kind: .missing, existing: nil) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return OutputTarget(path: followed, kind: .regular, existing: info)
        case S_IFDIR: return OutputTarget(path: followed, kind: .directory, existing: nil)
        default: return OutputTarget(path: followed, kind: .special, existing: nil)
        }
    }

    private static func isRegularOrDirectory(_ info: stat) -> Bool {
        info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFDIR
    }

    /// The file a chain of symbolic links ends at (which need not exist
    /// yet: `ln -s report.html latest.html` and then `-o latest.html`
    /// writes report.html). Relative targets are relative to the link.
    static func followLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0...maximumLinks {
            guard let target = linkTarget(current) else { return current }
            if target.hasPrefix("/") {
                current = target
            } else {
                let directory = (current as NSString).deletingLastPathComponent
                current = directory.isEmpty ? target : directory + "/" + target
            }
        }
        throw tooManyLinks(path)
    }

    /// Linux's limit (MAXSYMLINKS) on the links one path may go through.
    private static let maximumLinks = 40

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func tooManyLinks(_ path: String) -> DealError {
        DealError(.failure, "cannot write output: \(path): too many levels of symbolic links "
            + "(a loop, or a chain of more than \(maximumLinks)); nothing was written")
    }

    /// The descriptor of ours that `path` names: `/dev/stdout`,
    /// `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`, directly or through
    /// links. Opening such a path anew would start at offset 0 of a file the
    /// shell opened with `>>`, and renaming over it cannot work.
    static func ownDescriptor(_ path: String) -> Int32? {
        var current = path
        for _ in 0...maximumLinks {
            switch current {
            case "/dev/stdout": return STDOUT_FILENO
            case "/dev/stderr": return STDERR_FILENO
            default: break
            }
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where current.hasPrefix(prefix) {
                guard let number = Int32(current.dropFirst(prefix.count)), fcntl(number, F_GETFD) != -1 else { return nil }
                return number
            }
            guard let target = linkTarget(current), target.hasPrefix("/") else { return nil }
            current = target
        }
        return nil
    }
}

/// Temporary files beside a target (outputs, backups, new databases),
/// named `.NAME.dealdb-tmp-PID` so that a later run can tell one left by a
/// process that died (kill -9, a power cut) and remove it.
package enum TemporaryFile {
    static let marker = ".dealdb-tmp-"

    package static func path(beside target: String) -> String {
        let directory = (target as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "." : directory) + "/" + prefix(for: target) + String(getpid())
    }

    /// `.NAME.dealdb-tmp-`, with a long NAME cut and told apart by a hash
    /// of the whole: a file name may have 255 bytes, and the temporary
    /// file of a 254-byte name (with its PID and SQLite's `-journal`) has to
    /// fit too.
    static func prefix(for target: String) -> String {
        let name = (target as NSString).lastPathComponent
        let room = 255 - 1 - marker.utf8.count - 10 - "-journal".utf8.count
        guard name.utf8.count > room else { return "." + name + marker }
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        var kept = ""
        for character in name {
            guard kept.utf8.count + character.utf8.count <= room - 9 else { break }
            kept.append(character)
        }
        let digits = String(hash, radix: 16)
        return "." + kept + "~" + String(repeating: "0", count: 8 - digits.count) + digits + marker
    }

    /// Removes the temporary files beside `target` whose process is gone,
    /// with the -wal, -shm and -journal files SQLite may have left with them.
    package static func removeStale(beside target: String) {
        let directory = (target as NSString).deletingLastPathComponent
        let prefix = prefix(for: target)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else {
            return
        }
        for entry in entries where entry.hasPrefix(prefix) {
            var pidText = entry.dropFirst(prefix.count)
            for suffix in ["-wal", "-shm", "-journal"] where pidText.hasSuffix(suffix) { pidText = pidText.dropLast(suffix.count) }
            guard let pid = pid_t(pidText), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((directory.isEmpty ? "." : directory) + "/" + entry)
            }
        }
    }

    /// Renames a complete (and fsynced) temporary file over `target`, then
    /// fsyncs the directory so that the rename survives a power cut: the
    /// last step of every replace-by-rename (outputs, backups, new
    /// databases). Returns why it failed (strerror text), nil when done.
    static func rename(_ temporary: String, over target: String) -> String? {
        guard Foundation.rename(temporary, target) == 0 else { return String(cString: strerror(errno)) }
        syncDirectory(of: target)
        return nil
    }

    /// Makes a rename into the directory durable.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// Writing to a descriptor, every error checked.
package enum OutputWriting {
    /// Writes all of `data`; returns why it could not (strerror text).
    /// A reader that went away (EPIPE) is remembered in `brokenPipe`.
    package static func writeAll(_ data: Data, to descriptor: Int32) -> String? {
        data.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { BrokenPipe.record() }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    static func failure(_ reason: String, path: String) -> DealError {
        DealError(.failure, "cannot write output: \(path): \(reason)")
    }
}
