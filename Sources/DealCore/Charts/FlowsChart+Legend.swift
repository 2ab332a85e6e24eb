/// The flows chart's key: a fill pattern per status (solid, stripes, dots,
/// lines) so that the status reads without colour, and the legend naming them.
extension FlowsChart {
    func definePatterns(_ canvas: inout SVGCanvas) {
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
            case "domestic":
                canvas.define("<pattern id=\"\(id)\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\">"
                    + "<rect width=\"10\" height=\"10\" fill=\"\(light)\"/>"
                    + "<path d=\"M0 0L10 10M10 0L0 10\" stroke=\"\(colour)\" stroke-width=\"1.5\"/></pattern>")
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

    static let legendNames = ["operating": "operating (solid)", "construction": "under construction (stripes)",
                              "proposed": "proposed (dots)", "other": "other status (lines)",
                              "domestic": "domestic pipelines (crosses)"]

    /// The keys the legend names: domestic pipelines only where a bar has them.
    var legendStyles: [String] {
        let domestic = bars.contains { $0.segments.contains { $0.status == "domestic" } }
        return Self.statusStyles.map(\.status).filter { $0 != "domestic" || domestic }
    }

    /// From the first swatch to the end of the last text.
    var legendWidth: Double {
        legendStyles.map { 34 + Markup.estimatedWidth(Self.legendNames[$0] ?? $0, fontSize: 12) + 22 }
            .reduce(0, +) - 22
    }

    func legend(_ canvas: inout SVGCanvas, y: Double) {
        var x = 24.0
        canvas.open("g", [("class", "legend")])
        for status in legendStyles {
            let text = Self.legendNames[status] ?? status
            canvas.element("rect", [("x", SVGCanvas.number(x)), ("y", SVGCanvas.number(y - 10)), ("width", "28"),
                                    ("height", "16"), ("fill", "url(#\(canvas.id(status)))"), ("stroke", "#555555")])
            canvas.text(text, x: x + 34, y: y + 3, size: 12)
            x += 34 + Markup.estimatedWidth(text, fontSize: 12) + 22
        }
        canvas.close("g")
    }
}
