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
/// Streaming: the first `bufferLimit` rows (1000) are held to measure the
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
/// width): then, when the lines would be wider, the widest columns are
/// narrowed to one common width, as little as makes the line fit, and cells
/// wider than their column end in `…`. A number is never cut (a cut figure
/// reads as another figure: only its header is), the first column (the
/// record's id, what a reader types next) keeps up to two fifths of the
/// line, and no other column goes below `minimumWidth`.
final class TableRowWriter: RowFormatter {
    struct Cell {
        let text: String
        let width: Int
        let isNumber: Bool
        let isNull: Bool
    }

    private let sink: TextSink
    private let options: RowWriterOptions
    private let bufferLimit: Int
    private var columns: [String] = []
    private var rows = MeasuredRows<Cell>(columns: 0, limit: 1)
    /// Set once the layout is fixed: after `bufferLimit` rows or at `end`.
    private var widths: [Int]?
    /// The column that keeps room and is cut in the middle (see `fit`).
    private var key = 0

    init(sink: TextSink, options: RowWriterOptions, bufferLimit: Int = 1000) {
        self.sink = sink
        self.options = options
        self.bufferLimit = max(1, bufferLimit)
    }

    func begin(columns: [String]) throws {
        self.columns = columns
        rows = MeasuredRows(columns: columns.count, limit: bufferLimit)
        widths = nil
    }

    func row(_ values: [SQLiteValue]) throws {
        try CellText.checkCount(values, columns: columns)
        try CellText.checkSink(sink)
        let cells = values.map(cell)
        if let widths {
            write(cells.enumerated().map { fitted($1, to: widths[$0], middle: $0 == key) }, widths: widths)
        } else if rows.hold(cells, values: values) {
            layOut()
        }
    }

    func end() throws {
        if widths == nil { layOut() }
        sink.flush()
        try CellText.checkSink(sink)
    }

    private func cell(_ value: SQLiteValue) -> Cell {
        let text = Self.printable(CellText.of(value, nullText: options.nullText))
        return Cell(text: text, width: DisplayWidth.of(text), isNumber: CellText.isNumber(value), isNull: value.isNull)
    }

    /// Measures the buffered rows, prints the header and the buffered rows,
    /// and lets the buffer go.
    private func layOut() {
        let header = columns.map { Self.printable($0) }
        let valueWidths = rows.widths(\.width)
        var widths = zip(header, valueWidths).map { max(options.header ? max(1, DisplayWidth.of($0)) : 1, $1) }
        if let maxWidth = options.maxWidth {
            let keep = valueWidths.indices.map { rows.isNumeric($0) ? valueWidths[$0] : 0 }
            key = columns.firstIndex(of: "id") ?? 0
            widths = Self.fit(widths, keeping: keep, key: key, into: maxWidth)
        }
        self.widths = widths
        if options.header && !columns.isEmpty {
            let headerCells = header.enumerated().map { index, name in
                fitted(Cell(text: name, width: DisplayWidth.of(name), isNumber: rows.isNumeric(index),
                            isNull: false), to: widths[index])
            }
            write(headerCells, widths: widths)
            sink.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        }
        for row in rows.release() {
            write(row.enumerated().map { fitted($1, to: widths[$0], middle: $0 == key) }, widths: widths)
        }
    }

    /// No column is narrowed below this (or its own width, if less)...
    static let minimumWidth = 6
    /// ...unless there are so many columns that only narrower ones leave
    /// the first column room (`projects` has eleven: at 80 columns its ids
    /// keep 30 and the others 3 each); never below this.
    static let smallestWidth = 3

    /// `widths` with the widest ones lowered to a common cap, the largest
    /// that makes the line (columns and two-space gaps) fit `maxWidth`.
    /// Floors: a number column keeps its widest value (`keeping`; 0 for a
    /// column of text), the `key` column (the record's id, what a reader
    /// types next: the `id` column, else the first) up to two fifths of the
    /// line, the others `minimumWidth`, or `smallestWidth` when there are too
    /// many columns to leave the key twice that. Numbers are kept whole even
    /// when the line is then too wide.
    static func fit(_ widths: [Int], keeping: [Int] = [], key: Int = 0, into maxWidth: Int) -> [Int] {
        let gaps = 2 * max(widths.count - 1, 0)
        guard widths.indices.contains(key), widths.reduce(gaps, +) > maxWidth else { return widths }
        let line = maxWidth - gaps, keyWidth = widths[key]
        func kept(_ index: Int) -> Int { index < keeping.count ? keeping[index] : 0 }
        func floors(others least: Int) -> [Int] {
            var floor = widths.indices.map { min(widths[$0], max(kept($0), least)) }
            let room = line - floor.reduce(0, +) + floor[key]
            floor[key] = min(keyWidth, max(kept(key), least, min(room, line * 2 / 5)))
            return floor
        }
        var floor = floors(others: minimumWidth)
        if floor[key] < min(keyWidth, 2 * minimumWidth) { floor = floors(others: smallestWidth) }
        func fitted(_ cap: Int) -> [Int] { widths.indices.map { max(floor[$0], min(widths[$0], cap)) } }
        var low = 0, high = widths.max() ?? 0
        while low < high {
            let middle = (low + high + 1) / 2
            if fitted(middle).reduce(0, +) <= line { low = middle } else { high = middle - 1 }
        }
        // What a common cap cannot hand out goes to the key column.
        var result = fitted(low)
        result[key] = min(keyWidth, result[key] + max(0, line - result.reduce(0, +)))
        return result
    }

    /// The cell cut to `width` columns, if it is wider and a width is set;
    /// in the `middle` for the key column, whose ids differ at their end.
    private func fitted(_ cell: Cell, to width: Int, middle: Bool = false) -> Cell {
        guard options.maxWidth != nil, cell.width > width else { return cell }
        let text = middle ? DisplayWidth.truncateMiddle(cell.text, to: width) : DisplayWidth.truncate(cell.text, to: width)
        return Cell(text: text, width: DisplayWidth.of(text), isNumber: cell.isNumber, isNull: cell.isNull)
    }

    private func write(_ cells: [Cell], widths: [Int]) {
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
