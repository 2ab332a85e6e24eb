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
