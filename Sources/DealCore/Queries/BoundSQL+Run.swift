import SQLiteKit

extension BoundSQL {
    /// Runs the statement on `store`'s connection and streams its rows into
    /// `writer`: the one run behind `list`, `projects` and `parties`. A
    /// name bound twice keeps its first value.
    @discardableResult
    func run(on store: DealStore, into writer: RowWriter) throws -> Int {
        let statement = try store.database.makeStatement(sql: sql)
        try statement.bind(named: Dictionary(arguments.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }))
        return try translatingInterrupts { try statement.stream(into: writer) }
    }
}
