import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The schema refuses bad rows by itself, whoever writes them.
@Suite struct SchemaTests {
    private func migrated() throws -> Database {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        try database.execute(script: """
            INSERT INTO sources (id, title) VALUES ('src', 'A source');
            INSERT INTO parties (id, name, kind, country) VALUES ('gazprom', 'Gazprom', 'state_company', 'RU');
            INSERT INTO citables (id, kind) VALUES (1, 'project'), (2, 'agreement');
            INSERT INTO projects (id, citable_id, name, kind) VALUES ('pos-2', 1, 'Power of Siberia 2', 'pipeline');
            INSERT INTO agreements (id, citable_id, title) VALUES ('memo', 2, 'Memo');
            """)
        return database
    }

    private func expectRejected(_ database: Database, _ sql: String, code: ResultCode,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: SQLiteError.self, sourceLocation: sourceLocation) {
            try database.execute(script: sql)
        }
        #expect(error?.extendedCode == code, "\(sql): \(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func migrationsAreEmbeddedAndNamedInOrder() throws {
        let names = DealSchema.migrations.map(\.fileName)
        #expect(names.first == "0001_schema.sql")
        #expect(names.contains("0002_countries.sql"))
        #expect(DealSchema.migrations.allSatisfy { $0.version > 0 })
        // Numbered in order, without gaps.
        let versions = DealSchema.migrations.map(\.version)
        #expect(versions == Array(1...(versions.max() ?? 0)))
    }

    @Test func everyEnumerationIsChecked() throws {
        let database = try migrated()
        let check = ResultCode.constraintCheck
        expectRejected(database, "INSERT INTO sources (id, title, kind) VALUES ('s2', 't', 'blog')", code: check)
        expectRejected(database, "INSERT INTO parties (id, name, kind) VALUES ('p', 'P', 'pirate')", code: check)
        expectRejected(database, "INSERT INTO citables (id, kind) VALUES (9, 'party')", code: check)
        expectRejected(database, "UPDATE projects SET kind = 'canal'", code: check)
        expectRejected(database, "UPDATE projects SET commodity = 'uranium'", code: check)
        expectRejected(database, "UPDATE projects SET status = 'dreaming'", code: check)
        expectRejected(database, "UPDATE agreements SET kind = 'handshake'", code: check)
        expectRejected(database, "UPDATE agreements SET binding = 'maybe'", code: check)
        expectRejected(database, "UPDATE agreements SET status = 'done'", code: check)
        expectRejected(database, "INSERT INTO project_route VALUES ('pos-2', 1, 'MN', 'via')", code: check)
        expectRejected(database, """
            INSERT INTO citables (id, kind) VALUES (3, 'agreement_party');
            INSERT INTO agreement_parties (citable_id, agreement_id, position, party_id, role)
            VALUES (3, 'memo', 1, 'gazprom', 'buyerr')
            """, code: check)
        try database.execute(sql: "INSERT INTO citables (id, kind) VALUES (4, 'term')")
        for (column, value) in [("metric", "'mood'"), ("unit", "'furlongs'"), ("status", "'agreedish'"),
                                ("evidence", "'rumour'"), ("disclosure", "'secret'")] {
            let columns = column == "metric" ? "metric" : "metric, \(column)"
            let values = column == "metric" ? value : "'volume', \(value)"
            expectRejected(database, """
                INSERT INTO terms (citable_id, project_id, position, \(columns)) VALUES (4, 'pos-2', 1, \(values))
                """, code: check)
        }
    }

    @Test func datesMustHaveAKnownPrecision() throws {
        let database = try migrated()
        for good in ["2006", "2025-09", "2025-09-02", "2024-02-29"] {
            try database.execute(sql: "UPDATE agreements SET signed = ?", arguments: [.text(good)])
        }
        for bad in ["2025-13-01", "2025-9", "2025-02-30", "25", "2025-00", "2025/09/02", "2025-09-02T10:00", ""] {
            expectRejected(database, "UPDATE agreements SET signed = '\(bad)'", code: ResultCode.constraintCheck)
        }
        let sorted = try database.fetchAll(sql: """
            WITH v(d) AS (VALUES ('2025-09-02'), ('2006'), ('2025'), ('2025-09'), ('2019-12-02')) SELECT d FROM v ORDER BY d
            """)
        #expect(sorted.compactMap { $0.string(0) } == ["2006", "2019-12-02", "2025", "2025-09", "2025-09-02"])
    }

    @Test func idsMustBeSlugs() throws {
        let database = try migrated()
        for bad in ["Gazprom", "-lead", "with space", "under_score", "ünï"] {
            expectRejected(database, "INSERT INTO parties (id, name, kind) VALUES ('\(bad)', 'X', 'company')",
                           code: ResultCode.constraintCheck)
        }
        try database.execute(sql: "INSERT INTO parties (id, name, kind) VALUES ('2gis-llc', 'X', 'company')")
    }

    @Test func foreignKeysAreReal() throws {
        let database = try migrated()
        let foreignKey = ResultCode.constraintForeignKey
        expectRejected(database, "INSERT INTO parties (id, name, kind, country) VALUES ('x', 'X', 'company', 'XX')", code: foreignKey)
        expectRejected(database, "UPDATE agreements SET project_id = 'nowhere'", code: foreignKey)
        expectRejected(database, "INSERT INTO citations (citable_id, position, source_id) VALUES (1, 1, 'nope')", code: foreignKey)
        expectRejected(database, "INSERT INTO citations (citable_id, position, source_id) VALUES (99, 1, 'src')", code: foreignKey)
        expectRejected(database, "INSERT INTO project_route VALUES ('nope', 1, 'MN', 'transit')", code: foreignKey)
        expectRejected(database, "INSERT INTO party_aliases VALUES ('nobody', 1, 'Nobody')", code: foreignKey)
        expectRejected(database, "DELETE FROM sources WHERE id = 'src'; INSERT INTO citations (citable_id, position, source_id) VALUES (1, 1, 'src')", code: foreignKey)
    }

    @Test func termsBelongToExactlyOneOwnerAndStaySane() throws {
        let database = try migrated()
        try database.execute(sql: "INSERT INTO citables (id, kind) VALUES (5, 'term')")
        let check = ResultCode.constraintCheck
        expectRejected(database, "INSERT INTO terms (citable_id, position, metric) VALUES (5, 1, 'volume')", code: check)
        expectRejected(database, "INSERT INTO terms (citable_id, project_id, agreement_id, position, metric) VALUES (5, 'pos-2', 'memo', 1, 'volume')", code: check)
        expectRejected(database, "INSERT INTO terms (citable_id, project_id, position, metric, value) VALUES (5, 'pos-2', 1, 'capacity', -50)", code: check)
        expectRejected(database, "INSERT INTO terms (citable_id, project_id, position, metric, valid_from, valid_to) VALUES (5, 'pos-2', 1, 'capacity', '2025-06', '2024')", code: check)
        try database.execute(sql: "INSERT INTO terms (citable_id, project_id, position, metric, valid_from, valid_to) VALUES (5, 'pos-2', 1, 'capacity', '2019-12', '2019')")
        try database.execute(sql: "UPDATE terms SET metric = 'price', value = -3, unit = 'USD'")
    }

    @Test func deletingACitedRowDeletesItsCitations() throws {
        let database = try migrated()
        try database.execute(script: """
            INSERT INTO citations VALUES (1, 1, 'src', 'para 3'), (2, 1, 'src', NULL);
            INSERT INTO citables (id, kind) VALUES (6, 'term');
            INSERT INTO terms (citable_id, agreement_id, position, metric) VALUES (6, 'memo', 1, 'price');
            INSERT INTO citations VALUES (6, 1, 'src', NULL);
            DELETE FROM agreements WHERE id = 'memo';
            """)
        #expect(try database.scalar(sql: "SELECT group_concat(id) FROM citables").string == "1")
        #expect(try database.scalar(sql: "SELECT count(*) FROM citations").int64 == 1)
        #expect(try database.fetchAll(sql: "PRAGMA foreign_key_check").isEmpty)
    }
}
