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
