import Foundation
import Testing
import TestSupport

/// Issue 11's "done when" questions, each one command, on a fresh database
/// with the seed and GEM's real map file (../shared) imported. Every answer
/// is checked against the same question asked of the file with the sqlite3
/// shell. One test, so that the 4,899 projects are imported once.
@Suite struct ProjectsGEMTests {
    static let map = SharedData.root.map { $0 + "/test-data/gem/ggit-map-2024-10-06.csv" }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, sql)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func doneWhenQuestionsOnTheMapFile() throws {
        let database = try QueryDatabase.withGEMMap(.seed).database

        // Pipelines crossing Türkiye in any role: each pipeline once (its
        // entity), however many of its rows cross it.
        let turkey = try database.records(["projects", "--country", "Türkiye", "--kind", "pipeline"])
        let expectedTurkey = try sqlite(database.path, """
            SELECT DISTINCT e.entity_id FROM project_route AS r JOIN projects AS p ON p.id = r.project_id
            JOIN project_entities AS e ON e.project_id = p.id
            WHERE r.country = 'TR' AND p.kind = 'pipeline' ORDER BY 1
            """).split(separator: "\n").map(String.init)
        #expect(turkey.compactMap { $0["id"] } == expectedTurkey)
        #expect(turkey.count > 30)
        let turkeyRows = try database.records(["projects", "--country", "Türkiye", "--kind", "pipeline", "--parts"])
        #expect(turkeyRows.count > turkey.count)
        #expect(turkeyRows.allSatisfy { row in
            ["origin", "transit", "destination"].contains { (row[$0] ?? "").components(separatedBy: "; ").contains("TR") }
        })
        #expect(Set(turkeyRows.compactMap { $0["entity"] }) == Set(expectedTurkey))
        #expect(turkey.contains { $0["name"] == "TurkStream Gas Pipeline" })
        #expect(turkey.contains { $0["id"] == "gem-blue-stream-gas-pipeline" && $0["owners"] == "Gazprom (50%); BOTAŞ; Eni" })
        #expect(try database.records(["projects", "--country", "Turkey", "--kind", "pipeline"]).count == turkey.count)
        let transit = try database.records(["projects", "--country", "turkey", "--role", "transit"])
        #expect(!transit.isEmpty && transit.allSatisfy { ($0["transit"] ?? "").contains("TR") })

        // Operating LNG terminals in a country.
        let egypt = try database.records(["projects", "--kind", "lng_terminal", "--status", "operating", "--country", "Egypt",
                                          "--parts"])
        #expect(egypt.count == Int(try sqlite(database.path, """
            SELECT count(*) FROM projects WHERE kind = 'lng_terminal' AND status = 'operating'
            AND id IN (SELECT project_id FROM project_route WHERE country = 'EG')
            """).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(egypt.count >= 3 && egypt.allSatisfy { $0["status"] == "operating" && $0["kind"] == "lng_terminal" })

        // Every terminal capacity the file gives (its own column, capacityinbcm/y,
        // counted by Python's csv) is a term; an export terminal's country is
        // its route's origin only, so its capacity flows into no country.
        let inFile = try ProcessRunner.python("""
            import csv, sys
            rows = csv.DictReader(open(sys.argv[1], encoding="utf-8"))
            print(sum(1 for r in rows if r["terminalname"].strip() and r["capacityinbcm/y"].strip()))
            """, arguments: [try #require(Self.map)])
        #expect(inFile.status == 0, "\(inFile.stderr)")
        #expect(try sqlite(database.path, """
            SELECT count(*) FROM terms AS t JOIN projects AS p ON p.id = t.project_id
            WHERE p.kind = 'lng_terminal' AND t.metric = 'capacity' AND t.unit = 'bcm/y'
            """) == inFile.stdout)
        let incheon = try database.records(["projects", "--kind", "lng_terminal", "--country", "KR", "--role", "destination"])
            .first { $0["name"] == "Incheon LNG Terminal" }
        #expect(incheon?["capacity_bcm_y"] == "74.12")
        #expect(try sqlite(database.path, """
            SELECT count(*) FROM projects AS p WHERE p.kind = 'lng_terminal' AND p.note LIKE '%export terminal%'
              AND EXISTS (SELECT 1 FROM project_route AS r WHERE r.project_id = p.id AND r.role <> 'origin')
            """) == "0\n")

        // A terminal's name in its own language (otherlanguagename) is found by search.
        let yungAn = try database.records(["search", "永安"])
        #expect(yungAn.contains { $0["id"] == "gem-yung-an-lng-terminal" }, "\(yungAn)")
        #expect(try sqlite(database.path, """
            SELECT count(*) FROM projects WHERE kind = 'lng_terminal' AND note LIKE '%also named %'
            """) == "287\n")

        // GEM's "unknown [25.50%]" and "other" are stakes without a party, never parties.
        #expect(try sqlite(database.path, "SELECT count(*) FROM parties WHERE lower(name) IN ('unknown', 'other')") == "0\n")
        #expect(try sqlite(database.path, """
            SELECT count(*) FROM project_owners WHERE lower(unnamed) IN ('unknown', 'other')
            """) == "762\n")
        let elba = try database.run(["show", "gem-elba-island-lng-terminal"])
        #expect(elba.stdout.contains("not named (the source says \"unknown\")  25.5%"), "\(elba.stdout)")

        // Everything BOTAŞ owns: the projects command, the named query and show agree.
        let owned = try database.records(["projects", "--owner", "BOTAŞ", "--parts"]).compactMap { $0["id"] }
        let expectedOwned = try sqlite(database.path,
            "SELECT DISTINCT project_id FROM project_owners WHERE party_id = 'botas' ORDER BY 1")
            .split(separator: "\n").map(String.init)
        #expect(owned == expectedOwned && owned.count > 20)
        #expect(try database.records(["query", "projects-by-owner", "-p", "party=BOTAŞ"]).compactMap { $0["project"] } == owned)
        #expect(try database.run(["show", "botas"]).stdout.contains("Projects owned (\(owned.count))"))

        // What Gazprom signed in 2025 (the seed's deals; GEM's projects are no agreements).
        let signed = try database.records(["list", "--party", "Gazprom", "--since", "2025", "--until", "2025"])
        #expect(Set(signed.compactMap { $0["id"] }) == ["pos2-gazprom-cnpc-2025", "pos2-mongolia-transit-2025"])

        // Power of Siberia 1's volume over time: by name, both capacities with their dates.
        let pos1 = try database.run(["show", "Power of Siberia 1"])
        #expect(pos1.status == 0, "\(pos1.stderr)")
        let capacity38 = try #require(pos1.stdout.range(of: "capacity: 38 bcm/y  [not_applicable, reported, public]  valid …–2025-09-02"))
        let capacity44 = try #require(pos1.stdout.range(of: "capacity: 44 bcm/y  [not_applicable, reported, public]  valid 2025-09-02–"))
        #expect(capacity38.lowerBound < capacity44.lowerBound)

        // Who finances Power of Siberia 2.
        let financing = try database.records(["query", "financing"]).first { $0["subject"] == "pos-2" }
        #expect(financing?["financing_status"]?.contains("Gazprom pays for the Russian section on its own") == true)
        #expect(try database.run(["show", "power of siberia 2"]).stdout.contains("financing: —"))

        // GEM's own spelling of a shared name is ambiguous and says so.
        let ambiguous = try database.run(["show", "Power of Siberia Gas Pipeline"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("project   gem-power-of-siberia-gas-pipeline-2"))
        #expect(try database.run(["show", "pos2"]).stderr.contains("did you mean \"pos-2\""))

        // One company under several spellings is one party (PartyNameKey),
        // each spelling kept as its alias; every spelling finds all its projects.
        for (first, second) in [("Qatar Energy", "QatarEnergy"), ("Eni", "Eni S.p.A."), ("GAIL", "GAIL (India) Limited"),
                                ("TotalEnergies", "TotalEnergies SE")] {
            let ids = try sqlite(database.path, """
                SELECT DISTINCT party_id FROM party_names WHERE name IN ('\(first)', '\(second)')
                """).split(separator: "\n")
            #expect(ids.count == 1, "\(first) / \(second): \(ids)")
        }
        let qatar = try sqlite(database.path, """
            SELECT count(DISTINCT project_id) FROM project_owners WHERE party_id = (SELECT party_id FROM party_names WHERE name = 'QatarEnergy')
            """)
        #expect(qatar == "79\n")
        for spelling in ["Qatar Energy", "QatarEnergy", "ｑａｔａｒ  ｅｎｅｒｇｙ"] {
            #expect(try database.records(["projects", "--owner", spelling, "--parts"]).count == 79, "\(spelling)")
        }
        #expect(try sqlite(database.path, "SELECT count(*) FROM parties") == "2232\n")
    }
}
