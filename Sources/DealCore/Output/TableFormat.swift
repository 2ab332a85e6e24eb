import Foundation
import SQLiteKit

/// An aligned table for the terminal:
///
///     id  signed      kind
///     --  ----------  --------
///      1  2014-05-21  pipeline
///
/// Columns are two spaces apart and sized by `DisplayWidth`, so Chinese and
/// Cyrillic line up; numbers are right-aligned, everything else left; lines
/// carry no trailing spaces. A column whose buffered values are all numbers
/// (NULLs aside) has its header right-aligned too.
///
/// Streaming (`AlignedRowWriter`): the first 1000 rows are held to measure the
/// columns, then printed, and later rows go straight out with those widths;
/// a wider cell later on just pushes the rest of its line right. Memory does
/// not grow with the result.
///
/// Inside a cell a line break (LF, CR or CRLF) shows as `↵`, a tab as one
/// space, and other control characters as their Control Pictures symbol
/// (U+2400 block, e.g. ESC as `␛`), so no value can move the cursor or
/// send escape sequences to the terminal. Blobs print as lowercase hex.
///
/// Long cells are printed whole, unless `maxWidth` is set (a terminal's
/// width) and the lines would be wider: then long cells fold on several
/// lines, each row of more than one line set off by blank lines, or, when
/// there are too many columns for that, each record becomes a block of
/// `column  value` lines (see `TableLayout`). No cell is ever cut.
struct TableFormat: AlignedFormat {
    struct Cell {
        let text: String
        let width: Int
        let isNumber: Bool
    }

    let sink: TextSink
    private let options: RowWriterOptions
    private var columns: [String] = []
    private var rowsWritten = 0
    private var lastRowFolded = false

    init(sink: TextSink, options: RowWriterOptions) {
        self.sink = sink
        self.options = options
    }

    mutating func begin(columns: [String]) {
        self.columns = columns.map(Self.printable)
        rowsWritten = 0
        lastRowFolded = false
    }

    func cell(_ value: SQLiteValue) -> Cell {
        let text = Self.printable(CellText.of(value, nullText: options.nullText))
        return Cell(text: text, width: DisplayWidth.of(text), isNumber: CellText.isNumber(value))
    }

    /// Measures the held rows, chooses the layout and prints the header.
    mutating func layOut(_ rows: MeasuredRows<Cell>) -> TableLayout {
        let headerWidths = columns.map { DisplayWidth.of($0) }
        let valueWidths = rows.widths(\.width)
        let widths = zip(headerWidths, valueWidths).map { max(options.header ? max(1, $0) : 1, $1) }
        let layout: TableLayout
        if let maxWidth = options.maxWidth {
            let numbers = valueWidths.indices.map { rows.isNumeric($0) ? valueWidths[$0] : 0 }
            layout = TableLayout.choose(widths, numbers: numbers, headers: headerWidths, into: maxWidth)
        } else {
            layout = .lines(widths: widths)
        }
        if options.header && !columns.isEmpty, let widths = layout.columnWidths {
            let header = columns.enumerated().map { index, name in
                Cell(text: name, width: DisplayWidth.of(name), isNumber: rows.isNumeric(index))
            }
            for line in folded(header, widths: widths) { writeLines(line, widths: widths) }
            sink.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        }
        return layout
    }

    mutating func write(_ cells: [Cell], layout: TableLayout) {
        guard !cells.isEmpty else { return }
        switch layout {
        case .lines(let widths):
            writeLines(cells, widths: widths)
        case .folded(let widths):
            let lines = folded(cells, widths: widths)
            // A row of several lines is set off by blank lines, so that
            // its continuation lines are not read as the next record.
            if rowsWritten > 0, lines.count > 1 || lastRowFolded { sink.write("\n") }
            lastRowFolded = lines.count > 1
            for line in lines { writeLines(line, widths: widths) }
        case .records(let labelWidth):
            writeRecord(cells, labelWidth: labelWidth)
        }
        rowsWritten += 1
    }

    /// The cells folded to their column widths, as the lines they make.
    private func folded(_ cells: [Cell], widths: [Int]) -> [[Cell]] {
        let pieces = cells.enumerated().map { CellFold.lines($1.text, width: widths[$0]) }
        return (0..<(pieces.map(\.count).max() ?? 1)).map { line in
            cells.indices.map { index in
                let text = line < pieces[index].count ? pieces[index][line] : ""
                return Cell(text: text, width: DisplayWidth.of(text), isNumber: cells[index].isNumber)
            }
        }
    }

    /// One record as a block: `-[ record 3 ]` and a `column  value` line
    /// for each column, long values folded under their start.
    private func writeRecord(_ cells: [Cell], labelWidth: Int) {
        let maxWidth = options.maxWidth ?? 80
        let valueWidth = max(TableLayout.foldFloor, maxWidth - labelWidth - 2)
        let title = "-[ record \(rowsWritten + 1) ]"
        sink.write(title + String(repeating: "-", count: max(0, min(maxWidth, 40) - title.count)) + "\n")
        for (index, cell) in cells.enumerated() {
            let labels = CellFold.lines(columns[index], width: labelWidth)
            let values = CellFold.lines(cell.text, width: valueWidth)
            for line in 0..<max(labels.count, values.count) {
                let label = line < labels.count ? labels[line] : ""
                let value = line < values.count ? values[line] : ""
                var text = value.isEmpty ? label : DisplayWidth.pad(label, to: labelWidth) + "  " + value
                while text.utf8.last == 0x20 { text.removeLast() }
                sink.write(text + "\n")
            }
        }
    }

    /// One line of cells two spaces apart: numbers right-aligned, text
    /// left, nothing trailing.
    private func writeLines(_ cells: [Cell], widths: [Int]) {
        guard !cells.isEmpty else { return }
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "  " }
            let missing = widths[index] - cell.width
            if missing > 0 && cell.isNumber {
                line += String(repeating: " ", count: missing) + cell.text
            } else if missing > 0 && index < cells.count - 1 {
                line += cell.text + String(repeating: " ", count: missing)
            } else {
                line += cell.text
            }
        }
        while line.utf8.last == 0x20 { line.removeLast() }
        sink.write(line + "\n")
    }

    /// The text with line breaks, tabs and control characters made visible
    /// and harmless (see the type's comment and `DisplayText`).
    static func printable(_ text: String) -> String {
        DisplayText.escaped(text, lineBreaks: .symbol)
    }
}

extension TableLayout {
    /// The widths of a layout in columns; nil for one record per block.
    var columnWidths: [Int]? {
        switch self {
        case .lines(let widths), .folded(let widths): widths
        case .records: nil
        }
    }
}
