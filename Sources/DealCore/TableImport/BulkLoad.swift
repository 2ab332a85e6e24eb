import SQLiteKit

/// Bulk writes with the full-text search triggers set aside.
///
/// The triggers of migration 0003 find a record's index rows by the
/// UNINDEXED columns kind and ref, so every insert or update of a party,
/// project, agreement, source or event scans the whole index: fine for a
/// hand-kept dataset, quadratic for an import of thousands of rows (the GEM
/// map file took 40 s). During a bulk load the triggers are dropped, and
/// once the rows are in, recreated from their own SQL and the index
/// rebuilt in one pass the way 0003 fills it. All of it happens inside the
/// caller's transaction, so a failed import leaves triggers and index as
/// they were.
enum BulkLoad {
    static func withSearchTriggersSuspended<T>(_ database: Database, _ body: () throws -> T) throws -> T {
        precondition(database.isInTransaction, "suspend the search triggers only inside a transaction")
        let triggers = try database.fetchAll(sql: """
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\' AND sql IS NOT NULL
            ORDER BY name
            """).compactMap { row -> (String, String)? in
            guard let name = row.string(0), let sql = row.string(1) else { return nil }
            return (name, sql)
        }
        let hasIndex = try database.scalar(sql: """
            SELECT count(*) FROM sqlite_schema WHERE name IN ('search_index', 'search_documents')
            """).int64 == 2
        guard hasIndex, !triggers.isEmpty else { return try body() }
        for (name, _) in triggers {
            // The name comes from sqlite_schema, not from the input.
            try database.execute(script: "DROP TRIGGER \(quotedIdentifier(name))")
        }
        let result = try body()
        for (_, sql) in triggers {
            try database.execute(script: sql)
        }
        try database.execute(script: """
            DELETE FROM search_index;
            INSERT INTO search_index (kind, ref, title, body)
                SELECT kind, ref, title, body FROM search_documents WHERE kind <> 'term';
            INSERT INTO search_index (rowid, kind, ref, title, body)
                SELECT -term_id, kind, ref, title, body FROM search_documents WHERE kind = 'term';
            """)
        return result
    }
}
