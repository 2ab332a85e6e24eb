import Foundation
import Testing
import TestSupport

@Suite struct AdhocSQLTests {
    @Test func readsWithBoundParameters() throws {
        let database = try QueryDatabase(.seed)
        let rows = try database.records(["sql", "SELECT id FROM parties WHERE country = :cc ORDER BY id", "-p", "cc=CN"])
        #expect(rows.compactMap { $0["id"] } == ["cnpc", "gov-cn"])
        let fromStdin = try database.run(["sql", "--format", "csv"], stdin: Data("SELECT count(*) AS n FROM projects".utf8))
        #expect(fromStdin.stdout == "n\r\n3\r\n")
    }

    @Test func writesAreRefusedWithoutWriteAndChangeNothing() throws {
        let database = try QueryDatabase(.seed)
        let before = try database.dump()
        for sql in ["DELETE FROM agreements", "UPDATE parties SET name = 'x'", "CREATE TABLE t (x)",
                    "SELECT 1; DELETE FROM events", "PRAGMA journal_mode = DELETE", "VACUUM"] {
            let result = try database.run(["sql", sql])
            #expect(result.status != 0, "\(sql) was allowed")
            #expect(!result.stderr.isEmpty)
        }
        #expect(try database.dump() == before)
        let hinted = try database.run(["sql", "DELETE FROM agreements"])
        #expect(hinted.stderr.contains("--write"))
    }

    @Test func attachAndExtensionsAreDenied() throws {
        let database = try QueryDatabase(.seed)
        let directory = try TemporaryDirectory()
        let attach = try database.run(["sql", "ATTACH DATABASE '\(directory.file("other.db"))' AS other"])
        #expect(attach.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file("other.db")))
        let withWrite = try database.run(["sql", "--write", "ATTACH DATABASE '\(directory.file("other.db"))' AS other"])
        #expect(withWrite.status == 1)
        #expect(withWrite.stderr.contains("not allowed") || withWrite.stderr.contains("not authorized"))
        let extensionLoad = try database.run(["sql", "SELECT load_extension('/nonexistent')"])
        #expect(extensionLoad.status == 1)
    }

    /// The red team's crash: a two-argument fts3_tokenizer() hands SQLite a
    /// function address the SQL chooses, and the one-argument form prints
    /// one. Neither reaches SQLite from `sql`, with --write or without.
    @Test func fts3TokenizerIsRefused() throws {
        let database = try QueryDatabase(.seed)
        let made = try ProcessRunner.sqlite3(database.path, "CREATE VIRTUAL TABLE f USING fts3(a); INSERT INTO f VALUES('hello')")
        #expect(made.status == 0, "\(made.stderr)")
        for arguments in [["sql", "SELECT fts3_tokenizer('simple', x'4141414141414141'); SELECT * FROM f WHERE f MATCH 'hello'"],
                          ["sql", "SELECT fts3_tokenizer('simple')"],
                          ["sql", "--write", "CREATE VIRTUAL TABLE temp.t USING fts3(a); SELECT fts3_tokenizer('simple', x'4141414141414141')"]] {
            let result = try database.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "dealdb: not allowed: fts3_tokenizer (it reads and sets code addresses)"
                        + (arguments.contains("--write") ? "; nothing was changed\n" : "\n"), "\(result.stderr)")
        }
    }

    /// A double-quoted word is a column name, never a string: SQLite's
    /// legacy fallback returned "no_such_column" as text.
    @Test func doubleQuotedWordsAreIdentifiers() throws {
        let database = try QueryDatabase(.seed)
        let result = try database.run(["sql", "SELECT \"no_such_column\" FROM agreements"])
        #expect(result.status == 1)
        #expect(result.stderr == "dealdb: no such column: no_such_column\n", "\(result.stderr)")
        let quoted = try database.run(["sql", "--format", "csv", "SELECT \"id\" FROM agreements ORDER BY id LIMIT 1"])
        #expect(quoted.status == 0 && quoted.stdout.split(whereSeparator: \.isNewline).first == "id", "\(quoted.stderr)")
    }

    /// SQLite's three ways to name a parameter all take `-p name=VALUE`
    /// (`SELECT @a` said "no parameter named :a").
    @Test func everyParameterPrefixIsBound() throws {
        let database = try QueryDatabase(.seed)
        let result = try database.run(["sql", "--format", "csv", "SELECT :a AS a, @b AS b, $c AS c", "-p", "a=1", "-p", "b=2", "-p", "c=3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Parsers.csv(result.stdout) == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func writeRunsTheScriptInOneTransaction() throws {
        let database = try QueryDatabase(.seed)
        let ok = try database.run(["sql", "--write",
                                   "UPDATE agreements SET status = 'stalled' WHERE id = :id; SELECT status FROM agreements WHERE id = :id",
                                   "-p", "id=pos2-gazprom-cnpc-2025", "--format", "csv"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "status\r\nstalled\r\n")
        let before = try database.dump()
        let failing = try database.run(["sql", "--write",
                                        "UPDATE agreements SET status = 'signed'; INSERT INTO parties (id, name, kind) VALUES ('Bad Id', 'x', 'company')"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("CHECK constraint failed"))
        #expect(failing.stderr.contains("nothing was changed"))
        #expect(try database.dump() == before)
    }

    @Test func runawayQueryIsStoppedByTheTimeout() throws {
        let database = try QueryDatabase(.seed)
        let result = try database.run([
            "sql", "--timeout", "0.5",
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--timeout"))
    }

    @Test func parameterMistakesAreNamed() throws {
        let database = try QueryDatabase(.seed)
        let missing = try database.run(["sql", "SELECT :nope"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains(":nope"))
        let unused = try database.run(["sql", "SELECT 1", "-p", "extra=1"])
        #expect(unused.status == 64)
        #expect(unused.stderr.contains("extra"))
        let malformed = try database.run(["sql", "SELECT 1", "-p", "novalue"])
        #expect(malformed.status == 64)
    }
}
