import Foundation
import Testing
import TestSupport

@Suite struct InitAndMigrateTests {
    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func initCreatesADatabaseTheSqliteShellReads() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        let result = try ProcessRunner.dealdb(["init", "--db", path])
        #expect(result.status == 0, "\(result.stderr)")
        let tables = try ProcessRunner.sqlite3(path, ".tables")
        for table in ["agreements", "parties", "projects", "terms", "events", "sources", "citations", "countries"] {
            #expect(tables.stdout.contains(table))
        }
        let check = try ProcessRunner.sqlite3(path, "PRAGMA integrity_check; SELECT count(*) FROM countries;")
        #expect(check.stdout == "ok\n250\n")
    }

    @Test func binaryCopiedAloneWorksFromAnEmptyDirectory() throws {
        let directory = try TemporaryDirectory()
        let copy = directory.file("dealdb")
        try FileManager.default.copyItem(atPath: ProcessRunner.dealdbPath, toPath: copy)
        let result = try ProcessRunner.run(copy, ["init", "--db", "x.db"],
                                           environment: ["XDG_DATA_HOME": directory.file("data")],
                                           currentDirectory: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let tables = try ProcessRunner.sqlite3(directory.file("x.db"), ".tables")
        #expect(tables.stdout.contains("agreements"))
    }

    @Test func initRefusesToOverwriteWithoutForce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
        _ = try ProcessRunner.sqlite3(path, "INSERT INTO sources (id, title) VALUES ('keep-me', 'Keep me')")
        let before = try bytes(path)
        let refused = try ProcessRunner.dealdb(["init", "--db", path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists"))
        #expect(refused.stderr.contains("--force"))
        #expect(try bytes(path) == before)

        let forced = try ProcessRunner.dealdb(["init", "--db", path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try ProcessRunner.sqlite3(path, "SELECT count(*) FROM sources").stdout == "0\n")
    }

    @Test func initIntoAnEmptyFileNeedsNoForce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("empty.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
    }

    @Test func badPathsGetOneLineErrors() throws {
        let directory = try TemporaryDirectory()
        let junk = directory.file("junk.db")
        let garbage = Data("this is not a database, just text\n".utf8) + Data(repeating: 7, count: 2000)
        try garbage.write(to: URL(fileURLWithPath: junk))

        let cases: [([String], Int32, String)] = [
            (["migrate", "--db", junk], 66, "not a SQLite database"),
            (["migrate", "--db", directory.path], 66, "is a directory"),
            (["migrate", "--db", directory.file("missing.db")], 66, "no such database"),
            (["init", "--db", directory.path], 66, "is a directory"),
            (["init", "--db", directory.file("no/such/dir/x.db")], 1, "x.db"),
        ]
        for (arguments, status, message) in cases {
            let result = try ProcessRunner.dealdb(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try bytes(junk) == garbage)
        #expect(!FileManager.default.fileExists(atPath: directory.file("missing.db")))
    }

    @Test func migrateOnAnUpToDateDatabaseChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path, "--seed"]).status == 0)
        let before = try ProcessRunner.sqlite3(path, ".dump").stdout
        let result = try ProcessRunner.dealdb(["migrate", "--db", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("up to date"))
        #expect(try ProcessRunner.sqlite3(path, ".dump").stdout == before)
    }

    @Test func migrateStatusListsAppliedAndPending() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
        _ = try ProcessRunner.sqlite3(path, "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)")
        let status = try ProcessRunner.dealdb(["migrate", "--status", "--db", path])
        #expect(status.status == 0)
        #expect(status.stdout.contains("applied  0001_schema"))
        #expect(status.stdout.contains("pending  "))
    }

    @Test func tamperedMigrationIsRefusedAndFileUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
        _ = try ProcessRunner.sqlite3(path, "UPDATE schema_migrations SET checksum = 'abc' WHERE version = 1")
        let before = try bytes(path)
        let result = try ProcessRunner.dealdb(["migrate", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("0001_schema"))
        #expect(result.stderr.contains("changed after it was applied"))
        #expect(try bytes(path) == before)
    }

    @Test func newerDatabaseIsRefusedAndFileUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", path]).status == 0)
        _ = try ProcessRunner.sqlite3(path, "INSERT INTO schema_migrations VALUES (9999, 'future', 'x', '2030-01-01')")
        let before = try bytes(path)
        let result = try ProcessRunner.dealdb(["migrate", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("9999_future"))
        #expect(result.stderr.contains("upgrade dealdb"))
        #expect(try bytes(path) == before)
    }

    @Test func databaseComesFromEnvironmentThenDataHome() throws {
        let directory = try TemporaryDirectory()
        let fromEnvironment = directory.file("env.db")
        let result = try ProcessRunner.dealdb(["init"], environment: ["DEALDB_PATH": fromEnvironment])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: fromEnvironment))

        let dataHome = directory.file("data")
        let first = try ProcessRunner.dealdb(["migrate"], environment: ["XDG_DATA_HOME": dataHome])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("created the default database"))
        #expect(FileManager.default.fileExists(atPath: dataHome + "/dealdb/deals.db"))
        let second = try ProcessRunner.dealdb(["migrate"], environment: ["XDG_DATA_HOME": dataHome])
        #expect(second.status == 0)
        #expect(second.stderr.isEmpty)
    }

    @Test func usageErrorsExit64() throws {
        let result = try ProcessRunner.dealdb(["init", "--no-such-flag"])
        #expect(result.status == 64)
        let timeout = try ProcessRunner.dealdb(["migrate", "--busy-timeout", "-3"])
        #expect(timeout.status == 64)
    }
}
