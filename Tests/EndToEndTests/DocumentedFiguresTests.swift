import Foundation
import Testing
import TestSupport

/// Every figure docs/QUALITY.md and docs/GEM.md state about GEM's files in
/// ../shared, produced here by dealdb on those files (and, where it counts
/// rows, by Python's csv module), and found in the docs as written.
@Suite struct DocumentedFiguresTests {
    static let gem = SharedData.root.map { $0 + "/test-data/gem" }

    private func doc(_ name: String) throws -> String {
        try String(contentsOfFile: SharedData.packageRoot + "/docs/" + name, encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func findings(_ database: QueryDatabase, _ rule: String) throws -> [String] {
        try database.run(["doctor"]).stdout.split(separator: "\n").map(String.init).filter { $0.contains(": \(rule): ") }
    }

    private static func thousands(_ count: Int) -> String {
        count >= 1000 ? "\(count / 1000),\(String(format: "%03d", count % 1000))" : "\(count)"
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's files are not read"))
    func theMapFilesFigures() throws {
        let (database, imported) = try QueryDatabase.withGEMMap(.empty)
        let quality = try doc("QUALITY.md"), gemDoc = try doc("GEM.md")

        #expect(imported.stdout.contains("9 capacity-outlier, 17 duplicate-row, 52 owner-shares, 1 duplicate-party, "
                                         + "1 future-start-operating, 13 zero-capacity"), "\(imported.stdout)")
        #expect(imported.stdout.contains("parties: 2225 created"), "\(imported.stdout)")
        #expect(try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM party_aliases").stdout == "95\n")
        for figure in ["9 capacity outliers", "17 rows repeated", "52 owner or parent lists", "1 operating pipeline",
                       "13 capacities of 0", "and 1 group of likely duplicate parties", "makes 2,225 parties and keeps 95 other spellings"] {
            #expect(quality.contains(figure), "QUALITY.md: \(figure)")
        }
        // Zero capacities by kind and status, as QUALITY.md splits them.
        let zero = try ProcessRunner.sqlite3(database.path, """
            SELECT p.kind, p.status, count(*) FROM terms AS t JOIN projects AS p ON p.id = t.project_id
            WHERE t.metric = 'capacity' AND t.value = 0 AND p.status IN ('operating', 'construction')
            GROUP BY 1, 2 ORDER BY 1, 2
            """).stdout
        #expect(zero == "lng_terminal|construction|2\nlng_terminal|operating|4\npipeline|construction|3\npipeline|operating|4\n")
        #expect(try findings(database, "zero-capacity").count == 13)
        #expect(quality.contains("(pipelines: 4 operating, 3 under construction; LNG terminals: 4 operating, 2 under construction)"))

        let iraq = try database.records(["query", "volumes-by-destination"]).first { $0["destination"] == "IQ" }
        #expect([iraq?["bcm_per_year"], iraq?["operating"], iraq?["proposed"], iraq?["domestic"]]
                == ["10.7", "0.36", "10.34", "78.19"])
        #expect(iraq?["left_out"]?.contains("gem-okaz-gas-pipeline 620563.69 bcm/y (capacity-outlier)") == true)
        #expect(quality.contains("10.7 bcm/y crosses its borders (0.36 operating, 10.34 proposed), its domestic "
                                 + "pipelines carry 78.19 apart"))

        // GEM.md: the map file's rows as entities.
        let entities = try database.records(["projects"])
        let pipelines = entities.filter { $0["kind"] == "pipeline" }.count
        let terminals = entities.filter { $0["kind"] == "lng_terminal" }.count
        #expect(gemDoc.contains("the 4,899 rows are \(Self.thousands(entities.count)) entities: "
                                + "\(Self.thousands(pipelines)) pipelines from 3,604 rows and \(terminals) LNG terminals "
                                + "from 1,295 units"), "\(entities.count) \(pipelines) \(terminals)")
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's files are not read"))
    func theAfricaFilesFigures() throws {
        let database = try QueryDatabase(.empty)
        for file in ["gem-africa-gas-pipelines-2023-12.csv", "gem-africa-lng-terminals-2024-01.csv"] {
            let result = try database.run(["import", "--from", "gem", (Self.gem ?? "") + "/" + file])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let outliers = try findings(database, "capacity-outlier")
        #expect(outliers.count == 2 && outliers.allSatisfy { $0.contains("project gem-p5132:") }, "\(outliers)")
        #expect(outliers.contains { $0.contains("capacity 493.09 bcm/y") })
        #expect(outliers.contains { $0.contains("capacity 1350 MMscmd") })
        #expect(try findings(database, "duplicate-row").isEmpty)
        let quality = try doc("QUALITY.md")
        #expect(quality.contains("Zohr-AlGamil (P5132) 1,350 MMSCMD, which GEM converts to 493.09 bcm/y"))
        #expect(quality.contains("(2 findings)"))
    }
}
