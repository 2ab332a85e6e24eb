/// How many terminal columns text takes, for aligning tables.
///
/// Per grapheme cluster (a user-perceived character): East Asian Wide and
/// Fullwidth characters (CJK, kana, Hangul syllables, fullwidth forms) and
/// emoji take 2; combining and enclosing marks, format characters (U+200B,
/// ZWJ, soft hyphen), variation selectors, Hangul medial vowels and final
/// consonants, and control characters take 0; everything else 1. A cluster of
/// several characters is the sum of its parts, as `wcwidth` counts, except
/// that an emoji sequence (ZWJ family, skin tone, keycap, flag, or any emoji
/// with U+FE0F) takes 2, as terminals draw one emoji.
///
/// The wide ranges come from Unicode 14's EastAsianWidth (W and F, plus
/// the CJK ideograph blocks that default to W), with newer emoji caught by
/// the Emoji_Presentation property.
package enum DisplayWidth {
    /// Terminal columns the text takes.
    package static func of(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return slowWidth(text) }
            count += 1
        }
        return count
    }

    /// Right-pads with spaces to `width` columns; text already as wide or
    /// wider is returned as it is.
    package static func pad(_ text: String, to width: Int) -> String {
        let missing = width - of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// Left-pads with spaces to `width` columns, for right-aligned numbers.
    static func padLeft(_ text: String, to width: Int) -> String {
        let missing = width - of(text)
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    private static func slowWidth(_ text: String) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        guard let second = iterator.next() else { return width(of: first) }

        var sum = width(of: first) + width(of: second)
        var emojiSequence = false
        var joined = false
        var pictographic = first.properties.isEmoji && first.value > 0x7F
        var regionalIndicators = 0
        func note(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF: emojiSequence = true
            case 0x200D: joined = true
            case 0x1F1E6...0x1F1FF: regionalIndicators += 1
            default: break
            }
        }
        note(first)
        note(second)
        pictographic = pictographic || (second.properties.isEmoji && second.value > 0x7F)
        while let scalar = iterator.next() {
            note(scalar)
            pictographic = pictographic || (scalar.properties.isEmoji && scalar.value > 0x7F)
            sum += width(of: scalar)
        }
        if emojiSequence || regionalIndicators >= 2 || (joined && pictographic) { return 2 }
        return sum
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }                 // DEL and C1 controls
        if value < 0x300 { return value == 0xAD ? 0 : 1 }  // Latin-1, soft hyphen
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if isWide(value) { return 2 }
        // Emoji newer than the table; regional indicators are Emoji_Presentation
        // but East Asian Width N: alone they take 1, and a pair (a flag) 2.
        if scalar.properties.isEmojiPresentation && !(0x1F1E6...0x1F1FF).contains(value) { return 2 }
        return 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= wideRanges[0].lowerBound else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide and Fullwidth, sorted; neighbouring ranges joined
    /// across unassigned code points.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
        0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x1B2FB, 0x1F004...0x1F004,
        0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
        0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
        0x1F947...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x3FFFD,
    ]
}
