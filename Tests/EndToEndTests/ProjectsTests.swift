import Foundation
import Testing
import TestSupport

/// `dealdb projects` and `dealdb parties` on the seed plus a small GEM map
/// file of our own (Tests/Fixtures/projects/map-projects.csv): eleven made-up
/// pipelines and LNG terminals with owners, parents, capacities and years.
@Suite struct ProjectsTests {
    static let fixture = SharedData.packageRoot + "/Tests/Fixtures/projects/map-projects.csv"

    /// The seed with the fixture imported.
    static func database() throws -> QueryDatabase {
        let database = try QueryDatabase(.seed)
        let imported = try database.run(["import", "--from", "gem", fixture])
        guard imported.status == 0 else { throw QueryDatabase.Failure(message: imported.stderr) }
        return database
    }

    static func ids(_ database: QueryDatabase, _ arguments: [String]) throws -> [String] {
        try database.records(["projects"] + arguments).compactMap { $0["id"] }
    }

    @Test func columnsAreTheContract() throws {
        let database = try Self.database()
        let result = try database.run(["projects", "--format", "csv", "--name", "black sea"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Parsers.csv(result.stdout)
        #expect(rows.first == ["id", "name", "kind", "status", "origin", "transit", "destination",
                               "capacity_bcm_y", "length_km", "start_year", "owners", "rows"])
        #expect(rows.dropFirst().first == ["gem-black-sea-line", "Black Sea Line", "pipeline", "operating", "RU", "", "TR",
                                           "16.0", "1213.0", "2003", "Gazprom (50%); BOTAŞ (50%)", "1"])
        // --parts: every row, with its entity and part instead of rows.
        let parts = try Parsers.csv(try database.run(["projects", "--format", "csv", "--name", "black sea", "--parts"]).stdout)
        #expect(parts.first?.suffix(3) == ["owners", "entity", "part"])
        #expect(parts.dropFirst().first?.suffix(2) == ["gem-black-sea-line", ""])
        let persian = try database.records(["projects", "--name", "persian"])
        #expect(persian.first?["origin"] == "IR" && persian.first?["transit"] == "TR" && persian.first?["destination"] == "GR")
        #expect(persian.first?["start_year"] == "")
        // A route with several transit countries joins them with "; ".
        let seed = try database.records(["projects", "--name", "Power of Siberia 2"])
        #expect(seed.map { [$0["id"] ?? "", $0["transit"] ?? "", $0["capacity_bcm_y"] ?? ""] } == [["pos-2", "MN", "50.0"]])
    }

    @Test func countryInEveryRoleAndByAnyName() throws {
        let database = try Self.database()
        let all = ["gem-anatolia-domestic-line", "gem-black-sea-line", "gem-persian-line", "gem-trans-anatolian-line"]
        for name in ["TR", "tr", "Türkiye", "türkiye", "TURKIYE", "Turkey", "turkey", "Republic of Turkey"] {
            #expect(try Self.ids(database, ["--country", name]) == all, "\(name)")
        }
        #expect(try Self.ids(database, ["--country", "Turkey", "--role", "any"]) == all)
        #expect(try Self.ids(database, ["--country", "Turkey", "--role", "transit"]) == ["gem-persian-line"])
        #expect(try Self.ids(database, ["--country", "Turkey", "--role", "origin"]) == ["gem-anatolia-domestic-line"])
        #expect(try Self.ids(database, ["--country", "Turkey", "--role", "destination"])
            == ["gem-anatolia-domestic-line", "gem-black-sea-line", "gem-trans-anatolian-line"])
        #expect(try Self.ids(database, ["--country", "Russia", "--role", "origin", "--status", "operating"])
            == ["gem-black-sea-line", "gem-siberia-east-line", "pos-1"])
        #expect(try Self.ids(database, ["--country", "Korea"]) == ["gem-korea-coast-lng-terminal"])
        #expect(try Self.ids(database, ["--country", "Czech Republic"]) == ["gem-bohemia-line"])
        #expect(try Self.ids(database, ["--country", "Iran"]) == ["gem-persian-line"])
        #expect(try Self.ids(database, ["--country", "Persia"]) == ["gem-persian-line"])
        #expect(try Self.ids(database, ["--country", "Slovak Republic"]) == ["gem-bohemia-line"])
    }

    @Test func unknownCountrySuggestsAndRoleNeedsACountry() throws {
        let database = try Self.database()
        let typo = try database.run(["projects", "--country", "Turky"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("unknown country \"Turky\"") && typo.stderr.contains("did you mean \"Turkey\""), "\(typo.stderr)")
        #expect(typo.stdout.isEmpty)
        let roleAlone = try database.run(["projects", "--role", "transit"])
        #expect(roleAlone.status == 64)
        #expect(roleAlone.stderr.contains("--role needs --country"))
        let badRole = try database.run(["projects", "--country", "TR", "--role", "via"])
        #expect(badRole.status == 64)
    }

    @Test func statusKindAndCommodity() throws {
        let database = try Self.database()
        #expect(try Self.ids(database, ["--kind", "lng_terminal", "--status", "operating", "--country", "Egypt"])
            == ["gem-nile-lng-terminal-t1"])
        #expect(try Self.ids(database, ["--kind", "lng_terminal", "--country", "EG", "--status", "operating", "--status", "proposed"])
            == ["gem-delta-fsru", "gem-nile-lng-terminal-t1"])
        #expect(try Self.ids(database, ["--kind", "lng_terminal", "--status", "retired"]) == ["gem-old-port-lng-terminal"])
        let gas = try Self.ids(database, ["--commodity", "gas", "--kind", "pipeline", "--country", "CN"])
        #expect(gas == ["far-eastern-route", "gem-eastern-line", "gem-siberia-east-line", "pos-1", "pos-2"])
        for (arguments, message) in [(["--status", "operatin"], "did you mean \"operating\""),
                                     (["--kind", "pipe"], "unknown project kind \"pipe\""),
                                     (["--commodity", "gass"], "did you mean \"gas\"")] {
            let result = try database.run(["projects"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test func ownerDirectlyThroughAParentByAliasAndInAnyCase() throws {
        let database = try Self.database()
        let botas = ["gem-anatolia-domestic-line", "gem-black-sea-line", "gem-trans-anatolian-line"]
        for name in ["BOTAŞ", "botaş", "botas"] {
            #expect(try Self.ids(database, ["--owner", name]) == botas, "\(name)")
        }
        // BOTAŞ is only a parent of the Trans-Anatolian Line (its owner is TANAP Company).
        #expect(try database.records(["projects", "--owner", "botas", "--name", "trans-anatolian"]).first?["owners"]
            == "TANAP Company (100%)")
        // CNPC's alias, in Chinese, reaches the project GEM lists under it.
        #expect(try Self.ids(database, ["--owner", "中国石油天然气集团有限公司"]) == ["gem-eastern-line"])
        #expect(try Self.ids(database, ["--owner", "cnpc"]) == ["gem-eastern-line"])
        // Each --owner must own the project.
        #expect(try Self.ids(database, ["--owner", "Gazprom", "--owner", "BOTAŞ"]) == ["gem-black-sea-line"])
        let unknown = try database.run(["projects", "--owner", "Gazprm"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean \"Gazprom\""), "\(unknown.stderr)")
    }

    @Test func nameCapacityAndYears() throws {
        let database = try Self.database()
        #expect(try Self.ids(database, ["--name", "LINE", "--country", "RU"]) == ["gem-black-sea-line", "gem-siberia-east-line"])
        #expect(try Self.ids(database, ["--name", "power of siberia"]) == ["pos-1", "pos-2"])
        #expect(try Self.ids(database, ["--name", "pos-"]) == ["pos-1", "pos-2"])
        #expect(try Self.ids(database, ["--name", "nothing like this"]) == [])
        #expect(try Self.ids(database, ["--min-capacity", "38"]) == ["gem-persian-line", "gem-siberia-east-line", "pos-1", "pos-2"])
        // pos-1's capacity is the latest of its dated terms: 44 since 2025.
        #expect(try database.records(["projects", "--name", "power of siberia 1"]).first?["capacity_bcm_y"] == "44.0")
        #expect(try Self.ids(database, ["--min-capacity", "40.5"]) == ["pos-1", "pos-2"])
        #expect(try Self.ids(database, ["--since", "2019"])
            == ["gem-anatolia-domestic-line", "gem-delta-fsru", "gem-eastern-line", "gem-siberia-east-line", "pos-1"])
        #expect(try Self.ids(database, ["--until", "2003"])
            == ["gem-black-sea-line", "gem-korea-coast-lng-terminal", "gem-old-port-lng-terminal"])
        #expect(try Self.ids(database, ["--since", "2005", "--until", "2011"]) == ["gem-bohemia-line", "gem-nile-lng-terminal-t1"])
        for arguments in [["--since", "2020", "--until", "2010"], ["--min-capacity", "-1"], ["--name", " "],
                          ["--limit", "-1"], ["--since", "soon"]] {
            let result = try database.run(["projects"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
    }

    @Test func limitShowSQLAndEveryFormat() throws {
        let database = try Self.database()
        #expect(try Self.ids(database, ["--limit", "2"]) == ["far-eastern-route", "gem-anatolia-domestic-line"])
        #expect(try Self.ids(database, ["--limit", "0"]) == [])
        let shown = try database.run(["projects", "--country", "Turkey", "--owner", "botas", "--show-sql", "--format", "csv"])
        #expect(shown.status == 0)
        #expect(shown.stderr.contains("FROM entity_overview AS p"))
        #expect(shown.stderr.contains(":pf_countries = '[\"TR\"]'"), "\(shown.stderr)")
        #expect(shown.stderr.contains(":pf_owner_1 = '[\"botas\"]'"))
        // User text never reaches the SQL itself.
        #expect(!shown.stderr.contains("Turkey"))

        let json = try database.run(["projects", "--country", "EG", "--format", "json"])
        let objects = try #require(try Parsers.json(json.stdout) as? [[String: Any]])
        #expect(objects.count == 3)
        #expect(objects.first?["start_year"] as? Int == 2028)
        let ndjson = try database.run(["projects", "--country", "EG", "--format", "ndjson"])
        #expect(ndjson.stdout.split(separator: "\n").count == 3)
        let tsv = try database.run(["projects", "--country", "EG", "--format", "tsv"])
        #expect(try Parsers.csv(tsv.stdout, delimiter: "\t").count == 4)
        let markdown = try database.run(["projects", "--country", "EG", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("| id "))
        let table = try database.run(["projects", "--country", "EG", "--format", "table"])
        #expect(table.stdout.contains("gem-delta-fsru") && table.stdout.contains("EGAS (100%)"))
    }

    @Test func partiesListsCountsAndFilters() throws {
        let database = try Self.database()
        let result = try database.run(["parties", "--format", "csv", "--name", "gazprom"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Parsers.csv(result.stdout)
        #expect(rows.first == ["id", "name", "kind", "country", "agreements", "projects_owned"])
        #expect(rows.dropFirst().first == ["gazprom", "Gazprom", "state_company", "RU", "5", "2"])
        // Names, aliases and ids, ignoring case and accents.
        #expect(try database.records(["parties", "--name", "botas"]).map { $0["projects_owned"] } == ["3"])
        #expect(try database.records(["parties", "--name", "天然气"]).compactMap { $0["id"] } == ["cnpc"])
        #expect(try database.records(["parties", "--name", "NORTH"]).isEmpty)
        let chinese = try database.records(["parties", "--country", "China", "--kind", "state_company"])
        #expect(chinese.compactMap { $0["id"] }.contains("cnpc"))
        #expect(chinese.allSatisfy { $0["country"] == "CN" && $0["kind"] == "state_company" })
        #expect(try database.records(["parties", "--country", "Mongolia", "--limit", "1"]).count == 1)
        let badKind = try database.run(["parties", "--kind", "bankk"])
        #expect(badKind.status == 64)
        #expect(badKind.stderr.contains("did you mean \"bank\""))
        let badCountry = try database.run(["parties", "--country", "Mongolai"])
        #expect(badCountry.status == 1)
        #expect(badCountry.stderr.contains("did you mean \"Mongolia\""))
        let json = try database.run(["parties", "--name", "gazprom", "--format", "json"])
        #expect((try Parsers.json(json.stdout) as? [[String: Any]])?.first?["agreements"] as? Int == 5)
    }

    @Test func listCountryTakesTheSameNames() throws {
        let database = try QueryDatabase(.seed)
        let byCode = try database.records(["list", "--country", "MN"])
        #expect(!byCode.isEmpty)
        #expect(try database.records(["list", "--country", "mongolia"]) == byCode)
        let russia = try database.records(["list", "--country", "RU"])
        #expect(try database.records(["list", "--country", "Russia"]) == russia)
        let typo = try database.run(["list", "--country", "Rusia"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean \"Russia\""), "\(typo.stderr)")

        // chart flows --destination resolves countries the same way.
        let directory = try TemporaryDirectory()
        let byName = try database.run(["chart", "flows", "--destination", "People's Republic of China", "-o", directory.file("a.svg")])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(try database.run(["chart", "flows", "--destination", "cn", "-o", directory.file("b.svg")]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("a.svg")))
            == Data(contentsOf: URL(fileURLWithPath: directory.file("b.svg"))))
        let unknown = try database.run(["chart", "flows", "--destination", "Chna", "-o", directory.file("c.svg")])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean \"China\""))
    }

    @Test func projectsByOwnerQuery() throws {
        let database = try Self.database()
        let rows = try database.records(["query", "projects-by-owner", "-p", "party=BOTAŞ"])
        #expect(rows.map { [$0["project"] ?? "", $0["share"] ?? "", $0["via_parent"] ?? "", $0["countries"] ?? ""] } == [
            ["gem-anatolia-domestic-line", "100.0", "no", "TR"],
            ["gem-black-sea-line", "50.0", "no", "RU; TR"],
            ["gem-trans-anatolian-line", "30.0", "yes", "AZ; GE; TR"],
        ])
        #expect(Array(rows.first?.keys.sorted() ?? []) == ["countries", "kind", "name", "project", "share", "status", "via_parent"])
        let missing = try database.run(["query", "projects-by-owner"])
        #expect(missing.status == 64)
        let unknown = try database.run(["query", "projects-by-owner", "-p", "party=Botax"])
        #expect(unknown.status == 1)
    }
}
