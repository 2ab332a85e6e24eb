import Foundation
import Testing
import TestSupport
@testable import DealCore

/// What the charts draw when there is more than fits: the bars and lanes
/// chosen, what is grouped, and that no number is lost on the way.
@Suite struct ChartLimitTests {
    private func destination(_ code: String, _ values: [(String, Double)]) -> FlowDestination {
        let segments = values.map { FlowSegment(project: "\(code.lowercased())-\($0.0)", name: "\(code) \($0.0)",
                                                status: $0.0.hasPrefix("p") ? "proposed" : "operating", bcmPerYear: $0.1) }
        return FlowDestination(code: code, name: code, total: values.reduce(0) { $0 + $1.1 }, segments: segments)
    }

    @Test func flowsGroupsTheRestAndKeepsEveryTotal() {
        let destinations = (0..<20).map { index in
            destination(String(format: "C%02d", index), (0..<12).map { ("\(index % 2 == 0 ? "o" : "p")\($0)", Double(40 - index - $0)) })
        }
        let chart = FlowsChart(destinations: destinations, limit: 5, projectsPerBar: 3)
        let bars = chart.bars
        #expect(bars.count == 6)
        #expect(bars.prefix(5).map(\.code) == ["C00", "C01", "C02", "C03", "C04"])
        #expect(bars.last?.isOther == true && bars.last?.name == "Other destinations (15)")
        for bar in bars {
            #expect(abs(bar.segments.reduce(0) { $0 + $1.bcmPerYear } - bar.total) < 1e-9)
        }
        #expect(abs(bars.reduce(0) { $0 + $1.total } - destinations.reduce(0) { $0 + $1.total }) < 1e-9)
        // Three projects of their own, the other nine as one block.
        let first = bars[0].segments
        #expect(first.filter { $0.projectCount == 1 }.map(\.bcmPerYear) == [40, 39, 38])
        #expect(first.last?.name == "9 more projects" && first.last?.projectCount == 9)
        #expect(bars.last?.segments.map(\.name).sorted() == ["84 projects into 15 other destinations",
                                                            "96 projects into 15 other destinations"])
        let note = chart.notShown ?? ""
        #expect(note.contains("15 more destinations") && note.contains("the 5 with the most capacity"))
        #expect(FlowsChart(destinations: destinations, limit: nil, projectsPerBar: .max).notShown == nil)
        #expect(FlowsChart(destinations: destinations, limit: nil, projectsPerBar: .max).bars == destinations)
    }

    @Test func timelineKeepsTheLanesWithTheMostItemsInTheirOrder() {
        func lane(_ name: String, _ dates: [String]) -> TimelineLane {
            TimelineLane(name: name, items: dates.map {
                TimelineItem(date: $0, kind: .event, title: "x", agreement: nil, project: nil)
            })
        }
        let lanes = [lane("a", ["2001"]), lane("b", ["2001", "2002"]), lane("c", ["2030"]), lane("d", ["2003", "2004", "2005"]),
                     lane("e", ["2010"])]
        let chart = TimelineChart(lanes: lanes, limit: 3)
        #expect(chart.lanes.map(\.name) == ["b", "c", "d"])
        #expect(chart.notShown?.hasPrefix("2 more lanes (2 items) not shown") == true)
        #expect(TimelineChart(lanes: lanes, limit: nil).lanes.count == 5)
        #expect(TimelineChart(lanes: lanes, limit: nil).notShown == nil)
    }

    @Test func wrappedLinesFitAndKeepEveryCharacter() {
        for text in ["Very Long Interconnector Pipeline Between Remote Provinces And Its Extensions",
                     "国家石油天然气管网集团有限公司西气东输分公司和中国石油天然气股份有限公司", "Short"] {
            let lines = Markup.wrap(text, width: 120, fontSize: 12)
            #expect(lines.allSatisfy { Markup.estimatedWidth($0, fontSize: 12) <= 120 })
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }

    @Test func chartFiltersNarrowTheSeed() throws {
        let fixture = try PictureFixture()
        let operating = try FlowDestination.load(from: fixture.store, filter: ProjectFilter(statuses: ["operating"]))
        #expect(operating.map(\.code) == ["CN"] && operating.first?.total == 44)
        #expect(try FlowDestination.load(from: fixture.store, filter: ProjectFilter(countries: ["Mongolia"])).first?.total == 50)
        let lanes = try TimelineLane.load(from: fixture.store, options: TimelineOptions(filter: ProjectFilter(countries: ["MN"])))
        #expect(lanes.map(\.name) == ["Power of Siberia 2 (pos-2)"])
        #expect(throws: DealError.self) {
            try TimelineLane.load(from: fixture.store, options: TimelineOptions(filter: ProjectFilter(countries: ["Atlantis"])))
        }
    }
}
