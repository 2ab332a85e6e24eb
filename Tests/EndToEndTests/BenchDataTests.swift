import Foundation
import Testing
import TestSupport

/// The benchmark's generator at a small scale: its CSV imports cleanly, and
/// the built-in queries' plans on that data use indexes.
@Suite struct BenchDataTests {
    /// Full scans of the big tables that no index of the schema could avoid
    /// today (every row is examined by design, or the filter column has no
    /// index). Any other SCAN of these tables is a regression.
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
    }
}
