import Foundation

/// Natural Earth's 1:110m countries (public domain), compiled in from
/// `borders/countries-110m.txt` (made by scripts/natural-earth-borders.py;
/// docs/MAPS.md): the land of each country, by ISO code, for drawing maps
/// and for checking routes against the countries they name.
///
/// At 1:110m a border is accurate to some 10 km and small countries
/// (Singapore, Bahrain, Malta, ...) are not there at all: whoever asks
/// must allow for both (`shape(_:)` is nil for a country not drawn).
package final class CountryBorders: Sendable {
    package struct Country: Sendable {
        package let code: String
        package let name: String
        /// Rings of lon/lat; together, by the even-odd rule, the land.
        package let rings: [[GeoPoint]]
        package let west, south, east, north: Double
    }

    package let countries: [Country]
    private let index: [String: Int]

    /// The compiled-in borders, read once.
    package static let natural = CountryBorders(text: EmbeddedFiles.borders.first?.contents ?? "")

    init(text: String) {
        var countries: [Country] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3 else { continue }
            let rings = columns[2].split(separator: "|").map { ring in
                ring.split(separator: " ").compactMap { pair -> GeoPoint? in
                    let numbers = pair.split(separator: ",")
                    guard numbers.count == 2, let lon = Double(numbers[0]), let lat = Double(numbers[1]) else { return nil }
                    return GeoPoint(lon: lon, lat: lat)
                }
            }.filter { $0.count >= 3 }
            let all = rings.flatMap { $0 }
            guard !all.isEmpty else { continue }
            countries.append(Country(code: String(columns[0]), name: String(columns[1]), rings: rings,
                                     west: all.map(\.lon).min()!, south: all.map(\.lat).min()!,
                                     east: all.map(\.lon).max()!, north: all.map(\.lat).max()!))
        }
        self.countries = countries
        index = Dictionary(countries.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func shape(_ code: String) -> Country? { index[code].map { countries[$0] } }

    /// The country whose land holds `point`, if any (none at sea).
    package func country(at point: GeoPoint) -> Country? {
        countries.first { country in
            point.lon >= country.west && point.lon <= country.east && point.lat >= country.south && point.lat <= country.north
                && Self.contains(country, point)
        }
    }

    static func contains(_ country: Country, _ point: GeoPoint) -> Bool {
        var inside = false
        for ring in country.rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.lat > point.lat) != (b.lat > point.lat),
                   point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }

    /// How far `point` is from the country's border (its coast included), in km.
    static func distanceToEdgeKm(_ country: Country, _ point: GeoPoint) -> Double {
        var best = Double.infinity
        let kx = cos(point.lat * .pi / 180) * 111.32, ky = 110.57
        for ring in country.rings {
            for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) {
                let ax = (a.lon - point.lon) * kx, ay = (a.lat - point.lat) * ky
                let bx = (b.lon - point.lon) * kx, by = (b.lat - point.lat) * ky
                let dx = bx - ax, dy = by - ay
                let span = dx * dx + dy * dy
                let t = span == 0 ? 0 : max(0, min(1, -(ax * dx + ay * dy) / span))
                let x = ax + t * dx, y = ay + t * dy
                best = min(best, x * x + y * y)
            }
        }
        return best.squareRoot()
    }

    /// How far `point` is from the country's land: 0 inside it.
    package func distanceKm(from point: GeoPoint, to country: Country) -> Double {
        Self.contains(country, point) ? 0 : Self.distanceToEdgeKm(country, point)
    }
}
