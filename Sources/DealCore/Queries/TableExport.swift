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
        try store.translatingFailures {
            try Self.tableNames(in: store.database)
        }
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
        try store.translatingFailures {
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
            let statement = try store.database.makeStatement(sql: "SELECT \(list) FROM \(SQLText.identifier(table)) ORDER BY rowid")
            return try translatingInterrupts { try statement.stream(into: writer) }
        }
    }

    /// The file `export --all` writes `table` to, inside its folder: the
    /// name as it is where it is a plain file name, else with every
    /// character that could leave the folder or hide the file (`/`, a
    /// leading `.`, control characters, `%` itself) written as %XX. A table
    /// named `../precious` is `%2E.%2Fprecious.csv`, never a path.
    package static func fileName(for table: String) -> String {
        var name = ""
        for (index, scalar) in table.unicodeScalars.enumerated() {
            let unsafe = ["/", "\\", "%"].contains(scalar) || scalar.value < 0x20 || scalar.value == 0x7F
                || (index == 0 && scalar == ".")
            if unsafe {
                name += String(scalar).utf8.map { "%" + ($0 < 0x10 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
            } else {
                name.unicodeScalars.append(scalar)
            }
        }
        return name + ".csv"
    }
}
