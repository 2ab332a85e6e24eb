import Testing
@testable import DealCore

/// The route checks against Natural Earth's countries (docs/QUALITY.md).
@Suite struct RouteCheckTests {
    /// Murati–Silivri as GEM draws it: all of it in Thrace.
    static let thrace = [[GeoPoint(lon: 28.5804, lat: 41.1619), GeoPoint(lon: 28.034003, lat: 41.206139),
                          GeoPoint(lon: 27.323522, lat: 41.505694), GeoPoint(lon: 27.018, lat: 42.041)]]

    @Test func bordersAreCompiledIn() throws {
        let borders = CountryBorders.natural
        #expect(borders.countries.count == 175)
        #expect(borders.country(at: GeoPoint(lon: 32.85, lat: 39.93))?.code == "TR")   // Ankara
        #expect(borders.country(at: GeoPoint(lon: 2.35, lat: 48.86))?.code == "FR")    // Paris: -99 in Natural Earth
        #expect(borders.country(at: GeoPoint(lon: 27.5, lat: -29.5))?.code == "LS")    // Lesotho, a hole in South Africa
        #expect(borders.country(at: GeoPoint(lon: 18, lat: 35)) == nil)                // the Mediterranean
    }

    @Test func aCountryNamedButNeverNearIsFlaggedWithTheDistance() {
        let findings = RouteCheck.check(lines: Self.thrace, named: ["EE", "TR"])
        #expect(findings.map(\.rule) == [.misses])
        #expect(findings.first?.country == "EE")
        #expect((1600...1800).contains(findings.first?.distanceKm ?? 0))
        #expect(findings.first?.detail.hasPrefix("the route names EE (Estonia) but never comes within 1,") == true)
        #expect(RouteCheck.check(lines: Self.thrace, named: ["TR"]).isEmpty)
    }

    @Test func aCountryCrossedButNotNamedIsFlagged() {
        // Ankara to Tehran runs through Türkiye and Iran, hundreds of km in each.
        let line = [[GeoPoint(lon: 32.85, lat: 39.93), GeoPoint(lon: 44.0, lat: 38.5), GeoPoint(lon: 51.4, lat: 35.7)]]
        let findings = RouteCheck.check(lines: line, named: ["TR"])
        #expect(findings.map(\.rule) == [.crosses])
        #expect(findings.first?.country == "IR")
        #expect(RouteCheck.check(lines: line, named: ["TR", "IR"]).isEmpty)
    }

    @Test func theSeaAndCoarseBordersAreAllowedFor() {
        // Offshore from Ekofisk (Norway's waters, some 270 km from its coast at 1:110m) to Emden.
        let norpipe = [[GeoPoint(lon: 3.2, lat: 56.5), GeoPoint(lon: 5.5, lat: 54.5), GeoPoint(lon: 7.2, lat: 53.4)]]
        #expect(RouteCheck.check(lines: norpipe, named: ["NO", "DE"]).isEmpty)
        // A country too small for the map is not judged.
        #expect(RouteCheck.check(lines: Self.thrace, named: ["TR", "SG"]).isEmpty)
    }
}
