import Foundation
import Testing
@testable import SQLiteKit
import TestSupport

@Suite struct MigratorTests {
    let first = Migration(version: 1, name: "start", sql: "CREATE TABLE a (id INTEGER PRIMARY KEY);")
    let second = Migration(version: 2, name: "more", sql: "CREATE TABLE b (a INTEGER REFERENCES a (id));")

    private func fileBytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func appliesInOrderAndRecordsChecksums() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("m.db"), mode: .create)
        let migrator = try Migrator(migrations: [second, first])
        let applied = try migrator.migrate(database)
        #expect(applied.map(\.version) == [1, 2])
        let rows = try database.fetchAll(sql: "SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        #expect(rows.map { $0.string(1) } == ["start", "more"])
        #expect(rows[0].string(2) == SHA256.hex(Array(first.sql.utf8)))
        #expect(try migrator.status(of: database).isUpToDate)
    }

    @Test func rerunIsANoOp() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("m.db"), mode: .create)
        let migrator = try Migrator(migrations: [first, second])
        try migrator.migrate(database)
        let before = try database.fetchAll(sql: "SELECT * FROM schema_migrations")
        #expect(try migrator.migrate(database).isEmpty)
        #expect(try database.fetchAll(sql: "SELECT * FROM schema_migrations") == before)
    }

    @Test func pendingMigrationsAreListed() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try Migrator(migrations: [first]).migrate(database)
        let status = try Migrator(migrations: [first, second]).status(of: database)
        #expect(status.applied.map(\.version) == [1])
        #expect(status.pending == [second])
    }

    @Test func changedMigrationIsRefusedAndFileUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("m.db")
        do {
            let database = try Database(path: path, mode: .create)
            try Migrator(migrations: [first]).migrate(database)
        }
        let before = try fileBytes(path)
        let edited = Migration(version: 1, name: "start", sql: first.sql + "\n-- edited")
        let database = try Database(path: path, mode: .readOnly)
        let error = try #require(throws: MigrationError.self) {
            try Migrator(migrations: [edited, second]).migrate(database)
        }
        guard case .checksumMismatch(let version, let name, _, _) = error else {
            Issue.record("expected a checksum mismatch, got \(error)")
            return
        }
        #expect(version == 1 && name == "start")
        #expect(error.description.contains("0001_start"))
        #expect(try fileBytes(path) == before)
    }

    @Test func newerDatabaseIsRefused() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try Migrator(migrations: [first, second]).migrate(database)
        let error = try #require(throws: MigrationError.self) {
            try Migrator(migrations: [first]).status(of: database)
        }
        #expect(error == .unknownVersion(version: 2, name: "more", newest: 1))
        #expect(error.description.contains("upgrade dealdb"))
    }

    @Test func failingMigrationRollsBackWholly() throws {
        let database = try Database(path: ":memory:", mode: .create)
        let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE c (x); INSERT INTO nowhere VALUES (1);")
        #expect(throws: SQLiteError.self) { try Migrator(migrations: [first, broken]).migrate(database) }
        #expect(try database.scalar(sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'c'").int64 == 0)
        #expect(try database.scalar(sql: "SELECT max(version) FROM schema_migrations").int64 == 1)
    }

    @Test func foreignKeyViolationsRollBack() throws {
        let database = try Database(path: ":memory:", mode: .create)
        // PRAGMA foreign_keys cannot change inside a transaction, so the
        // dangling row is made with the check deferred to commit.
        let dangling = Migration(version: 3, name: "dangling",
                                 sql: "PRAGMA defer_foreign_keys = ON; INSERT INTO b VALUES (99);")
        #expect(throws: MigrationError.foreignKeyViolations(version: 3, name: "dangling", count: 1)) {
            try Migrator(migrations: [first, second, dangling]).migrate(database)
        }
        #expect(try database.scalar(sql: "SELECT count(*) FROM b").int64 == 0)
    }

    @Test func fileNamesParse() throws {
        let migration = try Migration(fileName: "0003_search_index.sql", contents: "")
        #expect(migration.version == 3 && migration.name == "search_index")
        #expect(migration.fileName == "0003_search_index.sql")
        for bad in ["3_x.sql", "abcd_x.sql", "0001.sql", "0001_.sql"] {
            #expect(throws: MigrationError.badFileName(bad)) { try Migration(fileName: bad, contents: "") }
        }
        #expect(throws: MigrationError.duplicateVersion(1)) { try Migrator(migrations: [first, first]) }
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
