/// Text made safe to show a person at a terminal: the one place where
/// every human-readable output (show, doctor, error messages and notices,
/// table, markdown, progress) turns characters that would act on the
/// terminal into characters that can be seen.
///
/// A party named `Evil \e[31mRED\e]0;title\a` would otherwise colour the
/// screen, set the window title or pass an OSC 8 link; U+202E would make
/// the rest of the line read backwards. C0 controls show as their Control
/// Pictures symbol (ESC as `␛`, U+2400 block), DEL as `␡`, C1 controls
/// (U+0080-009F, which many terminals act on as well) and the bidi
/// embedding, override and isolate characters as `<U+XXXX>`. Machine
/// formats (csv, tsv, json, ndjson, yaml) never come through here: their
/// bytes stay exactly the data's.
package enum DisplayText {
    /// What happens to line breaks and tabs.
    package enum LineBreaks: Sendable {
        /// Kept (multi-line output such as `show`): LF and tab stay, CRLF
        /// becomes LF, a lone CR (which would overwrite the line) shows as `␍`.
        case kept
        /// One cell of a table: a line break (LF, CR or CRLF) shows as `↵`,
        /// a tab as one space.
        case symbol
        /// One line of a message: every control character shown as its
        /// Control Pictures symbol, LF as `␊`, tab as `␉`, so that a path
        /// named `new\nline.db` stays on the line that names it.
        case pictures
    }

    package static func escaped(_ text: String, lineBreaks: LineBreaks = .kept) -> String {
        guard needsEscaping(text, lineBreaks: lineBreaks) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case _ where lineBreaks == .pictures:
                break
            case "\r\n", "\n":
                result += lineBreaks == .kept ? "\n" : "↵"
                continue
            case "\r" where lineBreaks == .symbol:
                result += "↵"
                continue
            case "\t":
                result += lineBreaks == .kept ? "\t" : " "
                continue
            default:
                break
            }
            for scalar in character.unicodeScalars {
                switch scalar.value {
                case 0..<0x20: result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
                case 0x7F: result += "\u{2421}"
                case _ where isInvisibleControl(scalar.value): result += codePoint(scalar.value)
                default: result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Whether `escaped` would change anything: a scan of the bytes, so
    /// that ordinary text costs one pass and no copy.
    static func needsEscaping(_ text: String, lineBreaks: LineBreaks) -> Bool {
        var scalarsChecked = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A, 0x09: if lineBreaks != .kept { return true }
            case 0..<0x20, 0x7F: return true
            // Lead bytes of U+0080-009F (C2 80-9F), U+061C (D8 9C) and
            // U+200E-206F (E2 80/81 xx): the scalars are looked at once, and
            // the scan goes on for the controls after them (a `’` before an
            // ESC must not let the ESC through).
            case 0xC2, 0xD8, 0xE2:
                guard !scalarsChecked else { continue }
                if text.unicodeScalars.contains(where: { isInvisibleControl($0.value) }) { return true }
                scalarsChecked = true
            default: continue
            }
        }
        return false
    }

    /// C1 controls and the characters that change the direction of text.
    static func isInvisibleControl(_ value: UInt32) -> Bool {
        switch value {
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// Text shown within one line (a path in a summary, a message's line):
    /// no character of it can start a new line or act on the terminal.
    package static func oneLine(_ text: String) -> String {
        escaped(text, lineBreaks: .pictures)
    }

    /// A message that echoes what the user typed: escaped, and each word
    /// longer than `limit` characters cut to its first 60 and its length, so
    /// that a megabyte argument gives a one-screen error.
    package static func message(_ text: String, limit: Int = 200) -> String {
        let safe = escaped(text)
        guard safe.utf8.count > limit else { return safe }
        return safe.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            guard word.utf8.count > limit else { return word }
            let count = word.count
            guard count > limit else { return word }
            return word.prefix(60) + "… (\(count) characters)"
        }.joined(separator: " ")
    }
}
