import Foundation
import Testing
import TestSupport

/// The report and the charts on a database the size of a whole tracker: GEM's
/// real map file (../shared, skipped with a notice when absent) and a
/// made-up file of our own in the same layout (Tests/Fixtures/gem/make_map.py).
/// The page stays under 2 MB (its map of every route included), no picture is wider or taller than 5,000 px,
/// no text runs past a picture's edge, and the seed's agreements are there
/// in full. Speed is measured by `make bench`, not here.
@Suite struct ReportScaleTests {

    private func pictures(_ path: String) throws -> [[String: Any]] {
        let result = try ProcessRunner.run("/usr/bin/env", [
            ProcessRunner.python3, SharedData.packageRoot + "/Tests/Fixtures/pictures/check_svgs.py", path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    private func expectReadable(_ path: String, count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try pictures(path)
        #expect(found.count == count, "\(path): \(found.count) pictures", sourceLocation: sourceLocation)
        for picture in found {
            let width = picture["width"] as? Double ?? .infinity, height = picture["height"] as? Double ?? .infinity
            #expect(width <= 5000 && height <= 5000, "\(path): a picture of \(width) x \(height) px",
                    sourceLocation: sourceLocation)
            let overflows = picture["overflows"] as? [Any] ?? []
            #expect(overflows.isEmpty, "\(path): texts past the edge: \(overflows.prefix(3))", sourceLocation: sourceLocation)
        }
    }

    /// Everything checked on one large database: the report, both charts at
    /// their defaults, and both charts with the project filters.
    private func check(_ database: QueryDatabase, country: String, owner: String) throws {
        let page = database.directory.file("report.html")
        let report = try database.run(["report", "-o", page])
        #expect(report.status == 0, "\(report.stderr)")
        let size = (try FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? .max
        #expect(size < 2_000_000, "the report is \(size) bytes")
        // The timeline, the flows and the map.
        try expectReadable(page, count: 3)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let agreements = try ProcessRunner.sqlite3(database.path, "SELECT id FROM agreements")
        #expect(agreements.status == 0 && agreements.stdout.split(separator: "\n").count >= 9, "\(agreements.stderr)")
        for agreement in agreements.stdout.split(separator: "\n") {
            #expect(html.contains("id=\"agreement-\(agreement)\""), "agreement \(agreement) is not in the report")
        }
        for heading in ["Projects by status", "Projects by country", "Top owners", "lanes (", "more destinations not shown"] {
            #expect(html.contains(heading), "the report lacks \(heading)")
        }

        let timeline = database.directory.file("timeline.svg"), flows = database.directory.file("flows.svg")
        #expect(try database.run(["chart", "timeline", "-o", timeline]).status == 0)
        #expect(try database.run(["chart", "flows", "-o", flows]).status == 0)
        try expectReadable(timeline, count: 1)
        try expectReadable(flows, count: 1)
        let map = database.directory.file("map.svg")
        #expect(try database.run(["chart", "map", "-o", map]).status == 0)
        try expectReadable(map, count: 1)
        let timelineTexts = PictureTools.texts(try PictureTools.inspect(timeline))
        #expect(timelineTexts.contains { $0.contains("more lanes") && $0.contains("not shown") })
        #expect(PictureTools.count(try PictureTools.inspect(timeline), "lane") == 40)
        let flowSummary = try PictureTools.inspect(flows)
        #expect(PictureTools.count(flowSummary, "destination") == 16)
        #expect(PictureTools.texts(flowSummary).contains { $0.hasPrefix("Other destinations (") })

        // The filters of `projects` narrow the charts, through the same resolver.
        let narrowed = database.directory.file("narrowed.svg")
        let byCountry = try database.run(["chart", "timeline", "--country", country, "--status", "operating",
                                          "--kind", "pipeline", "--limit", "5", "-o", narrowed])
        #expect(byCountry.status == 0, "\(byCountry.stderr)")
        #expect(PictureTools.count(try PictureTools.inspect(narrowed), "lane") == 5)
        let byOwner = try database.run(["chart", "flows", "--owner", owner, "--limit", "3", "-o", narrowed])
        #expect(byOwner.status == 0, "\(byOwner.stderr)")
        #expect((1...4).contains(PictureTools.count(try PictureTools.inspect(narrowed), "destination")))
        try expectReadable(narrowed, count: 1)
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func realMapFile() throws {
        let database = try QueryDatabase.withGEMMap(.seed).database
        try check(database, country: "Turkey", owner: "BOTAŞ")
    }

    @Test func generatedTrackerFile() throws {
        let database = try QueryDatabase(.seed)
        let file = database.directory.file("map.csv")
        let made = try ProcessRunner.run("/usr/bin/env", [
            ProcessRunner.python3, SharedData.packageRoot + "/Tests/Fixtures/gem/make_map.py", "5000", file,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let imported = try database.run(["import", "--from", "gem", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        try check(database, country: "china", owner: "Acme Gas")
    }
}

/// The chart flags of issue 11 on the seed: filters, --limit and --all.
@Suite struct ChartSelectionTests {
    @Test func filtersLimitsAndUsageErrors() throws {
        let database = try QueryDatabase(.seed)
        let path = database.directory.file("chart.svg")
        #expect(try database.run(["chart", "flows", "--country", "Mongolia", "-o", path]).status == 0)
        let mongolia = try PictureTools.inspect(path)
        #expect(PictureTools.texts(mongolia).contains("50 bcm/y"))
        #expect(PictureTools.count(mongolia, "segment") == 1)
        #expect(try database.run(["chart", "timeline", "--status", "operating", "--limit", "1", "-o", path]).status == 0)
        let operating = try PictureOutput(path)
        #expect(operating.lanes == 1)
        #expect(try database.run(["chart", "timeline", "--all", "-o", path]).status == 0)
        #expect(try PictureOutput(path).lanes == 4)
        let lanes = try database.run(["chart", "timeline", "--limit", "2", "-o", path])
        #expect(lanes.status == 0)
        #expect(PictureTools.texts(try PictureTools.inspect(path)).contains { $0.hasPrefix("2 more lanes") })

        for arguments in [["timeline", "--limit", "0"], ["flows", "--all", "--limit", "3"], ["flows", "--status", "opreating"]] {
            let result = try database.run(["chart"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        }
        let unknown = try database.run(["chart", "flows", "--owner", "Nobody Such"])
        #expect(unknown.status == 1 && unknown.stderr.contains("Nobody Such"), "\(unknown.stderr)")
    }

    /// What the picture tests need of an SVG file.
    struct PictureOutput {
        let lanes: Int
        init(_ path: String) throws { lanes = PictureTools.count(try PictureTools.inspect(path), "lane") }
    }
}
