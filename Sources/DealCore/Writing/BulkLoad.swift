import SQLiteKit

/// Bulk writes with the full-text search triggers set aside.
///
/// The triggers of migrations 0007 and 0009 keep the search indexes current one
/// record at a time; for a load of a million rows, filling them once at the
/// end is several times faster. During a bulk load the triggers are
/// dropped, and once the rows are in, recreated from their own SQL and the
/// indexes rebuilt in one pass the way 0007 fills them. All of it happens inside the
/// caller's transaction, so a failed import leaves triggers and index as
/// they were.
///
/// Terms go in by descending id, so that their rowids (-id) ascend: FTS5
/// flushes its pending data to a new segment whenever a rowid is not larger
/// than the last one, so in id order every term became a segment of its own
/// and the rebuild took 8 s of a 1.1 M-row import instead of under 1 s.
enum BulkLoad {
    /// Runs `body` with the connection set up for writing many rows, then
    /// puts the settings back.
    ///
    /// A large import overflows SQLite's default 2 MB page cache, which
    /// then spills pages into the WAL over and over: 256 MB for the length
    /// of the load. Every multi-row INSERT, and every INSERT that fires
    /// triggers, keeps a statement journal (to undo itself if a row fails),
    /// which past 64 KB goes to a temporary file: two million small writes
    /// for the scale-1 benchmark (2.8 s of system time, 0.5 s without),
    /// unless temporary storage is memory.
    static func withBulkSettings<T>(_ database: Database, _ body: () throws -> T) throws -> T {
        let cacheSize = try database.scalar(sql: "PRAGMA cache_size").int64 ?? -2000
        let tempStore = try database.scalar(sql: "PRAGMA temp_store").int64 ?? 0
        try database.execute(sql: "PRAGMA cache_size = -262144")
        try database.execute(sql: "PRAGMA temp_store = MEMORY")
        defer {
            try? database.execute(sql: "PRAGMA cache_size = \(cacheSize)")
            try? database.execute(sql: "PRAGMA temp_store = \(tempStore)")
        }
        return try body()
    }

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
            SELECT count(*) FROM sqlite_schema
            WHERE name IN ('search_index', 'search_index_trigram', 'search_documents')
            """).int64 == 3
        guard hasIndex, !triggers.isEmpty else { return try body() }
        for (name, _) in triggers {
            // The name comes from sqlite_schema, not from the input.
            try database.execute(script: "DROP TRIGGER \(SQLText.identifier(name))")
        }
        let result = try body()
        for (_, sql) in triggers {
            try database.execute(script: sql)
        }
        // The whole index filled anew by the rule of migration 0018 (view
        // search_rebuild), the one a migration uses after changing what is indexed.
        try database.execute(sql: "INSERT INTO search_rebuild (requested) VALUES (1)")
        return result
    }
}
