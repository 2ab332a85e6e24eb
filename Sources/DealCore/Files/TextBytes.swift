package import Foundation

/// Bytes that should be UTF-8 text, read the one way everywhere (documents,
/// query files, CSV and GEM files): a UTF-8 byte-order mark is dropped, and
/// UTF-16 (what Excel's "Unicode text" and Windows Notepad write) is named
/// for what it is, with the fix, rather than as a NUL byte or bad UTF-8.
package enum TextBytes {
    /// UTF-16 by its byte-order mark, or by ASCII text with every other
    /// byte NUL (UTF-16 saved without a mark).
    static func looksLikeUTF16<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        guard head.count == 4 else { return false }
        return (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0)
            || (head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0)
    }

    static func utf16Refusal(_ name: String) -> DealError {
        DealError(.invalidData, "\(name): is UTF-16 text; save it as UTF-8")
    }

    /// The text of `data`, or the error that says what it is instead.
    package static func text(_ data: Data, name: String) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if looksLikeUTF16(bytes) { throw utf16Refusal(name) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw DealError(.invalidData, "\(name): not valid UTF-8 text (first bad byte at offset \(offset))")
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: nul)
            throw DealError(.invalidData, "\(name): contains a NUL byte at offset \(offset); expected text")
        }
        return text
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
