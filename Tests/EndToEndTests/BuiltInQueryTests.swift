import Foundation
import Testing
import TestSupport

/// Each built-in query returns what the source article says on the seed,
/// and tells apart every case of the made-up second dataset.
@Suite struct BuiltInQueryTests {
    @Test func seedAnswersWhatTheArticleSays() throws {
        let database = try QueryDatabase(.seed)
        let unresolved = try database.records(["query", "unresolved-pricing"])
        let pos2 = try #require(unresolved.first { $0["agreement"] == "pos2-gazprom-cnpc-2025" })
        #expect(pos2["price_status"] == "unresolved")
        #expect(pos2["parties"]?.contains("Gazprom (seller)") == true)
        #expect(!unresolved.contains { $0["agreement"] == "pos1-supply-2014" })

        let transit = try database.records(["query", "transit-countries"])
        #expect(transit.contains { $0["project"] == "pos-2" && $0["country"] == "MN" && $0["country_name"] == "Mongolia" })

        let volumes = try database.records(["query", "volumes-by-destination"])
        let china = try #require(volumes.first { $0["destination"] == "CN" })
        #expect(Double(china["bcm_per_year"] ?? "") == 106)
        #expect(china["projects"] == "far-eastern-route; pos-1; pos-2")

        #expect(try database.records(["query", "unsourced"]).isEmpty)
        #expect(try database.records(["query", "undisclosed-pricing"]).contains { $0["agreement"] == "pos1-supply-2014" })
        let gazprom = try database.records(["query", "deals-by-party", "-p", "party=PJSC Gazprom"])
        #expect(gazprom.contains { $0["agreement"] == "pos2-gazprom-cnpc-2025" && $0["role"] == "seller" })
        #expect(try database.records(["query", "unconfirmed"]).contains {
            $0["agreement"] == "pos2-gazprom-cnpc-2025" && $0["confirmed"] == "unknown"
        })
        let timeline = try database.records(["query", "timeline", "-p", "project=pos-2"])
        // In date order wherever two dates can be ordered: by year, and by
        // day among dates known to the day; a date known only to the year
        // keeps the source's place within it (SourceOrderTests).
        let dates = timeline.map { $0["date"] ?? "" }
        #expect(dates.map { $0.prefix(4) } == dates.map { $0.prefix(4) }.sorted())
        let days = dates.filter { $0.count == 10 }
        #expect(days == days.sorted())
        #expect(!timeline.isEmpty)
    }

    @Test func secondDatasetUnresolvedAndUndisclosedPricing() throws {
        let database = try QueryDatabase(.secondDataset)
        let unresolved = try database.records(["query", "unresolved-pricing"])
        // settled-supply has an agreed price, dead-supply is cancelled,
        // secret-supply's price is agreed though undisclosed.
        #expect(unresolved.map { $0["agreement"] } == ["open-supply"])
        #expect(unresolved.first?["price_status"] == "proposed")
        #expect(try database.records(["query", "unresolved-pricing", "-p", "since=2024"]).isEmpty)
        let undisclosed = try database.records(["query", "undisclosed-pricing"])
        #expect(undisclosed.map { $0["agreement"] } == ["secret-supply"])
        #expect(undisclosed.first?["note"] == "formula kept confidential")
    }

    @Test func secondDatasetTransitCountries() throws {
        let database = try QueryDatabase(.secondDataset)
        let rows = try database.records(["query", "transit-countries"])
        #expect(rows.map { [$0["project"] ?? "?", $0["country"] ?? "?", $0["agreements"] ?? "?"] } == [
            ["", "UA", "ukraine-transit"],
            ["line-a", "GE", ""],
            ["line-a", "TR", "line-a-transit"],
        ])
    }

    @Test func secondDatasetVolumesLeaveOutCancelledAndFollowAsOf() throws {
        let database = try QueryDatabase(.secondDataset)
        let latest = try database.records(["query", "volumes-by-destination"])
        #expect(latest.map { [$0["destination"] ?? "", $0["bcm_per_year"] ?? ""] } == [["GR", "24.0"]])
        let then = try database.records(["query", "volumes-by-destination", "-p", "as_of=2024"])
        #expect(then.first?["bcm_per_year"] == "18.0")
    }

    @Test func secondDatasetPartyRolesFinancingAndSources() throws {
        let database = try QueryDatabase(.secondDataset)
        let deals = try database.records(["query", "deals-by-party", "-p", "party=нордгаз"])
        #expect(deals.count == 7)
        #expect(deals.contains { $0["agreement"] == "line-a-loan" && $0["counterparties"] == "Bank X (lender)" })
        let financing = try database.records(["query", "financing"])
        #expect(financing.contains { $0["subject"] == "line-a" && $0["cost"] == "4000000000 USD"
            && $0["cost_status"] == "not_stated, estimated" })
        #expect(financing.contains { $0["subject"] == "line-a-loan"
            && $0["financing_status"] == "negotiating: second tranche under discussion" })
        let nonBinding = try database.records(["query", "non-binding"]).compactMap { $0["agreement"] }
        #expect(Set(nonBinding) == ["line-a-transit", "line-a-loan", "ukraine-transit"])
        let unconfirmed = try database.records(["query", "unconfirmed"])
        #expect(unconfirmed.contains { $0["agreement"] == "line-a-transit" && $0["confirmed"] == "no" })
        #expect(!unconfirmed.contains { $0["agreement"] == "settled-supply" })
        let unsourced = try database.records(["query", "unsourced"])
        #expect(unsourced.map { [$0["kind"] ?? "", $0["id"] ?? ""] } == [["event", "line-a-expansion"]])
        let timeline = try database.records(["query", "timeline", "-p", "project=line-a"])
        #expect(timeline.last?["kind"] == "planned")
    }

    /// The new user's two misses: `--type` (ArgumentParser offered
    /// `--wide`) and the query `finance` (no suggestion, `financing` exists).
    @Test func mistakesSuggestWhatWasMeant() throws {
        let database = try QueryDatabase(.seed)
        let type = try database.run(["projects", "--type", "pipeline"])
        #expect(type.status == 64)
        #expect(type.stderr.hasPrefix("dealdb: Unknown option '--type'. Did you mean '--kind'?\n"), "\(type.stderr)")
        let company = try database.run(["list", "--company", "gazprom"])
        #expect(company.stderr.hasPrefix("dealdb: Unknown option '--company'. Did you mean '--party'?\n"), "\(company.stderr)")
        // A command without the synonym's option keeps ArgumentParser's own hint.
        let noAsOf = try database.run(["chart", "timeline", "--date", "2020"])
        #expect(noAsOf.status == 64 && !noAsOf.stderr.contains("--as-of"), "\(noAsOf.stderr)")
        let finance = try database.run(["query", "finance"])
        #expect(finance.status == 64)
        #expect(finance.stderr.contains("\"financing\""), "\(finance.stderr)")
    }

    @Test func parametersAreCheckedAndNamed() throws {
        let database = try QueryDatabase(.secondDataset)
        let missing = try database.run(["query", "deals-by-party"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("party"))
        let unknown = try database.run(["query", "timeline", "-p", "colour=red"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("colour"))
        let badDate = try database.run(["query", "volumes-by-destination", "-p", "as_of=2024-13"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("as_of"))
        let unknownParty = try database.run(["query", "deals-by-party", "-p", "party=Nordgas"])
        #expect(unknownParty.status == 1)
        #expect(unknownParty.stderr.contains("did you mean"))
        let noSuchQuery = try database.run(["query", "unresolved-prices"])
        #expect(noSuchQuery.status == 64)
        #expect(noSuchQuery.stderr.contains("unresolved-pricing"))
    }

    @Test func injectionThroughParametersFindsNothingMore() throws {
        let database = try QueryDatabase(.secondDataset)
        for attempt in ["northgas' OR '1'='1", "x\" OR 1=1 --", "%' --"] {
            let result = try database.run(["query", "deals-by-party", "-p", "party=\(attempt)", "--format", "csv"])
            #expect(result.status == 1, "\(attempt): \(result.stdout)")
            let listed = try database.run(["list", "--party", attempt, "--format", "csv"])
            #expect(listed.status == 1)
            #expect(listed.stdout.isEmpty)
        }
        let transit = try database.run(["query", "transit-countries", "-p", "project=' OR 1=1 --", "--format", "csv"])
        #expect(transit.status == 1)
        #expect(transit.stdout.isEmpty)
        let sql = try database.records(["sql", "SELECT id FROM agreements WHERE id = :id", "-p", "id=x' OR '1'='1"])
        #expect(sql.isEmpty)
    }
}
