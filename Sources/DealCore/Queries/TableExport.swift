import SQLiteKit

/// Whole tables out as rows: `dealdb export TABLE` and `export --all DIR`.
package struct TableExport {
    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    /// The tables that hold data, in foreign-key order (referenced tables
    /// first): not SQLite's own, not the migration log, not the search
    /// indexes, which are derived from the others.
    package func tableNames() throws -> [String] {
        try Self.tableNames(in: store.database)
    }

    static func tableNames(in database: Database) throws -> [String] {
        // pragma table_list tells plain tables from virtual ones (the search
        // indexes, agreements_fts, ...) and their shadow tables.
        let names = try database.fetchAll(sql: """
            SELECT name FROM pragma_table_list
            WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'
              AND name NOT LIKE 'search_index%'
            ORDER BY name
            """).compactMap { $0.string(0) }
        var references: [String: Set<String>] = [:]
        for name in names {
            let targets = try database.fetchAll(
                sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [.text(name)]
            ).compactMap { $0.string(0) }
            references[name] = Set(targets).subtracting([name])
        }
        var ordered: [String] = [], placed = Set<String>()
        while ordered.count < names.count {
            let ready = names.filter { !placed.contains($0) && (references[$0] ?? []).isSubset(of: placed) }
            let next = ready.isEmpty ? names.filter { !placed.contains($0) } : ready
            ordered += next
            placed.formUnion(next)
        }
        return ordered
    }

    /// Every row of `table`, in rowid order, into `writer`.
    @discardableResult
    package func export(table: String, into writer: RowWriter) throws -> Int {
        let tables = try tableNames()
        guard tables.contains(table) else {
            throw DealError(.usage, "no table named \"\(table)\"" + Suggestions.hint(for: table, in: tables)
                + "; tables: \(tables.joined(separator: ", "))")
        }
        // The stored columns only: a generated one (terms.bcm_per_year) is
        // derived, and a file holding it could not be imported back.
        let columns = try store.database.fetchAll(sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                                                  arguments: [.text(table)]).compactMap { $0.string(0) }
        let list = columns.map(SQLText.identifier).joined(separator: ", ")
        // The names are the schema's own table and column names, checked above.
        let statement = try store.database.makeStatement(sql: "SELECT \(list) FROM \"\(table)\" ORDER BY rowid")
        return try translatingInterrupts { try statement.stream(into: writer) }
    }
}
