import Foundation
import Testing
import TestSupport

@Suite struct ListAndShowTests {
    private func ids(_ database: QueryDatabase, _ arguments: [String]) throws -> [String] {
        try database.records(["list"] + arguments).compactMap { $0["id"] }
    }

    @Test func listHasTheContractColumns() throws {
        let database = try QueryDatabase(.seed)
        let result = try database.run(["list", "--party", "Gazprom", "--format", "csv"])
        #expect(result.status == 0)
        #expect(try Parsers.csv(result.stdout).first == ["id", "signed", "kind", "status", "title", "parties", "binding"])
    }

    /// Binding is shown with who asserts it (docs/FORMAT.md): the PoS-2
    /// memorandum is binding on Gazprom's word, CNPC has not confirmed.
    @Test func listShowsWhoAssertsBinding() throws {
        let database = try QueryDatabase(.seed)
        let rows = try database.records(["list", "--binding", "yes"])
        let pos2 = try #require(rows.first { $0["id"] == "pos2-gazprom-cnpc-2025" })
        #expect(pos2["binding"] == "yes, per Gazprom; China National Petroleum Corporation unconfirmed")
        // Where every party confirmed, or none is known, the value stands alone.
        #expect(rows.filter { $0["id"] != "pos2-gazprom-cnpc-2025" }.allSatisfy { $0["binding"] == "yes" }, "\(rows)")
        let shown = try database.run(["show", "pos2-gazprom-cnpc-2025"])
        #expect(shown.stdout.contains("yes, per Gazprom; China National Petroleum Corporation unconfirmed"))
    }

    @Test func eachFilterNarrowsTheList() throws {
        let database = try QueryDatabase(.secondDataset)
        #expect(try ids(database, []).count == 7)
        #expect(try ids(database, ["--party", "EASTBUYER", "--party", "Nordgaz"])
                == ["dead-supply", "settled-supply", "secret-supply", "open-supply"])
        #expect(try ids(database, ["--party", "gov-tr"]) == ["line-a-transit"])
        #expect(try ids(database, ["--role", "transit"]) == ["ukraine-transit", "line-a-transit"])
        #expect(try ids(database, ["--party", "northgas", "--role", "borrower"]) == ["line-a-loan"])
        #expect(try ids(database, ["--kind", "loan_agreement"]) == ["line-a-loan"])
        #expect(try ids(database, ["--status", "expired"]) == ["ukraine-transit"])
        #expect(try ids(database, ["--country", "TR"]) == ["line-a-loan", "line-a-transit", "settled-supply"])
        #expect(try ids(database, ["--country", "ukraine"]) == ["ukraine-transit"])
        #expect(try ids(database, ["--project", "Line A"]) == ["line-a-loan", "line-a-transit", "settled-supply"])
        #expect(try ids(database, ["--since", "2022"]) == ["secret-supply", "open-supply"])
        #expect(try ids(database, ["--until", "2019-12"]) == ["dead-supply", "ukraine-transit"])
        #expect(try ids(database, ["--since", "2020-06", "--until", "2021"])
                == ["line-a-loan", "line-a-transit", "settled-supply"])
        #expect(try ids(database, ["--binding", "no"]) == ["line-a-transit"])
        #expect(try ids(database, ["--as-of", "2019-12"]) == ["dead-supply", "ukraine-transit"])
    }

    @Test func unknownNamesAreErrorsWithSuggestions() throws {
        let database = try QueryDatabase(.secondDataset)
        let cases: [([String], Int32, String)] = [
            (["--party", "Northgaz"], 1, "\"Nordgaz\""),
            (["--project", "line-x"], 1, "did you mean"),
            // Issue 11: "Turkey" is Türkiye now; a misspelling still suggests.
            (["--country", "Turky"], 1, "unknown country \"Turky\"; expected an ISO 3166-1 code or an English name; did you mean \"Turkey\""),
            (["--role", "buyerr"], 64, "expected one of seller, buyer"),
            (["--since", "2020-13"], 64, "invalid date"),
            (["--binding", "maybe"], 64, "yes, no, unknown"),
        ]
        for (arguments, status, message) in cases {
            let result = try database.run(["list"] + arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func showSQLPrintsTheStatementAndBoundValues() throws {
        let database = try QueryDatabase(.secondDataset)
        let result = try database.run(["list", "--party", "northgas", "--since", "2022", "--show-sql", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("FROM agreements AS a"))
        #expect(result.stderr.contains(":since = '2022'"))
        #expect(result.stderr.contains(":party_1 = '[\"northgas\"]'"))
    }

    @Test func showPrintsARecordWithItsLinks() throws {
        let database = try QueryDatabase(.seed)
        let agreement = try database.run(["show", "pos2-gazprom-cnpc-2025"])
        #expect(agreement.status == 0)
        for text in ["Agreement pos2-gazprom-cnpc-2025", "Gazprom (gazprom): seller", "[unresolved, reported, public]",
                     "Timeline", "Sources", "[1] Power of Siberia 2 and the 2025 SCO summit"] {
            #expect(agreement.stdout.contains(text), "missing \(text)")
        }
        let project = try database.run(["show", "pos-2"])
        #expect(project.stdout.contains("Mongolia (transit)"))
        let party = try database.run(["show", "gov-mn"])
        #expect(party.stdout.contains("pos2-mongolia-transit-2025"))
        let source = try database.run(["show", "pos2-sco-2025-article"])
        #expect(source.stdout.contains("Cited by:"))
        let missing = try database.run(["show", "pos-3"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("did you mean"))
    }

    @Test func showAsOfKeepsTermsAndEventsOfThatTime() throws {
        let database = try QueryDatabase(.seed)
        let then = try database.run(["show", "pos-1", "--as-of", "2020"])
        #expect(then.stdout.contains("Terms as of 2020"))
        #expect(then.stdout.contains("capacity: 38 bcm/y"))
        #expect(!then.stdout.contains("capacity: 44 bcm/y"))
        #expect(then.stdout.contains("Timeline up to 2020"))
        #expect(!then.stdout.contains("Expansion of Power of Siberia 1"))
        let now = try database.run(["show", "pos-1"])
        #expect(now.stdout.contains("capacity: 38 bcm/y") && now.stdout.contains("capacity: 44 bcm/y"))
    }
}
