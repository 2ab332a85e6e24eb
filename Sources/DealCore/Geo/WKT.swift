import Foundation

/// A place in WGS 84 degrees, longitude first as in WKT and GeoJSON.
package struct GeoPoint: Sendable, Equatable, Hashable, Codable {
    package var lon: Double
    package var lat: Double

    package init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
}

/// A project's place as its source draws it: a point (a terminal) or lines
/// (a pipeline's route, in one or several pieces).
package struct Geometry: Sendable, Equatable {
    package var points: [GeoPoint] = []
    package var lines: [[GeoPoint]] = []

    package init(points: [GeoPoint] = [], lines: [[GeoPoint]] = []) {
        self.points = points
        self.lines = lines
    }

    package var isEmpty: Bool { points.isEmpty && lines.isEmpty }
    /// `point` for a point or points, `line` for lines (the table's `shape`).
    package var shape: String { lines.isEmpty ? "point" : "line" }

    /// Every vertex, points and lines alike.
    package var vertices: [GeoPoint] { points + lines.flatMap { $0 } }

    /// West, south, east, north; nil when empty.
    package var bounds: (west: Double, south: Double, east: Double, north: Double)? {
        var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
        for point in points { extend(point) }
        for line in lines { for point in line { extend(point) } }
        func extend(_ p: GeoPoint) {
            west = min(west, p.lon); east = max(east, p.lon)
            south = min(south, p.lat); north = max(north, p.lat)
        }
        return west.isFinite ? (west, south, east, north) : nil
    }
}

/// A WKT text that is not a geometry dealdb reads, and where it goes wrong
/// (`offset`: characters from the start, counting from 1).
package struct WKTError: Error, Sendable, Equatable, CustomStringConvertible {
    package let offset: Int
    package let message: String
    package var description: String { "at character \(offset): \(message)" }
}

/// Well-known text (OGC Simple Features) for the shapes a route or a site
/// takes: POINT, MULTIPOINT, LINESTRING, MULTILINESTRING, each also EMPTY,
/// and GEOMETRYCOLLECTION EMPTY (GEM's "no route"). Coordinates are
/// longitude then latitude; a third or fourth number (Z, M) is read and
/// set aside. Anything else is an error that says where and what was
/// expected, never a shape guessed.
package enum WKT {
    /// The geometry of `text`; nil when the text says it is empty.
    package static func parse(_ text: String) throws(WKTError) -> Geometry? {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.skipSpace()
        let typeStart = scanner.index
        let word = scanner.word()
        guard !word.isEmpty else { throw scanner.error(at: typeStart, "expected a geometry type such as LINESTRING or POINT") }
        scanner.skipSpace()
        // "POINT Z (...)", "LINESTRING ZM (...)": the dimension word.
        let dimensionStart = scanner.index
        let dimension = scanner.word()
        if !dimension.isEmpty && !["Z", "M", "ZM", "EMPTY"].contains(dimension) {
            throw scanner.error(at: dimensionStart, "expected Z, M, ZM, EMPTY or \"(\", found \"\(dimension)\"")
        }
        var empty = dimension == "EMPTY"
        if !empty && !dimension.isEmpty {
            scanner.skipSpace()
            let at = scanner.index
            let next = scanner.word()
            if next == "EMPTY" {
                empty = true
            } else if !next.isEmpty {
                throw scanner.error(at: at, "expected EMPTY or \"(\", found \"\(next)\"")
            }
        }
        var geometry = Geometry()
        if empty {
            guard ["POINT", "MULTIPOINT", "LINESTRING", "MULTILINESTRING", "GEOMETRYCOLLECTION"].contains(word) else {
                throw scanner.error(at: typeStart, unsupported(word))
            }
            try scanner.end()
            return nil
        }
        switch word {
        case "POINT":
            geometry.points = [try scanner.point()]
        case "MULTIPOINT":
            // Both "MULTIPOINT ((1 2), (3 4))" and "MULTIPOINT (1 2, 3 4)".
            geometry.points = try scanner.list { scanner throws(WKTError) -> GeoPoint? in
                try scanner.peek == UInt8(ascii: "(") ? scanner.point() : scanner.coordinate()
            }
        case "LINESTRING":
            geometry.lines = [try scanner.line()]
        case "MULTILINESTRING":
            geometry.lines = try scanner.list { scanner throws(WKTError) -> [GeoPoint]? in
                // An empty line adds nothing.
                guard scanner.peekWord() != "EMPTY" else {
                    _ = scanner.word()
                    return nil
                }
                return try scanner.line()
            }
        default:
            throw scanner.error(at: typeStart, unsupported(word))
        }
        try scanner.end()
        return geometry.isEmpty ? nil : geometry
    }

    private static func unsupported(_ word: String) -> String {
        "expected POINT, MULTIPOINT, LINESTRING, MULTILINESTRING or GEOMETRYCOLLECTION EMPTY, found \"\(word)\""
    }

    /// The geometry as WKT, numbers as Swift prints them (exact round trip).
    package static func text(_ geometry: Geometry) -> String {
        func coordinate(_ p: GeoPoint) -> String { "\(number(p.lon)) \(number(p.lat))" }
        func line(_ l: [GeoPoint]) -> String { "(" + l.map(coordinate).joined(separator: ", ") + ")" }
        if !geometry.lines.isEmpty {
            return geometry.lines.count == 1 ? "LINESTRING " + line(geometry.lines[0])
                : "MULTILINESTRING (" + geometry.lines.map(line).joined(separator: ", ") + ")"
        }
        if geometry.points.count == 1 { return "POINT (\(coordinate(geometry.points[0])))" }
        if geometry.points.isEmpty { return "GEOMETRYCOLLECTION EMPTY" }
        return "MULTIPOINT (" + geometry.points.map { "(" + coordinate($0) + ")" }.joined(separator: ", ") + ")"
    }

    /// `12.5`, `-3`, never `12.500000` nor `1e-05` for a coordinate.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        guard text.contains("e") else { return text }
        return String(format: "%.10f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }

    /// Reads bytes of WKT; positions in errors are characters from 1.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// Letters, upper-cased.
        mutating func word() -> String {
            let start = index
            while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self).uppercased()
        }

        mutating func peekWord() -> String {
            let saved = index
            defer { index = saved }
            return word()
        }

        func error(at byte: Int, _ message: String) -> WKTError {
            // Characters, not bytes: count the UTF-8 lead bytes before it.
            let characters = bytes[..<min(byte, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
            return WKTError(offset: characters + 1, message: message)
        }

        func found() -> String {
            guard index < bytes.count else { return "the end of the text" }
            let end = bytes[index...].prefix(12).firstIndex(where: { [0x20, 0x2C, 0x28, 0x29].contains($0) }) ?? min(bytes.count, index + 12)
            let text = String(decoding: bytes[index..<max(end, index + 1)], as: UTF8.self)
            return "\"\(text)\""
        }

        mutating func expect(_ character: Character) throws(WKTError) {
            skipSpace()
            guard peek == character.asciiValue else { throw error(at: index, "expected \"\(character)\", found \(found())") }
            index += 1
        }

        /// `(`, then items separated by commas up to `)`, each read by `item`
        /// (nil: an item that adds nothing).
        mutating func list<Item>(_ item: (inout Scanner) throws(WKTError) -> Item?) throws(WKTError) -> [Item] {
            try expect("(")
            var items: [Item] = []
            repeat {
                skipSpace()
                if let next = try item(&self) { items.append(next) }
            } while try separator()
            return items
        }

        /// After an item: true for a comma (another follows), false for ")".
        mutating func separator() throws(WKTError) -> Bool {
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; return true }
            if peek == UInt8(ascii: ")") { index += 1; return false }
            throw error(at: index, "expected \",\" or \")\", found \(found())")
        }

        mutating func end() throws(WKTError) {
            skipSpace()
            guard index == bytes.count else { throw error(at: index, "expected the end of the geometry, found \(found())") }
        }

        mutating func number() throws(WKTError) -> Double {
            skipSpace()
            let start = index
            while index < bytes.count,
                  (bytes[index] >= 0x30 && bytes[index] <= 0x39) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(bytes[index]) {
                index += 1
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.isEmpty, let value = Double(text), value.isFinite else {
                index = start
                throw error(at: start, "expected a number, found \(found())")
            }
            return value
        }

        /// `lon lat` (and a Z or M set aside), in range.
        mutating func coordinate() throws(WKTError) -> GeoPoint {
            skipSpace()
            let start = index
            let lon = try number()
            let lat = try number()
            for _ in 0..<2 {
                skipSpace()
                guard let byte = peek, (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B || byte == 0x2E else { break }
                _ = try number()
            }
            guard abs(lon) <= 180, abs(lat) <= 90 else {
                throw error(at: start, "\(Self.plain(lon)) \(Self.plain(lat)) is no place on Earth: expected longitude "
                    + "from -180 to 180, then latitude from -90 to 90")
            }
            return GeoPoint(lon: lon, lat: lat)
        }

        static func plain(_ value: Double) -> String { WKT.number(value) }

        mutating func point() throws(WKTError) -> GeoPoint {
            try expect("(")
            let point = try coordinate()
            try expect(")")
            return point
        }

        mutating func line() throws(WKTError) -> [GeoPoint] {
            try expect("(")
            let start = index
            var points: [GeoPoint] = []
            repeat { points.append(try coordinate()) } while try separator()
            guard points.count >= 2 else { throw error(at: start, "a line needs at least two points, found one") }
            return points
        }
    }
}
