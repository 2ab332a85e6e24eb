import Foundation

/// Writes a file whole or not at all: to a temporary file beside it, then
/// renamed over it, so a reader never sees half an export.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DealError(.failure, "\(path): cannot write: no directory \(directory)")
        }
        let temporary = directory + "/.\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw DealError(.failure, "\(path): cannot write (permission denied or disk full?)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DealError(.failure, "\(path): cannot write: \(reason)")
        }
    }
}

extension AtomicFile {
    /// Streams into a temporary file beside `path` and renames it into place
    /// only when `body` finishes; on failure the temporary file is removed
    /// and `path` is untouched.
    public static func withOutput<T>(to path: String, _ body: (FileHandle) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/.\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw DealError(.failure, "\(path): cannot write (no such directory, or permission denied)")
        }
        do {
            let result = try body(handle)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw DealError(.failure, "\(path): cannot write: \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
    }
}
