import Foundation

/// Text compared the way people type names: the one rule every lookup of a
/// party or project by name uses (`show`, `--party`, `--owner`, `--project`,
/// the queries' parameters, the GEM import's owner matching), so that a name
/// one command finds, every command finds. Set aside: case (in any script),
/// accents and other diacritics, full-width and other compatibility forms
/// (`ｇａｚｐｒｏｍ`, the ligature `ﬁ`, the ideographic space), runs of
/// whitespace (one space between words, none at either end).
///
/// `String.folding` costs microseconds per call on Linux, and filters fold
/// every project name, so ASCII text (most names) takes a byte loop that
/// gives the same result.
enum TextFolding {
    static func fold(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            // NFKC first: it turns compatibility forms into their plain
            // letters, which `.widthInsensitive` alone leaves as they are.
            return text.precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: .posix)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether two names are the same under `fold`.
    static func same(_ a: String, _ b: String) -> Bool { fold(a) == fold(b) }
}

extension String {
    /// Full-width digits and signs (`５０．５`) as ASCII.
    func applyingWidthFolding() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar
        }))
    }
}
