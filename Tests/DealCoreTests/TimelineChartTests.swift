import Foundation
import Testing
import TestSupport
@testable import DealCore

/// A seeded database in its own directory, and Python's XML parser to read
/// the SVG we draw from it.
final class PictureFixture {
    let directory: TemporaryDirectory
    let store: DealStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
    }

    /// What Tests/Fixtures/pictures/inspect_svg.py finds in `svg`: it fails
    /// unless Python's XML parser accepts the text.
    func inspect(_ svg: String) throws -> SVGSummary {
        let path = directory.file("picture-\(UUID().uuidString).svg")
        try Data(svg.utf8).write(to: URL(fileURLWithPath: path))
        let result = try ProcessRunner.run("/usr/bin/env", [
            ProcessRunner.python3, SharedData.packageRoot + "/Tests/Fixtures/pictures/inspect_svg.py", path,
        ])
        guard result.status == 0 else { throw PictureTestFailure(message: "\(path): \(result.stderr)") }
        return try JSONDecoder().decode(SVGSummary.self, from: Data(result.stdout.utf8))
    }
}

struct PictureTestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

struct SVGSummary: Decodable {
    let viewBox: String?
    let texts: [String]
    let smallestFont: Double?
    let classes: [String: Int]
    let fontFamily: String?

    func count(_ className: String) -> Int { classes[className] ?? 0 }
}

@Suite struct TimelineChartTests {
    @Test func seedLanesFollowTheTimelineQuery() throws {
        let fixture = try PictureFixture()
        let lanes = try TimelineLane.load(from: fixture.store, options: TimelineOptions())
        #expect(lanes.map(\.name) == ["Power of Siberia 2 (pos-2)", "Power of Siberia 1 (pos-1)",
                                      "Far Eastern route (far-eastern-route)", "Not tied to a project"])
        let query = try QueryRows.builtIn("timeline", store: fixture.store)
        #expect(lanes.flatMap(\.items).count == query.rows.count)
        // PoS-2 includes the 2025 report that Gazprom is already building a 410 km stretch.
        #expect(lanes[0].items.count == 10)
        #expect(lanes[2].items.contains { $0.kind == .planned && $0.date == "2027" })
    }

    @Test func lanesPerPartyAndProjectAndSince() throws {
        let fixture = try PictureFixture()
        let byParty = try TimelineLane.load(from: fixture.store, options: TimelineOptions(parties: ["Mongolia", "CNPC"]))
        #expect(byParty.map(\.name) == ["Government of Mongolia (gov-mn)", "China National Petroleum Corporation (cnpc)"])
        #expect(byParty[0].items.map(\.date) == ["2025", "2025"])
        let byProject = try TimelineLane.load(from: fixture.store,
                                              options: TimelineOptions(projects: ["Power of Siberia 1", "pos-1"], since: "2019"))
        #expect(byProject.count == 1)
        // The PoS-1 expansion is dated from its reporting day (public reporting).
        #expect(byProject[0].items.map(\.date) == ["2019-12-02", "2025-09-02"])
        #expect(throws: DealError.self) { try TimelineLane.load(from: fixture.store, options: TimelineOptions(since: "2019-13")) }
        #expect(throws: DealError.self) { try TimelineLane.load(from: fixture.store, options: TimelineOptions(projects: ["pos-9"])) }
    }

    @Test func datesBecomeSpansOrPoints() {
        func item(_ date: String) -> TimelineItem {
            TimelineItem(date: date, kind: .event, title: "", agreement: nil, project: nil)
        }
        #expect(item("2025").span.start == 2025 && item("2025").span.end == 2026 && !item("2025").span.isPoint)
        let month = item("2025-07").span
        #expect(month.start == 2025.5 && abs(month.end - (2025 + 7.0 / 12)) < 1e-9 && !month.isPoint)
        let day = item("2024-12-31").span
        #expect(day.isPoint && day.start > 2024.99 && day.start < 2025)
    }

    @Test func svgHoldsOneMarkAndLabelPerItem() throws {
        let fixture = try PictureFixture()
        let lanes = try TimelineLane.load(from: fixture.store, options: TimelineOptions())
        let summary = try fixture.inspect(TimelineChart(lanes: lanes).svgDocument())
        #expect(summary.viewBox?.hasPrefix("0 0 1200 ") == true)
        // 21 events (the seed corrected against the article) and 9 signings.
        #expect(summary.count("mark") == 30)
        #expect(summary.count("label") == 30)
        #expect(summary.count("lane") == 4)
        // Exact days: the two 2014-05-21 items, 2019-12-02, the two
        // 2022-02-04 ones, 2025-08-31 and the three 2025-09-02 ones.
        let points = lanes.flatMap(\.items).filter { $0.date.count == 10 }.count
        #expect(points == 9)
        #expect(summary.count("point") - 2 == points)  // the legend shows two points
        #expect(summary.texts.contains("2027 Far Eastern route due to reach 12 bcm a year (planned)"))
        #expect(summary.texts.contains("2025-09-02 Gazprom-CNPC legally binding memorandum to build Power of Siberia 2"))
        #expect(summary.texts.contains("2006") && summary.texts.contains("2025"))
        #expect((summary.smallestFont ?? 0) >= 11)
        #expect(summary.fontFamily?.contains("Noto Sans CJK SC") == true)
    }

    @Test func labelsInALaneNeverOverlap() throws {
        let fixture = try PictureFixture()
        let lanes = try TimelineLane.load(from: fixture.store, options: TimelineOptions())
        let svg = TimelineChart(lanes: lanes).svgDocument()
        // Every label sits on its own row unless the rows' texts are apart:
        // read back x, y, anchor and text, and check the estimated extents.
        let pattern = /<text x="([0-9.]+)" y="([0-9.]+)"(?: text-anchor="(end)")? class="label"[^>]*>([^<]*)<\/text>/
        var byRow: [String: [(Double, Double)]] = [:]
        for match in svg.matches(of: pattern) {
            let x = Double(match.output.1)!, width = Markup.estimatedWidth(String(match.output.4), fontSize: 12)
            let extent = match.output.3 == nil ? (x, x + width) : (x - width, x)
            byRow[String(match.output.2), default: []].append(extent)
        }
        #expect(byRow.values.reduce(0) { $0 + $1.count } == 30)
        for extents in byRow.values {
            let sorted = extents.sorted { $0.0 < $1.0 }
            for (left, right) in zip(sorted, sorted.dropFirst()) { #expect(left.1 <= right.0) }
        }
    }
}
