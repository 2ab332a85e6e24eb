/// Long lines of text for a terminal, folded at its width: `dealdb show`'s
/// notes and term texts. Each line is folded on its own, at spaces where it
/// has them (inside a word where one word is too long, as in Chinese text),
/// and its continuation lines start under the line's first value, after a
/// label or a date:
///
///       Note:      Western-route gas pipeline from West Siberian fields
///                  across Mongolia to northern China, first proposed ...
///       2025-09-02  Miller announces the legally binding Gazprom-CNPC
///                   memorandum on Power of Siberia 2 [8][1]
///
/// Widths are display columns (`DisplayWidth`), so CJK text folds right.
package enum TextWrap {
    package static func wrap(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(String($0), width: width) }
            .joined(separator: "\n")
    }

    static func wrapLine(_ line: String, width: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        var indent = hangingIndent(line)
        if indent > width / 2 { indent = min(leadingSpaces(line) + 2, width / 2) }
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = "", currentWidth = 0
        // The line's own leading spaces (and label) stay as they are.
        let head = String(line.prefix(indent))
        current = head
        currentWidth = DisplayWidth.of(head)
        let words = line.dropFirst(indent).split(separator: " ", omittingEmptySubsequences: false)
        var first = true
        for word in words {
            let wordWidth = DisplayWidth.of(String(word))
            let separator = first || currentWidth == indent ? 0 : 1
            if currentWidth + separator + wordWidth <= width {
                if separator == 1 { current += " " }
                current += word
                currentWidth += separator + wordWidth
            } else if wordWidth <= width - indent || word.contains("://") {
                // A web address too long for any line stays whole on a line
                // of its own (the terminal wraps it, and it still opens).
                if currentWidth > indent {
                    lines.append(current)
                    current = pad
                    currentWidth = indent
                }
                current += word
                currentWidth += wordWidth
            } else {
                // Too long for any line: fill this one, then go on character by character.
                if separator == 1, currentWidth + 2 <= width { current += " "; currentWidth += 1 }
                for character in word {
                    let next = DisplayWidth.width(of: character)
                    if currentWidth + next > width, currentWidth > indent {
                        lines.append(current)
                        current = pad
                        currentWidth = indent
                    }
                    current.append(character)
                    currentWidth += next
                }
            }
            first = false
        }
        lines.append(current)
        return lines.map { trimmedRight($0) }.joined(separator: "\n")
    }

    /// Columns up to the text after the leading spaces and, when the line
    /// starts with a label (`Note:` and two or more spaces), a date
    /// (`2025-09-02`, `2031 (planned)` and two or more spaces) or a source's
    /// number (`[3] `), after those.
    static func hangingIndent(_ line: String) -> Int {
        let spaces = leadingSpaces(line)
        let rest = line.dropFirst(spaces)
        let label: Substring, minimumGap: Int
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(" ") {
            (label, minimumGap) = (rest[...colon], 2)
        } else if let date = rest.prefixMatch(of: /[0-9]{4}(-[0-9]{2}){0,2}( \(planned\))?/) {
            (label, minimumGap) = (date.output.0, 2)
        } else if let number = rest.prefixMatch(of: /\[[0-9]+\]/) {
            (label, minimumGap) = (number.output, 1)
        } else {
            return spaces
        }
        let gap = rest[label.endIndex...].prefix { $0 == " " }.count
        guard gap >= minimumGap else { return spaces }
        return spaces + DisplayWidth.of(String(label)) + gap
    }

    static func leadingSpaces(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func trimmedRight(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
