import Foundation
import Testing
import TestSupport
@testable import DealCore

/// Terminal widths, checked by hand for the scripts our data holds and
/// against Python's Unicode database for every assigned character.
@Suite struct DisplayWidthTests {
    @Test func asciiCountsOneEach() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("Power of Siberia 2") == 18)
    }

    @Test func cyrillicAndLatinAccentsCountOne() {
        #expect(DisplayWidth.of("Газпром") == 7)
        #expect(DisplayWidth.of("Россия") == 6)
        #expect(DisplayWidth.of("Café") == 4)
    }

    @Test func eastAsianWideCountsTwo() {
        #expect(DisplayWidth.of("中国石油") == 8)
        #expect(DisplayWidth.of("西气东输") == 8)
        #expect(DisplayWidth.of("カタカナ") == 8)
        #expect(DisplayWidth.of("한국가스공사") == 12)
        #expect(DisplayWidth.of("ＡＢＣ") == 6)       // fullwidth forms
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4)         // halfwidth katakana stay 1
        #expect(DisplayWidth.of("Газ中a") == 6)
    }

    @Test func combiningMarksAndZeroWidthCountNothing() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Cafe\u{301}") == 4)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)   // zero width space
        #expect(DisplayWidth.of("a\u{200D}b") == 2)   // ZWJ between letters
        #expect(DisplayWidth.of("\u{FE0F}") == 0)     // a lone variation selector
        #expect(DisplayWidth.of("\u{AD}") == 0)       // soft hyphen
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)  // conjoining Hangul jamo: one syllable
        #expect(DisplayWidth.of("a\u{7}b") == 2)      // controls take no column
    }

    @Test func emojiCountTwoPerCluster() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("⛽") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)                      // skin tone modifier
        #expect(DisplayWidth.of("👨\u{200D}👩\u{200D}👧") == 2)     // ZWJ family
        #expect(DisplayWidth.of("🏳\u{FE0F}\u{200D}🌈") == 2)       // ZWJ flag
        #expect(DisplayWidth.of("🇨🇳") == 2)                        // regional indicator pair
        #expect(DisplayWidth.of("\u{1F1E8}") == 1)                 // a lone one is narrow (EAW N)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)                 // emoji presentation selector
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}") == 2)         // keycap
        #expect(DisplayWidth.of("☺\u{FE0E}") == 1)                 // text presentation stays narrow
        #expect(DisplayWidth.of("gas 🔥 中") == 9)
    }

    @Test func padsByDisplayWidth() {
        #expect(DisplayWidth.pad("中", to: 4) == "中  ")
        #expect(DisplayWidth.pad("Газ", to: 5) == "Газ  ")
        #expect(DisplayWidth.pad("e\u{301}", to: 3) == "e\u{301}  ")
        #expect(DisplayWidth.pad("abcdef", to: 3) == "abcdef")
        #expect(DisplayWidth.pad("", to: 2) == "  ")
        #expect(DisplayWidth.of(DisplayWidth.pad("中国石油", to: 10)) == 10)
    }

    /// Every assigned code point of the BMP and the emoji planes, one at a
    /// time, against Python's unicodedata (an independent Unicode table):
    /// Mn, Me and Cf take 0, East Asian Wide and Fullwidth 2, others 1.
    /// Skipped: controls, surrogates, code points Python does not know yet or
    /// that later Unicode versions reclassified, and conjoining Hangul
    /// vowels/finals (Python has no width rule for them; we give them 0
    /// because they join the preceding initial consonant).
    @Test func agreesWithPythonUnicodeData() throws {
        let script = """
            import unicodedata, sys
            # Reclassified after Python's Unicode 14: U+1171E Mn -> Mc (Unicode 15).
            changed = {0x1171E}
            out = []
            for cp in range(0x1FB00):
                ch = chr(cp)
                cat = unicodedata.category(ch)
                if cat in ('Cn', 'Cc', 'Cs', 'Co') or 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF or cp in changed:
                    out.append('-')
                elif cat in ('Mn', 'Me', 'Cf'):
                    out.append('0')
                elif unicodedata.east_asian_width(ch) in ('W', 'F'):
                    out.append('2')
                else:
                    out.append('1')
            sys.stdout.write(''.join(out))
            """
        let result = try ProcessRunner.python(script)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = Array(result.stdout.utf8)
        try #require(expected.count == 0x1FB00)
        var mismatches: [String] = []
        for (value, code) in expected.enumerated() where code != UInt8(ascii: "-") {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let width = DisplayWidth.of(String(Character(scalar)))
            if width != Int(code - UInt8(ascii: "0")) {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): \(width), Python \(Character(Unicode.Scalar(code)))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20).joined(separator: "; "))")
    }
}
