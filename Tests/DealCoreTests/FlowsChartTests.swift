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
            // A destination with nothing crossing into it (PoS-1 not started by
            // 2014: the query names it in not_started) has no bar.
            let crossing = query.rows.indices.filter { (query[$0, "bcm_per_year"].double ?? 0) > 0 }
            #expect(chart.map(\.code) == crossing.map { query[$0, "destination"].string })
            #expect(chart.map(\.total) == crossing.map { query[$0, "bcm_per_year"].double ?? -1 })
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

    @Test func figuresHaveNoTrailingDot() {
        #expect(FlowsChart.format(2.999) == "3" && FlowsChart.format(0.001) == "0" && FlowsChart.format(-0.001) == "0")
        #expect(FlowsChart.format(3698.6899999999987) == "3698.69" && FlowsChart.format(7.5) == "7.5")
        #expect(ReportBuilder.quantity(2.9999e9, unit: "USD") == "3 billion USD")
    }

    @Test func niceSteps() {
        #expect(FlowsChart.niceStep(106) == 20 && FlowsChart.niceStep(7.5) == 1)
    }

    /// The chart splits each bar with volumes-by-project, a query of its
    /// own that repeats volumes-by-destination's steps: per destination its
    /// rows add up to that query's total, whatever the parameters.
    @Test func volumesByProjectAddsUpToVolumesByDestination() throws {
        let fixture = try PictureFixture()
        // The seed's capacities are all not_applicable: the last setting
        // selects nothing, and must do so on both sides.
        let settings: [(parameters: [String: String], rows: Bool)] = [
            ([:], true), (["as_of": "2020"], true), (["as_of": "2025-06"], true),
            (["state": "agreed,not_applicable"], true), (["include_flagged": "true"], true),
            (["state": "proposed", "as_of": "2030"], false),
        ]
        for (parameters, rows) in settings {
            let totals = try QueryRows.builtIn("volumes-by-destination", parameters: parameters, store: fixture.store)
            let projects = try QueryRows.builtIn("volumes-by-project", parameters: parameters, store: fixture.store)
            #expect(totals.rows.isEmpty != rows && projects.rows.isEmpty != rows, "\(parameters)")
            var sums: [String?: Double] = [:]
            for index in projects.rows.indices {
                sums[projects[index, "destination"].string, default: 0] += projects[index, "bcm_per_year"].double ?? 0
            }
            for index in totals.rows.indices {
                let destination = totals[index, "destination"].string
                #expect(sums[destination, default: 0] == totals[index, "bcm_per_year"].double, "\(parameters) \(destination ?? "-")")
            }
            #expect(Set(sums.keys).isSubset(of: Set(totals.rows.indices.map { totals[$0, "destination"].string })))
        }
    }
}
