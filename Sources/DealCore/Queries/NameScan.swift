import SQLiteKit

/// The ids of records whose names contain a text, ignoring case, accents and
/// width: what `--name` filters match. SQLite folds only ASCII, so the match
/// is made here, over every name; ASCII names (most of them) are compared
/// byte by byte without making a String, which keeps a scale-1 database's
/// 20,000 parties well under the 50 ms a filter may take.
enum NameScan {
    /// `sql` gives an id in column 0 and texts in the columns after it.
    static func ids(in database: Database, sql: String, containing text: String) throws -> [String] {
        let wanted = TextFolding.fold(text)
        guard !wanted.isEmpty else { return [] }
        let needle = Array(wanted.utf8)
        let needleIsASCII = needle.allSatisfy { $0 < 0x80 }
        let statement = try database.makeStatement(sql: sql)
        let columns = Int32(statement.columnNames.count)
        var ids: [String] = []
        while try statement.step() {
            var matched = false
            for column in 1..<columns where !matched && statement.columnType(at: column) == .text {
                matched = statement.withText(at: column) { bytes in
                    if needleIsASCII && isPlainASCII(bytes) {
                        return containsASCII(bytes, needle)
                    }
                    return TextFolding.fold(String(decoding: bytes, as: UTF8.self)).contains(wanted)
                }
            }
            if matched, case .text(let id) = statement.value(at: 0) { ids.append(id) }
        }
        return ids
    }

    /// ASCII that folding would change only in case: no tabs or line
    /// breaks, no runs of spaces (folding makes those one space).
    private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte >= 0x80 || (0x09...0x0D).contains(byte) || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return true
    }

    /// Whether `haystack` contains `needle` (already lowercase), ASCII letters in any case.
    private static func containsASCII(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
        outer: for start in 0...(haystack.count - needle.count) {
            for offset in 0..<needle.count where lower(haystack[start + offset]) != needle[offset] {
                continue outer
            }
            return true
        }
        return false
    }
}
