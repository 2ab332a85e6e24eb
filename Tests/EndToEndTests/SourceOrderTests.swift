import Foundation
import Testing
import TestSupport

/// Orders the sources give: transit countries along the route, and events
/// whose dates are too coarse to order them in the order they are listed.
@Suite struct SourceOrderTests {
    @Test func transitCountriesFollowTheRoute() throws {
        let database = try QueryDatabase(.empty)
        #expect(try database.run(["import", SharedData.packageRoot + "/Tests/Fixtures/queries/route-order.yaml"]).status == 0)
        let rows = try database.records(["query", "transit-countries"])
        #expect(rows.map { $0["country"] ?? "" } == ["FI", "SE", "DK"], "\(rows)")
        #expect(rows.first.map { Array($0.keys).sorted() } == ["agreements", "country", "country_name", "project"])
        let one = try database.records(["query", "transit-countries", "-p", "project=baltic-test"])
        #expect(one.map { $0["country"] ?? "" } == ["FI", "SE", "DK"])
        // The sqlite3 shell runs the query file as it is.
        let sql = try String(contentsOfFile: SharedData.packageRoot + "/queries/transit-countries.sql", encoding: .utf8)
        // On stdin: as an argument, the file's leading "--" comment reads as an option.
        let shell = try ProcessRunner.run("/usr/bin/env", ["sqlite3", "-csv", "-cmd", ".parameter set :project NULL", database.path],
                                          stdin: Data(sql.utf8))
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(try Parsers.csv(shell.stdout).map { $0.count > 1 ? $0[1] : "" } == ["FI", "SE", "DK"], "\(shell.stdout)")
    }

    /// The seed lists the spokesperson declining to confirm PoS-2 (dated
    /// only 2025) after Miller's announcement of 2 September 2025.
    @Test func coarseDatesKeepTheSourcesOrder() throws {
        let database = try QueryDatabase(.seed)
        let announced = "Miller announces the legally binding Gazprom-CNPC memorandum on Power of Siberia 2"
        let declined = "Chinese Foreign Ministry spokesperson declines to confirm the PoS-2 deal"

        let timeline = try database.records(["query", "timeline", "-p", "project=pos-2"]).compactMap { $0["title"] }
        let a = try #require(timeline.firstIndex(of: announced)), d = try #require(timeline.firstIndex(of: declined))
        #expect(a < d, "\(timeline)")
        // Known-year items listed before any finer date of their year stay first.
        #expect(timeline.firstIndex(of: "Gazprom and Mongolia sign the PoS-2 transit memorandum, just before the SCO summit")! < a)

        let shown = try database.run(["show", "pos-2"])
        #expect(shown.status == 0)
        let lines = shown.stdout.components(separatedBy: "\n")
        let showA = try #require(lines.firstIndex { $0.contains(announced) })
        let showD = try #require(lines.firstIndex { $0.contains(declined) })
        #expect(showA < showD, "\(shown.stdout)")
        // show and the timeline query agree on the order of pos-2's events.
        let events = try database.records(["query", "timeline", "-p", "project=pos-2"])
            .filter { $0["kind"] != "signing" }.compactMap { $0["title"] }
        let showEvents = lines.drop { $0 != "Timeline" }.dropFirst().prefix { !$0.isEmpty }
        #expect(events.count == showEvents.count)
        #expect(zip(events, showEvents).allSatisfy { $1.contains($0) }, "\(events)\n\(showEvents)")

        // The chart reads the same way: the declining comes a row below the announcement.
        let svg = database.directory.file("timeline.svg")
        #expect(try database.run(["chart", "timeline", "--project", "pos-2", "-o", svg]).status == 0)
        let rows = try ProcessRunner.python("""
            import sys, xml.etree.ElementTree as ET
            ns = '{http://www.w3.org/2000/svg}'
            for t in ET.parse(sys.argv[1]).iter(ns + 'text'):
                if t.get('class') == 'label': print(t.get('y') + '\\t' + ''.join(t.itertext()))
            """, arguments: [svg])
        let labels = rows.stdout.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        let yA = try #require(labels.first { $0.last?.contains("Miller announces") == true }?.first.flatMap(Double.init))
        let yD = try #require(labels.first { $0.last?.contains("declines to confirm") == true }?.first.flatMap(Double.init))
        #expect(yA < yD, "\(rows.stdout)")

        // An exported document keeps the order, so a rebuild keeps it too.
        let exported = try database.run(["export", "--format", "json"])
        let document = try Parsers.json(exported.stdout) as? [String: Any]
        let exportedEvents = (document?["events"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(try #require(exportedEvents.firstIndex(of: announced)) < (try #require(exportedEvents.firstIndex(of: declined))))
    }
}
