import Foundation

/// `dealdb chart map`: pipelines as lines and LNG terminals as points on
/// Natural Earth's countries, styled by status (colour, and dashes for
/// what is not built yet) with a key, the view fitted to what is drawn (the
/// world, a region, one pipeline), names placed where they do not collide,
/// and the sources credited inside the picture.
///
/// A plate carrée stretched by the cosine of the view's middle latitude:
/// at the scale of a region it keeps shapes and directions as a reader
/// expects, and it needs no projection library.
package struct MapChart: SVGChart {
    package static let idPrefix = "map"
    package let features: [MapFeature]
    /// Selected projects without a geometry: said in the picture.
    package let withoutGeometry: [String]
    package var title: String
    /// Credit lines for the data drawn (SourceCredits); the borders' credit is added.
    package var credits: [String] = []
    /// At most this many names on the map (the longest routes first).
    package var labelLimit: Int

    package static let defaultTitle = "Gas pipelines and LNG terminals"
    static let bordersCredit = "Borders: Natural Earth 1:110m countries (public domain)"
    static let plotWidth = 1200.0
    static let maxPlotHeight = 780.0
    static let margin = 24.0

    package init(selection: MapSelection, title: String = MapChart.defaultTitle, labelLimit: Int = 30) {
        features = selection.features
        withoutGeometry = selection.withoutGeometry
        self.title = title
        self.labelLimit = labelLimit
    }

    /// A title that says what was selected, so that the map can be pasted
    /// into an article as it is.
    package static func title(for filter: ProjectFilter, countryNames: [String]? = nil) -> String {
        var parts: [String] = []
        if !filter.countries.isEmpty {
            parts.append((filter.role == .any ? "through " : filter.role == .destination ? "into "
                          : filter.role == .origin ? "from " : "across ") + (countryNames ?? filter.countries).joined(separator: " or "))
        }
        if let name = filter.name { parts.append("named \"\(name)\"") }
        if !filter.statuses.isEmpty { parts.append(filter.statuses.joined(separator: " or ")) }
        if !filter.owners.isEmpty { parts.append("owned by " + filter.owners.joined(separator: " and ")) }
        let noun = switch filter.kind {
        case "pipeline"?: "Gas pipelines"
        case "lng_terminal"?: "LNG terminals"
        case let kind?: "Projects (\(kind.replacingOccurrences(of: "_", with: " ")))"
        case nil: defaultTitle
        }
        return parts.isEmpty ? noun : noun + " " + parts.joined(separator: ", ")
    }

    /// How a status is drawn: colour, and the dashes of a line.
    static func style(_ status: String?) -> (key: String, colour: String, dash: String?, label: String) {
        switch status {
        case "operating": ("operating", "#2e6b30", nil, "operating")
        case "construction": ("construction", "#b35c00", "7 4", "under construction")
        case "proposed": ("proposed", "#1f5fa8", "2 4", "proposed")
        default: ("other", "#8a8a8a", "1 3", "shelved, cancelled, idle, retired or unknown")
        }
    }

    static let layers = ["other", "proposed", "construction", "operating"]

    /// The part of the Earth drawn, in degrees.
    struct View {
        var west, south, east, north: Double
        let scale: Double, stretch: Double
        var width: Double { (east - west) * stretch * scale }
        var height: Double { (north - south) * scale }

        func x(_ lon: Double) -> Double { (lon - west) * stretch * scale }
        func y(_ lat: Double) -> Double { (north - lat) * scale }

        /// Fits `box` (padded, never smaller than a few degrees) into the plot.
        static func fitting(_ box: (west: Double, south: Double, east: Double, north: Double)?) -> View {
            var (west, south, east, north) = box ?? (-180, -58, 180, 84)
            let padLon = max((east - west) * 0.08, 1.5), padLat = max((north - south) * 0.08, 1.0)
            west -= padLon; east += padLon; south -= padLat; north += padLat
            if east - west > 250 || box == nil { (west, east) = (-180, 180); south = min(south, -58); north = max(north, 84) }
            south = max(south, -85); north = min(north, 85)
            let stretch = max(0.35, cos((south + north) / 2 * .pi / 180))
            let scale = min(plotWidth / ((east - west) * stretch), maxPlotHeight / (north - south))
            // Widen the narrower side so that the plot keeps its width and a sensible height.
            let wantedLon = plotWidth / (stretch * scale)
            let middleLon = (west + east) / 2
            west = middleLon - wantedLon / 2; east = middleLon + wantedLon / 2
            let wantedLat = max(north - south, 320 / scale)
            let middleLat = (south + north) / 2
            south = middleLat - wantedLat / 2; north = middleLat + wantedLat / 2
            return View(west: west, south: south, east: east, north: north, scale: scale, stretch: stretch)
        }
    }

    var view: View {
        var box: (west: Double, south: Double, east: Double, north: Double)?
        for feature in features {
            guard let b = feature.geometry.bounds else { continue }
            box = box.map { (min($0.west, b.west), min($0.south, b.south), max($0.east, b.east), max($0.north, b.north)) } ?? b
        }
        return View.fitting(box)
    }

    var routes: Int { features.filter { !$0.geometry.lines.isEmpty }.count }
    var sites: Int { features.count - routes }

    /// "71 routes", "3 routes and 2 LNG terminals or other sites", "nothing".
    var drawnText: String {
        var parts: [String] = []
        if routes > 0 { parts.append("\(routes) route\(routes == 1 ? "" : "s")") }
        if sites > 0 { parts.append("\(sites) LNG terminal\(sites == 1 ? "" : "s") or other site\(sites == 1 ? "" : "s")") }
        return parts.isEmpty ? "Nothing with a route or site selected" : parts.joined(separator: " and ")
    }

    /// The map in words, for its `<desc>` and for captions.
    package var summary: String {
        var text = drawnText + " drawn"
        let names = Set(features.map(\.name))
        if names.count <= 12 { text += " (" + names.sorted().joined(separator: "; ") + ")" }
        text += "."
        if let note = notDrawn { text += " " + note }
        return text
    }

    /// The selected projects that have no geometry, named.
    var notDrawn: String? {
        guard !withoutGeometry.isEmpty else { return nil }
        let shown = withoutGeometry.prefix(8).joined(separator: ", ")
        return "\(withoutGeometry.count) selected project\(withoutGeometry.count == 1 ? " has" : "s have") no route or site "
            + "and \(withoutGeometry.count == 1 ? "is" : "are") not drawn: " + shown
            + (withoutGeometry.count > 8 ? " and \(withoutGeometry.count - 8) more" : "") + "."
    }

    package func draw(idPrefix: String) -> SVGPicture {
        let view = self.view
        let left = Self.margin
        let width = view.width + 2 * left
        let noteLines = notDrawn.map { Markup.wrap($0, width: width - 2 * left, fontSize: 12) } ?? []
        let top = 84 + Double(noteLines.count) * 16
        let creditLines = Markup.wrap("Data: " + (credits + [Self.bordersCredit]).joined(separator: "; ") + ".",
                                      width: width - 2 * left, fontSize: 11)
        let height = top + view.height + 16 + Double(creditLines.count) * 15 + 12
        var canvas = SVGCanvas(width: width, height: height, idPrefix: idPrefix)
        canvas.define("<clipPath id=\"\(canvas.id("plot"))\"><rect x=\"\(SVGCanvas.number(left))\" y=\"\(SVGCanvas.number(top))\" "
            + "width=\"\(SVGCanvas.number(view.width))\" height=\"\(SVGCanvas.number(view.height))\"/></clipPath>")

        canvas.text(title, x: left, y: 30, size: 18, weight: "bold")
        canvas.text(drawnText + " as their sources draw them; colour and line show the project's status",
                    x: left, y: 50, size: 12, fill: "#444444")
        for (index, line) in noteLines.enumerated() {
            canvas.text(line, x: left, y: 68 + Double(index) * 16, size: 12, fill: "#8a1c1c", className: "not-drawn")
        }
        key(&canvas, x: left, y: top - 12)

        func px(_ p: GeoPoint) -> (Double, Double) { (left + view.x(p.lon), top + view.y(p.lat)) }
        canvas.open("g", [("clip-path", "url(#\(canvas.id("plot")))")])
        canvas.element("rect", [("x", SVGCanvas.number(left)), ("y", SVGCanvas.number(top)),
                                ("width", SVGCanvas.number(view.width)), ("height", SVGCanvas.number(view.height)),
                                ("fill", "#dce8f2"), ("class", "sea")])
        // Countries: the land and its borders and coasts.
        for country in CountryBorders.natural.countries
        where country.east >= view.west && country.west <= view.east && country.north >= view.south && country.south <= view.north {
            let d = country.rings.map { Self.path($0, closed: true, px) }.joined()
            canvas.element("path", [("d", d), ("class", "country"), ("fill", "#f3f0ea"), ("stroke", "#a39e93"),
                                    ("stroke-width", "0.6"), ("stroke-linejoin", "round"), ("fill-rule", "evenodd")],
                           title: country.name)
        }
        // Names: routes' first (they are what the map is about), then the
        // countries' where room is left; drawn under the routes.
        let routeLabels = placeLabels(view: view, left: left, top: top, px)
        let countryLabels = placeCountryNames(view: view, left: left, top: top, taken: routeLabels.map(\.box), px)
        canvas.open("g", [("class", "country-names"), ("font-size", "12"), ("fill", "#8f897c"), ("letter-spacing", "0.6")])
        for label in countryLabels { canvas.text(label.text, x: label.box.x, y: label.box.y + 11, size: 12, fill: "#8f897c") }
        canvas.close("g")
        let many = features.count > 200
        // Routes under sites; what is built over what is only planned.
        for layer in Self.layers {
            let drawn = features.filter { !$0.geometry.lines.isEmpty && Self.style($0.status).key == layer }
            guard !drawn.isEmpty else { continue }
            let style = Self.style(layer == "other" ? nil : layer)
            var attributes = [("class", "routes " + layer), ("fill", "none"), ("stroke", style.colour),
                              ("stroke-width", many ? "1.3" : "2.4"), ("stroke-linecap", "round"), ("stroke-linejoin", "round")]
            if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
            canvas.open("g", attributes)
            for feature in drawn {
                let d = feature.geometry.lines.map { Self.path($0, closed: false, px) }.joined()
                canvas.element("path", [("d", d), ("class", "route")], title: Self.hover(feature))
            }
            canvas.close("g")
        }
        for layer in Self.layers {
            let drawn = features.filter { $0.geometry.lines.isEmpty && Self.style($0.status).key == layer }
            guard !drawn.isEmpty else { continue }
            canvas.open("g", [("class", "sites " + layer), ("fill", Self.style(layer == "other" ? nil : layer).colour),
                              ("stroke", "#ffffff"), ("stroke-width", "0.8")])
            for feature in drawn {
                for point in feature.geometry.points {
                    let (x, y) = px(point)
                    canvas.element("circle", [("cx", SVGCanvas.number(x)), ("cy", SVGCanvas.number(y)),
                                              ("r", many ? "2.6" : "4.5"), ("class", "site")],
                                   title: Self.hover(feature))
                }
            }
            canvas.close("g")
        }
        canvas.close("g")
        canvas.element("rect", [("x", SVGCanvas.number(left)), ("y", SVGCanvas.number(top)),
                                ("width", SVGCanvas.number(view.width)), ("height", SVGCanvas.number(view.height)),
                                ("fill", "none"), ("stroke", "#888888"), ("stroke-width", "0.8")])
        canvas.open("g", [("class", "labels"), ("font-size", "11"), ("stroke", "#ffffff"), ("stroke-width", "3"),
                          ("paint-order", "stroke"), ("stroke-linejoin", "round")])
        for label in routeLabels { canvas.text(label.text, x: label.box.x, y: label.box.y + 10, size: 11, className: "label") }
        canvas.close("g")
        let creditTop = top + view.height + 20
        for (index, line) in creditLines.enumerated() {
            canvas.text(line, x: left, y: creditTop + Double(index) * 15, size: 11, fill: "#444444", className: "credit")
        }
        return SVGPicture(canvas: canvas, description: summary + " Data: " + (credits + [Self.bordersCredit]).joined(separator: "; ") + ".")
    }

    /// What a reader pointing at a route or site sees.
    static func hover(_ feature: MapFeature) -> String {
        "\(feature.name) (\(feature.id)): \(feature.status ?? "status unknown")"
            + (feature.accuracy.map { "; drawn \($0) per its source" } ?? "")
    }

    /// An SVG path through the points, leaving out those less than half a
    /// pixel from the last one kept (the whole map stays small).
    static func path(_ points: [GeoPoint], closed: Bool, _ px: (GeoPoint) -> (Double, Double)) -> String {
        guard let first = points.first else { return "" }
        var (lastX, lastY) = px(first)
        var d = "M" + SVGCanvas.number(lastX) + " " + SVGCanvas.number(lastY)
        var kept = 1
        for (index, point) in points.enumerated().dropFirst() {
            let (x, y) = px(point)
            let isLast = index == points.count - 1
            guard abs(x - lastX) + abs(y - lastY) >= 0.5 || (isLast && kept == 1) else { continue }
            d += "L" + SVGCanvas.number(x) + " " + SVGCanvas.number(y)
            (lastX, lastY) = (x, y)
            kept += 1
        }
        return closed ? d + "Z" : d
    }

    /// The key: each status that is drawn, as a line and a point.
    private func key(_ canvas: inout SVGCanvas, x: Double, y: Double) {
        var left = x
        let present = Set(features.map { Self.style($0.status).key })
        for layer in Self.layers.reversed() where present.contains(layer) {
            let style = Self.style(layer == "other" ? nil : layer)
            var attributes = [("x1", SVGCanvas.number(left)), ("y1", SVGCanvas.number(y - 4)),
                              ("x2", SVGCanvas.number(left + 28)), ("y2", SVGCanvas.number(y - 4)),
                              ("stroke", style.colour), ("stroke-width", "2.4"), ("stroke-linecap", "round"), ("class", "key")]
            if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
            canvas.element("line", attributes)
            canvas.element("circle", [("cx", SVGCanvas.number(left + 36)), ("cy", SVGCanvas.number(y - 4)), ("r", "4"),
                                      ("fill", style.colour), ("stroke", "#ffffff"), ("stroke-width", "0.8")])
            canvas.text(style.label, x: left + 46, y: y, size: 12, className: "key-label")
            left += 46 + Markup.estimatedWidth(style.label, fontSize: 12) + 20
        }
        if !present.isEmpty {
            canvas.text("(lines: pipelines; dots: LNG terminals)", x: left, y: y, size: 12, fill: "#555555")
        }
    }

    struct Label {
        let text: String
        let box: (x: Double, y: Double, w: Double, h: Double)
    }

    static func overlaps(_ a: (x: Double, y: Double, w: Double, h: Double), _ b: (x: Double, y: Double, w: Double, h: Double)) -> Bool {
        a.x < b.x + b.w + 6 && b.x < a.x + a.w + 6 && a.y < b.y + b.h + 1 && b.y < a.y + a.h + 1
    }

    /// Names of the longest routes (and of terminals), each once, where
    /// they collide with no other name and stay inside the map.
    private func placeLabels(view: View, left: Double, top: Double, _ px: (GeoPoint) -> (Double, Double)) -> [Label] {
        struct Candidate { let name: String; let anchor: (Double, Double); let weight: Double }
        var best: [String: Candidate] = [:]
        for feature in features {
            if let line = feature.geometry.lines.max(by: { Self.length($0, px) < Self.length($1, px) }) {
                let length = Self.length(line, px)
                guard length >= 24, best[feature.name].map({ $0.weight < length }) ?? true else { continue }
                best[feature.name] = Candidate(name: feature.name, anchor: Self.middle(line, px), weight: length)
            } else if let point = feature.geometry.points.first, best[feature.name] == nil {
                best[feature.name] = Candidate(name: feature.name, anchor: px(point), weight: 20)
            }
        }
        let ordered = best.values.sorted { ($0.weight, $1.name) > ($1.weight, $0.name) }
        var placed: [Label] = []
        let right = left + view.width, bottom = top + view.height
        for candidate in ordered where placed.count < labelLimit {
            let w = Markup.estimatedWidth(candidate.name, fontSize: 11), h = 13.0
            let (ax, ay) = candidate.anchor
            let offsets: [(Double, Double)] = [(7, -6), (-7 - w, -6), (-w / 2, -18), (-w / 2, 5), (7, -18), (7, 5), (-7 - w, -18), (-7 - w, 5)]
            for (dx, dy) in offsets {
                let box = (x: ax + dx, y: ay + dy, w: w, h: h)
                guard box.x >= left + 2, box.x + box.w <= right - 2, box.y >= top + 2, box.y + box.h <= bottom - 2,
                      !placed.contains(where: { Self.overlaps($0.box, box) }) else { continue }
                placed.append(Label(text: candidate.name, box: box))
                break
            }
        }
        return placed
    }

    /// Country names, at the middle of each country's largest piece of land
    /// where the name fits inside it and takes no route's name's place.
    private func placeCountryNames(view: View, left: Double, top: Double,
                                   taken: [(x: Double, y: Double, w: Double, h: Double)],
                                   _ px: (GeoPoint) -> (Double, Double)) -> [Label] {
        var placed: [Label] = []
        let right = left + view.width, bottom = top + view.height
        for country in CountryBorders.natural.countries {
            guard let ring = country.rings.max(by: { $0.count < $1.count }) else { continue }
            let points = ring.map(px)
            let xs = points.map(\.0), ys = points.map(\.1)
            // The part of the land's box that is in view (Russia runs off most maps).
            let (minX, maxX) = (max(xs.min()!, left), min(xs.max()!, right))
            let (minY, maxY) = (max(ys.min()!, top), min(ys.max()!, bottom))
            let w = Markup.estimatedWidth(country.name, fontSize: 12) + 0.6 * Double(country.name.count), h = 13.0
            guard maxX - minX > w * 1.3, maxY - minY > 2 * h else { continue }
            // The middle of the land's box, moved to the land's own middle row when the box's is at sea.
            let center = GeoPoint(lon: view.west + ((minX + maxX) / 2 - left) / (view.stretch * view.scale),
                                  lat: view.north - ((minY + maxY) / 2 - top) / view.scale)
            guard CountryBorders.contains(country, center) else { continue }
            let box = (x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - h / 2, w: w, h: h)
            guard box.x >= left + 2, box.x + box.w <= right - 2, box.y >= top + 2, box.y + box.h <= bottom - 2,
                  !(taken + placed.map(\.box)).contains(where: { Self.overlaps($0, box) }) else { continue }
            placed.append(Label(text: country.name, box: box))
        }
        return placed
    }

    static func length(_ line: [GeoPoint], _ px: (GeoPoint) -> (Double, Double)) -> Double {
        zip(line, line.dropFirst()).reduce(0) { total, pair in
            let (a, b) = (px(pair.0), px(pair.1))
            return total + ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
        }
    }

    /// The point halfway along a line, in pixels.
    static func middle(_ line: [GeoPoint], _ px: (GeoPoint) -> (Double, Double)) -> (Double, Double) {
        let half = length(line, px) / 2
        var walked = 0.0
        for (a, b) in zip(line, line.dropFirst()) {
            let (pa, pb) = (px(a), px(b))
            let step = ((pa.0 - pb.0) * (pa.0 - pb.0) + (pa.1 - pb.1) * (pa.1 - pb.1)).squareRoot()
            if walked + step >= half, step > 0 {
                let t = (half - walked) / step
                return (pa.0 + (pb.0 - pa.0) * t, pa.1 + (pb.1 - pa.1) * t)
            }
            walked += step
        }
        return px(line[0])
    }
}
