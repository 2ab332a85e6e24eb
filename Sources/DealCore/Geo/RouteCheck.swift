import Foundation

/// The route checks of docs/QUALITY.md: a drawn route against the countries
/// its source names. A route that never comes near a country it names
/// (`route-misses-country`: Murati–Silivri, all of it in Thrace, "starts in
/// Estonia") or that runs well inside a country it does not name
/// (`route-crosses-country`) is flagged with the distance.
///
/// Natural Earth's 1:110m borders are coarse (some 10 km) and sections at
/// sea belong to no country's land, so a named country counts as reached
/// when the route's land comes within `landToleranceKm` of it, or its
/// sections at sea within `seaToleranceKm` (an offshore line in a
/// country's waters, which reach 200 nautical miles, 370 km, from
/// coasts and islands too small for the map: Norpipe from Ekofisk, 270 km
/// off Norway's coast at this scale; Tampen Link off Shetland); a country counts
/// as crossed only when the route runs more than `crossToleranceKm` inside
/// it. Countries too small for the map (Singapore, Bahrain) are not judged.
package enum RouteCheck {
    package static let landToleranceKm = 30.0
    package static let seaToleranceKm = 400.0
    package static let crossToleranceKm = 30.0
    /// Land that ISO codes apart but sources name by the country that holds
    /// it (GEM's "United States" for Puerto Rico's lines).
    static let territories: [String: [String]] = ["US": ["PR"], "DK": ["GL"], "FR": ["NC", "GF"], "GB": ["FK"]]

    /// Points along the route no further apart than this.
    static let stepKm = 10.0

    package struct Finding: Sendable, Equatable {
        package enum Rule: String, Sendable { case misses = "route-misses-country", crosses = "route-crosses-country" }
        package let rule: Rule
        package let country: String
        package let distanceKm: Double
        package let detail: String
    }

    /// The findings for a route (`lines`) that its source says runs through
    /// `named` (ISO codes, in route order).
    package static func check(lines: [[GeoPoint]], named: [String], rules: Set<Finding.Rule> = [.misses, .crosses],
                              borders: CountryBorders = .natural) -> [Finding] {
        let samples = sample(lines)
        guard !samples.isEmpty else { return [] }
        // Which country's land each point is on, if any.
        let homes = samples.map { borders.country(at: $0)?.code }
        var findings: [Finding] = []
        var seen = Set<String>()
        for code in named where seen.insert(code).inserted && rules.contains(.misses) {
            let lands = [code] + (territories[code] ?? [])
            guard let country = borders.shape(code), !homes.contains(where: { $0.map(lands.contains) == true }) else { continue }
            let shapes = lands.compactMap { borders.shape($0) }
            var land = Double.infinity, sea = Double.infinity
            for (point, home) in zip(samples, homes) {
                let distance = shapes.map { CountryBorders.distanceToEdgeKm($0, point) }.min() ?? .infinity
                if home == nil { sea = min(sea, distance) } else { land = min(land, distance) }
            }
            guard land > landToleranceKm, sea > seaToleranceKm else { continue }
            let nearest = min(land, sea)
            findings.append(Finding(
                rule: .misses, country: code, distanceKm: nearest,
                detail: "the route names \(code) (\(country.name)) but never comes within \(Self.km(nearest)) km of it "
                    + "(allowed: \(Self.km(landToleranceKm)) km on land, \(Self.km(seaToleranceKm)) km at sea)"))
        }
        // Countries the route is in that it does not name, and how deep.
        var depth: [String: Double] = [:]
        for (point, home) in zip(samples, homes) where rules.contains(.crosses) {
            guard let home, !seen.contains(home), let country = borders.shape(home) else { continue }
            depth[home] = max(depth[home] ?? 0, CountryBorders.distanceToEdgeKm(country, point))
        }
        for (code, deepest) in depth.sorted(by: { $0.key < $1.key }) where deepest > crossToleranceKm {
            let name = borders.shape(code)?.name ?? code
            findings.append(Finding(
                rule: .crosses, country: code, distanceKm: deepest,
                detail: "the route runs \(Self.km(deepest)) km inside \(code) (\(name)), which its countries ("
                    + named.joined(separator: ", ") + ") do not name (allowed: \(Self.km(crossToleranceKm)) km)"))
        }
        return findings
    }

    /// The route's vertices and points between them, `stepKm` apart at most.
    static func sample(_ lines: [[GeoPoint]]) -> [GeoPoint] {
        var points: [GeoPoint] = []
        for line in lines {
            guard let first = line.first else { continue }
            points.append(first)
            for (a, b) in zip(line, line.dropFirst()) {
                let length = RouteGeometry.distanceKm(a, b)
                let steps = Int((length / stepKm).rounded(.up))
                if steps > 1 {
                    for step in 1..<steps {
                        let t = Double(step) / Double(steps)
                        points.append(GeoPoint(lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t))
                    }
                }
                points.append(b)
            }
        }
        return points
    }

    static func km(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        guard digits.count > 3 else { return digits }
        return digits.dropLast(3) + "," + digits.suffix(3)
    }
}
