import Foundation
import SQLiteKit

/// One problem the doctor found, named by the id of what is wrong.
package struct DoctorFinding: Sendable, Equatable, CustomStringConvertible {
    package enum Check: String, Sendable, CaseIterable {
        case integrity, foreignKey = "foreign-key", migration, schema, unsourced, orphan, dates, numbers, text
        /// A data-quality rule of docs/QUALITY.md (the rule is in the message).
        case quality
    }

    package let check: Check
    /// What the finding is about: a record id, `term pos-2#3`, `citable 57`.
    package let subject: String
    /// A message, which may name a command to run (`DealMessage`).
    package let message: DealMessage

    package init(_ check: Check, _ subject: String, _ message: DealMessage) {
        self.check = check
        self.subject = subject
        self.message = message
    }

    package init(_ check: Check, _ subject: String, _ message: String) {
        self.init(check, subject, DealMessage(message))
    }

    /// `dates: event pos1-first-gas-2019: dated 2013, before ...`
    package var description: String { "\(check.rawValue): \(subject): \(message)" }
}

package struct DoctorReport: Sendable {
    package let path: String
    package let findings: [DoctorFinding]
    package var isClean: Bool { findings.isEmpty }
    /// What is wrong with the database: damage, a migration out of step,
    /// rows that break dealdb's own rules. A script acts on these.
    package var problems: [DoctorFinding] { findings.filter { $0.check != .quality } }
    /// Notes of the data-quality rules on data as its sources give it
    /// (GEM's 620,563 bcm/y): kept, and left out of sums; not damage.
    package var dataNotes: [DoctorFinding] { findings.filter { $0.check == .quality } }
}

/// Checks a database without changing it: SQLite's own integrity and
/// foreign-key checks, the migration state against this binary, and the
/// rules of our data that the schema cannot enforce or that a tool writing
/// with CHECKs or foreign keys switched off may have broken.
///
/// Dates out of order are, precisely: a term whose `valid_to` is before its
/// `valid_from`, and an event linked to an agreement (first gas, a
/// ratification, anything) dated before that agreement was signed. Dates of
/// different precision are compared on their common prefix, as everywhere
/// in dealdb, so `2019` is not before `2019-12-02`.
package enum DatabaseDoctor {
    package static func examine(_ path: String, busyTimeout: Duration = .seconds(30)) throws -> DoctorReport {
        try DealStore.checkOpenable(path)
        let database = try DealStore.connect(path, mode: .readOnly, busyTimeout: busyTimeout)
        do {
            var findings: [DoctorFinding] = []
            findings += try integrity(database)
            findings += try foreignKeys(database)
            let (migrationFindings, hasSchema) = migrations(database)
            findings += migrationFindings
            if hasSchema && migrationFindings.isEmpty {
                findings += try runChecked(database) { try SchemaCheck.differences(in: $0).map(\.finding) }
            }
            if hasSchema {
                for check in [unsourced, orphanCitables, sharedCitables, orphanCitations, termDates, eventDates,
                              endedDates, malformedDates, quality, nonFiniteNumbers, hiddenCharacters, searchBoxes, searchIndex] {
                    findings += try runChecked(database, check)
                }
            }
            return DoctorReport(path: path, findings: findings)
        } catch let error as SQLiteError {
            throw DealError(sqlite: error, path: path, interrupted: "interrupted") { error in
                DealError(.failure, "\(path): cannot check: \(error.message)")
            }
        }
    }

    /// A check whose tables are missing or broken becomes a finding rather
    /// than stopping the others.
    private static func runChecked(_ database: Database,
                                   _ check: (Database) throws -> [DoctorFinding]) throws -> [DoctorFinding] {
        do {
            return try check(database)
        } catch let error as SQLiteError where !(ResultCode.interrupt ~= error) && !(ResultCode.notADatabase ~= error) {
            return [DoctorFinding(.integrity, "schema", "a check could not run: \(error.message)")]
        }
    }

    // MARK: SQLite's own checks

    private static func integrity(_ database: Database) throws -> [DoctorFinding] {
        let lines = try database.fetchAll(sql: "PRAGMA integrity_check").compactMap { $0.string(0) }
        if lines == ["ok"] { return [] }
        return lines.map { DoctorFinding(.integrity, "database", $0) }
    }

    private static func foreignKeys(_ database: Database) throws -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        for row in try database.fetchAll(sql: "PRAGMA foreign_key_check") {
            let table = row.string(0) ?? "?"
            let rowid = row.int64(1)
            let parent = row.string(2) ?? "?"
            let keyID = row.int64(3) ?? -1
            let quoted = SQLText.identifier(table)
            // The table name comes from the database's own schema, not from
            // the user; it is quoted as an identifier all the same.
            let columns = try database.fetchAll(sql: "SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY seq",
                                                arguments: [.text(table), .integer(keyID)]).compactMap { $0.string(0) }
            var subject = "\(table) rowid \(rowid.map(String.init) ?? "?")"
            var values: [String] = []
            if let rowid, let row = try database.fetchOne(sql: "SELECT * FROM \(quoted) WHERE rowid = ?",
                                                          arguments: [.integer(rowid)]) {
                if let id = row.string("id") { subject = "\(table) \(id)" }
                values = columns.map { column in row[column].map(render) ?? "?" }
            }
            let key = zip(columns, values).map { "\($0) \($1)" }.joined(separator: ", ")
            findings.append(DoctorFinding(.foreignKey, subject,
                                          "\(key.isEmpty ? "a reference" : key) points to no row of \(parent)"))
        }
        return findings
    }

    /// Findings about migrations, and whether the schema is there at all
    /// (without it the data checks have nothing to look at).
    private static func migrations(_ database: Database) -> ([DoctorFinding], Bool) {
        do {
            let status = try DealSchema.migrator().status(of: database)
            let findings = status.pending.map {
                DoctorFinding(.migration, String($0.fileName.dropLast(4)), "pending; run: dealdb migrate")
            }
            return (findings, !status.applied.isEmpty)
        } catch {
            return ([DoctorFinding(.migration, "schema_migrations", "\(error)")], true)
        }
    }

    // MARK: Our data

    private static func unsourced(_ database: Database) throws -> [DoctorFinding] {
        let query = try QueryCatalog.builtIn().query(named: "unsourced")
        return try database.fetchAll(sql: query.sql).map { row in
            DoctorFinding(.unsourced, "\(row.string(0) ?? "?") \(row.string(1) ?? "?")",
                          "no source cited (\(row.string(2) ?? ""))")
        }
    }

    /// Every table that owns a row of `citables`, with the id users see.
    private static let citableOwners = """
        WITH owners (citable_id, kind, owner) AS (
            SELECT citable_id, 'project', id FROM projects
            UNION ALL SELECT citable_id, 'agreement', id FROM agreements
            UNION ALL SELECT citable_id, 'agreement_party', agreement_id || '#' || position FROM agreement_parties
            UNION ALL SELECT citable_id, 'term', coalesce(agreement_id, project_id) || '#' || position FROM terms
            UNION ALL SELECT citable_id, 'event', id FROM events
        )
        """

    private static func orphanCitables(_ database: Database) throws -> [DoctorFinding] {
        try database.fetchAll(sql: citableOwners + """
            SELECT c.id, c.kind, o.kind, o.owner
            FROM citables AS c LEFT JOIN owners AS o ON o.citable_id = c.id
            WHERE o.citable_id IS NULL OR o.kind IS NOT c.kind
            ORDER BY c.id
            """).map { row in
            let subject = "citable \(row.int64(0).map(String.init) ?? "?")"
            let kind = row.string(1) ?? "?"
            guard let ownerKind = row.string(2) else {
                return DoctorFinding(.orphan, subject, "registered for a \(kind) but no \(kind) points to it")
            }
            return DoctorFinding(.orphan, subject,
                                 "registered for a \(kind) but used by \(ownerKind) \(row.string(3) ?? "?")")
        }
    }

    private static func sharedCitables(_ database: Database) throws -> [DoctorFinding] {
        try database.fetchAll(sql: citableOwners + """
            SELECT citable_id, group_concat(kind || ' ' || owner, ', ')
            FROM owners GROUP BY citable_id HAVING count(*) > 1 ORDER BY citable_id
            """).map { row in
            DoctorFinding(.orphan, "citable \(row.int64(0).map(String.init) ?? "?")",
                          "shared by \(row.string(1) ?? "?"), so their citations are mixed up")
        }
    }

    private static func orphanCitations(_ database: Database) throws -> [DoctorFinding] {
        try database.fetchAll(sql: """
            SELECT citable_id, position, source_id FROM citations AS c
            WHERE NOT EXISTS (SELECT 1 FROM citables WHERE id = c.citable_id)
            ORDER BY citable_id, position
            """).map { row in
            DoctorFinding(.orphan, "citation \(row.int64(0).map(String.init) ?? "?")#\(row.int64(1).map(String.init) ?? "?")",
                          "cites \(row.string(2) ?? "?") for citable \(row.int64(0).map(String.init) ?? "?"), which does not exist")
        }
    }

    private static func termDates(_ database: Database) throws -> [DoctorFinding] {
        try database.fetchAll(sql: """
            SELECT coalesce(agreement_id, project_id) || '#' || position, valid_from, valid_to FROM terms
            WHERE valid_from IS NOT NULL AND valid_to IS NOT NULL
            ORDER BY coalesce(agreement_id, project_id), position
            """).compactMap { row in
            guard let from = row.string(1), let to = row.string(2), DateText.isValid(from), DateText.isValid(to),
                  DateText.compare(to, from) < 0 else { return nil }
            return DoctorFinding(.dates, "term \(row.string(0) ?? "?")", "valid_to \(to) is before valid_from \(from)")
        }
    }

    private static func eventDates(_ database: Database) throws -> [DoctorFinding] {
        try database.fetchAll(sql: """
            SELECT e.id, e.date, a.id, a.signed FROM events AS e JOIN agreements AS a ON a.id = e.agreement_id
            WHERE a.signed IS NOT NULL ORDER BY e.id
            """).compactMap { row in
            guard let date = row.string(1), let signed = row.string(3), DateText.isValid(date), DateText.isValid(signed),
                  DateText.compare(date, signed) < 0 else { return nil }
            return DoctorFinding(.dates, "event \(row.string(0) ?? "?")",
                                 "dated \(date), before its agreement \(row.string(2) ?? "?") was signed (\(signed))")
        }
    }

    /// An agreement that ended before it was signed (migration 0008's
    /// `ended`; the document parser refuses it, other tools may not).
    private static func endedDates(_ database: Database) throws -> [DoctorFinding] {
        try database.fetchAll(sql: "SELECT id, signed, ended FROM agreements WHERE signed IS NOT NULL AND ended IS NOT NULL ORDER BY id")
            .compactMap { row in
                guard let signed = row.string(1), let ended = row.string(2), DateText.isValid(signed), DateText.isValid(ended),
                      DateText.compare(ended, signed) < 0 else { return nil }
                return DoctorFinding(.dates, "agreement \(row.string(0) ?? "?")", "ended \(ended) is before it was signed (\(signed))")
            }
    }

    /// Dates that CHECKs should have kept out (written with them ignored).
    private static func malformedDates(_ database: Database) throws -> [DoctorFinding] {
        let columns: [(table: String, subject: String, column: String)] = [
            ("sources", "id", "published"), ("agreements", "id", "signed"), ("agreements", "id", "ended"),
            ("events", "id", "date"),
            ("terms", "coalesce(agreement_id, project_id) || '#' || position", "valid_from"),
            ("terms", "coalesce(agreement_id, project_id) || '#' || position", "valid_to"),
        ]
        var findings: [DoctorFinding] = []
        let singular = ["sources": "source", "agreements": "agreement", "events": "event", "terms": "term"]
        for (table, subject, column) in columns {
            // Names from the list above, never from input.
            for row in try database.fetchAll(sql: "SELECT \(subject), \(column) FROM \(table) WHERE \(column) IS NOT NULL") {
                let value = row[1]
                if let text = value.string, DateText.isValid(text) { continue }
                findings.append(DoctorFinding(.dates, "\(singular[table] ?? table) \(row.string(0) ?? "?")",
                                              "\(column) \(render(value)) is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
            }
        }
        return findings
    }

    /// `quality: project gem-okaz-gas-pipeline: capacity-outlier: capacity
    /// 620563.69 bcm/y is above ... (gem-ggit-map-2024-10-06 line 3120)`.
    private static func quality(_ database: Database) throws -> [DoctorFinding] {
        try DataQuality.findings(in: database).map { finding in
            DoctorFinding(.quality, finding.subject,
                          "\(finding.rule.rawValue): \(finding.message)" + (finding.locator.map { " (\($0))" } ?? ""))
        }
    }

    /// +Inf or -Inf in any column (SQLite stores no NaN): written by a tool
    /// other than dealdb, or by dealdb before it refused them. JSON cannot
    /// carry them, and sums and charts turn into Inf.
    private static func nonFiniteNumbers(_ database: Database) throws -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        let tables = try database.fetchAll(sql: """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
              AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name
            """).compactMap { $0.string(0) }
        for table in tables {
            let columns = try database.fetchAll(sql: "SELECT name, upper(type), pk FROM pragma_table_info(?) ORDER BY cid",
                                                arguments: [.text(table)])
            let names = columns.compactMap { $0.string(0) }
            // Only columns that can hold a REAL; shadow tables of the search index have none.
            let numeric = columns.filter { ["REAL", "ANY", "NUMERIC", ""].contains($0.string(1) ?? "") }.compactMap { $0.string(0) }
            // What names the row: its id, else its primary key's columns, else
            // its rowid (the bare keyword: quoted, "rowid" names no column).
            let primaryKey = columns.filter { ($0.int64(2) ?? 0) > 0 }.sorted { ($0.int64(2) ?? 0) < ($1.int64(2) ?? 0) }
                .compactMap { $0.string(0) }
            let key = names.contains("id") ? SQLText.identifier("id")
                : primaryKey.isEmpty ? "rowid"
                : primaryKey.map { "quote(\(SQLText.identifier($0)))" }.joined(separator: " || ', ' || ")
            for column in numeric {
                // Names read from the schema itself, quoted, never from input.
                let sql = "SELECT \(key), \(SQLText.identifier(column)) FROM \(SQLText.identifier(table)) "
                    + "WHERE typeof(\(SQLText.identifier(column))) = 'real' AND abs(\(SQLText.identifier(column))) > 1.7976931348623157e308"
                for row in try database.fetchAll(sql: sql) {
                    let value = row[1].double ?? 0
                    findings.append(DoctorFinding(.numbers, "\(table) \(row.string(0) ?? render(row[0]))",
                                                  "\(column) is \(value < 0 ? "-Inf" : "Inf"), not a number; "
                                                  + "set it to the real value or NULL"))
                }
            }
        }
        return findings
    }

    private static func render(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): NumberText.cell(number)
        case .text(let text): "\"\(text)\""
        case .blob(let data): "a \(data.count)-byte blob"
        }
    }
}
