/// Trimming without Foundation's `trimmingCharacters(in:)`, which bridges
/// every call through NSString: it was a sixth of a GEM import. The sets
/// are exactly Foundation's on Linux (checked scalar by scalar in
/// TrimmingTests): the Unicode category Zs, the tab and U+200B for
/// `whitespaces`; line breaks besides for `whitespacesAndNewlines`.
extension String {
    /// Without leading and trailing spaces and tabs (`CharacterSet.whitespaces`).
    func trimmingWhitespace() -> String {
        Trimming.isUntouched(utf8.first, utf8.last) ? self : self[...].trimmingWhitespace()
    }

    /// Without leading and trailing white space and line breaks
    /// (`CharacterSet.whitespacesAndNewlines`).
    func trimmingWhitespaceAndNewlines() -> String {
        Trimming.isUntouched(utf8.first, utf8.last) ? self : self[...].trimmingWhitespaceAndNewlines()
    }
}

extension Substring {
    func trimmingWhitespace() -> String { trimming(Trimming.isWhitespace) }

    func trimmingWhitespaceAndNewlines() -> String { trimming(Trimming.isWhitespaceOrNewline) }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        if Trimming.isUntouched(utf8.first, utf8.last) { return String(self) }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        return String(self[start..<scalars.index(after: last)])
    }
}

enum Trimming {
    /// Most values start and end with a visible ASCII character, which no
    /// set trims: those are returned as they are, without a copy for a String.
    static func isUntouched(_ first: UInt8?, _ last: UInt8?) -> Bool {
        guard let first, let last else { return false }
        return (0x21..<0x7F).contains(first) && (0x21..<0x7F).contains(last)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: isWhitespace(scalar)
        }
    }
}
