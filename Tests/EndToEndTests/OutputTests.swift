import Foundation
import Testing
import TestSupport

/// What dealdb prints, read back by independent parsers.
@Suite struct OutputTests {
    let sql = "SELECT id, name, kind, country FROM parties ORDER BY id"

    @Test func csvMatchesTheSqliteShell() throws {
        let database = try QueryDatabase(.seed)
        let ours = try database.run(["sql", sql, "--format", "csv"])
        let shell = try ProcessRunner.sqlite3(database.path, sql, options: ["-csv", "-header"])
        #expect(try Parsers.csv(ours.stdout) == Parsers.csv(shell.stdout))
        let numbers = "SELECT value, unit FROM terms WHERE value IS NOT NULL ORDER BY id"
        #expect(try Parsers.csv(try database.run(["sql", numbers, "--format", "csv"]).stdout)
                == Parsers.csv(try ProcessRunner.sqlite3(database.path, numbers, options: ["-csv", "-header"]).stdout))
    }

    @Test func jsonAndNdjsonKeepTypes() throws {
        let database = try QueryDatabase(.seed)
        let query = "SELECT id, value, position, valid_to FROM terms WHERE project_id = 'pos-1' ORDER BY position"
        let json = try database.run(["sql", query, "--format", "json"])
        let rows = try #require(try Parsers.json(json.stdout) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["value"] as? Double == 38)
        #expect(rows[0]["position"] as? Int == 1)
        #expect(rows[1]["valid_to"] is NSNull)
        let ndjson = try database.run(["sql", query, "--format", "ndjson"])
        let lines = ndjson.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect(try Parsers.json(String(line)) is [String: Any]) }
    }

    @Test func tsvMarkdownAndTableShowTheSameRows() throws {
        let database = try QueryDatabase(.seed)
        let tsv = try database.run(["sql", sql, "--format", "tsv"])
        #expect(try Parsers.csv(tsv.stdout, delimiter: "\t").count == 10)
        let markdown = try database.run(["sql", sql, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("| id"))
        #expect(markdown.stdout.split(separator: "\n").count == 11)
        let table = try database.run(["sql", sql, "--format", "table"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " })
    }

    @Test func headerBomAndDefaultFormat() throws {
        let database = try QueryDatabase(.seed)
        let piped = try database.run(["sql", "SELECT 1 AS one"])
        #expect(piped.stdout == "one\r\n1\r\n", "csv is the default when stdout is not a terminal")
        let bare = try database.run(["sql", "SELECT 1 AS one", "--no-header"])
        #expect(bare.stdout == "1\r\n")
        let bom = try database.run(["sql", "SELECT 1 AS one", "--bom", "--format", "csv"])
        #expect(bom.stdoutData.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test func outputFileIsWrittenWhole() throws {
        let database = try QueryDatabase(.seed)
        let directory = try TemporaryDirectory()
        let path = directory.file("agreements.csv")
        let result = try database.run(["export", "agreements", "--format", "csv", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Parsers.csv(String(contentsOfFile: path, encoding: .utf8))
        #expect(rows.count == 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["agreements.csv"])
        let failed = try database.run(["sql", "SELECT * FROM nowhere", "-o", directory.file("bad.csv")])
        #expect(failed.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["agreements.csv"])
    }

    @Test func exportOfQueriesSQLAndAllTables() throws {
        let database = try QueryDatabase(.seed)
        let query = try database.run(["export", "--query", "transit-countries", "--format", "csv"])
        #expect(try Parsers.csv(query.stdout).first == ["project", "country", "country_name", "agreements"])
        let sql = try database.run(["export", "--sql", "SELECT count(*) AS n FROM events", "--format", "json"])
        #expect((try Parsers.json(sql.stdout) as? [[String: Any]])?.first?["n"] as? Int == 21)
        let directory = try TemporaryDirectory()
        let all = try database.run(["export", "--all", directory.path])
        #expect(all.status == 0, "\(all.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(files.isSuperset(of: ["agreements.csv", "parties.csv", "terms.csv", "citations.csv", "countries.csv"]))
        #expect(!files.contains("schema_migrations.csv"))
        let terms = try Parsers.csv(String(contentsOfFile: directory.file("terms.csv"), encoding: .utf8))
        let count = try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM terms").stdout
        #expect("\(terms.count - 1)\n" == count)
        let unknown = try database.run(["export", "agreement"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("agreements"))
    }
}
