import Foundation
import Testing
import TestSupport

/// Totals an analyst can cite: capacity that crosses a border apart from
/// domestic pipelines and split by status, capacity counted from a
/// project's start of operation, contracted volumes apart from capacity,
/// and capacity by owner. On the seed and on GEM's real map file.
@Suite struct TotalsTests {
    static let map = SharedData.root.map { $0 + "/test-data/gem/ggit-map-2024-10-06.csv" }

    private func destination(_ database: QueryDatabase, _ code: String, _ parameters: [String] = []) throws -> [String: String]? {
        try database.records(["query", "volumes-by-destination"] + parameters).first { $0["destination"] == code }
    }

    @Test func theSeedCountsFromFirstGas() throws {
        let database = try QueryDatabase(.seed)
        // Five years before PoS-1's first gas (2 December 2019), nothing flowed into China.
        let in2014 = try #require(try destination(database, "CN", ["-p", "as_of=2014"]))
        #expect([in2014["bcm_per_year"], in2014["operating"]] == ["0.0", "0.0"])
        #expect(in2014["not_started"] == "pos-1 (from 2019-12-02)")
        let in2020 = try #require(try destination(database, "CN", ["-p", "as_of=2020"]))
        #expect([in2020["operating"], in2020["construction"], in2020["proposed"]] == ["38.0", "0.0", "0.0"])
        // The unbuilt Far Eastern route is planned capacity, never operating.
        let in2024 = try #require(try destination(database, "CN", ["-p", "as_of=2024"]))
        #expect([in2024["operating"], in2024["proposed"]] == ["38.0", "10.0"])
        let now = try #require(try destination(database, "CN"))
        #expect([now["bcm_per_year"], now["operating"], now["construction"], now["proposed"], now["domestic"]]
                == ["106.0", "44.0", "50.0", "12.0", "0.0"])
        #expect(try database.records(["projects", "--name", "power of siberia 1"]).first?["start_year"] == "2019")
        // A status shown as of a date is the status then.
        let shown = try database.run(["show", "pos-1", "--as-of", "2014"])
        #expect(shown.stdout.contains("Status:    not yet operating on 2014: it started operating on 2019-12-02 (operating today)"),
                "\(shown.stdout)")
        #expect(try database.run(["show", "pos-1", "--as-of", "2020"]).stdout.contains("Status:    operating\n"))
        // A repeated --country is any of them, never only the last.
        let both = try database.run(["chart", "flows", "--country", "Mongolia", "--country", "TR"])
        #expect(both.status == 0 && both.stdout.contains("Power of Siberia 2") && !both.stdout.contains("Power of Siberia 1"))
        let either = try database.run(["chart", "flows", "--country", "TR", "--country", "Mongolia"])
        #expect(either.stdout == both.stdout)
        let mongolia = try database.records(["list", "--country", "MN"]).compactMap { $0["id"] }
        let russiaOrMongolia = try database.records(["list", "--country", "MN", "--country", "Russia"]).compactMap { $0["id"] }
        #expect(mongolia.count == 3 && Set(mongolia).isStrictSubset(of: Set(russiaOrMongolia)), "\(mongolia) \(russiaOrMongolia)")
    }

    @Test func contractedVolumesAreNotCapacity() throws {
        let database = try QueryDatabase(.seed)
        // Capacity is a design figure, no agreed term: none of it is "agreed".
        #expect(try database.records(["query", "volumes-by-destination", "-p", "state=agreed"]).isEmpty)
        let agreed = try database.records(["query", "contracted-volumes", "-p", "state=agreed"])
        #expect(agreed.map { [$0["destination"], $0["agreement"], $0["bcm_per_year"], $0["confirmed_by_all"]] } == [
            ["CN", "pos2-gazprom-cnpc-2025", "50.0", "no"],
            ["CN", "pos1-supply-2014", "44.0", "yes"],
            ["CN", "far-eastern-route-supply-2022", "12.0", "yes"],
        ])
        #expect(agreed.first?["binding"] == "yes, per Gazprom; China National Petroleum Corporation unconfirmed")
        #expect(agreed.allSatisfy { $0["negotiation"] == "agreed" && $0["evidence"] == "reported" })
        // Before the 2025 expansion PoS-1's contract said 38.
        let in2020 = try database.records(["query", "contracted-volumes", "-p", "as_of=2020"])
        #expect(in2020.map { [$0["agreement"], $0["bcm_per_year"]] } == [["pos1-supply-2014", "38.0"]])
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func theMapFilesBordersStatusesAndOwners() throws {
        let database = try QueryDatabase.withGEMMap(.empty).database

        // China: operating capacity across its borders is Central Asia–China's
        // lines A, B, C (55), Sino-Myanmar's main line (1.44; its 0.73 row is
        // a section of it) and its operating LNG import terminals, counted by
        // Python's csv module; the pipelines within China are apart.
        let terminals = try ProcessRunner.python("""
            import csv, sys
            rows = csv.DictReader(open(sys.argv[1], encoding="utf-8"))
            print(round(sum(float(r["capacityinbcm/y"]) for r in rows if not r["tracker-acro"].strip()
                            and r["status"].strip().lower() == "operating" and r["areas"].strip() == "China"
                            and r["type"].strip().lower() == "import" and r["capacityinbcm/y"].strip()), 2))
            """, arguments: [try #require(Self.map)])
        #expect(terminals.status == 0, "\(terminals.stderr)")
        let china = try #require(try destination(database, "CN"))
        let expected = 55 + 1.44 + (Double(terminals.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
        #expect(abs((Double(china["operating"] ?? "") ?? 0) - expected) < 1e-6, "\(china["operating"] ?? "") vs \(expected)")
        #expect(china["operating"] == "249.05")
        #expect(!(china["projects"] ?? "").contains("gem-china-russia-east-pipeline"))
        #expect((china["domestic_projects"] ?? "").contains("gem-china-russia-east-pipeline"))
        // Libya's pipelines all run within Libya.
        let libya = try #require(try destination(database, "LY"))
        #expect([libya["bcm_per_year"], libya["operating"], libya["domestic"]] == ["0.0", "0.0", "312.57"])
        // As of 2010 TurkStream (2020) carried nothing into Türkiye.
        let turkey2010 = try #require(try destination(database, "TR", ["-p", "as_of=2010"]))
        #expect(!(turkey2010["projects"] ?? "").contains("turkstream"))
        #expect((turkey2010["not_started"] ?? "").contains("gem-turkstream-gas-pipeline (from 2020)"))
        #expect((try destination(database, "TR")?["projects"] ?? "").contains("gem-turkstream-gas-pipeline"))

        // Owners with the most capacity under construction, in one command.
        let owners = try database.records(["query", "capacity-by-owner"])
        let construction = owners.map { Double($0["construction"] ?? "") ?? 0 }
        #expect(construction == construction.sorted(by: >))
        #expect(owners.first?["party"] == "iran-ministry-of-petroleum")
        // Share-weighted: a party owning 50 % of an 8 bcm/y line carries 4.
        let check = try ProcessRunner.sqlite3(database.path, """
            SELECT round(sum(c.bcm_per_year * o.share / 100), 2) FROM project_owners AS o
            JOIN projects AS p ON p.id = o.project_id
            JOIN terms AS c ON c.project_id = p.id AND c.metric = 'capacity' AND c.unit = 'bcm/y'
            JOIN project_entities AS e ON e.project_id = p.id AND e.counted
            WHERE o.party_id = 'iran-ministry-of-petroleum' AND o.level = 'owner' AND p.status = 'construction'
            """).stdout
        #expect(Double(check.trimmingCharacters(in: .whitespacesAndNewlines)) == Double(owners.first?["construction"] ?? ""))

        // chart flows draws what crosses borders, domestic lines only when asked, and its title says so.
        let chart = try database.run(["chart", "flows", "--destination", "CN"])
        #expect(chart.stdout.contains("<title id=\"fl-title\">Pipeline and LNG capacity crossing into China (CN), by project status (bcm/y)</title>"))
        #expect(!chart.stdout.contains("(domestic)"))
        // GEM's licence asks for credit wherever its data shows: in the picture itself.
        #expect(chart.stdout.contains("class=\"credit\">Data: Global Energy Monitor, Global Gas Infrastructure Tracker - "
                                      + "map file, 2024-10-06 release (CC BY 4.0)"), "\(chart.stdout.suffix(600))")
        let domestic = try database.run(["chart", "flows", "--destination", "CN", "--include-domestic"])
        #expect(domestic.stdout.contains("and domestic pipelines") && domestic.stdout.contains("(domestic)"))
    }
}
