import Foundation
import Testing
import TestSupport

/// `dealdb import --from gem` on the real GEM files in ../shared, as the
/// user runs it.
@Suite struct GEMEndToEndTests {
    static let gem = SharedData.root.map { $0 + "/test-data/gem" }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, sql)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> String {
        let path = directory.file("deals.db")
        let result = try ProcessRunner.dealdb(["init", "--db", path, "--seed"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func sharedMapFile() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        let file = try #require(Self.gem) + "/ggit-map-2024-10-06.csv"
        let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("projects: 4899 created, 0 updated"))

        #expect(try sqlite(path, "SELECT kind, count(*) FROM projects WHERE id LIKE 'gem-%' GROUP BY kind ORDER BY kind")
            == "lng_terminal|1295\npipeline|3604\n")
        #expect(try sqlite(path, "SELECT coalesce(status, '-'), count(*) FROM projects WHERE id LIKE 'gem-%' GROUP BY 1 ORDER BY 1")
            == "-|1\ncancelled|495\nconstruction|379\nidle|18\nmothballed|23\noperating|2834\nproposed|945\nretired|33\nshelved|171\n")

        // Power of Siberia 2: two sections, two capacities, both kept.
        #expect(try sqlite(path, """
            SELECT p.id, group_concat(r.country, '>'), t.value FROM projects AS p
            JOIN project_route AS r ON r.project_id = p.id
            JOIN terms AS t ON t.project_id = p.id AND t.metric = 'capacity'
            WHERE p.name = 'Power of Siberia 2 Gas Pipeline' GROUP BY p.id ORDER BY p.id
            """) == "gem-power-of-siberia-2-gas-pipeline|RU>RU|80.0\ngem-power-of-siberia-2-gas-pipeline-3|RU>MN>CN|50.0\n")
        let transit = try ProcessRunner.dealdb(["query", "--db", path, "transit-countries", "--format", "csv",
                                                "-p", "project=gem-power-of-siberia-2-gas-pipeline-3"])
        #expect(transit.stdout == "project,country,country_name,agreements\r\ngem-power-of-siberia-2-gas-pipeline-3,MN,Mongolia,\r\n")

        // Owners with shares; Gazprom is the seed's party.
        #expect(try sqlite(path, """
            SELECT level, party_id, share FROM project_owners WHERE project_id = 'gem-power-of-siberia-2-gas-pipeline-3' ORDER BY level
            """) == "owner|gazprom|100.0\nparent|gazprom|100.0\n")
        #expect(try sqlite(path, "SELECT count(*) FROM project_owners WHERE share IS NULL") != "0\n")
        #expect(try sqlite(path, "SELECT published, url IS NOT NULL FROM sources WHERE id = 'gem-ggit-map-2024-10-06'")
            == "2024-10-06|1\n")

        // Idempotent: the same file again changes no counts.
        let counts = "SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM terms), (SELECT count(*) FROM parties), (SELECT count(*) FROM project_owners), (SELECT count(*) FROM events), (SELECT count(*) FROM citations)"
        let before = try sqlite(path, counts)
        let again = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", file])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("projects: 0 created, 0 updated, 4899 unchanged"), "\(again.stdout)")
        #expect(try sqlite(path, counts) == before)
        #expect(try sqlite(path, "PRAGMA foreign_key_check; PRAGMA integrity_check") == "ok\n")
        #expect(try ProcessRunner.dealdb(["search", "--db", path, "Soyuz", "--format", "csv"]).stdout.contains("gem-soyuz-gas-pipeline"))
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func sharedReleaseSheets() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        let root = try #require(Self.gem)
        for (file, count) in [("gem-africa-gas-pipelines-2023-12.csv", 156), ("gem-africa-lng-terminals-2024-01.csv", 119)] {
            let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", root + "/" + file])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.contains("projects: \(count) created"), "\(result.stdout)")
        }
        #expect(try sqlite(path, "SELECT group_concat(country, '>') FROM project_route WHERE project_id = 'gem-p3985'") == "LY>LY\n")
        let costUnits = try sqlite(path, "SELECT DISTINCT unit FROM terms WHERE metric = 'cost' AND project_id LIKE 'gem-%' ORDER BY 1")
            .split(separator: "\n")
        #expect(!costUnits.isEmpty && costUnits.allSatisfy { $0.count == 3 }, "\(costUnits)")
    }

    /// The oil and gas plant tracker's map file: every unit a power plant,
    /// the units of one wiki page one plant (as many plants as Python's csv
    /// finds distinct pages), the two shares of 200 % kept without a share.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func sharedPlantMapFile() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        let file = try #require(Self.gem) + "/gogpt-map-2024-08-29.csv"
        let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("projects: 12436 created, 0 updated"), "\(result.stdout)")
        let pages = try ProcessRunner.python("""
            import csv, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
                print(len({row["url"] for row in csv.DictReader(handle)}))
            """, arguments: [file])
        #expect(pages.stdout == "5441\n")
        #expect(try sqlite(path, "SELECT count(*) FROM entity_overview WHERE kind = 'power_plant'") == pages.stdout)
        #expect(try sqlite(path, "SELECT count(*) FROM quality_notes WHERE rule = 'owner-shares'") == "2\n")
        #expect(try sqlite(path, "SELECT count(*) FROM terms WHERE unit = 'MW' AND bcm_per_year IS NULL") == "12436\n")
        // Findable by name and country, as any project.
        let found = try ProcessRunner.dealdb(["projects", "--db", path, "--kind", "power_plant", "--country", "Albania",
                                              "--name", "vlora", "--format", "csv"])
        #expect(found.stdout.contains("gem-vlora-power-station-1,Vlora power station,power_plant,proposed,AL,,AL,"), "\(found.stdout)")
        // The gas figures are the pipelines' and terminals' alone.
        #expect(try sqlite(path, "SELECT count(*) FROM counted_projects AS c JOIN terms AS t ON t.project_id = c.id WHERE c.kind = 'power_plant' AND t.bcm_per_year IS NOT NULL") == "0\n")
    }

    @Test func ownFixtureBadRowsExitWithTheirLines() throws {
        let directory = try TemporaryDirectory()
        let path = try seeded(directory)
        let file = SharedData.packageRoot + "/Tests/Fixtures/gem/map-bad.csv"
        let result = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", file])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("dealdb: 6 problems in \(file); nothing was imported\n  \(file):3: areas: unknown country \"Atlantis\"\n"))
        let skipped = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", "--skip-bad-rows", file])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.hasPrefix("dealdb: skipped 5 bad rows:\n"))
        #expect(try sqlite(path, "SELECT id FROM projects WHERE id LIKE 'gem-%'") == "gem-good-line\n")
    }
}
