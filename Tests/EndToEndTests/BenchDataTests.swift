import Foundation
import Testing
import TestSupport

/// The benchmark's generator at a small scale: its CSV imports cleanly, and
/// the built-in queries' plans on that data use indexes.
@Suite struct BenchDataTests {
    /// Full scans of the big tables that are inherent: `timeline` without a
    /// party or project lists every signing (its filtered arms go through
    /// indexes), `unconfirmed` filters on `confirmed`, which has no index
    /// and holds the same few values in every third row, and `unsourced`
    /// must check every fact for a citation. Any other SCAN of these tables
    /// is a regression.
    static let acceptedScans: Set<String> = [
        "timeline: SCAN a", "unconfirmed: SCAN ap",
        "unsourced: SCAN a", "unsourced: SCAN ap", "unsourced: SCAN t",
    ]

    @Test func generatedDataImportsAndQueriesUseIndexes() throws {
        let directory = try TemporaryDirectory()
        let generator = (ProcessRunner.dealdbPath as NSString).deletingLastPathComponent + "/dealdb-bench-data"
        let generated = try ProcessRunner.run(generator, ["--scale", "0.005", "--out", directory.file("csv")])
        #expect(generated.status == 0, "\(generated.stderr)")
        let again = try ProcessRunner.run(generator, ["--scale", "0.005", "--out", directory.file("csv2")])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("csv/terms.csv")))
            == Data(contentsOf: URL(fileURLWithPath: directory.file("csv2/terms.csv"))), "deterministic")

        let db = directory.file("d.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
        let result = try ProcessRunner.dealdb(["import", "--db", db, "--dir", directory.file("csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ProcessRunner.sqlite3(db, "PRAGMA foreign_key_check; SELECT count(*) > 100 FROM agreements").stdout == "1\n")

        let queries = SharedData.packageRoot + "/queries"
        var scans: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: queries).sorted() where file.hasSuffix(".sql") {
            let sql = try String(contentsOfFile: queries + "/" + file, encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            let plan = try ProcessRunner.sqlite3(db, "EXPLAIN QUERY PLAN " + sql)
            #expect(plan.status == 0, "\(file): \(plan.stderr)")
            let name = String(file.dropLast(4))
            if name == "timeline" {
                // A party's timeline starts from its agreement_parties and event_parties rows.
                #expect(plan.stdout.contains("SEARCH ap USING INDEX agreement_parties_party"), "\(plan.stdout)")
                #expect(plan.stdout.contains("SEARCH ep USING INDEX event_parties_party"), "\(plan.stdout)")
            }
            for line in plan.stdout.split(separator: "\n") {
                guard let range = line.range(of: "SCAN ") else { continue }
                let target = line[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                if ["agreements", "agreement_parties", "terms", "a", "ap", "t"].contains(target),
                   !line.contains("USING INDEX"), !line.contains("USING COVERING INDEX") {
                    scans.append("\(name): SCAN \(target)")
                }
            }
        }
        #expect(Set(scans).subtracting(Self.acceptedScans).isEmpty, "\(scans)")
        // list --party resolves the party by index and reaches its agreements through agreement_parties_party.
        let list = try ProcessRunner.dealdb(["list", "--db", db, "--party", "party-3", "--format", "csv"])
        #expect(list.status == 0, "\(list.stderr)")
        try projectsAndPartiesUseIndexes(db)
    }

    /// `projects` and `parties` with a filter start from an index on the
    /// filtered column (or from the ids the filter resolved) and reach every
    /// cell through an index. A filter on a computed value (capacity, start
    /// year) or on commodity (a handful of values) reads every project in id
    /// order, which is accepted; a scan of any other table is a regression.
    func projectsAndPartiesUseIndexes(_ db: String) throws {
        let searched: [[String]] = [
            ["projects", "--country", "GR"], ["projects", "--country", "Greece", "--role", "transit"],
            ["projects", "--status", "operating"], ["projects", "--kind", "pipeline", "--status", "proposed"],
            ["projects", "--owner", "party-3"], ["projects", "--name", "pipeline 1"],
            ["parties", "--name", "party 1"], ["parties", "--country", "GR"], ["parties", "--kind", "bank"],
        ]
        let scanning: [[String]] = [
            ["projects", "--min-capacity", "10"], ["projects", "--since", "2020"], ["projects", "--commodity", "gas"],
            ["projects"], ["parties"],
        ]
        for arguments in searched + scanning {
            let result = try ProcessRunner.dealdb(arguments + ["--db", db, "--show-sql", "--limit", "0", "--format", "csv"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let sql = result.stderr.replacingOccurrences(of: "dealdb: SQL:\n", with: "")
                .components(separatedBy: "\n-- bound:").first ?? ""
            let plan = try ProcessRunner.sqlite3(db, "EXPLAIN QUERY PLAN " + sql)
            #expect(plan.status == 0, "\(arguments): \(plan.stderr)")
            let top = arguments[0] == "projects" ? "p" : "pa"
            for line in plan.stdout.split(separator: "\n") {
                guard let range = line.range(of: "SCAN ") else { continue }
                let target = line[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                if target == top {
                    #expect(scanning.contains(arguments), "\(arguments): \(line)")
                } else {
                    #expect(!["r", "o", "t", "e", "ap", "a", "pa", "p"].contains(target), "\(arguments): \(line)")
                }
            }
        }
    }

    /// The importer inserts 64 rows per statement; a bad row inside a full
    /// batch, in the partial batch at the end, or after a good batch must
    /// still be reported with its own line, and nothing written.
    @Test func rowsInBatchesKeepTheirLineNumbers() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("d.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
        func parties(_ bad: [Int: String]) -> String {
            var text = "id,name,kind,country,note\n"
            for index in 1...150 {
                text += bad[index] ?? "p-\(index),Party \(index),company,GR,\"note, \(index)\""
                text += "\n"
            }
            return text
        }
        // Data row n is on line n + 1.
        let bad = [40: "p-40,Party 40,nonsense,GR,", 100: "p-100,Party 100,company,ZZ,", 140: "p-1,Again,company,GR,"]
        try parties(bad).write(toFile: directory.file("parties.csv"), atomically: true, encoding: .utf8)
        let failed = try ProcessRunner.dealdb(["import", "--db", db, "--table", "parties", directory.file("parties.csv")])
        #expect(failed.status == 65)
        for line in [41, 101, 141] {
            #expect(failed.stderr.contains("parties.csv:\(line):"), "line \(line): \(failed.stderr)")
        }
        #expect(!failed.stderr.contains("parties.csv:42:"), "\(failed.stderr)")
        #expect(try ProcessRunner.sqlite3(db, "SELECT count(*) FROM parties").stdout == "0\n")

        try parties([:]).write(toFile: directory.file("parties.csv"), atomically: true, encoding: .utf8)
        let good = try ProcessRunner.dealdb(["import", "--db", db, "--table", "parties", directory.file("parties.csv")])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try ProcessRunner.sqlite3(db, "SELECT count(*), max(note) FROM parties WHERE note LIKE 'note, %'").stdout
            == "150|note, 99\n")

        // Integers read from bytes: signs, the extremes, and what Int64 cannot hold.
        try "id,kind\n+5,term\n-0,term\n9223372036854775807,event\n-9223372036854775808,event\n"
            .write(toFile: directory.file("citables.csv"), atomically: true, encoding: .utf8)
        let integers = try ProcessRunner.dealdb(["import", "--db", db, "--table", "citables", directory.file("citables.csv")])
        #expect(integers.status == 0, "\(integers.stderr)")
        #expect(try ProcessRunner.sqlite3(db, "SELECT group_concat(id, ' ') FROM (SELECT id FROM citables ORDER BY id)").stdout
            == "-9223372036854775808 0 5 9223372036854775807\n")
        try "id,kind\n9223372036854775808,term\n".write(toFile: directory.file("big.csv"), atomically: true, encoding: .utf8)
        let overflow = try ProcessRunner.dealdb(["import", "--db", db, "--table", "citables", directory.file("big.csv")])
        #expect(overflow.status == 65)
        #expect(overflow.stderr.contains("big.csv:2:1: id: expected an integer, found \"9223372036854775808\""), "\(overflow.stderr)")
    }
}
