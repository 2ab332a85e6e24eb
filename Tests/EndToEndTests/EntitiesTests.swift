import Foundation
import Testing
import TestSupport

/// Entities, not rows (docs/GEM.md, "One pipeline, one project" and "One
/// project across files"): a pipeline GEM gives as several rows, the same
/// project in two GEM files, and a document's record linked to GEM's rows
/// are each counted once, in lists and in sums. First on the project's own
/// fixtures (Tests/Fixtures/gem/map-systems.csv, pipelines-systems.csv),
/// then on GEM's real files in ../shared.
@Suite struct EntitiesTests {
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/gem"
    static let gem = SharedData.root.map { $0 + "/test-data/gem" }

    private func imported(_ content: QueryDatabase.Content, _ files: [String]) throws -> QueryDatabase {
        let database = try QueryDatabase(content)
        for file in files {
            let result = try database.run(["import", "--from", "gem", file])
            guard result.status == 0 else { throw QueryDatabase.Failure(message: "\(file): \(result.stderr)") }
        }
        return database
    }

    /// Capacity and rows of each listed entity, by id.
    private func entities(_ database: QueryDatabase, _ arguments: [String] = []) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        for row in try database.records(["projects"] + arguments) {
            found[row["id"] ?? ""] = [row["capacity_bcm_y"] ?? "", row["rows"] ?? ""]
        }
        return found
    }

    private func destinations(_ database: QueryDatabase, _ arguments: [String] = []) throws -> [String: String] {
        var totals: [String: String] = [:]
        for row in try database.records(["query", "volumes-by-destination"] + arguments) {
            totals[row["destination"] ?? ""] = row["bcm_per_year"]
        }
        return totals
    }

    @Test func systemsOfSeveralRowsAreCountedOnce() throws {
        let database = try imported(.empty, [Self.fixtures + "/map-systems.csv"])
        #expect(try entities(database) == [
            "gem-alpha-trunk-line": ["20.0", "3"],        // a whole line and its two sections
            "gem-beta-strings": ["20.0", "2"],            // two strings side by side
            "gem-gamma-pipeline": ["10.7", "2"],          // 8 and an expansion of 2.7
            "gem-delta-export-line-2": ["30.0", "2"],     // the section into China counts, not its feeder
            "gem-epsilon-line": ["5.0", "1"],
            "gem-zeta-lng-terminal-t1": ["10.0", "2"],    // a terminal's two units
        ])
        // Epsilon runs within Türkiye: domestic, nothing crosses into it.
        #expect(try destinations(database) == ["CN": "60.0", "GE": "20.0", "ES": "10.7", "TR": "0.0"])
        #expect(try database.records(["query", "volumes-by-destination"]).first { $0["destination"] == "TR" }?["domestic"]
                == "5.0")
        let parts = try database.records(["projects", "--parts"])
        #expect(parts.count == 12)
        #expect(parts.first { $0["id"] == "gem-alpha-trunk-line-2" }.map { [$0["entity"], $0["part"]] }
                == [Optional("gem-alpha-trunk-line"), Optional("section")])
        #expect(parts.first { $0["id"] == "gem-gamma-pipeline-2" }?["part"] == "expansion")
        #expect(parts.first { $0["id"] == "gem-delta-export-line" }?["part"] == "section")

        // The flows chart credits GEM, as its licence asks, inside the picture.
        let chart = try database.run(["chart", "flows"])
        let credit = try #require(chart.stdout.split(separator: "\n").first { $0.contains("class=\"credit\"") })
        #expect(credit.contains("Global Energy Monitor") && credit.contains("CC BY 4.0"), "\(credit)")

        // show sets out the system with what each row adds and why.
        let shown = try database.run(["show", "gem-alpha-trunk-line-3"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Entity:    gem-alpha-trunk-line, one of 3 rows of one source"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  gem-alpha-trunk-line-3 [1]\n      section, operating, 20 bcm/y; a section of the whole line"),
                "\(shown.stdout)")
        #expect(shown.stdout.contains("a section of the whole line gem-alpha-trunk-line (its length fits"))

        // The same file again changes nothing, parts included.
        let again = try database.run(["import", "--from", "gem", Self.fixtures + "/map-systems.csv"])
        #expect(again.stdout.contains("projects: 0 created, 0 updated, 12 unchanged"), "\(again.stdout)")
        #expect(again.stdout.contains("matched to stored projects: 12 by the id of an earlier import"), "\(again.stdout)")
    }

    /// Rows stored as an older dealdb stored them (no identifiers, no parts:
    /// the import with DEALDB_BENCH_ROWS_ONLY) are matched by their ids on
    /// the next import and gain their parts; nothing is created twice.
    @Test func rowsImportedBeforeEntitiesGainThemOnTheNextImport() throws {
        let database = try QueryDatabase(.empty)
        let file = Self.fixtures + "/map-systems.csv"
        let old = try database.run(["import", "--from", "gem", file], environment: ["DEALDB_BENCH_ROWS_ONLY": "1"])
        #expect(old.status == 0 && old.stdout.contains("matched to stored projects: none"), "\(old.stdout)")
        #expect(try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM project_parts").stdout == "0\n")
        let again = try database.run(["import", "--from", "gem", file])
        #expect(again.stdout.contains("projects: 0 created, 12 updated"), "\(again.stdout)")
        #expect(again.stdout.contains("matched to stored projects: 12 by the id of an earlier import"))
        #expect(try entities(database)["gem-alpha-trunk-line"] == ["20.0", "3"])
    }

    @Test(arguments: [false, true])
    func aReleaseSheetUpdatesTheMapFilesProjects(releaseFirst: Bool) throws {
        let files = [Self.fixtures + "/map-systems.csv", Self.fixtures + "/pipelines-systems.csv"]
        let database = try imported(.empty, releaseFirst ? files.reversed() : files)
        // 12 rows of the map file and one pipeline only the release has.
        #expect(try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM projects").stdout == "13\n")
        #expect(try ProcessRunner.sqlite3(database.path, """
            SELECT count(*) FROM projects WHERE name = 'Gamma Pipeline'
            """).stdout == "2\n")
        // GEM's ids from the release are kept with the project, whichever came first.
        #expect(try ProcessRunner.sqlite3(database.path, """
            SELECT group_concat(value, ' ') FROM (SELECT value FROM project_identifiers AS i
            JOIN projects AS p ON p.id = i.project_id
            WHERE p.name = 'Gamma Pipeline' AND i.scheme = 'gem-project' ORDER BY value)
            """).stdout == "P9501 P9502\n")
        #expect(try entities(database, ["--country", "Algeria", "--role", "origin"]).count == 1)
        #expect(try destinations(database)["ES"] == "10.7")
        // Importing either file again makes no project; the last one again changes nothing.
        for file in files {
            let again = try database.run(["import", "--from", "gem", file])
            #expect(again.stdout.contains("projects: 0 created,"), "\(file): \(again.stdout)")
        }
        let last = try database.run(["import", "--from", "gem", files[1]])
        #expect(last.stdout.contains("projects: 0 created, 0 updated,"), "\(last.stdout)")
    }

    /// A document's record linked to GEM's rows (same_as) is one project
    /// with them, in either order of import; where they disagree, both stand.
    @Test(arguments: [false, true])
    func aDocumentLinkedToGEMsRowsStandsForThem(documentFirst: Bool) throws {
        let database = try QueryDatabase(.empty)
        let document = database.directory.file("delta.yaml")
        try """
            sources:
              - {id: delta-memo, title: "Delta memorandum", kind: news, published: "2024"}
            projects:
              - id: delta
                name: "Delta export line"
                kind: pipeline
                status: construction
                same_as:
                  - {scheme: gem-wiki, value: "https://example.org/Delta"}
                route:
                  - {country: RU, role: origin}
                  - {country: CN, role: destination}
                terms:
                  - {metric: capacity, value: 25, unit: bcm/y, status: agreed, evidence: reported, sources: [delta-memo]}
                sources: [delta-memo]
            """.write(toFile: document, atomically: true, encoding: .utf8)
        let steps = [["import", document], ["import", "--from", "gem", Self.fixtures + "/map-systems.csv"]]
        for step in documentFirst ? steps : steps.reversed() {
            let result = try database.run(step)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        // China: Alpha 20, the document's 25 for Delta (not GEM's 30), Zeta 10.
        #expect(try destinations(database)["CN"] == "55.0")
        let listed = try entities(database, ["--name", "delta"])
        #expect(listed == ["delta": ["25.0", "3"]])

        let shown = try database.run(["show", "delta"])
        #expect(shown.stdout.contains("Sources disagree"), "\(shown.stdout)")
        #expect(shown.stdout.contains("status: construction (delta [1])"), "\(shown.stdout)")
        #expect(shown.stdout.contains("vs proposed (gem-delta-export-line-2 [3])"), "\(shown.stdout)")
        let doctor = try database.run(["doctor"])
        #expect(doctor.status == 0, "a disagreement of sources is a note on the data")
        #expect(doctor.stdout.contains("project delta: sources-disagree: status construction (delta-memo), "
                                       + "but the same project is proposed in gem-delta-export-line-2 "
                                       + "(gem-wiki https://example.org/Delta)"), "\(doctor.stdout)")

        // Export and import into a new database: the link and the parts come back.
        let exported = database.directory.file("all.yaml")
        #expect(try database.run(["export", "--format", "yaml", "-o", exported]).status == 0)
        let copy = try QueryDatabase(.empty)
        let reimported = try copy.run(["import", exported])
        #expect(reimported.status == 0, "\(reimported.stderr)")
        #expect(try entities(copy) == entities(database))
        #expect(try destinations(copy) == destinations(database))
    }

    // MARK: GEM's real files

    private var mapFile: String { (Self.gem ?? "") + "/ggit-map-2024-10-06.csv" }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func theMapFilesPipelinesCountOnce() throws {
        let database = try QueryDatabase.withGEMMap(.empty).database
        let listed = try entities(database)
        // Its whole line, three sections, the 109 km branch drawn on one of
        // them, and a Heilongjiang network row GEM files under its page.
        #expect(listed["gem-china-russia-east-pipeline"] == ["38.0", "6"])
        #expect(listed["gem-power-of-siberia-gas-pipeline"] == ["38.0", "3"])
        #expect(listed["gem-central-asia-china-gas-pipeline"] == ["55.0", "4"])
        #expect(listed["gem-turkstream-gas-pipeline"] == ["31.5", "2"])
        #expect(listed["gem-medgaz-gas-pipeline"] == ["10.7", "2"])
        // A value the data-quality rules flag is no part of a pipeline's capacity:
        // Chongqing's network without its 208.19 bcm/y segment (237.81 with it).
        #expect(listed["gem-chongqing-gas-pipeline-network-3"] == ["29.62", "35"])
        // Rows of one wiki page are one entity: as many entities as pages, plus the rows without one.
        let pages = try ProcessRunner.python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
            kind = lambda r: "pipeline" if r["tracker-acro"].strip() or r["pipelinename"].strip() else "terminal"
            print(len({(kind(r), r["url"]) for r in rows if r["url"].strip()}) + sum(1 for r in rows if not r["url"].strip()))
            """, arguments: [mapFile])
        #expect(pages.status == 0, "\(pages.stderr)")
        #expect("\(listed.count)\n" == pages.stdout)

        // No volume query adds a section to its whole line: China–Russia East is 38 into China.
        let byProject = try database.records(["query", "volumes-by-project"])
            .filter { ($0["project"] ?? "").hasPrefix("gem-china-russia-east-pipeline") }
        #expect(byProject.compactMap { $0["project"] } == ["gem-china-russia-east-pipeline"], "\(byProject)")
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func theSeedsPowerOfSiberia2IsGEMs() throws {
        let database = try QueryDatabase.withGEMMap(.seed).database
        let china = try database.records(["query", "volumes-by-destination"]).first { $0["destination"] == "CN" }
        let counted = (china?["projects"] ?? "").components(separatedBy: "; ")
        #expect(counted.contains("pos-2") && counted.contains("pos-1") && counted.contains("far-eastern-route"))
        #expect(!counted.contains { $0.hasPrefix("gem-power-of-siberia-2-gas-pipeline") }, "\(counted)")
        #expect(!counted.contains("gem-sakhalin-khabarovsk-vladivostok-gas-pipeline-3"))

        let shown = try database.run(["show", "pos-2"])
        #expect(shown.stdout.contains("Sources disagree"))
        #expect(shown.stdout.contains("status: construction (pos-2 [1][2][3][4])"), "\(shown.stdout)")
        #expect(shown.stdout.contains("vs proposed (gem-power-of-siberia-2-gas-pipeline-3 ["), "\(shown.stdout)")
        let doctor = try database.run(["doctor"])
        #expect(doctor.status == 0, "a disagreement of sources is a note on the data")
        // Each source once, though the seed cites the article for three quotes.
        #expect(doctor.stdout.contains("project pos-2: sources-disagree: status construction "
            + "(pos2-sco-2025-article, sp-global-routes-graphic), but the same project is proposed in "
            + "gem-power-of-siberia-2-gas-pipeline "), "\(doctor.stdout)")
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's files are not read"),
          arguments: [false, true])
    func theAfricaSheetsAndTheMapFileInEitherOrder(sheetsFirst: Bool) throws {
        let sheets = ["gem-africa-gas-pipelines-2023-12.csv", "gem-africa-lng-terminals-2024-01.csv"].map { (Self.gem ?? "") + "/" + $0 }
        let files = sheetsFirst ? sheets + [mapFile] : [mapFile] + sheets
        let database = try imported(.empty, files)
        // The map file's 4,899 rows, and the 4 LNG units of the January 2024
        // sheet whose terminals (Greenville, Cap Lopez, Tendrara) the map file lacks.
        #expect(try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM projects").stdout == "4903\n")
        // Each Algerian pipeline and terminal once: as often as the map file lists its rows.
        let origin = try database.records(["projects", "--country", "Algeria", "--role", "origin", "--parts"])
        let inFile = try ProcessRunner.python("""
            import csv, sys
            rows = csv.DictReader(open(sys.argv[1], encoding="utf-8"))
            print(sum(1 for r in rows if r["areas"].split(",")[0].strip() == "Algeria"
                      and not (not r["tracker-acro"].strip() and r["type"].strip().lower() == "import")))
            """, arguments: [mapFile])
        #expect("\(origin.count)\n" == inFile.stdout, "\(origin.count)")
        #expect(Set(origin.compactMap { $0["id"] }).count == origin.count)
        for file in files {
            let again = try database.run(["import", "--from", "gem", file])
            #expect(again.stdout.contains("projects: 0 created,"), "\(file): \(again.stdout)")
        }
        let last = try database.run(["import", "--from", "gem", files[files.count - 1]])
        #expect(last.stdout.contains("projects: 0 created, 0 updated,"), "\(last.stdout)")
        #expect(try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM projects").stdout == "4903\n")
    }
}
