import Foundation
import SQLiteKit

/// A GitHub-flavoured Markdown table:
///
///     | id | name    | capacity |
///     | --- | ------- | -------: |
///
/// padded by `DisplayWidth` so the source lines up too. A column is
/// right-aligned (`---:`) when its buffered values are all numbers (NULLs
/// aside, at least one number). In a cell `|` is written `\|` and a line
/// break (LF, CR or CRLF) `<br>`; nothing else is escaped. NULL shows as the
/// NULL text, blobs as lowercase hex.
///
/// Like the table, it holds only the first 1000 rows to measure and align,
/// then streams. Without a header (`--no-header`) it prints the rows alone,
/// for appending to an existing table.
struct MarkdownFormat: AlignedFormat {
    struct Cell {
        let text: String
        let width: Int
    }

    let sink: TextSink
    private let options: RowWriterOptions
    private var columns: [String] = []

    init(sink: TextSink, options: RowWriterOptions) {
        self.sink = sink
        self.options = options
    }

    mutating func begin(columns: [String]) {
        self.columns = columns
    }

    func cell(_ value: SQLiteValue) -> Cell {
        let text = Self.escaped(CellText.of(value, nullText: options.nullText))
        return Cell(text: text, width: DisplayWidth.of(text))
    }

    func layOut(_ rows: MeasuredRows<Cell>) -> (widths: [Int], rightAligned: [Bool]) {
        let header = columns.map { name in
            let text = Self.escaped(name)
            return Cell(text: text, width: DisplayWidth.of(text))
        }
        let widths = zip(header, rows.widths(\.width)).map { max(options.header ? max(3, $0.width) : 3, $1) }
        let rightAligned = columns.indices.map(rows.isNumeric)
        let layout = (widths: widths, rightAligned: rightAligned)
        if options.header && !columns.isEmpty {
            write(header, layout: layout)
            let rule = zip(widths, rightAligned).map { width, right in
                right ? String(repeating: "-", count: width - 1) + ":" : String(repeating: "-", count: width)
            }
            sink.write("| " + rule.joined(separator: " | ") + " |\n")
        }
        return layout
    }

    func write(_ cells: [Cell], layout: (widths: [Int], rightAligned: [Bool])) {
        guard !cells.isEmpty else { return }
        var line = "|"
        for (index, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: max(0, layout.widths[index] - cell.width))
            line += " " + (layout.rightAligned[index] ? padding + cell.text : cell.text + padding) + " |"
        }
        sink.write(line + "\n")
    }

    /// `|` and line breaks as Markdown needs them, then control and bidi
    /// characters made visible (`DisplayText`): a Markdown table is read
    /// on a terminal as often as it is rendered.
    static func escaped(_ text: String) -> String {
        DisplayText.escaped(markdownEscaped(text))
    }

    private static func markdownEscaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x7C || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\r\n", "\n", "\r": result += "<br>"
            default: result.append(character)
            }
        }
        return result
    }
}
