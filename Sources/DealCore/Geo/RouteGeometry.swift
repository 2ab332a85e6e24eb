import Foundation

/// A route as GEM draws it (WKT `LINESTRING` or `MULTILINESTRING` of
/// longitude and latitude), read only as far as telling how two rows of one
/// pipeline lie to each other: one on the other, side by side, or end to end.
struct RouteGeometry: Sendable, Equatable {
    typealias Point = GeoPoint

    /// The polylines, each in the order GEM drew it.
    let lines: [[Point]]

    init(lines: [[Point]]) {
        self.lines = lines
    }

    /// Nil for anything but a non-empty line string (points, `GEOMETRYCOLLECTION EMPTY`, text that is no WKT).
    init?(wkt: String) {
        guard let geometry = try? WKT.parse(wkt), !geometry.lines.isEmpty else { return nil }
        self.lines = geometry.lines
    }

    var first: Point { lines[0][0] }
    var last: Point { lines[lines.count - 1][lines[lines.count - 1].count - 1] }

    var lengthKm: Double {
        lines.reduce(0) { total, line in
            total + zip(line, line.dropFirst()).reduce(0) { $0 + Self.distanceKm($1.0, $1.1) }
        }
    }

    /// Up to `count` of the route's vertices, spread along it.
    func sample(_ count: Int = 24) -> [Point] {
        let all = lines.flatMap { $0 }
        guard all.count > count else { return all }
        return (0..<count).map { all[$0 * (all.count - 1) / (count - 1)] }
    }

    /// The distance from `point` to the nearest point of the route.
    func distanceKm(to point: Point) -> Double {
        var best = Double.infinity
        for line in lines {
            for (a, b) in zip(line, line.dropFirst()) {
                best = min(best, Self.distanceKm(point, segment: a, b))
            }
        }
        return best
    }

    /// The share of `other`'s sampled vertices within `tolerance` km of this route.
    func shareNear(_ other: RouteGeometry, toleranceKm: Double) -> Double {
        let points = other.sample()
        guard !points.isEmpty else { return 0 }
        return Double(points.filter { distanceKm(to: $0) <= toleranceKm }.count) / Double(points.count)
    }

    // Distances on a plane tangent at the point: at the scale of a
    // pipeline's tolerance (tens of km) the error is far below GEM's
    // drawing accuracy.
    private static func plane(_ p: Point, around origin: Point) -> (x: Double, y: Double) {
        ((p.lon - origin.lon) * cos(origin.lat * .pi / 180) * 111.32, (p.lat - origin.lat) * 110.57)
    }

    static func distanceKm(_ a: Point, _ b: Point) -> Double {
        let d = plane(b, around: a)
        return (d.x * d.x + d.y * d.y).squareRoot()
    }

    private static func distanceKm(_ p: Point, segment a: Point, _ b: Point) -> Double {
        let pa = plane(a, around: p), pb = plane(b, around: p)
        let dx = pb.x - pa.x, dy = pb.y - pa.y
        let span = dx * dx + dy * dy
        let t = span == 0 ? 0 : max(0, min(1, -(pa.x * dx + pa.y * dy) / span))
        let x = pa.x + t * dx, y = pa.y + t * dy
        return (x * x + y * y).squareRoot()
    }
}
