import Testing
@testable import DealCore

/// Well-known text as GEM and documents write it: every shape dealdb reads,
/// and errors that say where the text goes wrong.
@Suite struct WKTTests {
    @Test func readsTheShapesOfRoutesAndSites() throws {
        let line = try #require(try WKT.parse("LINESTRING (28.5804 41.1619, 28.312148 41.165184)"))
        #expect(line.lines == [[GeoPoint(lon: 28.5804, lat: 41.1619), GeoPoint(lon: 28.312148, lat: 41.165184)]])
        #expect(line.shape == "line")
        let multi = try #require(try WKT.parse("MultiLineString ((1 2, 3 4), EMPTY, (5 6,7 8))"))
        #expect(multi.lines.count == 2)
        let point = try #require(try WKT.parse("  POINT Z (-90.194444 29.105833 12) "))
        #expect(point.points == [GeoPoint(lon: -90.194444, lat: 29.105833)])
        #expect(point.shape == "point")
        #expect(try WKT.parse("MULTIPOINT ((1 2), (3 4))")?.points.count == 2)
        #expect(try WKT.parse("MULTIPOINT (1 2, 3 4)")?.points.count == 2)
        #expect(try WKT.parse("GEOMETRYCOLLECTION EMPTY") == nil)
        #expect(try WKT.parse("LINESTRING EMPTY") == nil)
        let bounds = try #require(multi.bounds)
        #expect(bounds.west == 1 && bounds.south == 2 && bounds.east == 7 && bounds.north == 8)
    }

    @Test func errorsSayWhereAndWhat() {
        func failure(_ text: String) -> WKTError? {
            do { _ = try WKT.parse(text); return nil } catch { return error }
        }
        #expect(failure("LINESTRING (1 2, 3)")?.description == "at character 19: expected a number, found \")\"")
        #expect(failure("LINESTRING (1 2 3 4 5, 6 7)")?.offset == 21)
        #expect(failure("POLYGON ((1 2, 3 4, 5 6, 1 2))")?.message.hasPrefix("expected POINT, MULTIPOINT, LINESTRING") == true)
        #expect(failure("POINT (200 10)")?.message.contains("no place on Earth") == true)
        #expect(failure("LINESTRING (1 2)")?.message == "a line needs at least two points, found one")
        #expect(failure("LINESTRING (1 2, 3 4) extra")?.offset == 23)
        #expect(failure("")?.offset == 1)
        #expect(failure("POINT (1 2")?.message == "expected \")\", found the end of the text")
        // Characters, not bytes: the error after a two-byte letter is counted once.
        #expect(failure("POINT (é 2)")?.offset == 8)
    }

    @Test func writesWhatItReads() throws {
        for text in ["LINESTRING (1.5 2, -3.25 4)", "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))", "POINT (26.9 38.7)"] {
            let geometry = try #require(try WKT.parse(text))
            #expect(WKT.text(geometry) == text)
        }
    }
}
