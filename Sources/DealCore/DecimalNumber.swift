/// A number as people write it in data: `-12`, `0.5`, `1.5e6`. The one
/// reader for every place numbers come in (CSV cells for REAL columns,
/// document values, query parameters), so that they all refuse the same
/// things. Swift's `Double(String)` also reads `inf`, `nan`, `0x1p4` and
/// `1e309` (as infinity) and `1e-400` (as 0): none of those is a number a
/// dataset meant, and SQLite would store +Inf, which JSON cannot carry.
package enum DecimalNumber {
    package enum Reading: Equatable, Sendable {
        case number(Double)
        /// Not a decimal number at all (words, hex, `inf`, `nan`, empty).
        case notANumber
        /// Decimal, but beyond what a Double holds (about ±1.8e308).
        case tooLarge
        /// Decimal and not zero, but so small it would be stored as 0.
        case tooSmall
    }

    package static func read(_ text: String) -> Reading {
        var sawDigit = false, nonZeroDigit = false, sawPoint = false, sawExponent = false
        var previous: UInt8 = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !sawExponent {
                    sawDigit = true
                    if byte != UInt8(ascii: "0") { nonZeroDigit = true }
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard offset == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return .notANumber }
            case UInt8(ascii: "."):
                guard !sawPoint, !sawExponent else { return .notANumber }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return .notANumber }
                sawExponent = true
            default:
                return .notANumber
            }
            previous = byte
        }
        guard sawDigit, let last = text.utf8.last, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last)
                || (last == UInt8(ascii: ".") && !sawExponent) else { return .notANumber }
        guard let value = Double(text) else { return .notANumber }
        if !value.isFinite { return .tooLarge }
        if value == 0 && nonZeroDigit { return .tooSmall }
        return .number(value)
    }

    /// What is wrong with `text` as a number, for an error message, or nil
    /// when it is one.
    package static func problem(_ reading: Reading, text: String) -> String? {
        let shown = text.count > 40 ? "\"" + text.prefix(40) + "...\"" : "\"" + text + "\""
        switch reading {
        case .number: return nil
        case .notANumber: return "expected a number, found \(shown)"
        case .tooLarge: return "\(shown) is too large for a number (at most 1.7976931348623157e308 either way)"
        case .tooSmall: return "\(shown) is too small to store (it would become 0)"
        }
    }
}
