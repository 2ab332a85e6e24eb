/// `dealdb chart timeline`: one lane per project or party on a true time
/// axis. Dates known to the day are points; dates known only to the year or
/// month are bars over that year or month; planned dates are hollow and
/// dashed and say "(planned)", so that none of it rests on colour alone.
///
/// A tracker gives thousands of projects; the chart draws `limit` lanes,
/// those with the most items (ties: the most recent), in their usual order,
/// and says how many more there are and how to choose them.
package struct TimelineChart: SVGChart {
    package static let idPrefix = "tl"
    /// Every lane asked for; `lanes` are those drawn.
    package let allLanes: [TimelineLane]
    package var title: String
    /// Lanes drawn at most; nil for all of them.
    package let limit: Int?
    /// How the reader can choose the lanes (the command's flags), for the
    /// note on what is not shown.
    package var howToChoose: String?
    /// The sources to credit for what is drawn (`SourceCredits`, or
    /// `credit(from:)`), printed at the bottom, inside the picture, so that
    /// the credit a licence asks for travels with it.
    package var credits: [String] = []

    package static let defaultLimit = 40

    package init(lanes: [TimelineLane], title: String = "Timeline of events and signings",
                limit: Int? = TimelineChart.defaultLimit, howToChoose: String? = nil) {
        self.allLanes = lanes
        self.title = title
        self.limit = limit
        self.howToChoose = howToChoose
        self.lanes = Self.choose(lanes, limit: limit)
    }

    /// The lanes drawn (see `choose`).
    package let lanes: [TimelineLane]

    /// All lanes when within the limit, else the `limit` with the most items
    /// (ties: the latest item, then the earlier lane), kept in their order.
    static func choose(_ lanes: [TimelineLane], limit: Int?) -> [TimelineLane] {
        guard let limit, lanes.count > limit else { return lanes }
        let keys = lanes.enumerated().map { index, lane in
            (index: index, count: lane.items.count, latest: lane.items.map(\.span.end).max() ?? -Double.infinity)
        }
        let chosen = keys.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.latest != b.latest { return a.latest > b.latest }
            return a.index < b.index
        }.prefix(limit).map(\.index)
        return chosen.sorted().map { lanes[$0] }
    }

    /// What the picture leaves out, in words; nil when it shows everything.
    package var notShown: String? {
        let hidden = allLanes.count - lanes.count
        guard hidden > 0 else { return nil }
        let items = allLanes.reduce(0) { $0 + $1.items.count } - lanes.reduce(0) { $0 + $1.items.count }
        return "\(hidden) more \(hidden == 1 ? "lane" : "lanes") (\(items) \(items == 1 ? "item" : "items")) not shown: "
            + "the \(lanes.count) with the most items are drawn." + (howToChoose.map { " " + $0 } ?? "")
    }

    static let width = 1200.0
    static let left = 24.0

    /// The smallest of 1, 2, 5, 10, 20, 50, ... years that is at least `years`.
    static func niceStep(atLeast years: Double) -> Int {
        var unit = 1
        while true {
            for multiple in [1, 2, 5] where Double(unit * multiple) >= years { return unit * multiple }
            guard unit < Int.max / 100 else { return unit * 10 }
            unit *= 10
        }
    }
    static let right = 1176.0
    static let rowHeight = 20.0
    static let maxLabel = 90

    package func draw(idPrefix: String) -> SVGPicture {

        let items = lanes.flatMap(\.items)
        let spans = items.map(\.span)
        let first = (spans.map(\.start).min() ?? 2000).rounded(.down)
        let last = max((spans.map(\.end).max() ?? 2001).rounded(.up), first + 1)
        let scale = (Self.right - Self.left) / (last - first)
        func x(_ year: Double) -> Double { Self.left + (year - first) * scale }

        let layouts = lanes.map { layout($0, x: x) }
        let noteLines = notShown.map { Markup.wrap($0, width: Self.right - Self.left, fontSize: 12) } ?? []
        let headings = lanes.map { lane in
            Markup.wrap("\(lane.name): \(lane.items.count) \(lane.items.count == 1 ? "item" : "items")",
                        width: Self.right - Self.left, fontSize: 13)
        }
        let axisTop = 112.0 + Double(noteLines.count) * 16
        var laneTop = axisTop + 30
        var laneTops: [Double] = []
        for (layout, heading) in zip(layouts, headings) {
            laneTops.append(laneTop)
            laneTop += 30 + Double(heading.count - 1) * 16 + Double(max(layout.rowCount, 1)) * Self.rowHeight + 16
        }
        let creditLines = credits.isEmpty ? []
            : Markup.wrap("Data: " + credits.joined(separator: "; ") + ".", width: Self.right - Self.left, fontSize: 11)
        let height = laneTop + 40 + (creditLines.isEmpty ? 0 : 8 + Double(creditLines.count) * 15)
        let gridBottom = laneTop + 10

        var canvas = SVGCanvas(width: Self.width, height: height, idPrefix: idPrefix)
        canvas.define("<pattern id=\"\(canvas.id("hatch"))\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6d9d5\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a8322a\" stroke-width=\"3\"/></pattern>")
        canvas.text(title, x: Self.left, y: 28, size: 18, weight: "bold")
        let range = items.isEmpty ? "nothing to show" : "\(Int(first))–\(Int(last) - 1)"
        let laneCount = allLanes.count > lanes.count ? "\(lanes.count) of \(allLanes.count) lanes" : "\(lanes.count) lanes"
        canvas.text("\(items.count) events and signings, \(range); \(laneCount)",
                    x: Self.left, y: 48, size: 12, fill: "#444444")
        for (index, line) in noteLines.enumerated() {
            canvas.text(line, x: Self.left, y: 66 + Double(index) * 16, size: 12, fill: "#444444", className: "not-shown")
        }
        legend(&canvas, y: 74 + Double(noteLines.count) * 16)

        // Year ticks, labelled at the start of each year, with grid lines
        // through every lane so that marks can be read against them.
        // Steps of 1, 2, 5, 10, 20, 50, ... years: labels 36 px apart at the
        // least and grid lines 6 px, so that a span of ten thousand years
        // (an event dated 0000, another 9999) draws some twenty lines, not
        // one a year (10,008 lines, a megabyte).
        let years = Int(last - first)
        let step = Self.niceStep(atLeast: 36 / scale), minorStep = Self.niceStep(atLeast: 6 / scale)
        let start = Int((first / Double(minorStep)).rounded(.up)) * minorStep
        for year in stride(from: start, through: Int(first) + years, by: minorStep) {
            let offset = year - Int(first)
            let tickX = x(Double(year))
            let labelled = year % step == 0
            canvas.element("line", [("x1", SVGCanvas.number(tickX)), ("y1", SVGCanvas.number(axisTop)),
                                    ("x2", SVGCanvas.number(tickX)), ("y2", SVGCanvas.number(gridBottom)),
                                    ("stroke", labelled ? "#d0d0d0" : "#ececec"), ("stroke-width", "1")])
            if labelled && offset < years {
                canvas.text(String(year), x: tickX + 2, y: axisTop + 14, size: 11, fill: "#333333", className: "tick")
                canvas.text(String(year), x: tickX + 2, y: gridBottom + 14, size: 11, fill: "#333333", className: "tick")
            }
        }
        canvas.element("line", [("x1", SVGCanvas.number(Self.left)), ("y1", SVGCanvas.number(axisTop + 20)),
                                ("x2", SVGCanvas.number(Self.right)), ("y2", SVGCanvas.number(axisTop + 20)),
                                ("stroke", "#555555")])

        for ((lane, heading), (layout, laneTop)) in zip(zip(lanes, headings), zip(layouts, laneTops)) {
            canvas.open("g", [("class", "lane"), ("data-lane", lane.name)])
            canvas.element("line", [("x1", SVGCanvas.number(Self.left)), ("y1", SVGCanvas.number(laneTop)),
                                    ("x2", SVGCanvas.number(Self.right)), ("y2", SVGCanvas.number(laneTop)),
                                    ("stroke", "#999999")])
            for (index, line) in heading.enumerated() {
                canvas.text(line, x: Self.left, y: laneTop + 20 + Double(index) * 16,
                            size: 13, weight: "bold", className: "lane-name")
            }
            // The marks start below the heading, however many lines it took.
            let top = laneTop + Double(heading.count - 1) * 16
            if lane.items.isEmpty {
                canvas.text("nothing in this lane", x: Self.left, y: top + 40, size: 12, fill: "#555555")
            }
            for placed in layout.placed {
                let y = top + 30 + Double(placed.row) * Self.rowHeight + Self.rowHeight / 2
                mark(&canvas, placed.item, x: x, y: y)
                canvas.text(placed.label, x: placed.labelX, y: y + 4, size: 12, anchor: placed.anchor,
                            className: "label", extra: [("stroke", "#ffffff"), ("stroke-width", "3"),
                                                        ("paint-order", "stroke"), ("stroke-linejoin", "round")])
            }
            canvas.close("g")
        }
        for (index, line) in creditLines.enumerated() {
            canvas.text(line, x: Self.left, y: laneTop + 48 + Double(index) * 15, size: 11, fill: "#444444",
                        className: "credit")
        }
        let description = "Timeline with \(lanes.count) lanes (" + lanes.map(\.name).joined(separator: "; ")
            + "). Points are exact days, bars are dates known only to the year or month; planned dates are hollow, dashed and marked (planned)."
            + (notShown.map { " " + $0 } ?? "")
            + (credits.isEmpty ? "" : " Data: " + credits.joined(separator: "; ") + ".")
        return SVGPicture(canvas: canvas, description: description)
    }

    /// Sets `credits` to the sources of the lanes drawn: their projects'
    /// and agreements', or every source when an item belongs to neither
    /// (an event such as a war is tied to no record that names its sources).
    package mutating func credit(from store: DealStore) throws {
        let items = lanes.flatMap(\.items)
        let unattached = items.contains { $0.project == nil && $0.agreement == nil }
        credits = try SourceCredits(store: store).lines(
            projects: unattached ? nil : Set(items.compactMap(\.project)),
            agreements: Set(items.compactMap(\.agreement)), limit: 8)
    }

    private func legend(_ canvas: inout SVGCanvas, y: Double) {
        var x = Self.left
        let entries: [(TimelineItem, String)] = [
            (TimelineItem(date: "2000-01-01", kind: .event, title: "", agreement: nil, project: nil), "event on a known day"),
            (TimelineItem(date: "2000-01-01", kind: .signing, title: "", agreement: nil, project: nil), "signing on a known day"),
            (TimelineItem(date: "2000", kind: .event, title: "", agreement: nil, project: nil), "event known to the year or month"),
            (TimelineItem(date: "2000", kind: .signing, title: "", agreement: nil, project: nil), "signing known to the year or month"),
            (TimelineItem(date: "2000", kind: .planned, title: "", agreement: nil, project: nil), "planned (hollow, dashed)"),
        ]
        canvas.open("g", [("class", "legend")])
        for (item, text) in entries {
            let width = item.span.isPoint ? 12.0 : 28.0
            mark(&canvas, item, x: { year in x + (year - 2000) * width + (item.span.isPoint ? 6 : 0) }, y: y,
                 className: "legend-mark")
            canvas.text(text, x: x + width + 6, y: y + 4, size: 12)
            x += width + 16 + Markup.estimatedWidth(text, fontSize: 12)
        }
        canvas.close("g")
    }

    private func mark(_ canvas: inout SVGCanvas, _ item: TimelineItem, x: (Double) -> Double, y: Double,
                      className: String = "mark") {
        let span = item.span
        let precision = span.isPoint ? "point" : "span"
        var attributes: [(String, String)] = [("class", "\(className) \(item.kind.rawValue) \(precision)")]
        if className == "mark" { attributes.append(("data-date", item.date)) }
        let title = "\(item.date) \(item.kind.rawValue): \(item.title)"
        let style: [(String, String)] = switch item.kind {
        case .event: [("fill", "#1f5fa8"), ("stroke", "#0d3461"), ("stroke-width", "1")]
        case .signing: [("fill", span.isPoint ? "#a8322a" : "url(#\(canvas.id("hatch")))"),
                        ("stroke", "#6e1f19"), ("stroke-width", "1.5")]
        case .planned: [("fill", "#ffffff"), ("stroke", "#333333"), ("stroke-width", "2"), ("stroke-dasharray", "4 3")]
        }
        let center = x(span.start)
        if !span.isPoint {
            let start = x(span.start), width = max(x(span.end) - start, 4)
            canvas.element("rect", attributes + [("x", SVGCanvas.number(start)), ("y", SVGCanvas.number(y - 6)),
                                                 ("width", SVGCanvas.number(width)), ("height", "12"), ("rx", "2")]
                           + style, title: className == "mark" ? title : nil)
        } else if item.kind == .signing {
            let points = [(center, y - 8), (center + 8, y), (center, y + 8), (center - 8, y)]
                .map { SVGCanvas.number($0.0) + "," + SVGCanvas.number($0.1) }.joined(separator: " ")
            canvas.element("polygon", attributes + [("points", points)] + style,
                           title: className == "mark" ? title : nil)
        } else {
            canvas.element("circle", attributes + [("cx", SVGCanvas.number(center)), ("cy", SVGCanvas.number(y)),
                                                   ("r", "6")] + style, title: className == "mark" ? title : nil)
        }
    }

    struct Placed {
        let item: TimelineItem
        let row: Int
        let label: String
        let labelX: Double
        let anchor: String
    }

    /// Puts each item on the first row of its lane where its mark and label
    /// fit without touching what is already there, so no two labels overlap.
    private func layout(_ lane: TimelineLane, x: (Double) -> Double) -> (placed: [Placed], rowCount: Int) {
        var rowEnds: [Double] = []
        var placed: [Placed] = []
        // By year, and within a year in the query's order: a bar for "2025"
        // starts before 2 September, yet an event the source lists after
        // that day's (EventOrder) is read after it, one row further down.
        // Any order keeps labels apart: a row only takes a mark past its end.
        let sorted = lane.items.enumerated().sorted {
            ($0.element.span.start.rounded(.down), $0.offset) < ($1.element.span.start.rounded(.down), $1.offset)
        }.map(\.element)
        for item in sorted {
            var label = "\(item.date) \(item.title)"
            if label.count > Self.maxLabel { label = String(label.prefix(Self.maxLabel - 1)) + "…" }
            if item.kind == .planned { label += " (planned)" }
            let span = item.span
            let markStart = span.isPoint ? x(span.start) - 8 : x(span.start)
            let markEnd = span.isPoint ? x(span.start) + 8 : max(x(span.end), x(span.start) + 4)
            let labelWidth = Markup.estimatedWidth(label, fontSize: 12)
            var labelX = markEnd + 6, anchor = "start", start = markStart, end = markEnd + 6 + labelWidth
            if end > Self.right, markStart - 6 - labelWidth >= Self.left {
                labelX = markStart - 6
                anchor = "end"
                start = labelX - labelWidth
                end = markEnd
            } else if end > Self.right {
                // Fits on neither side of its mark: ends at the right edge
                // instead of running past it (and goes on a row of its own).
                labelX = max(Self.left, Self.right - labelWidth)
                start = min(markStart, labelX)
                end = Self.right
            }
            let row = rowEnds.firstIndex { $0 + 10 <= start } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(end) } else { rowEnds[row] = end }
            placed.append(Placed(item: item, row: row, label: label, labelX: labelX, anchor: anchor))
        }
        return (placed, rowEnds.count)
    }
}
