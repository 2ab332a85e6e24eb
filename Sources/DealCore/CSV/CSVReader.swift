package import Foundation

/// One CSV record: its fields and the line of the file where it starts.
package struct CSVRecord: Sendable, Equatable {
    package var fields: [String]
    /// Per field, whether it was written in quotes. Our writer quotes an
    /// empty string (`""`) and leaves NULL bare, so an importer needs this to
    /// tell the two apart.
    package var quoted: [Bool]
    /// 1-based line number of the record's first character.
    package var line: Int

    package init(fields: [String], quoted: [Bool], line: Int) {
        self.fields = fields
        self.quoted = quoted
        self.line = line
    }
}

/// Reads RFC 4180 CSV from a file in chunks, so a file of any size reads in
/// flat memory.
///
/// Accepted beyond the RFC's letter: LF, CR or CRLF line ends (also inside
/// quoted fields, kept as written), a UTF-8 byte order mark, a last record
/// without a line end. Blank lines are skipped (the csv-spectrum files and
/// Python's `csv` agree). Refused, with file and line: a quote left open at
/// the end of the file, a quote in the middle of an unquoted field or text
/// after a closing quote (Python reads `37°36'37.8"N` leniently; guessing
/// what the writer meant is how data gets mangled), bytes that are not
/// UTF-8, and NUL bytes.
package final class CSVReader {
    package let path: String
    private let handle: FileHandle?
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var endOfInput = false
    private var line = 1
    private var atStart = true
    /// Bytes of the file consumed so far, for progress.
    package private(set) var bytesRead: Int64 = 0

    // The current record, reused from one record to the next so that reading
    // one allocates nothing: its fields' bytes back to back, where each field
    // ends, and whether it was quoted.
    private var recordBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var fieldQuoted: [Bool] = []
    /// 1-based line where the current record (from `advance()`) starts.
    package private(set) var recordLine = 0

    /// Opens `path` for reading; an unreadable file is `.unreadableInput`.
    package init(path: String, chunkSize: Int = 1 << 18) throws {
        self.path = path
        self.chunkSize = chunkSize
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DealError(.unreadableInput, "\(path): no such file")
        }
        // Opening a FIFO waits for a writer: a signal may end us meanwhile.
        guard !isDirectory.boolValue, let handle = Cancellation.endingAtOnce({ FileHandle(forReadingAtPath: path) }) else {
            throw DealError(.unreadableInput, "\(path): cannot read the file")
        }
        self.handle = handle
        recordBytes.reserveCapacity(1024)
    }

    /// Reads CSV held in memory (tests, small inputs); `name` is used in errors.
    package init(data: Data, name: String) {
        self.path = name
        self.handle = nil
        self.chunkSize = 0
        self.buffer = [UInt8](data)
        self.endOfInput = true
    }

    deinit { try? handle?.close() }

    /// The next record, or nil at the end of the file.
    package func next() throws -> CSVRecord? {
        guard try advance() else { return nil }
        // advance() has checked the bytes, so decoding cannot repair anything.
        var fields: [String] = []
        fields.reserveCapacity(fieldCount)
        for index in 0..<fieldCount {
            fields.append(withField(index) { String(decoding: $0, as: UTF8.self) })
        }
        return CSVRecord(fields: fields, quoted: fieldQuoted, line: recordLine)
    }

    /// Number of fields of the current record.
    package var fieldCount: Int { fieldEnds.count }

    /// Whether field `index` of the current record was written in quotes.
    package func isQuoted(_ index: Int) -> Bool { fieldQuoted[index] }

    /// The UTF-8 bytes of field `index` of the current record, valid only
    /// inside `body`: no String is made, for bulk loads.
    package func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        let end = fieldEnds[index]
        return try recordBytes.withUnsafeBufferPointer { bytes in
            try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// Moves to the next record without making strings of its fields (read
    /// them with `withField`); false at the end of the file. Its fields are
    /// checked to be UTF-8.
    package func advance() throws -> Bool {
        if atStart {
            atStart = false
            while buffer.count - position < 4 && !endOfInput && handle != nil { try fill() }
            if TextBytes.looksLikeUTF16(buffer[position...]) { throw TextBytes.utf16Refusal(path) }
            if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB,
               buffer[position + 2] == 0xBF {
                position += 3
            }
        }
        while true {
            guard let byte = try peek() else { return false }
            // A blank line holds no record.
            if byte == 0x0A { position += 1; line += 1; continue }
            if byte == 0x0D {
                position += 1
                if try peek() == 0x0A { position += 1 }
                line += 1
                continue
            }
            try readRecord()
            try checkUTF8()
            return true
        }
    }

    private func readRecord() throws {
        let startLine = line
        recordLine = startLine
        recordBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldQuoted.removeAll(keepingCapacity: true)
        while true {
            let wasQuoted: Bool
            if try peek() == UInt8(ascii: "\"") {
                position += 1
                wasQuoted = true
                try readQuoted(startLine: startLine)
            } else {
                wasQuoted = false
                try readBare()
            }
            fieldEnds.append(recordBytes.count)
            fieldQuoted.append(wasQuoted)
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
            case 0x0A:
                position += 1
                line += 1
                return
            case 0x0D:
                position += 1
                if try peek() == 0x0A { position += 1 }
                line += 1
                return
            case nil:
                return
            default:
                throw error("text after a closing quote; a quote inside a quoted field is written twice (\"\")")
            }
        }
    }

    /// An unquoted field, up to a comma, a line end or the end of input.
    private func readBare() throws {
        while true {
            if position == buffer.count {
                try fill()
                if position == buffer.count { return }
            }
            let found: Bool = buffer.withUnsafeBufferPointer { bytes in
                var index = position
                let end = bytes.count
                while index < end {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"")
                        || byte == 0 {
                        break
                    }
                    index += 1
                }
                recordBytes.append(contentsOf: bytes[position..<index])
                position = index
                return index < end
            }
            guard found else { continue }
            switch buffer[position] {
            case UInt8(ascii: "\""):
                throw error("a quote inside an unquoted field; quote the whole field and write the quote twice (\"\")")
            case 0:
                throw error("a NUL byte; this is not a text file")
            default:
                return
            }
        }
    }

    /// A quoted field after its opening quote, through its closing quote.
    private func readQuoted(startLine: Int) throws {
        while true {
            if position == buffer.count {
                try fill()
                if position == buffer.count {
                    throw DealError(.invalidData, "\(path):\(startLine): a quoted field is never closed (the quote opens on this line)")
                }
            }
            let byte = buffer[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                if try peek() == UInt8(ascii: "\"") {
                    position += 1
                    recordBytes.append(byte)
                } else {
                    return
                }
            case 0x0A:
                line += 1
                recordBytes.append(byte)
            case 0x0D:
                if try peek() != 0x0A { line += 1 }
                recordBytes.append(byte)
            case 0:
                throw error("a NUL byte; this is not a text file")
            default:
                recordBytes.append(byte)
            }
        }
    }

    /// Most records are ASCII, which one pass over the bytes shows; the
    /// others are checked field by field (valid fields side by side could
    /// hide a sequence split between them).
    private func checkUTF8() throws {
        let ascii = recordBytes.withUnsafeBufferPointer { bytes in
            var high: UInt8 = 0
            for byte in bytes { high |= byte }
            return high < 0x80
        }
        if ascii { return }
        for index in 0..<fieldCount {
            let valid = withField(index) { String(validating: $0, as: UTF8.self) != nil }
            guard valid else {
                throw DealError(.invalidData, "\(path):\(recordLine): bytes that are not UTF-8; save the file as UTF-8")
            }
        }
    }

    private func error(_ message: String) -> DealError {
        DealError(.invalidData, "\(path):\(line): \(message)")
    }

    private func peek() throws -> UInt8? {
        if position == buffer.count { try fill() }
        return position < buffer.count ? buffer[position] : nil
    }

    /// Drops what has been consumed and appends the next chunk.
    private func fill() throws {
        guard !endOfInput, let handle else { return }
        if position > 0 {
            bytesRead += Int64(position)
            buffer.removeFirst(position)
            position = 0
        }
        let chunk: Data?
        do {
            // A pipe may keep us waiting here as long as it likes; a signal
            // ends us at once, which leaves any open transaction undone as
            // surely as a rollback (SQLite never saw it committed).
            chunk = try Cancellation.endingAtOnce { try handle.read(upToCount: chunkSize) }
        } catch {
            throw DealError(.unreadableInput, "\(path): cannot read: \(error.localizedDescription)")
        }
        guard let chunk, !chunk.isEmpty else {
            endOfInput = true
            return
        }
        buffer.append(contentsOf: chunk)
    }

    /// The bytes consumed so far, including what is in the buffer.
    package var progressBytes: Int64 { bytesRead + Int64(position) }

    /// Every record of a file, for small files read whole (tests and headers).
    package static func readAll(path: String) throws -> [CSVRecord] {
        let reader = try CSVReader(path: path)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }
}
