import SQLiteKit

/// A named query's rows, refused at the first number that is not finite.
///
/// SQLite adds up REALs without complaint: capacities of 1e308 and 1.7e308
/// (flagged, but summed when a query is asked to include flagged values)
/// came out as `Inf` in a CSV with exit 0, a total that no analyst can
/// quote. `sql` still shows a stored Inf as it is, for inspection; a named
/// query's answer is a figure, so it stops and says where.
final class FiniteResults: StatementRowWriter {
    private let inner: any RowFormatter
    private let query: NamedQuery
    private var columns: [String] = []
    private var rows = 0

    init(_ inner: any RowFormatter, query: NamedQuery) {
        self.inner = inner
        self.query = query
    }

    func begin(columns: [String]) throws {
        self.columns = columns
        try inner.begin(columns: columns)
    }

    func row(_ values: [SQLiteValue]) throws {
        rows += 1
        for (index, value) in values.enumerated() {
            guard case .real(let number) = value, !number.isFinite else { continue }
            throw notAFigure(number, column: index, key: values[0])
        }
        try inner.row(values)
    }

    /// The formats that read the statement directly (csv, tsv) keep doing
    /// so: only a REAL column is looked at twice.
    func row(from statement: Statement) throws {
        guard let direct = inner as? StatementRowWriter else {
            return try row(columns.indices.map { statement.value(at: Int32($0)) })
        }
        rows += 1
        for index in columns.indices where statement.columnType(at: Int32(index)) == .real {
            let number = statement.double(at: Int32(index))
            if !number.isFinite { throw notAFigure(number, column: index, key: statement.value(at: 0)) }
        }
        try direct.row(from: statement)
    }

    func end() throws { try inner.end() }

    private func notAFigure(_ number: Double, column index: Int, key: SQLiteValue) -> DealError {
        // The first column names the row (a project, a destination).
        let named = index > 0 && key != .null ? " (\(columns[0]) \(CellText.of(key, nullText: "")))" : ""
        return DealError(.failure, "query \(query.name): row \(rows)\(named), column \(columns[index]): "
            + "\(NumberText.cell(number)) is not a figure; the values it comes from are infinite or add up "
            + "beyond the largest number (1.8e308); `dealdb doctor` lists implausible values")
    }
}
