import SQLiteKit

/// A named query's result held in memory: the pictures draw from the very
/// rows `dealdb query NAME` prints, so a chart and a table cannot disagree.
package struct QueryRows: Sendable {
    package let columns: [String]
    let rows: [[SQLiteValue]]

    subscript(row: Int, column: String) -> SQLiteValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return rows[row][index]
    }

    /// Runs the built-in query `name` with `parameters` (as `-p` would give them).
    static func builtIn(_ name: String, parameters: [String: String] = [:], store: DealStore) throws -> QueryRows {
        let query = try QueryCatalog.builtIn().query(named: name)
        return try run(query, parameters: parameters, store: store)
    }

    static func run(_ query: NamedQuery, parameters: [String: String], store: DealStore) throws -> QueryRows {
        let collector = RowCollector()
        try QueryRunner(store: store).run(query, parameters: parameters, into: RowWriter(collector))
        return QueryRows(columns: collector.columns, rows: collector.rows)
    }
}

/// A row "format" that keeps the rows instead of printing them.
final class RowCollector: RowFormatter {
    private(set) var columns: [String] = []
    private(set) var rows: [[SQLiteValue]] = []

    func begin(columns: [String]) throws { self.columns = columns }
    func row(_ values: [SQLiteValue]) throws { rows.append(values) }
    func end() throws {}
}
