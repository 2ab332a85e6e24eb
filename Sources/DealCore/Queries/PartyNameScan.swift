import SQLiteKit

/// Every party a typed name names: by the one name rule (TextFolding) and
/// by PartyNameKey. Each lookup reads every name and alias (a key match
/// cannot use an index), so it is done on the bytes SQLite hands out: an
/// ASCII name (nearly all of a scale-1 database's 60,000) is compared
/// without making a String, and its key is built only when its letters
/// contain the wanted key. `list --party` stays within its 50 ms.
struct PartyNameScan {
    let database: Database

    struct Matches {
        /// Equal under TextFolding.
        var exact: [String] = []
        /// Not equal, but one company by PartyNameKey.
        var byKey: [String] = []
    }

    func matches(_ text: String) throws -> Matches {
        let wanted = TextFolding.fold(text)
        guard !wanted.isEmpty else { return Matches() }
        let wantedBytes = Array(wanted.utf8)
        let key = PartyNameKey.parts(text)
        let keyBytes = Array(key.key.utf8)
        var exact = Set<String>(), byKey = Set<String>()
        let statement = try database.makeStatement(sql: "SELECT party_id, name FROM party_names")
        while try statement.step() {
            let (isExact, isKeyed) = statement.withText(at: 1) { bytes -> (Bool, Bool) in
                if Self.isPlainASCII(bytes) {
                    if Self.foldedEquals(bytes, wantedBytes) { return (true, false) }
                    guard PartyNameKey.mayHave(keyBytes, bytes) else { return (false, false) }
                }
                let name = String(decoding: bytes, as: UTF8.self)
                if TextFolding.fold(name) == wanted { return (true, false) }
                return (false, PartyNameKey.mayHave(keyBytes, name) && PartyNameKey.compatible(PartyNameKey.parts(name), key))
            }
            guard isExact || isKeyed, case .text(let id) = statement.value(at: 0) else { continue }
            if isExact { exact.insert(id) } else { byKey.insert(id) }
        }
        return Matches(exact: exact.sorted(), byKey: byKey.subtracting(exact).sorted())
    }

    /// ASCII that folding changes only in case and at its ends: no tabs or
    /// line breaks, no runs of spaces.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte >= 0x80 || (0x09...0x0D).contains(byte) || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return true
    }

    /// Whether plain ASCII `bytes`, folded, are `wanted` (already folded).
    static func foldedEquals(_ bytes: UnsafeBufferPointer<UInt8>, _ wanted: [UInt8]) -> Bool {
        var start = 0, end = bytes.count
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        guard end - start == wanted.count else { return false }
        for index in 0..<wanted.count {
            let byte = bytes[start + index]
            if ((0x41...0x5A).contains(byte) ? byte + 0x20 : byte) != wanted[index] { return false }
        }
        return true
    }
}
