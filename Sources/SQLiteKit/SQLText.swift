/// SQL text for names and values, for statements built from trusted parts
/// (table and column names read from the schema, `--show-sql` listings).
/// User text is bound as a parameter, never spliced in with these.
package enum SQLText {
    /// `"name"`, with any `"` doubled: a name SQLite reads back exactly,
    /// whatever it holds (keywords, spaces, quotes).
    package static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A literal SQLite reads back as the same value: text in single quotes
    /// with `'` doubled, blobs as `x'…'`, REALs in Swift's shortest
    /// round-trip digits (`50.0`, `1e+20`), infinities as the overflowing
    /// literals SQLite turns into them (`9e999`); NaN, which SQLite stores
    /// as NULL, as NULL.
    package static func literal(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number):
            if number.isNaN { return "NULL" }
            if number.isInfinite { return number < 0 ? "-9e999" : "9e999" }
            return String(number)
        case .text(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let data):
            let digits = Array("0123456789abcdef".utf8)
            var bytes: [UInt8] = [UInt8(ascii: "x"), UInt8(ascii: "'")]
            for byte in data {
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
            bytes.append(UInt8(ascii: "'"))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
