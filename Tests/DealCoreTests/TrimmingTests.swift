import Foundation
import Testing
@testable import DealCore

/// Our trimming gives what Foundation's `trimmingCharacters(in:)` gives,
/// for the two sets it replaces.
@Suite struct TrimmingTests {
    static let samples = [
        "", " ", "\t", "plain", "  both  ", "\tGazprom\t", " \u{00A0}no-break\u{3000} ", "\u{2003}em\u{2009}",
        "line\n", "\r\nwindows\r\n", "\u{0085}nel\u{2028}", "\u{2029}para", "\u{000B}\u{000C}vt-ff",
        "inner  space kept", "Türkiye ", " 中国", " e\u{0301} ", "\u{200B}zero-width\u{200B}", " \u{1F600} ",
    ]

    @Test(arguments: samples)
    func sameAsFoundation(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let substring = ("[" + text + "]").dropFirst().dropLast()
        #expect(substring.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }
}

extension TrimmingTests {
    @Test func theSetsAreFoundationsScalarByScalar() {
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Trimming.isWhitespace(scalar) != CharacterSet.whitespaces.contains(scalar) {
                Issue.record("U+\(String(value, radix: 16)) in whitespaces")
            }
            if Trimming.isWhitespaceOrNewline(scalar) != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                Issue.record("U+\(String(value, radix: 16)) in whitespacesAndNewlines")
            }
        }
    }
}
