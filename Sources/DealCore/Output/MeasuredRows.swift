import SQLiteKit

/// What the aligned formats (the terminal table, Markdown) share: the first
/// rows are held to measure the columns, then printed, and later rows go
/// straight out with those widths, so memory does not grow with the result;
/// and a column whose held values are all numbers (NULLs aside, at least
/// one number) is a numeric one, right-aligned.
struct MeasuredRows<Cell> {
    let limit: Int
    private(set) var held: [[Cell]] = []
    private var numbers: [Bool]
    private var texts: [Bool]

    init(columns: Int, limit: Int) {
        self.limit = max(1, limit)
        numbers = Array(repeating: false, count: columns)
        texts = Array(repeating: false, count: columns)
    }

    /// Holds a row; true once enough are held to fix the layout.
    mutating func hold(_ cells: [Cell], values: [SQLiteValue]) -> Bool {
        for (index, value) in values.enumerated() {
            if CellText.isNumber(value) { numbers[index] = true } else if !value.isNull { texts[index] = true }
        }
        held.append(cells)
        return held.count >= limit
    }

    /// Whether column `index` held numbers only.
    func isNumeric(_ index: Int) -> Bool { numbers[index] && !texts[index] }

    /// The widest of each column's held cells (0 for none).
    func widths(_ width: (Cell) -> Int) -> [Int] {
        var widths = Array(repeating: 0, count: numbers.count)
        for row in held {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
        }
        return widths
    }

    /// The held rows, handed over once and let go.
    mutating func release() -> [[Cell]] {
        defer { held = [] }
        return held
    }
}

/// What an aligned format (the terminal table, Markdown) adds to
/// `AlignedRowWriter`: its cells, the layout it fixes from the held rows
/// (writing its header), and how it writes a row in that layout.
protocol AlignedFormat {
    associatedtype Cell
    associatedtype Layout
    var sink: TextSink { get }
    /// Called when a result begins, with its columns.
    mutating func begin(columns: [String])
    func cell(_ value: SQLiteValue) -> Cell
    /// Fixes the layout from the held rows and writes the header.
    mutating func layOut(_ rows: MeasuredRows<Cell>) -> Layout
    mutating func write(_ cells: [Cell], layout: Layout)
}

/// The run the aligned formats share: the first `bufferLimit` rows (1000)
/// are held to measure, the layout is fixed once, and every later row
/// streams out in it.
final class AlignedRowWriter<Format: AlignedFormat>: RowFormatter {
    private var format: Format
    private let bufferLimit: Int
    private var columns: [String] = []
    private var rows = MeasuredRows<Format.Cell>(columns: 0, limit: 1)
    /// Set once the layout is fixed: after `bufferLimit` rows or at `end`.
    private var layout: Format.Layout?

    init(_ format: Format, bufferLimit: Int = 1000) {
        self.format = format
        self.bufferLimit = max(1, bufferLimit)
    }

    func begin(columns: [String]) throws {
        self.columns = columns
        rows = MeasuredRows(columns: columns.count, limit: bufferLimit)
        layout = nil
        format.begin(columns: columns)
    }

    func row(_ values: [SQLiteValue]) throws {
        try CellText.checkCount(values, columns: columns)
        try CellText.checkSink(format.sink)
        let cells = values.map(format.cell)
        if let layout {
            format.write(cells, layout: layout)
        } else if rows.hold(cells, values: values) {
            layOut()
        }
    }

    func end() throws {
        if layout == nil { layOut() }
        format.sink.flush()
        try CellText.checkSink(format.sink)
    }

    /// Fixes the layout, writes the held rows in it, and lets them go.
    private func layOut() {
        let layout = format.layOut(rows)
        self.layout = layout
        for row in rows.release() { format.write(row, layout: layout) }
    }
}
