/// How a table meets a terminal narrower than its lines. Cutting cells to
/// fit (`gem-…`, `not_…`) lost what the reader came for: at 80 columns a
/// GEM table showed two letters of each value. So cells are never cut:
///
/// - the table as it is, when it fits;
/// - else the same table with long cells folded on several lines, when
///   every column can keep at least `foldFloor` columns (or its own width)
///   and every number its whole width (a folded number reads as two);
/// - else one record per block, a line for each column (`name  value`),
///   as psql's expanded display and litecli's vertical mode do.
enum TableLayout: Equatable {
    case lines(widths: [Int])
    case folded(widths: [Int])
    case records(labelWidth: Int)

    /// The narrowest a folded column gets, unless its cells are narrower:
    /// below this, words break every few letters and no longer read.
    static let foldFloor = 12

    /// The layout for columns of `widths` (their widest cell or header)
    /// where `numbers[i]` is the widest number of a column of numbers (0
    /// for a column of text), on a terminal `maxWidth` wide.
    static func choose(_ widths: [Int], numbers: [Int], headers: [Int], into maxWidth: Int) -> TableLayout {
        let gaps = 2 * max(widths.count - 1, 0)
        let line = maxWidth - gaps
        guard widths.reduce(0, +) > line else { return .lines(widths: widths) }
        let floors = widths.indices.map { index in
            numbers[index] > 0 ? max(numbers[index], min(widths[index], foldFloor)) : min(widths[index], foldFloor)
        }
        guard floors.reduce(0, +) <= line else {
            return .records(labelWidth: min(headers.max() ?? 0, max(foldFloor, maxWidth / 3)))
        }
        // A column of numbers keeps its floor: its numbers fit, and a long
        // header folds rather than widening a column of short figures.
        let targets = widths.indices.map { numbers[$0] > 0 ? floors[$0] : widths[$0] }
        return .folded(widths: shared(line, among: targets, floors: floors))
    }

    /// `widths` lowered to one common cap (never below a floor), the
    /// largest that fits `line`; what the cap leaves over goes to the
    /// widest columns still folded, one column each.
    static func shared(_ line: Int, among widths: [Int], floors: [Int]) -> [Int] {
        func capped(_ cap: Int) -> [Int] { widths.indices.map { max(floors[$0], min(widths[$0], cap)) } }
        var low = 0, high = widths.max() ?? 0
        while low < high {
            let middle = (low + high + 1) / 2
            if capped(middle).reduce(0, +) <= line { low = middle } else { high = middle - 1 }
        }
        var result = capped(low)
        var left = line - result.reduce(0, +)
        for index in result.indices.sorted(by: { widths[$0] > widths[$1] }) where left > 0 && result[index] < widths[index] {
            result[index] += 1
            left -= 1
        }
        return result
    }
}

/// A cell's text folded into lines of at most `width` display columns: at
/// spaces, else after a hyphen, underscore, slash or comma (ids and
/// column names break between their words), else between characters (CJK
/// text has no spaces). No character is lost or split.
enum CellFold {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0, DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = [], current = "", used = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = DisplayWidth.of(String(word))
            if used > 0, used + 1 + wordWidth <= width {
                current += " " + word
                used += 1 + wordWidth
                continue
            }
            if used > 0 {
                lines.append(current)
                (current, used) = ("", 0)
            }
            var rest = Substring(word)
            while DisplayWidth.of(String(rest)) > width {
                let piece = breakPoint(rest, width: width)
                lines.append(String(rest[..<piece]))
                rest = rest[piece...]
            }
            (current, used) = (String(rest), DisplayWidth.of(String(rest)))
        }
        lines.append(current)
        return lines
    }

    /// Where to break a word wider than `width`: after the last hyphen (or
    /// `_`, `/`, `,`) that fits, when it leaves at least a third of the
    /// line used; else after as many characters as fit (at least one).
    private static func breakPoint(_ word: Substring, width: Int) -> Substring.Index {
        var used = 0, fitting = word.startIndex, preferred: Substring.Index?
        var index = word.startIndex
        while index < word.endIndex {
            let next = DisplayWidth.width(of: word[index])
            if used + next > width { break }
            used += next
            index = word.index(after: index)
            fitting = index
            if "-_/,".contains(word[word.index(before: index)]), used * 3 >= width { preferred = index }
        }
        if fitting == word.startIndex { return word.index(after: word.startIndex) }
        return preferred ?? fitting
    }
}
