import Foundation
import Testing
import TestSupport

/// Issue 12 as the user meets it: the built binary on the seed, on our own
/// made-up GEM file, and on GEM's real map file in ../shared.
@Suite struct CertaintyEndToEndTests {
    static let qualityFixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-quality.csv"

    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> String {
        let path = directory.file("deals.db")
        let result = try ProcessRunner.dealdb(["init", "--db", path, "--seed"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    private func csv(_ arguments: [String]) throws -> [[String: String]] {
        let result = try ProcessRunner.dealdb(arguments + ["--format", "csv"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try Parsers.csvRecords(result.stdout)
    }

    @Test func theDoneWhenListOnTheSeed() throws {
        let directory = try TemporaryDirectory()
        let db = try seeded(directory)
        let then = try csv(["query", "--db", db, "volumes-by-destination", "-p", "as_of=2020"])
        #expect(then.map { [$0["destination"] ?? "", $0["bcm_per_year"].flatMap(Double.init).map { String($0) } ?? ""] }
            == [["CN", "38.0"]])
        #expect(try csv(["query", "--db", db, "unresolved-pricing"]).map { $0["agreement"] } == ["pos2-gazprom-cnpc-2025"])
        let certainty = try ProcessRunner.dealdb(["query", "--db", db, "volumes-by-certainty", "--format", "csv"])
        #expect(certainty.stdout.hasPrefix(
            "destination,project,agreement,bcm_per_year,negotiation,evidence,agreement_status,binding,confirmed_by_all,project_status\r\n"))
        let show = try ProcessRunner.dealdb(["show", "--db", db, "pos2-gazprom-cnpc-2025"])
        #expect(show.stdout.contains("Binding:   yes, per Gazprom; China National Petroleum Corporation unconfirmed"))
        let financing = try csv(["query", "--db", db, "financing"])
        #expect(!financing.contains { ($0["cost_status"] ?? "").hasPrefix("agreed") })
    }

    @Test func stateAndFlagOptionsAreCheckedAndUsed() throws {
        let directory = try TemporaryDirectory()
        let db = try seeded(directory)
        let bad = try ProcessRunner.dealdb(["query", "--db", db, "volumes-by-destination", "-p", "state=agread"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("\"agread\" is none of them"))
        let chosen = try csv(["query", "--db", db, "volumes-by-destination", "-p", "state=agreed"])
        #expect(chosen.isEmpty)
        let svg = directory.file("flows.svg")
        let chart = try ProcessRunner.dealdb(["chart", "flows", "--db", db, "--state", "not_applicable", "-o", svg])
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("negotiation states not_applicable"))
    }

    @Test func listAsOfLeavesOutEndedAgreements() throws {
        let directory = try TemporaryDirectory()
        let db = try seeded(directory)
        let file = directory.file("ended.yaml")
        try """
            agreements:
              - id: old-transit
                title: Old transit deal
                signed: "2010"
                ended: "2019-12"
                status: expired
            """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try ProcessRunner.dealdb(["import", "--db", db, file]).status == 0)
        let listed = { (date: String) in
            try self.csv(["list", "--db", db, "--as-of", date]).compactMap { $0["id"] }
        }
        #expect(try listed("2015").contains("old-transit"))
        #expect(try listed("2019").contains("old-transit"))
        #expect(try !listed("2020").contains("old-transit"))
        let bad = try ProcessRunner.dealdb(["import", "--db", db, "-"], stdin: Data("""
            agreements: [{id: x, title: X, signed: "2020", ended: "2019"}]
            """.utf8))
        #expect(bad.status == 65 && bad.stderr.contains("ended 2019 is before signed 2020"))
        // Written by another tool, the doctor finds it.
        #expect(try ProcessRunner.sqlite3(db, "UPDATE agreements SET ended = '2009' WHERE id = 'old-transit'").status == 0)
        let doctor = try ProcessRunner.dealdb(["doctor", "--db", db])
        #expect(doctor.status == 1 && doctor.stdout.contains("dates: agreement old-transit: ended 2009 is before it was signed (2010)"))
    }

    @Test func doctorAndImportReportTheRulesWithTheGEMRow() throws {
        let directory = try TemporaryDirectory()
        let db = try seeded(directory)
        let imported = try ProcessRunner.dealdb(["import", "--db", db, "--from", "gem", Self.qualityFixture])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("data quality: 1 capacity-outlier, 1 non-finite, 1 duplicate-row"))
        let doctor = try ProcessRunner.dealdb(["doctor", "--db", db])
        #expect(doctor.status == 0, "data-quality notes alone are no problem of the database")
        #expect(doctor.stdout.contains(
            "quality: project gem-huge-typo-pipeline: capacity-outlier: capacity 620563.69 bcm/y is above the 200 bcm/y limit"))
        #expect(doctor.stdout.contains("(gem-ggit-map line 2)"))
        // "Omega Gas" and "Omega Gas Ltd" are one party now (PartyNameKey): nothing to flag.
        #expect(!doctor.stdout.contains("duplicate-party"))
        // The seed alone is clean.
        let other = try TemporaryDirectory()
        let clean = try seeded(other)
        #expect(try ProcessRunner.dealdb(["doctor", "--db", clean]).status == 0)
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func gemMapFileTotalsPartiesAndDoctor() throws {
        let (database, imported) = try QueryDatabase.withGEMMap(.seed)
        let db = database.path
        #expect(imported.stdout.contains("data quality: 9 capacity-outlier, 17 duplicate-row, 52 owner-shares, 1 duplicate-party"),
                "\(imported.stdout)")

        // No destination's total holds a flagged value; the flagged ones are named.
        let totals = try csv(["query", "--db", db, "volumes-by-destination"])
        let flagged = try ProcessRunner.sqlite3(db, "SELECT printf('%.15g', max(value)) FROM terms WHERE metric = 'capacity'")
        #expect(flagged.stdout == "620563.69\n")
        for row in totals {
            #expect((Double(row["bcm_per_year"] ?? "") ?? 0) < 5000, "\(row["destination"] ?? ""): \(row["bcm_per_year"] ?? "")")
        }
        let iraq = try #require(totals.first { $0["destination"] == "IQ" })
        #expect(iraq["left_out"] == "gem-okaz-gas-pipeline 620563.69 bcm/y (capacity-outlier)")
        #expect(totals.first?["destination"] != "IQ")

        // Doctor names Okaz with its GEM line.
        let doctor = try ProcessRunner.dealdb(["doctor", "--db", db])
        #expect(doctor.stdout.contains("quality: project gem-okaz-gas-pipeline: capacity-outlier: capacity 620563.69 bcm/y"))
        #expect(doctor.stdout.contains("(gem-ggit-map-2024-10-06 line "))

        // No party id is a bare number or party-N; the Chinese owners are split.
        let ids = try ProcessRunner.sqlite3(db, "SELECT id FROM parties").stdout.split(separator: "\n").map(String.init)
        #expect(ids.count > 2000)
        #expect(ids.filter { !$0.contains(where: \.isLetter) || $0.hasPrefix("party-") || $0 == "party" } == [])
        // No party's name still holds a list or a share.
        let names = try ProcessRunner.sqlite3(
            db, "SELECT count(*) FROM parties WHERE name GLOB '*[，；［］、]*' OR name LIKE '%\\%%' ESCAPE '\\'")
        #expect(names.stdout == "0\n")
    }
}
