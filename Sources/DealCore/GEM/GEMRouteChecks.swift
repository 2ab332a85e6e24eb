import Foundation

/// The route checks (RouteCheck) on one GEM file's rows.
///
/// GEM lists the countries of a whole pipeline on each of its rows, while a
/// row draws only its own section; and it names where the gas comes from
/// or goes to when the line only joins another that gets there (the
/// "Russian Federation–Turkey" line around Ankara takes Blue Stream's
/// Russian gas). So a country a row names counts as reached when a row of
/// the same wiki page comes near it, or when a row of the page joins (an
/// end within `joinKm` of it) a line of the file that reaches an origin or
/// destination the page's drawing stops short of: that line carries the
/// route on, and the countries it reaches count (the Nigeria–Morocco line,
/// drawn from off Ghana, takes Nigeria's gas through Benin and Togo on the
/// West African Gas Pipeline). One step only, since through the whole
/// network every country is reached; and a page whose drawing reaches both
/// its ends gets no such help (Trans-Mediterranean's Croatia, whatever
/// Slovenia's lines reach at Gorizia).
/// A row crosses a country only when no row of its page names it.
enum GEMRouteChecks {
    static let joinKm = 25.0

    /// Adds the findings to the rows' quality notes; returns them as lines
    /// for the import summary, in file order.
    static func run(_ projects: inout [GEMProject], borders: CountryBorders = .natural) -> [String] {
        var pages: [String: [Int]] = [:]
        var drawn: [Int] = []
        for (index, project) in projects.enumerated() where project.place?.shape.lines.isEmpty == false {
            pages[project.wiki ?? "row \(index)", default: []].append(index)
            drawn.append(index)
        }
        let routes = drawn.map { (index: $0, route: RouteGeometry(lines: projects[$0].place!.shape.lines)) }
        let boxes = routes.map { $0.route.box }
        var lines: [(line: Int, text: String)] = []
        for key in pages.keys.sorted() {
            let members = pages[key]!
            let own = members.flatMap { projects[$0].place!.shape.lines }
            var named: [String] = []
            var ends = Set<String>()
            for index in members {
                for stop in projects[index].route {
                    if !named.contains(stop.country) { named.append(stop.country) }
                    if stop.role != "transit" { ends.insert(stop.country) }
                }
            }
            var missed = RouteCheck.check(lines: own, named: named, rules: [.misses], borders: borders)
            let unreachedEnds = Set(missed.map(\.country)).intersection(ends)
            if !unreachedEnds.isEmpty {
                // Lines of other pages that a row of this page joins; one that
                // reaches an end this page's drawing stops short of carries
                // the route on, and every country it reaches counts.
                let tips = own.flatMap { [$0[0], $0[$0.count - 1]] }
                let joined = routes.indices.filter { candidate in
                    !members.contains(routes[candidate].index)
                        && tips.contains { end in
                            boxes[candidate].near(end, km: joinKm) && routes[candidate].route.distanceKm(to: end) <= joinKm
                        }
                }
                var reached = Set<String>()
                for candidate in joined {
                    let missing = Set(RouteCheck.check(lines: routes[candidate].route.lines, named: missed.map(\.country),
                                                       rules: [.misses], borders: borders).map(\.country))
                    let through = Set(missed.map(\.country)).subtracting(missing)
                    if !through.isDisjoint(with: unreachedEnds) { reached.formUnion(through) }
                }
                missed = missed.filter { !reached.contains($0.country) }
            }
            for index in members {
                let countries = Set(projects[index].route.map(\.country))
                // A page that names no country has nothing to compare with.
                let crossed = named.isEmpty ? []
                    : RouteCheck.check(lines: projects[index].place!.shape.lines, named: named, rules: [.crosses], borders: borders)
                for finding in missed.filter({ countries.contains($0.country) }) + crossed {
                    projects[index].qualityNotes.append(.init(rule: finding.rule.rawValue, detail: finding.detail, term: nil,
                                                              country: finding.country))
                    lines.append((projects[index].line, "line \(projects[index].line), \(projects[index].displayName): \(finding.detail)"))
                }
            }
        }
        return lines.sorted { $0.line < $1.line }.map(\.text)
    }
}

/// A route's bounding box, to skip routes far from a point cheaply.
struct GeoBox {
    let west, south, east, north: Double

    /// Whether `point` may be within `km` of what the box holds.
    func near(_ point: GeoPoint, km: Double) -> Bool {
        let dLat = km / 110.57 + 0.01
        let dLon = dLat / max(0.05, cos(min(89, abs(point.lat) + dLat) * .pi / 180))
        return point.lat >= south - dLat && point.lat <= north + dLat && point.lon >= west - dLon && point.lon <= east + dLon
    }
}

extension RouteGeometry {
    var box: GeoBox {
        let all = lines.flatMap { $0 }
        return GeoBox(west: all.map(\.lon).min()!, south: all.map(\.lat).min()!,
                      east: all.map(\.lon).max()!, north: all.map(\.lat).max()!)
    }
}
