/// `dealdb chart flows`: a stacked bar per destination country, one block
/// per project, its status shown by colour and by pattern and written out
/// in the block's label, with every number printed.
///
/// At the scale of a whole tracker (hundreds of projects into dozens of
/// countries) the picture stays readable: the `limit` largest destinations
/// get a bar each and the rest one bar, "Other destinations"; a bar shows
/// its `projectsPerBar` largest projects and the rest as one block per
/// status ("37 more projects"). Every bar's total stays exact, and the
/// picture says what was grouped and how to choose otherwise.
package struct FlowsChart: SVGChart {
    package static let idPrefix = "fl"
    package let destinations: [FlowDestination]
    package var title: String
    /// The sources to credit for what is drawn (`SourceCredits`), printed at
    /// the bottom inside the picture, so that the credit a licence asks for
    /// travels with it.
    package var credits: [String] = []
    package var asOf: String?
    /// The negotiation states the totals add up; empty for all of them.
    package var states: [String] = []
    /// Destinations with a bar of their own; nil for all of them.
    package var limit: Int?
    /// Projects with a block of their own in each bar.
    package var projectsPerBar: Int
    /// How the reader can choose what is drawn, for the note on what is
    /// not shown (the command's flags; the core names none itself).
    package var howToChoose: String?
    /// How the reader adds the values the data-quality rules left out
    /// (the caller's words: a flag, to the CLI); nil says nothing.
    package var includeFlaggedHint: String?

    package static let defaultLimit = 15
    package static let defaultProjectsPerBar = 8

    /// A title that says what was asked (measure, destination, statuses,
    /// date), so that the chart can be pasted into an article as it is.
    package static func title(destination: String? = nil, asOf: String? = nil, states: [String] = [],
                             includeDomestic: Bool = false) -> String {
        var text = "Pipeline and LNG capacity crossing into " + (destination ?? "each country")
        if includeDomestic { text += ", and domestic pipelines" }
        text += ", by project status"
        if let asOf { text += ", as of \(asOf)" }
        if !states.isEmpty { text += "; terms " + states.joined(separator: ", ") }
        return text + " (bcm/y)"
    }

    package init(destinations: [FlowDestination], asOf: String? = nil,
                title: String = FlowsChart.title(),
                limit: Int? = FlowsChart.defaultLimit, projectsPerBar: Int = FlowsChart.defaultProjectsPerBar, howToChoose: String? = nil) {
        self.destinations = destinations
        self.asOf = asOf
        self.title = title
        self.limit = limit
        self.projectsPerBar = max(1, projectsPerBar)
        self.howToChoose = howToChoose
    }

    /// The bars as drawn: at most `limit` destinations and "Other
    /// destinations", each with at most `projectsPerBar` projects and the
    /// rest grouped by status.
    package var bars: [FlowDestination] {
        var shown = Array(destinations.prefix(limit ?? destinations.count))
        let rest = destinations.dropFirst(shown.count)
        if !rest.isEmpty {
            let segments = rest.flatMap(\.segments)
            let total = rest.reduce(0) { $0 + $1.total }
            shown.append(FlowDestination(code: nil, name: "Other destinations (\(rest.count))", total: total,
                                         segments: Self.grouped(segments, keep: 0, into: "into \(rest.count) other destinations"),
                                         isOther: true))
        }
        return shown.map { bar in
            guard !bar.isOther, bar.segments.count > projectsPerBar else { return bar }
            return FlowDestination(code: bar.code, name: bar.name, total: bar.total,
                                   segments: Self.grouped(bar.segments, keep: projectsPerBar, into: nil))
        }
    }

    /// The `keep` largest projects as they are, the others as one block per
    /// status, in the bar's order (operating at the bottom).
    static func grouped(_ segments: [FlowSegment], keep: Int, into place: String?) -> [FlowSegment] {
        let largest = segments.sorted { ($0.bcmPerYear, $1.project) > ($1.bcmPerYear, $0.project) }
        let kept = Array(largest.prefix(keep))
        var groups: [String?: [FlowSegment]] = [:]
        for segment in largest.dropFirst(kept.count) { groups[segment.status, default: []].append(segment) }
        let more = groups.map { status, members -> FlowSegment in
            let count = members.reduce(0) { $0 + $1.projectCount }
            let noun = count == 1 ? "project" : "projects"
            let name = place.map { "\(count) \(noun) \($0)" } ?? "\(count) more \(noun)"
            return FlowSegment(project: "", name: name, status: status, bcmPerYear: members.reduce(0) { $0 + $1.bcmPerYear },
                               projectCount: count)
        }
        return (kept + more).sorted {
            (FlowDestination.statusOrder($0.status), $0.projectCount > 1 ? 1 : 0, -$0.bcmPerYear, $0.project, $0.name)
                < (FlowDestination.statusOrder($1.status), $1.projectCount > 1 ? 1 : 0, -$1.bcmPerYear, $1.project, $1.name)
        }
    }

    /// What the picture leaves out, in words; nil when it shows everything.
    package var notShown: String? {
        let bars = self.bars
        let otherCount = destinations.count - bars.filter { !$0.isOther }.count
        let grouped = bars.filter { !$0.isOther }.flatMap(\.segments).filter { $0.projectCount > 1 || $0.project.isEmpty }
            .reduce(0) { $0 + $1.projectCount }
        guard otherCount > 0 || grouped > 0 else { return nil }
        var parts: [String] = []
        if otherCount > 0 {
            parts.append("\(otherCount) more \(otherCount == 1 ? "destination" : "destinations") not shown on "
                + "\(otherCount == 1 ? "its" : "their") own (the \(bars.count - 1) with the most capacity are; the rest "
                + "make one bar, \"Other destinations\")")
        }
        if grouped > 0 {
            parts.append("\(grouped) smaller \(grouped == 1 ? "project" : "projects") grouped by status in \"more projects\" "
                + "blocks (each bar shows its \(projectsPerBar) largest)")
        }
        return parts.joined(separator: "; ") + "." + (howToChoose.map { " " + $0 } ?? "")
    }

    static let barWidth = 72.0
    static let plotTop = 150.0
    static let plotHeight = 400.0
    static let axisX = 80.0
    /// Names beside a bar are wrapped to at most this width, and the line
    /// with the number and status to `maxValueWidth` (at " · "): so that 16
    /// bars (the default 15 and "Other destinations") fit in 5,000 px.
    static let maxLabelWidth = 160.0
    static let maxValueWidth = 184.0
    static let labelGap = 26.0

    /// Fill and pattern per status: solid for what operates, stripes for
    /// what is being built, dots for what is only proposed.
    static let statusStyles: [(status: String, colour: String, light: String)] = [
        ("operating", "#2e6b30", "#2e6b30"),
        ("construction", "#b35c00", "#fbe3c8"),
        ("proposed", "#1f5fa8", "#dce8f7"),
        ("other", "#666666", "#eeeeee"),
        ("domestic", "#6a3d9a", "#ece3f4"),
    ]

    /// A figure as the chart labels it: to two decimals, no trailing zeros
    /// (`2.999` is `3`, not `3.`).
    package static func format(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return NumberText.plain(value) }
        return NumberText.plain((value * 100).rounded() / 100)
    }

    static func styleKey(_ status: String?) -> String {
        ["operating", "construction", "proposed", "domestic"].contains(status ?? "") ? status! : "other"
    }

    /// A block's label beside its bar: the name (wrapped) and its number.
    struct Label {
        let segment: FlowSegment
        let targetY: Double
        let nameLines: [String]
        let valueLines: [String]
        var height: Double { Double(nameLines.count + valueLines.count) * 15 + 4 }
    }

    private func valueText(_ segment: FlowSegment) -> String {
        "\(Self.format(segment.bcmPerYear)) bcm/y · \(segment.status ?? "status unknown")"
    }

    /// "12 bcm/y · proposed", in two lines when wider than `maxValueWidth`.
    private func valueLines(_ segment: FlowSegment) -> [String] {
        let text = valueText(segment)
        guard Markup.estimatedWidth(text, fontSize: 12) > Self.maxValueWidth else { return [text] }
        return ["\(Self.format(segment.bcmPerYear)) bcm/y ·", segment.status ?? "status unknown"]
    }

    package func draw(idPrefix: String) -> SVGPicture {
        let bars = self.bars
        // Each column is as wide as its widest label (wrapped at maxLabelWidth).
        let columnWidths = bars.map { bar -> Double in
            // Names wrap; the number and status stay on one line.
            let widest = bar.segments.map { segment in
                ([min(Markup.estimatedWidth(segment.name, fontSize: 12), Self.maxLabelWidth)]
                    + valueLines(segment).map { Markup.estimatedWidth($0, fontSize: 12) }).max() ?? 0
            }.max() ?? 0
            return Self.barWidth + Self.labelGap + max(widest, 60) + 18
        }
        let when = asOf.map { "valid on \($0)" } ?? "latest recorded"
        let subtitle = "Capacity in bcm per year (\(when); \(statesText)), stacked by project; "
            + "from the volumes-by-destination query"
        // As wide as the bars need, and never narrower than the legend and
        // the subtitle, which do not wrap.
        let width = max(760, Self.axisX + 20 + columnWidths.reduce(0, +), legendWidth + 48,
                        Markup.estimatedWidth(subtitle, fontSize: 12) + 48)
        let noteLines = notShown.map { Markup.wrap($0, width: width - 48, fontSize: 12) } ?? []
        let plotTop = Self.plotTop + Double(noteLines.count) * 16
        let bottom = plotTop + Self.plotHeight
        let maximum = bars.map(\.total).max() ?? 0
        let step = Self.niceStep(maximum)
        let top = max(step, (maximum / step).rounded(.up) * step)
        func y(_ value: Double) -> Double { bottom - value / top * Self.plotHeight }

        // Labels pushed apart where blocks are thin; the picture grows to
        // hold the lowest one and the longest destination name.
        var columns: [Column] = []
        var lowest = bottom
        var columnX = Self.axisX + 30
        for (bar, columnWidth) in zip(bars, columnWidths) {
            var base = 0.0
            var labels: [Label] = []
            for segment in bar.segments {
                let middle = (y(base + segment.bcmPerYear) + y(base)) / 2
                labels.append(Label(segment: segment, targetY: middle,
                                    nameLines: Markup.wrap(segment.name, width: Self.maxLabelWidth, fontSize: 12),
                                    valueLines: valueLines(segment)))
                base += segment.bcmPerYear
            }
            var placed: [(Label, Double)] = []
            var nextFree = -Double.infinity
            for label in labels.sorted(by: { $0.targetY < $1.targetY }) {
                let labelY = max(label.targetY, nextFree)
                placed.append((label, labelY))
                nextFree = labelY + label.height + 8
                lowest = max(lowest, labelY + label.height)
            }
            let nameLines = Markup.wrap(bar.name, width: columnWidth - 30, fontSize: 13)
            lowest = max(lowest, bottom + 8 + Double(nameLines.count) * 16)
            columns.append(Column(x: columnX, width: columnWidth, labels: placed, nameLines: nameLines))
            columnX += columnWidth
        }
        // The values left out, under everything, wrapped like the other notes.
        let leftOutLines = leftOutNote.map { Markup.wrap($0, width: width - 48, fontSize: 12) } ?? []
        let creditLines = credits.isEmpty ? []
            : Markup.wrap("Data: " + credits.joined(separator: "; ") + ".", width: width - 48, fontSize: 11)
        let height = lowest + 40 + Double(leftOutLines.count) * 16 + (creditLines.isEmpty ? 0 : 8 + Double(creditLines.count) * 15)

        var canvas = SVGCanvas(width: width, height: height, idPrefix: idPrefix)
        definePatterns(&canvas)
        canvas.text(title, x: 24, y: 28, size: 18, weight: "bold")
        canvas.text(subtitle, x: 24, y: 48, size: 12, fill: "#444444")
        for (index, line) in noteLines.enumerated() {
            canvas.text(line, x: 24, y: 66 + Double(index) * 16, size: 12, fill: "#444444", className: "not-shown")
        }
        legend(&canvas, y: 76 + Double(noteLines.count) * 16)

        grid(&canvas, top: top, step: step, right: width - 20, y: y)
        canvas.text("bcm/y", x: Self.axisX - 8, y: plotTop - 14, size: 11, anchor: "end", fill: "#333333")

        if bars.isEmpty {
            canvas.text("No capacity recorded for this selection", x: Self.axisX + 20, y: plotTop + 40, size: 14)
        }
        for (bar, column) in zip(bars, columns) {
            draw(bar, in: column, bottom: bottom, y: y, on: &canvas)
        }
        for (index, line) in leftOutLines.enumerated() {
            canvas.text(line, x: 24, y: lowest + 28 + Double(index) * 16, size: 12, fill: "#8a1c1c", className: "left-out")
        }
        let creditTop = lowest + 36 + Double(leftOutLines.count) * 16
        for (index, line) in creditLines.enumerated() {
            canvas.text(line, x: 24, y: creditTop + Double(index) * 15, size: 11, fill: "#444444", className: "credit")
        }
        return SVGPicture(canvas: canvas, description: summary + (credits.isEmpty ? "" : " Data: " + credits.joined(separator: "; ") + "."))
    }

    /// The chart in words, for its `<desc>` and for captions.
    package var summary: String {
        let text = bars.map { destination in
            "\(destination.name): \(Self.format(destination.total)) bcm/y ("
                + destination.segments.map { "\($0.name) \(Self.format($0.bcmPerYear)), \($0.status ?? "status unknown")" }
                .joined(separator: "; ") + ")"
        }.joined(separator: ". ")
        let base = text.isEmpty ? "No capacity recorded." : text + "."
        return base + " Adds up \(statesText)." + (notShown.map { " " + $0 } ?? "") + (leftOutNote.map { " " + $0 + "." } ?? "")
    }

    var statesText: String {
        states.isEmpty ? "every negotiation state" : "negotiation states " + states.joined(separator: ", ")
    }

    /// What the data-quality rules kept out of the totals, said on the chart
    /// itself so that nobody reads the bars as the whole of the source.
    var leftOutNote: String? {
        let leftOut = destinations.flatMap(\.leftOut)
        guard !leftOut.isEmpty else { return nil }
        return "Left out as flagged by data-quality rules" + (includeFlaggedHint.map { " (\($0) adds them)" } ?? "")
            + ": " + leftOut.joined(separator: "; ")
    }

    /// 1, 2 or 5 times a power of ten, giving at most eight grid lines.
    static func niceStep(_ maximum: Double) -> Double {
        guard maximum > 0 else { return 10 }
        var power = 1.0
        while maximum / power > 10 { power *= 10 }
        while maximum / power < 1 { power /= 10 }
        for factor in [0.1, 0.2, 0.5, 1, 2, 5, 10] where maximum / (power * factor) <= 8 {
            return power * factor
        }
        return power * 10
    }
}
