/// How one text format writes characters it cannot take as they are: a
/// table of the ASCII characters it replaces, and a rule for the other
/// scalars (nil keeps the scalar). JSON, TSV, XML, DOT, Mermaid and the
/// quoting of messages differ only in these, so one loop serves them all.
package struct Escaping: Sendable {
    /// The replacement of each ASCII scalar, by its value (nil: kept).
    private let ascii: [String?]
    private let other: @Sendable (Unicode.Scalar) -> String?

    /// `replacements` must be ASCII scalars (every format's are); `other`
    /// decides the rest, after the table.
    package init(_ replacements: [Unicode.Scalar: String],
                 other: @escaping @Sendable (Unicode.Scalar) -> String? = { _ in nil }) {
        var ascii = [String?](repeating: nil, count: 0x80)
        for (scalar, replacement) in replacements {
            precondition(scalar.isASCII, "Escaping's table holds ASCII scalars only")
            ascii[Int(scalar.value)] = replacement
        }
        self.ascii = ascii
        self.other = other
    }

    /// `text` with each scalar replaced as the format says.
    package func apply(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if scalar.isASCII, let replacement = ascii[Int(scalar.value)] {
                result += replacement
            } else if let replacement = other(scalar) {
                result += replacement
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
