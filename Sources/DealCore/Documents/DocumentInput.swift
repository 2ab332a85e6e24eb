package import Foundation

/// The text of one document and the name its errors are reported under.
package struct DocumentInput: Sendable {
    package let name: String
    package let text: String

    package init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads a file, or standard input for `-`. Unreadable input is exit 66;
    /// bytes that are not UTF-8 are invalid data (65). A UTF-8 byte order
    /// mark is dropped.
    /// Reading writes nothing, and a FIFO or a pipe may keep us waiting
    /// for ever: a signal meanwhile ends the process at once.
    package static func load(path: String) throws -> DocumentInput {
        try Cancellation.endingAtOnce { try loadWaiting(path: path) }
    }

    /// Standard input as text, for `sql` without an argument.
    package static func standardInputText() throws -> String {
        try Cancellation.endingAtOnce { try decode(try readAll(FileHandle.standardInput, name: "<stdin>"), name: "<stdin>").text }
    }

    private static func loadWaiting(path: String) throws -> DocumentInput {
        let name = path == "-" ? "<stdin>" : path
        guard path != "-" else { return try decode(try readAll(FileHandle.standardInput, name: name), name: name) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DealError(.unreadableInput, "\(path): no such file")
        }
        guard !isDirectory.boolValue else {
            throw DealError(.unreadableInput, "\(path): is a directory, not a document")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DealError(.unreadableInput, "\(path): cannot read (permission denied?)")
        }
        defer { try? handle.close() }
        return try decode(try readAll(handle, name: name), name: name)
    }

    /// No hand-kept document comes near this; the limit stops `/dev/zero`
    /// or a runaway pipe from eating all memory.
    static let sizeLimit = 512 << 20

    private static func readAll(_ handle: FileHandle, name: String) throws -> Data {
        var data = Data()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw DealError(.unreadableInput, "\(name): cannot read (\(error.localizedDescription))")
            }
            if chunk.isEmpty { return data }
            data.append(chunk)
            guard data.count <= sizeLimit else {
                throw DealError(.invalidData, "\(name): larger than \(sizeLimit >> 20) MiB; split it into several documents")
            }
        }
    }

    package static func decode(_ data: Data, name: String) throws -> DocumentInput {
        DocumentInput(name: name, text: try TextBytes.text(data, name: name))
    }
}
