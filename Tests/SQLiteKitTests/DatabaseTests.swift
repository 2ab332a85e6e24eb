import Foundation
import Testing
@testable import SQLiteKit
import TestSupport

@Suite struct DatabaseTests {
    @Test func bindsAndReadsEveryStorageClass() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("t.db"), mode: .create)
        try database.execute(sql: "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n ANY) STRICT")
        let blob = Data([0, 1, 2, 255])
        try database.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                             arguments: [.integer(Int64.max), .real(-2.5), .text("Газпром 中石油"), .blob(blob), .null])
        let row = try #require(try database.fetchOne(sql: "SELECT i, r, s, b, n, typeof(n) FROM t"))
        #expect(row.int64(0) == Int64.max)
        #expect(row.double(1) == -2.5)
        #expect(row.string(2) == "Газпром 中石油")
        #expect(row.data(3) == blob)
        #expect(row[4] == .null)
        #expect(row.string(5) == "null")
        #expect(row.columnNames == ["i", "r", "s", "b", "n", "typeof(n)"])
    }

    /// Errors name the database file, so that a failure far below a command
    /// can still say which file it was about; an in-memory one has none.
    @Test func errorsCarryTheDatabaseFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("named.db")
        let database = try Database(path: path, mode: .create)
        let error = #expect(throws: SQLiteError.self) { try database.execute(sql: "SELECT * FROM missing") }
        let resolved = try #require(realpath(path, nil))
        defer { free(resolved) }
        #expect(error?.databasePath == String(cString: resolved))

        let memory = try Database(path: ":memory:", mode: .create)
        let inMemory = #expect(throws: SQLiteError.self) { try memory.execute(sql: "SELECT * FROM missing") }
        #expect(inMemory?.databasePath == nil)
    }

    @Test func bindsByNameWithOrWithoutPrefix() throws {
        let database = try Database(path: ":memory:", mode: .create)
        let statement = try database.makeStatement(sql: "SELECT :a || '-' || :b")
        try statement.bind(named: ["a": "x", ":b": "y"])
        #expect(try statement.step())
        #expect(statement.currentRow().string(0) == "x-y")
        #expect(statement.parameterNames == [":a", ":b"])
    }

    @Test func fetchesWithNamedArgumentsUsedTwice() throws {
        let database = try Database(path: ":memory:", mode: .create)
        let rows = try database.fetchAll(sql: "SELECT :x, :x || :y", named: ["x": "a", ":y": .integer(1)])
        #expect(rows.first?.values == [.text("a"), .text("a1")])
    }

    @Test func unknownNameAndWrongArgumentCountAreErrors() throws {
        let database = try Database(path: ":memory:", mode: .create)
        let statement = try database.makeStatement(sql: "SELECT :a")
        #expect(throws: SQLiteError.self) { try statement.bind(named: ["nope": 1]) }
        #expect(throws: SQLiteError.self) { try database.execute(sql: "SELECT ?", arguments: [1, 2]) }
    }

    @Test func textWithNulAndEmptyTextRoundTripByteExact() throws {
        let database = try Database(path: ":memory:", mode: .create)
        let text = "before\u{0}after é 漢 👩‍👩‍👧"
        let row = try #require(try database.fetchOne(
            sql: "SELECT ?, length(CAST(? AS BLOB)), ?, ? IS NULL", arguments: [.text(text), .text(text), .text(""), .text("")]))
        #expect(row.string(0) == text)
        #expect(row.int64(1) == Int64(text.utf8.count))
        #expect(row.string(2) == "")
        #expect(row.int64(3) == 0)
    }

    @Test func errorsCarryExtendedCodeMessageAndSQL() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute(sql: "CREATE TABLE p (id TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT")
        try database.execute(sql: "INSERT INTO p VALUES ('a', 'A')")
        let sql = "INSERT INTO p VALUES ('a', 'again')"
        let error = try #require(throws: SQLiteError.self) { try database.execute(sql: sql) }
        #expect(error.extendedCode == ResultCode.constraintPrimaryKey)
        #expect(error.code == ResultCode.constraint)
        #expect(ResultCode.constraint ~= error)
        #expect(error.message.contains("UNIQUE constraint failed: p.id"))
        #expect(error.sql == sql)
        #expect(error.description.contains("SQLite error 1555"))
        #expect(error.description.contains(sql))

        let syntax = try #require(throws: SQLiteError.self) { try database.execute(sql: "SELEC 1") }
        #expect(syntax.code == 1)
        #expect(syntax.message.contains("syntax error"))
        #expect(syntax.sql == "SELEC 1")
    }

    @Test func refusesSeveralStatementsInOne() throws {
        let database = try Database(path: ":memory:", mode: .create)
        #expect(throws: SQLiteError.self) { try database.makeStatement(sql: "SELECT 1; SELECT 2") }
        _ = try database.makeStatement(sql: "SELECT 1; ")
    }

    @Test func cursorReadsRowsOneByOne() throws {
        let database = try Database(path: ":memory:", mode: .create)
        var cursor = try database.rows(
            sql: "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) SELECT x FROM n",
            arguments: [10_000])
        var sum: Int64 = 0
        while let row = try cursor.next() { sum += row.int64(0) ?? 0 }
        #expect(sum == 50_005_000)
        #expect(try cursor.next() == nil)
    }

    @Test func cachedStatementIsReusedAndReset() throws {
        let database = try Database(path: ":memory:", mode: .create)
        let first = try database.cachedStatement(sql: "SELECT ?")
        try first.bind([1])
        let second = try database.cachedStatement(sql: "SELECT ?")
        #expect(first === second)
        #expect(try second.step())
        #expect(second.currentRow()[0] == .null)
    }

    @Test func fileDatabaseUsesWALAndForeignKeys() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.file("w.db"), mode: .create)
        #expect(try database.scalar(sql: "PRAGMA journal_mode").string == "wal")
        #expect(try database.scalar(sql: "PRAGMA foreign_keys").int64 == 1)
        try database.execute(sql: "CREATE TABLE a (id INTEGER PRIMARY KEY)")
        try database.execute(sql: "CREATE TABLE b (a INTEGER REFERENCES a (id))")
        let error = try #require(throws: SQLiteError.self) { try database.execute(sql: "INSERT INTO b VALUES (7)") }
        #expect(error.extendedCode == ResultCode.constraintForeignKey)
    }

    @Test func openModes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("m.db")
        #expect(throws: SQLiteError.self) { try Database(path: path, mode: .readWrite) }
        #expect(throws: SQLiteError.self) { try Database(path: path, mode: .readOnly) }
        do {
            let database = try Database(path: path, mode: .create)
            try database.execute(sql: "CREATE TABLE t (x)")
        }
        let reader = try Database(path: path, mode: .readOnly)
        let error = try #require(throws: SQLiteError.self) { try reader.execute(sql: "INSERT INTO t VALUES (1)") }
        #expect(error.code == ResultCode.readOnly)
        #expect(try reader.makeStatement(sql: "SELECT * FROM t").isReadOnly)
        #expect(try !reader.makeStatement(sql: "DELETE FROM t").isReadOnly)
    }

    @Test func notADatabaseIsReportedAtOpenWithThePath() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("junk.db")
        let junk = Data(repeating: 0x41, count: 4096)
        try junk.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: SQLiteError.self) { try Database(path: path, mode: .readWrite) }
        #expect(error.code == ResultCode.notADatabase)
        // The path in its own field, SQLite's message left as SQLite wrote it.
        #expect(error.databasePath == path)
        #expect(error.message == "file is not a database")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
    }
}
