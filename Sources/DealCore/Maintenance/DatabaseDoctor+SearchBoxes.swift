import SQLiteKit

extension DatabaseDoctor {
    /// The tables' own search indexes (migration 0009) follow their rows by
    /// rowid, which a VACUUM may renumber in tables without an INTEGER
    /// PRIMARY KEY; a renumbered table leaves Datasette's and sqlite-utils'
    /// search finding the wrong rows. FTS5's own integrity-check writes, and
    /// the doctor only reads, so it compares the rowids the index holds (one
    /// docsize row per indexed row) with the table's.
    static func searchBoxes(_ database: Database) throws -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        for table in ["agreements", "projects", "parties"] {
            let index = table + "_fts"
            guard try database.scalar(sql: "SELECT count(*) FROM sqlite_schema WHERE name = ?",
                                      arguments: [.text(index + "_docsize")]).int64 == 1 else { continue }
            // Fixed names, no user text.
            let stray = try database.scalar(sql: """
                SELECT (SELECT count(*) FROM \(index)_docsize WHERE id NOT IN (SELECT rowid FROM \(table)))
                     + (SELECT count(*) FROM \(table) WHERE rowid NOT IN (SELECT id FROM \(index)_docsize))
                """).int64 ?? 0
            if stray > 0 {
                findings.append(DoctorFinding(.integrity, index,
                    "\(stray) row\(stray == 1 ? "" : "s") of the search index and of \(table) do not match "
                        + "(renumbered by a VACUUM?); rebuild it with the sqlite3 shell: "
                        + "INSERT INTO \(index) (\(index)) VALUES ('rebuild')"))
            }
        }
        return findings
    }
}
