/// `dealdb chart flows`: a stacked bar per destination country, one block
/// per project, its status shown by colour and by pattern and written out
/// in the block's label, with every number printed.
public struct FlowsChart {
    public let destinations: [FlowDestination]
    public var title: String
    public var asOf: String?
    /// The negotiation states the totals add up; empty for all of them.
    public var states: [String] = []

    public init(destinations: [FlowDestination], asOf: String? = nil,
                title: String = "Pipeline capacity by destination country") {
        self.destinations = destinations
        self.asOf = asOf
        self.title = title
    }

    static let columnWidth = 400.0
    static let barWidth = 96.0
    static let plotTop = 150.0
    static let plotHeight = 400.0
    static let axisX = 80.0

    /// Fill and pattern per status: solid for what operates, stripes for
    /// what is being built, dots for what is only proposed.
    static let statusStyles: [(status: String, colour: String, light: String)] = [
        ("operating", "#2e6b30", "#2e6b30"),
        ("construction", "#b35c00", "#fbe3c8"),
        ("proposed", "#1f5fa8", "#dce8f7"),
        ("other", "#666666", "#eeeeee"),
    ]

    public func svgElement(idPrefix: String = "fl") -> String {
        let (canvas, description) = draw(idPrefix: idPrefix)
        return canvas.svg(title: title, description: description)
    }

    public func svgDocument() -> String {
        let (canvas, description) = draw(idPrefix: "fl")
        return canvas.document(title: title, description: description)
    }

    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func styleKey(_ status: String?) -> String {
        ["operating", "construction", "proposed"].contains(status ?? "") ? status! : "other"
    }

    private func draw(idPrefix: String) -> (SVGCanvas, String) {
        let width = max(760, Self.axisX + 20 + Double(destinations.count) * Self.columnWidth)
        let height = Self.plotTop + Self.plotHeight + 70
        var canvas = SVGCanvas(width: width, height: height, idPrefix: idPrefix)
        definePatterns(&canvas)

        canvas.text(title, x: 24, y: 28, size: 18, weight: "bold")
        let when = asOf.map { "valid on \($0)" } ?? "latest recorded"
        canvas.text("Capacity in bcm per year (\(when); \(statesText)), stacked by project; from the volumes-by-destination query",
                    x: 24, y: 48, size: 12, fill: "#444444")
        legend(&canvas, y: 76)

        let maximum = destinations.map(\.total).max() ?? 0
        let step = Self.niceStep(maximum)
        let top = max(step, (maximum / step).rounded(.up) * step)
        let bottom = Self.plotTop + Self.plotHeight
        func y(_ value: Double) -> Double { bottom - value / top * Self.plotHeight }

        var tick = 0.0
        while tick <= top + step / 2 {
            canvas.element("line", [("x1", SVGCanvas.number(Self.axisX)), ("y1", SVGCanvas.number(y(tick))),
                                    ("x2", SVGCanvas.number(width - 20)), ("y2", SVGCanvas.number(y(tick))),
                                    ("stroke", tick == 0 ? "#555555" : "#e0e0e0")])
            canvas.text(Self.format(tick), x: Self.axisX - 8, y: y(tick) + 4, size: 11, anchor: "end",
                        fill: "#333333", className: "tick")
            tick += step
        }
        canvas.text("bcm/y", x: Self.axisX - 8, y: Self.plotTop - 14, size: 11, anchor: "end", fill: "#333333")

        if destinations.isEmpty {
            canvas.text("No capacity recorded for this selection", x: Self.axisX + 20, y: Self.plotTop + 40, size: 14)
        }
        for (column, destination) in destinations.enumerated() {
            let barX = Self.axisX + 30 + Double(column) * Self.columnWidth
            canvas.open("g", [("class", "destination"), ("data-destination", destination.code ?? ""),
                              ("data-total", Self.format(destination.total))])
            var base = 0.0
            var labels: [(y: Double, segment: FlowSegment)] = []
            for segment in destination.segments {
                let key = Self.styleKey(segment.status)
                let segmentTop = y(base + segment.bcmPerYear), segmentBottom = y(base)
                canvas.element("rect", [
                    ("class", "segment status-\(key)"), ("data-project", segment.project),
                    ("data-value", Self.format(segment.bcmPerYear)), ("data-status", segment.status ?? ""),
                    ("x", SVGCanvas.number(barX)), ("y", SVGCanvas.number(segmentTop)),
                    ("width", SVGCanvas.number(Self.barWidth)),
                    ("height", SVGCanvas.number(max(segmentBottom - segmentTop, 0.5))),
                    ("fill", "url(#\(canvas.id(key)))"), ("stroke", "#1a1a1a"), ("stroke-width", "1.5"),
                ], title: "\(segment.name): \(Self.format(segment.bcmPerYear)) bcm/y (\(segment.status ?? "status unknown"))")
                if segmentBottom - segmentTop >= 20 {
                    canvas.text(Self.format(segment.bcmPerYear), x: barX + Self.barWidth / 2,
                                y: (segmentTop + segmentBottom) / 2 + 5, size: 14, anchor: "middle", weight: "bold",
                                className: "value", extra: [("stroke", "#ffffff"), ("stroke-width", "4"),
                                                            ("paint-order", "stroke")])
                }
                labels.append(((segmentTop + segmentBottom) / 2, segment))
                base += segment.bcmPerYear
            }
            // Labels beside the bar, pushed apart where blocks are thin, with
            // a line back to the block each one names.
            var lastY = -Double.infinity
            let labelX = barX + Self.barWidth + 34
            for (targetY, segment) in labels.sorted(by: { $0.y < $1.y }) {
                let labelY = max(targetY, lastY + 34)
                lastY = labelY
                canvas.element("polyline", [("points", "\(SVGCanvas.number(barX + Self.barWidth + 2)),\(SVGCanvas.number(targetY)) "
                    + "\(SVGCanvas.number(labelX - 6)),\(SVGCanvas.number(labelY - 4))"),
                                            ("fill", "none"), ("stroke", "#777777")])
                canvas.text(segment.name, x: labelX, y: labelY - 2, size: 12, weight: "bold", className: "project")
                canvas.text("\(Self.format(segment.bcmPerYear)) bcm/y · \(segment.status ?? "status unknown")",
                            x: labelX, y: labelY + 13, size: 12, fill: "#333333", className: "segment-label")
            }
            canvas.text("\(Self.format(destination.total)) bcm/y", x: barX + Self.barWidth / 2, y: y(destination.total) - 8,
                        size: 14, anchor: "middle", weight: "bold", className: "total")
            canvas.text(destination.name, x: barX + Self.barWidth / 2, y: bottom + 22, size: 13, anchor: "middle",
                        weight: "bold", className: "destination-name")
            canvas.close("g")
        }
        if let note = leftOutNote {
            canvas.text(note, x: 24, y: height - 12, size: 12, fill: "#8a1c1c", className: "left-out")
        }
        return (canvas, summary)
    }

    /// The chart in words, for its `<desc>` and for captions.
    public var summary: String {
        let text = destinations.map { destination in
            "\(destination.name): \(Self.format(destination.total)) bcm/y ("
                + destination.segments.map { "\($0.name) \(Self.format($0.bcmPerYear)), \($0.status ?? "status unknown")" }
                .joined(separator: "; ") + ")"
        }.joined(separator: ". ")
        let base = text.isEmpty ? "No capacity recorded." : text + "."
        return base + " Adds up \(statesText)." + (leftOutNote.map { " " + $0 + "." } ?? "")
    }

    var statesText: String {
        states.isEmpty ? "every negotiation state" : "negotiation states " + states.joined(separator: ", ")
    }

    /// What the data-quality rules kept out of the totals, said on the chart
    /// itself so that nobody reads the bars as the whole of the source.
    var leftOutNote: String? {
        let leftOut = destinations.flatMap(\.leftOut)
        guard !leftOut.isEmpty else { return nil }
        return "Left out as flagged by data-quality rules (--include-flagged adds them): " + leftOut.joined(separator: "; ")
    }

    private func definePatterns(_ canvas: inout SVGCanvas) {
        for (status, colour, light) in Self.statusStyles {
            let id = canvas.id(status)
            switch status {
            case "operating":
                canvas.define("<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
                    + "<rect width=\"8\" height=\"8\" fill=\"\(colour)\"/></pattern>")
            case "construction":
                canvas.define("<pattern id=\"\(id)\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\" "
                    + "patternTransform=\"rotate(45)\"><rect width=\"10\" height=\"10\" fill=\"\(light)\"/>"
                    + "<rect width=\"4\" height=\"10\" fill=\"\(colour)\"/></pattern>")
            case "proposed":
                canvas.define("<pattern id=\"\(id)\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\">"
                    + "<rect width=\"10\" height=\"10\" fill=\"\(light)\"/>"
                    + "<circle cx=\"5\" cy=\"5\" r=\"2.2\" fill=\"\(colour)\"/></pattern>")
            default:
                canvas.define("<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
                    + "<rect width=\"8\" height=\"8\" fill=\"\(light)\"/>"
                    + "<rect width=\"8\" height=\"2\" fill=\"\(colour)\"/></pattern>")
            }
        }
    }

    private func legend(_ canvas: inout SVGCanvas, y: Double) {
        var x = 24.0
        let names = ["operating": "operating (solid)", "construction": "under construction (stripes)",
                     "proposed": "proposed (dots)", "other": "other status (lines)"]
        canvas.open("g", [("class", "legend")])
        for (status, _, _) in Self.statusStyles {
            let text = names[status] ?? status
            canvas.element("rect", [("x", SVGCanvas.number(x)), ("y", SVGCanvas.number(y - 10)), ("width", "28"),
                                    ("height", "16"), ("fill", "url(#\(canvas.id(status)))"), ("stroke", "#555555")])
            canvas.text(text, x: x + 34, y: y + 3, size: 12)
            x += 34 + Markup.estimatedWidth(text, fontSize: 12) + 22
        }
        canvas.close("g")
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
