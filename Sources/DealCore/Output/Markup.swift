/// Escaping for the text formats the pictures are written in. Each one has
/// its own rules, and a party named `"Газпром" <中国>` must come out intact
/// in all of them.
package enum Markup {
    /// Text or a double-quoted attribute value in XML, SVG or HTML.
    package static func escape(_ text: String) -> String { xml.apply(text) }

    private static let xml = Escaping(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]) { scalar -> String? in
        switch scalar {
        // XML 1.0 forbids most control characters even as references.
        case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": "\u{FFFD}"
        default: nil
        }
    }

    /// A Graphviz DOT double-quoted string, quotes included. Backslashes are
    /// doubled so that `\N` or `\l` in a name stay text, and line breaks
    /// become DOT's centred-line escape.
    package static func dotString(_ text: String) -> String {
        // Control and bidi characters made visible first (DisplayText): the
        // graph is printed to terminals, where an ESC in a name would act.
        // That leaves LF the only line break (CRLF becomes LF, a lone CR ␍).
        "\"" + dot.apply(DisplayText.escaped(text)) + "\""
    }

    private static let dot = Escaping(["\\": "\\\\", "\"": "\\\"", "\n": "\\n"])

    /// A Mermaid quoted label, quotes included. Mermaid has no backslash
    /// escapes: quotes and markup characters go as its `#name;` entities, and
    /// `#` itself as one, so that those entities are not read twice.
    package static func mermaidString(_ text: String) -> String {
        "\"" + mermaid.apply(DisplayText.escaped(text)) + "\""
    }

    private static let mermaid = Escaping([
        "#": "#35;", "\"": "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;", "\n": "<br/>",
    ])

    /// How many 12px-wide cells `text` needs: CJK and other wide characters
    /// take two. Good enough to lay labels out without measuring fonts.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        var cells = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                cells += 1.0
            case 0x20...0x7E where "ilj.,;:'|!".unicodeScalars.contains(scalar):
                cells += 0.3
            case 0x41...0x5A, 0x6D, 0x77:
                cells += 0.72
            default:
                cells += 0.6
            }
        }
        return cells * fontSize
    }

    /// `text` in lines no wider than `width` (by `estimatedWidth`): broken
    /// at spaces where there are any, and inside a word (CJK names have no
    /// spaces) where one word alone is too wide. Nothing is dropped.
    static func wrap(_ text: String, width: Double, fontSize: Double) -> [String] {
        guard estimatedWidth(text, fontSize: fontSize) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        func fits(_ candidate: String) -> Bool { estimatedWidth(candidate, fontSize: fontSize) <= width }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if fits(candidate) {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if !line.isEmpty, !fits(line + String(character)) {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [text] : lines
    }
}
