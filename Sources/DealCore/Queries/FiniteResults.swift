import SQLiteKit

/// A named query's rows, refused at the first number that is not finite.
///
/// SQLite adds up REALs without complaint: capacities of 1e308 and 1.7e308
/// (flagged, but summed when a query is asked to include flagged values)
/// came out as `Inf` in a CSV with exit 0, a total that no analyst can
/// quote. `sql` still shows a stored Inf as it is, for inspection; a named
/// query's answer is a figure, so it stops and says where.
final class FiniteResults: RowFormatter {
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
            // The first column names the row (a project, a destination).
            let key = index > 0 && values[0] != .null ? " (\(columns[0]) \(CellText.of(values[0], nullText: "")))" : ""
            throw DealError(.failure, "query \(query.name): row \(rows)\(key), column \(columns[index]): "
                + "\(NumberText.cell(number)) is not a figure; the values it comes from are infinite or add up "
                + "beyond the largest number (1.8e308); `dealdb doctor` lists implausible values")
        }
        try inner.row(values)
    }

    func end() throws { try inner.end() }
}
