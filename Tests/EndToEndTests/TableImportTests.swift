import Foundation
import Testing
import TestSupport

/// `import --dir` and `import --table` as the user runs them: the CSV round
/// trip through `export --all`, and the flag combinations refused.
@Suite struct TableImportEndToEndTests {
    /// The INSERT lines of the data tables: the search indexes (search_index,
    /// the tables' *_fts) are derived, and the migration log holds times.
    private func dataDump(_ path: String) throws -> [String] {
        let result = try ProcessRunner.sqlite3(path, ".dump")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("INSERT INTO ") && !$0.hasPrefix("INSERT INTO schema_migrations ")
                && !$0.hasPrefix("INSERT INTO search_index") && !$0.contains("_fts_")
        }
    }

    @Test func exportAllThenImportDirGivesTheSameData() throws {
        let directory = try TemporaryDirectory()
        let seed = directory.file("seed.db"), fresh = directory.file("fresh.db"), folder = directory.file("csv")
        #expect(try ProcessRunner.dealdb(["init", "--db", seed, "--seed"]).status == 0)
        // An empty string and NULL must stay apart through the CSV.
        #expect(try ProcessRunner.sqlite3(seed, "UPDATE parties SET note = '' WHERE id = 'gazprom'").status == 0)
        let export = try ProcessRunner.dealdb(["export", "--db", seed, "--all", folder])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try ProcessRunner.dealdb(["init", "--db", fresh]).status == 0)
        let result = try ProcessRunner.dealdb(["import", "--db", fresh, "--dir", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("agreements: 9 rows from \(folder)/agreements.csv"))
        #expect(result.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let expected = try dataDump(seed)
        #expect(expected.count > 500)
        #expect(try dataDump(fresh) == expected)
        // The search index was rebuilt and finds what the seed's does.
        let search = try ProcessRunner.dealdb(["search", "--db", fresh, "Mongolia", "--format", "csv"])
        #expect(search.stdout == (try ProcessRunner.dealdb(["search", "--db", seed, "Mongolia", "--format", "csv"])).stdout)
    }

    @Test func aSecondImportOfTheSameDirectoryChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let seed = directory.file("seed.db"), folder = directory.file("csv")
        #expect(try ProcessRunner.dealdb(["init", "--db", seed, "--seed"]).status == 0)
        #expect(try ProcessRunner.dealdb(["export", "--db", seed, "--all", folder]).status == 0)
        let before = try dataDump(seed)
        let result = try ProcessRunner.dealdb(["import", "--db", seed, "--dir", folder])
        #expect(result.status == 65)
        #expect(result.stderr.contains("UNIQUE constraint failed") && result.stderr.contains("nothing was imported"))
        #expect(try dataDump(seed) == before)
    }

    @Test func oneTable() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("d.db"), file = directory.file("p.csv")
        #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
        try Data("id,name,kind,country\nacme,Acme,company,DE\nbad,Bad,pirate,\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try ProcessRunner.dealdb(["import", "--db", db, "--table", "parties", file])
        #expect(result.status == 65)
        // One line, naming the field, the value and what the column allows.
        #expect(result.stderr == "dealdb: \(file):3:3: parties.kind \"pirate\": must be one of company, state_company, government, "
            + "intergovernmental_organization, development_bank, bank, fund, analyst, person, other; "
            + "nothing was imported\n")
        // A date that does not exist: its field and the rule in words, not the CHECK's SQL.
        let events = directory.file("events.csv")
        try Data("id,citable_id,date,date_kind,title\nev,1,2025-02-30,actual,An event\n".utf8).write(to: URL(fileURLWithPath: events))
        let badDate = try ProcessRunner.dealdb(["import", "--db", db, "--table", "events", events])
        #expect(badDate.status == 65)
        #expect(badDate.stderr == "dealdb: \(events):2:3: events.date \"2025-02-30\": not a date: write YYYY, YYYY-MM "
            + "or a day that exists as YYYY-MM-DD; nothing was imported\n", "\(badDate.stderr)")
        try Data("id,name,kind,country\nacme,Acme,company,DE\n".utf8).write(to: URL(fileURLWithPath: file))
        let good = try ProcessRunner.dealdb(["import", "--db", db, "--table", "parties", file])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "parties: 1 rows from \(file)\n")
    }

    @Test(arguments: [
        ["--table", "parties"],
        ["--table", "parties", "a.csv", "b.csv"],
        ["--dir", "x", "a.csv"],
        ["--dir", "x", "--table", "parties"],
        ["--from", "gem"],
        ["--from", "gem", "--dir", "x"],
        ["--skip-bad-rows", "a.yaml"],
        ["--dir", "x", "--dry-run"],
        ["--from", "gem", "-"],
        ["--from", "excel", "a.csv"],
    ])
    func flagCombinationsAreRefused(_ arguments: [String]) throws {
        let result = try ProcessRunner.dealdb(["import"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }
}
