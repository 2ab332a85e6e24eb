import SQLiteKit

/// Runs named queries on a connection that SQLite keeps read-only.
package struct QueryRunner {
    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    /// Runs `query` with the user's `-p name=value` values into `writer`.
    @discardableResult
    package func run(_ query: NamedQuery, parameters: [String: String], into writer: RowWriter) throws -> Int {
        try store.translatingFailures {
            var arguments = try query.arguments(parameters)
            try resolveNames(in: &arguments, query: query)
            let database = try store.readOnlyConnection()
            database.denyAttachAndExtensions()
            let statement: Statement
            do {
                statement = try database.makeStatement(sql: query.sql)
            } catch let error as SQLiteError where ResultCode.misuse ~= error {
                throw Self.notOneReadOnlyStatement(
                    query, found: error.message == SQLiteError.noStatement ? "it holds none" : "it holds more than one")
            } catch let error as SQLiteError {
                throw DealError(.invalidData, "query \(query.name) (\(query.origin)): \(error.message)")
            }
            // The connection is read-only anyway; this says why, instead of
            // SQLite's "attempt to write a readonly database".
            guard statement.isReadOnly else {
                throw Self.notOneReadOnlyStatement(query, found: "this one would change the database")
            }
            let declared = Set(query.parameters.map { ":" + $0.name })
            for name in statement.parameterNames.compactMap({ $0 }) where !declared.contains(name) {
                throw DealError(.invalidData, "query \(query.name) (\(query.origin)) uses \(name) but its header does not declare it")
            }
            let used = Set(statement.parameterNames.compactMap { $0 })
            try statement.bind(named: arguments.filter { used.contains(":" + $0.key) })
            let checked = RowWriter(FiniteResults(writer.formatter, query: query))
            return try translatingInterrupts { try statement.stream(into: checked) }
        }
    }

    static func notOneReadOnlyStatement(_ query: NamedQuery, found: String) -> DealError {
        DealError(.invalidData, "query \(query.name) (\(query.origin)): a named query must be one read-only statement; \(found)")
    }

    /// `party` and `project` parameters name records: an unknown one is an
    /// error with suggestions rather than an empty result, and a name in any
    /// script or case is turned into the id the SQL compares exactly.
    private func resolveNames(in arguments: inout [String: SQLiteValue], query: NamedQuery) throws {
        let resolver = NameResolver(database: store.database)
        if case .text(let party)? = arguments["party"] {
            let ids = try resolver.parties(matching: party)
            if ids.count == 1 { arguments["party"] = .text(ids[0]) }
        }
        if case .text(let project)? = arguments["project"] {
            arguments["project"] = .text(try resolver.project(matching: project))
        }
    }
}
