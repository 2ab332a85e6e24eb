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
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw DealError(.invalidData, "\(name): is UTF-16 text; save it as UTF-8")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw DealError(.invalidData, "\(name): not valid UTF-8 text (first bad byte at offset \(offset))")
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: nul)
            throw DealError(.invalidData, "\(name): contains a NUL byte at offset \(offset); expected text")
        }
        return DocumentInput(name: name, text: text)
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}
