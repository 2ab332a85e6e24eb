import Foundation
import Testing
import TestSupport
@testable import DealCore

@Suite struct FlowsChartTests {
    @Test func seedChinaIs106SplitByProject() throws {
        let fixture = try PictureFixture()
        let destinations = try FlowDestination.load(from: fixture.store)
        let china = try #require(destinations.first)
        #expect(destinations.count == 1)
        #expect(china.code == "CN" && china.total == 106)
        // Operating, then under construction (the article: Gazprom "has already
        // started building a 410-kilometer stretch"), then proposed.
        #expect(china.segments.map(\.project) == ["pos-1", "pos-2", "far-eastern-route"])
        #expect(china.segments.map(\.bcmPerYear) == [44, 50, 12])
        #expect(china.segments.map(\.status) == ["operating", "construction", "proposed"])
    }

    @Test func totalsAgreeWithTheQueryAtEveryDate() throws {
        let fixture = try PictureFixture()
        for asOf in [nil, "2014", "2020", "2025-06", "2030"] as [String?] {
            let query = try QueryRows.builtIn("volumes-by-destination", parameters: asOf.map { ["as_of": $0] } ?? [:],
                                              store: fixture.store)
            let chart = try FlowDestination.load(from: fixture.store, asOf: asOf)
            #expect(chart.map(\.code) == query.rows.indices.map { query[$0, "destination"].string })
            #expect(chart.map(\.total) == query.rows.indices.map { query[$0, "bcm_per_year"].double ?? -1 })
            for destination in chart {
                #expect(destination.segments.reduce(0) { $0 + $1.bcmPerYear } == destination.total)
            }
        }
        // In 2020 only PoS-1's 38 was in force: PoS-2's capacity cannot precede
        // the first agreement about it (2025), nor the Far Eastern route's (2022).
        #expect(try FlowDestination.load(from: fixture.store, asOf: "2020").first?.total == 38)
        #expect(try FlowDestination.load(from: fixture.store, asOf: "2023").first?.total == 48)
    }

    @Test func destinationFilterAndBadInput() throws {
        let fixture = try PictureFixture()
        #expect(try FlowDestination.load(from: fixture.store, destination: "china").map(\.code) == ["CN"])
        #expect(try FlowDestination.load(from: fixture.store, destination: "MN").isEmpty)
        #expect(throws: DealError.self) { try FlowDestination.load(from: fixture.store, destination: "Atlantis") }
        #expect(throws: DealError.self) { try FlowDestination.load(from: fixture.store, asOf: "20201") }
    }

    @Test func svgLabelsEveryNumberAndStatus() throws {
        let fixture = try PictureFixture()
        let svg = FlowsChart(destinations: try FlowDestination.load(from: fixture.store)).svgDocument()
        let summary = try fixture.inspect(svg)
        #expect(summary.viewBox != nil)
        #expect(summary.count("segment") == 3)
        #expect(summary.count("status-operating") == 1 && summary.count("status-construction") == 1
                && summary.count("status-proposed") == 1)
        #expect(summary.texts.contains("106 bcm/y"))
        #expect(summary.texts.contains("China (CN)"))
        for text in ["44 bcm/y · operating", "50 bcm/y · construction", "12 bcm/y · proposed", "Power of Siberia 2"] {
            #expect(summary.texts.contains(text), "missing \(text)")
        }
        #expect((summary.smallestFont ?? 0) >= 11)
        // Status is a pattern as well as a colour.
        #expect(svg.contains("fill=\"url(#fl-proposed)\"") && svg.contains("<circle"))
    }

    @Test func withClausesStopAtTheLastTopLevelSelect() {
        let sql = """
            WITH a (x) AS (SELECT 'SELECT' -- SELECT in a comment
            ), b AS (SELECT "select" FROM a /* SELECT */)
            SELECT x FROM b
            """
        let head = FlowDestination.withClauses(of: sql)
        #expect(head?.hasSuffix("/* SELECT */)\n") == true)
        #expect(FlowDestination.withClauses(of: "SELECT 1") == nil)
        #expect(FlowsChart.niceStep(106) == 20 && FlowsChart.niceStep(7.5) == 1)
    }
}
