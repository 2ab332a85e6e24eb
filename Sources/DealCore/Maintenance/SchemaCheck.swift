import SQLiteKit

/// The schema a database holds compared with the one this binary's
/// migrations make. Another tool can change it behind dealdb's back:
/// `sqlite-utils transform` rebuilds a table without its triggers (and the
/// search index then silently misses new rows), a stray trigger can delete
/// rows on every import. The migrations, run on a database in memory, are
/// the reference: nothing is written out twice.
enum SchemaCheck {
    /// A trigger, view or index as `sqlite_schema` holds it.
    struct Object: Equatable {
        let type: String
        let name: String
        let table: String
        let sql: String

        /// What two spellings of one statement share: SQLite keeps the text
        /// as written, and another tool may re-indent it.
        var normalizedSQL: String {
            sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }
    }

    enum Difference {
        /// Made by the migrations and gone (or never made).
        case missing(Object)
        /// There under our name, with other SQL.
        case changed(expected: Object, found: Object)
        /// A trigger the migrations never made: it runs on every write.
        case foreignTrigger(Object)
        /// A table whose columns are not the migrations' (rebuilt or altered).
        case columns(table: String, missing: [String], unexpected: [String])
        case missingTable(String)
    }

    /// In the order they were made (a view's INSTEAD OF trigger after the view).
    static func objects(in database: Database) throws -> [Object] {
        try database.fetchAll(sql: """
            SELECT type, name, tbl_name, sql FROM sqlite_schema
            WHERE type IN ('trigger', 'view', 'index') AND sql IS NOT NULL
            ORDER BY rowid
            """).map { row in
            Object(type: row.string(0) ?? "", name: row.string(1) ?? "", table: row.string(2) ?? "", sql: row.string(3) ?? "")
        }
    }

    /// How `database` differs from what the migrations make. Views and
    /// indexes of the user's own are theirs to keep; a trigger is not
    /// harmless (it writes whenever dealdb writes), so it is named.
    static func differences(in database: Database) throws -> [Difference] {
        let reference = try DealStore.inMemory().database
        let expected = try objects(in: reference)
        let live = try objects(in: database)
        let found = Dictionary(live.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let ours = Set(expected.map(\.name))
        var differences: [Difference] = []
        differences += try tableDifferences(database, reference: reference)
        for object in expected {
            if let live = found[object.name] {
                if live.type != object.type || live.normalizedSQL != object.normalizedSQL {
                    differences.append(.changed(expected: object, found: live))
                }
            } else {
                differences.append(.missing(object))
            }
        }
        for object in live where object.type == "trigger" && !ours.contains(object.name) {
            differences.append(.foreignTrigger(object))
        }
        return differences
    }

    /// Tables compared by their columns: another tool's rebuild writes the
    /// CREATE TABLE in its own words, which is no fault while the columns hold.
    private static func tableDifferences(_ database: Database, reference: Database) throws -> [Difference] {
        let tablesSQL = """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """
        let present = Set(try database.fetchAll(sql: tablesSQL).compactMap { $0.string(0) })
        var differences: [Difference] = []
        for table in try reference.fetchAll(sql: tablesSQL).compactMap({ $0.string(0) }) {
            guard present.contains(table) else {
                differences.append(.missingTable(table))
                continue
            }
            let expected = try columns(of: table, in: reference), live = try columns(of: table, in: database)
            let missing = expected.filter { !live.contains($0) }, unexpected = live.filter { !expected.contains($0) }
            if !missing.isEmpty || !unexpected.isEmpty {
                differences.append(.columns(table: table, missing: missing, unexpected: unexpected))
            }
        }
        return differences
    }

    private static func columns(of table: String, in database: Database) throws -> [String] {
        try database.fetchAll(sql: "SELECT name FROM pragma_table_xinfo(?) ORDER BY cid", arguments: [.text(table)])
            .compactMap { $0.string(0) }
    }
}

extension SchemaCheck.Difference {
    /// Whether `doctor --repair` can put it right (triggers, views and
    /// indexes are made from their SQL; a table's rows are not ours to rebuild).
    var isRepairable: Bool {
        switch self {
        case .missing, .changed, .foreignTrigger: true
        case .columns, .missingTable: false
        }
    }

    var finding: DoctorFinding {
        switch self {
        case .missing(let object):
            DoctorFinding(.schema, "\(object.type) \(object.name)",
                          "missing (made by dealdb's migrations on \(object.table)); re-create it with: " + .repairCommand)
        case .changed(let expected, _):
            DoctorFinding(.schema, "\(expected.type) \(expected.name)",
                          "differs from what dealdb's migrations made; re-create it with: " + .repairCommand)
        case .foreignTrigger(let object):
            DoctorFinding(.schema, "trigger \(object.name)",
                          "not made by dealdb's migrations: it runs on every write to \(object.table); "
                          + "if you did not add it, drop it with: " + .repairCommand)
        case .columns(let table, let missing, let unexpected):
            DoctorFinding(.schema, "table \(table)",
                          ([missing.isEmpty ? nil : "lacks column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))",
                            unexpected.isEmpty ? nil : "has column\(unexpected.count == 1 ? "" : "s") the migrations never made: "
                                + unexpected.joined(separator: ", ")].compactMap { $0 }.joined(separator: " and "))
                          + "; rebuilt or altered by another tool: restore a backup, or put the columns back as they were")
        case .missingTable(let table):
            DoctorFinding(.schema, "table \(table)", "missing; restore a backup (the repair cannot make its rows)")
        }
    }
}
