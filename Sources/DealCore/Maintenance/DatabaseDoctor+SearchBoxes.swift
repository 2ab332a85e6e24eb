import SQLiteKit

extension DatabaseDoctor {
    /// The tables' own search indexes (migrations 0009 and 0023) follow their rows by
    /// rowid, which a VACUUM may renumber in tables without an INTEGER
    /// PRIMARY KEY; a renumbered table leaves Datasette's and sqlite-utils'
    /// search finding the wrong rows. FTS5's own integrity-check writes, and
    /// the doctor only reads, so it compares the rowids the index holds (one
    /// docsize row per indexed row) with the table's.
    static func searchBoxes(_ database: Database) throws -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        for (table, index) in [("agreements", "agreements_fts"), ("projects", "projects_fts"), ("parties", "parties_fts"),
                               ("projects", "projects_search_fts"), ("parties", "parties_search_fts")] {
            guard try database.scalar(sql: "SELECT count(*) FROM sqlite_schema WHERE name = ?",
                                      arguments: [.text(index + "_docsize")]).int64 == 1 else { continue }
            // Fixed names, no user text.
            let stray = try database.scalar(sql: """
                SELECT (SELECT count(*) FROM \(index)_docsize WHERE id NOT IN (SELECT rowid FROM \(table)))
                     + (SELECT count(*) FROM \(table) WHERE rowid NOT IN (SELECT id FROM \(index)_docsize))
                """).int64 ?? 0
            // An index over its table rebuilds itself from it; one that keeps
            // its own text is filled anew by the search rebuild (migration 0018).
            let rebuild = index == table + "_fts" ? "INSERT INTO \(index) (\(index)) VALUES ('rebuild')"
                : "INSERT INTO search_rebuild (requested) VALUES (1)"
            if stray > 0 {
                findings.append(DoctorFinding(.integrity, index,
                    "\(stray) row\(stray == 1 ? "" : "s") of the search index and of \(table) do not match "
                        + "(renumbered by a VACUUM?); rebuild it with the sqlite3 shell: " + rebuild))
            }
        }
        return findings
    }

    /// dealdb's own search index (what `dealdb search` reads) against the
    /// records it indexes: rows written while its triggers were gone, or
    /// entries deleted by hand, leave searches finding nothing.
    static func searchIndex(_ database: Database) throws -> [DoctorFinding] {
        let row = try database.fetchOne(sql: """
            SELECT (SELECT count(*) FROM search_documents), (SELECT count(*) FROM search_index)
            """)
        let expected = row?.int64(0) ?? 0, indexed = row?.int64(1) ?? 0
        guard expected != indexed else { return [] }
        return [DoctorFinding(.integrity, "search_index",
                              "holds \(indexed) entr\(indexed == 1 ? "y" : "ies") for \(expected) searchable record\(expected == 1 ? "" : "s") "
                              + "and terms, so `dealdb search` misses some; fill it anew with: " + .repairCommand)]
    }
}

extension DatabaseDoctor {
    /// Characters documents refuse (NUL, U+0085, U+2028, U+2029, U+FEFF),
    /// written by another tool into the tables documents fill: `export
    /// --format yaml` would then write a file that `import` refuses.
    static func hiddenCharacters(_ database: Database) throws -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        let hidden: [UInt32] = [0, 0x85, 0x2028, 0x2029, 0xFEFF]
        for table in DocumentImporter.tables {
            let columns = try database.fetchAll(sql: "SELECT name FROM pragma_table_info(?) WHERE upper(type) = 'TEXT'",
                                                arguments: [.text(table)]).compactMap { $0.string(0) }
            guard !columns.isEmpty else { continue }
            let key = try database.scalar(sql: "SELECT count(*) FROM pragma_table_info(?) WHERE name = 'id'",
                                          arguments: [.text(table)]).int64 == 1 ? "id" : "rowid"
            for column in columns {
                // Names read from the schema, quoted; the characters are bound.
                let quoted = SQLText.identifier(column)
                let test = hidden.indices.map { "instr(\(quoted), char(?\($0 + 1))) > 0" }.joined(separator: " OR ")
                let rows = try database.fetchAll(sql: "SELECT \(key), \(quoted) FROM \(SQLText.identifier(table)) WHERE \(test)",
                                                 arguments: hidden.map { .integer(Int64($0)) })
                for row in rows {
                    let value = row.string(1) ?? ""
                    let found = value.unicodeScalars.first { hidden.contains($0.value) }?.value ?? 0
                    findings.append(DoctorFinding(.text, "\(table) \(row.string(0) ?? row.int64(0).map(String.init) ?? "?")",
                        "\(column) holds \(DocumentParser.hiddenName(found)), which documents refuse "
                            + "(an export would not import again); remove it"))
                }
            }
        }
        return findings
    }
}
