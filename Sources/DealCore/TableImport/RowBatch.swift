/// CSV records held back for one multi-row INSERT: their cells' bytes back
/// to back, with where each cell ends, whether it was quoted, and each
/// record's line for error messages.
///
/// Why batch at all: SQLite builds a temporary b-tree for every `IN (...)`
/// list of a CHECK constraint (kind, status, role, ...) once per run of a
/// statement, so one INSERT per row built hundreds of thousands of them;
/// that was a quarter of a large import's instructions. One run for 64 rows
/// builds them once.
struct RowBatch {
    let columns: Int
    private(set) var count = 0
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var quoted: [Bool] = []
    private(set) var lines: [Int] = []

    init(columns: Int, capacity: Int) {
        self.columns = columns
        bytes.reserveCapacity(capacity * columns * 16)
        ends.reserveCapacity(capacity * columns)
        quoted.reserveCapacity(capacity * columns)
        lines.reserveCapacity(capacity)
    }

    /// Copies the reader's current record, which must have `columns` fields.
    mutating func append(from reader: CSVReader) {
        for index in 0..<columns {
            reader.withField(index) { bytes.append(contentsOf: $0) }
            ends.append(bytes.count)
            quoted.append(reader.isQuoted(index))
        }
        lines.append(reader.recordLine)
        count += 1
    }

    mutating func removeAll() {
        count = 0
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    func isQuoted(row: Int, column: Int) -> Bool { quoted[row * columns + column] }

    /// The bytes of one cell, valid only inside `body`.
    func withCell<T>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let cell = row * columns + column
        let start = cell == 0 ? 0 : ends[cell - 1]
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<ends[cell]]))
        }
    }
}
