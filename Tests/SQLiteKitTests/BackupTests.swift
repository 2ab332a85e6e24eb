import Foundation
import Testing
@testable import SQLiteKit
import TestSupport

@Suite struct BackupTests {
    struct Stop: Error {}

    /// A file database of about 200 pages.
    private func makeSource(_ directory: borrowing TemporaryDirectory) throws -> Database {
        let database = try Database(path: directory.file("source.db"), mode: .create)
        try database.execute(sql: "CREATE TABLE t (x INTEGER PRIMARY KEY, payload TEXT)")
        try database.inTransaction {
            for x in 1...800 {
                try database.execute(sql: "INSERT INTO t (payload) VALUES (?)",
                                     arguments: [.text(String(repeating: "p", count: 900) + "\(x)")])
            }
        }
        return database
    }

    private func summary(_ database: Database) throws -> [SQLiteValue] {
        try database.fetchOne(sql: "SELECT count(*), sum(length(payload)), max(x) FROM t")?.values ?? []
    }

    @Test func copiesEveryPageInSteps() throws {
        let directory = try TemporaryDirectory()
        let source = try makeSource(directory)
        let copy = try Database(path: directory.file("copy.db"), mode: .create)
        var steps: [Database.BackupProgress] = []
        try source.backup(into: copy, pagesPerStep: 16, pause: .zero) { steps.append($0) }
        #expect(steps.count > 5)
        #expect(steps.last?.remaining == 0)
        #expect(steps.allSatisfy { $0.total == steps[0].total })
        #expect(try summary(copy) == summary(source))
        #expect(try copy.scalar(sql: "PRAGMA integrity_check").string == "ok")
    }

    @Test func replacesWhatTheDestinationHeld() throws {
        let directory = try TemporaryDirectory()
        let source = try makeSource(directory)
        let copy = try Database(path: ":memory:", mode: .create)
        try copy.execute(sql: "CREATE TABLE other (y)")
        try source.backup(into: copy)
        #expect(try copy.scalar(sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'other'").int64 == 0)
        #expect(try summary(copy) == summary(source))
    }

    @Test func aWriteBetweenStepsRestartsTheCopyWhichThenHoldsIt() throws {
        let directory = try TemporaryDirectory()
        let source = try makeSource(directory)
        let writer = try Database(path: directory.file("source.db"), mode: .readWrite)
        let copy = try Database(path: directory.file("copy.db"), mode: .create)
        var wrote = false
        try source.backup(into: copy, pagesPerStep: 8, pause: .zero) { progress in
            if !wrote && progress.remaining < progress.total / 2 {
                try writer.execute(sql: "INSERT INTO t (payload) VALUES ('written mid-backup')")
                wrote = true
            }
        }
        #expect(wrote)
        #expect(try copy.scalar(sql: "SELECT count(*) FROM t WHERE payload = 'written mid-backup'").int64 == 1)
        #expect(try summary(copy) == summary(source))
    }

    @Test func aBusyWriterCannotKeepTheCopyFromFinishing() throws {
        let directory = try TemporaryDirectory()
        let source = try makeSource(directory)
        let writer = try Database(path: directory.file("source.db"), mode: .readWrite)
        let copy = try Database(path: directory.file("copy.db"), mode: .create)
        var writes = 0
        // A write after every step: without the restart limit this would
        // never finish.
        try source.backup(into: copy, pagesPerStep: 8, pause: .zero, restartLimit: 3) { _ in
            writes += 1
            try writer.execute(sql: "INSERT INTO t (payload) VALUES ('busy')")
        }
        #expect(writes < 1000)
        #expect(try copy.scalar(sql: "PRAGMA integrity_check").string == "ok")
        let copied = try copy.scalar(sql: "SELECT count(*) FROM t").int64 ?? 0
        #expect(copied >= 800 && copied <= 800 + Int64(writes))
    }

    @Test func throwingFromProgressAbandonsTheCopy() throws {
        let directory = try TemporaryDirectory()
        let source = try makeSource(directory)
        let copy = try Database(path: directory.file("copy.db"), mode: .create)
        #expect(throws: Stop.self) {
            try source.backup(into: copy, pagesPerStep: 8, pause: .zero) { _ in throw Stop() }
        }
        // The source is untouched and still usable.
        #expect(try summary(source)[0] == .integer(800))
    }

    @Test func aReadOnlyDestinationIsAnError() throws {
        let directory = try TemporaryDirectory()
        let source = try makeSource(directory)
        _ = try Database(path: directory.file("target.db"), mode: .create)
        let readOnly = try Database(path: directory.file("target.db"), mode: .readOnly)
        #expect(throws: SQLiteError.self) { try source.backup(into: readOnly) }
    }
}
