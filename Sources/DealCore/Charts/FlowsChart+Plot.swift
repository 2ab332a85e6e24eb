/// The flows chart's plot: the grid with its scale, and each destination's
/// bar with its blocks, the labels beside them, its total and its name.
extension FlowsChart {
    /// Where a bar stands and what is written beside and under it.
    struct Column {
        let x: Double
        let width: Double
        /// Each label with the height it was pushed to.
        let labels: [(Label, Double)]
        let nameLines: [String]
    }

    /// Horizontal lines every `step` up to `top`, numbered on the axis.
    func grid(_ canvas: inout SVGCanvas, top: Double, step: Double, right: Double, y: (Double) -> Double) {
        var tick = 0.0
        while tick <= top + step / 2 {
            canvas.element("line", [("x1", SVGCanvas.number(Self.axisX)), ("y1", SVGCanvas.number(y(tick))),
                                    ("x2", SVGCanvas.number(right)), ("y2", SVGCanvas.number(y(tick))),
                                    ("stroke", tick == 0 ? "#555555" : "#e0e0e0")])
            canvas.text(Self.format(tick), x: Self.axisX - 8, y: y(tick) + 4, size: 11, anchor: "end",
                        fill: "#333333", className: "tick")
            tick += step
        }
    }

    func draw(_ bar: FlowDestination, in column: Column, bottom: Double, y: (Double) -> Double,
              on canvas: inout SVGCanvas) {
        let barX = column.x
        canvas.open("g", [("class", bar.isOther ? "destination other" : "destination"),
                          ("data-destination", bar.isOther ? "other" : bar.code ?? ""),
                          ("data-total", Self.format(bar.total))])
        var base = 0.0
        for segment in bar.segments {
            let key = Self.styleKey(segment.status)
            let segmentTop = y(base + segment.bcmPerYear), segmentBottom = y(base)
            var attributes: [(String, String)] = [("class", "segment status-\(key)")]
            if segment.projectCount == 1 && !segment.project.isEmpty {
                attributes.append(("data-project", segment.project))
            } else {
                attributes.append(("data-projects", String(segment.projectCount)))
            }
            canvas.element("rect", attributes + [
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
            base += segment.bcmPerYear
        }
        // Labels beside the bar with a line back to the block each names.
        let labelX = barX + Self.barWidth + Self.labelGap
        for (label, labelY) in column.labels {
            canvas.element("polyline", [("points", "\(SVGCanvas.number(barX + Self.barWidth + 2)),\(SVGCanvas.number(label.targetY)) "
                + "\(SVGCanvas.number(labelX - 6)),\(SVGCanvas.number(labelY + 6))"),
                                        ("fill", "none"), ("stroke", "#777777")])
            var lineY = labelY + 10
            for line in label.nameLines {
                canvas.text(line, x: labelX, y: lineY, size: 12, weight: "bold", className: "project")
                lineY += 15
            }
            for line in label.valueLines {
                canvas.text(line, x: labelX, y: lineY, size: 12, fill: "#333333", className: "segment-label")
                lineY += 15
            }
        }
        canvas.text("\(Self.format(bar.total)) bcm/y", x: barX + Self.barWidth / 2, y: y(bar.total) - 8,
                    size: 14, anchor: "middle", weight: "bold", className: "total")
        for (index, line) in column.nameLines.enumerated() {
            canvas.text(line, x: barX, y: bottom + 22 + Double(index) * 16, size: 13, weight: "bold",
                        className: "destination-name")
        }
        canvas.close("g")
    }
}
