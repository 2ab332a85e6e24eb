import Foundation
import SQLiteKit

/// Where the projects named in rows are, for `--format geojson`: each
/// project's geometry (table `project_geometry`) by id, read from the
/// database as the rows stream.
package final class ProjectGeometries: @unchecked Sendable {
    private let statement: Statement

    package init(store: DealStore) throws {
        statement = try store.database.makeStatement(sql: "SELECT wkt FROM project_geometry WHERE project_id = ?")
    }

    /// The geometry of project `id`, nil when it has none (or is no project).
    func geometry(of id: String) throws -> Geometry? {
        defer { statement.reset() }
        try statement.bind([.text(id)])
        guard try statement.step(), case .text(let wkt) = statement.value(at: 0) else { return nil }
        return try? WKT.parse(wkt)
    }
}

/// RFC 7946 GeoJSON: one FeatureCollection, a Feature per row whose project
/// has a geometry, its columns as properties (typed as in JSON output), the
/// geometry as the source drew it (WGS 84, longitude first). The project is
/// named by the first column called `project_id`, `project` or `id`; rows
/// whose project has no geometry are left out and listed in `leftOut`, for
/// the caller to say so. QGIS, GDAL (`ogrinfo`), kepler.gl and Datasette's
/// map plugins read it.
final class GeoJSONRowWriter: RowFormatter {
    static let idColumns = ["project_id", "project", "id"]

    private let sink: TextSink
    private let geometries: ProjectGeometries?
    private var keyPrefixes: [String] = []
    private var idColumn = 0
    private var features = 0
    private var rows = 0
    private(set) var leftOut: [String] = []

    init(sink: TextSink, geometries: ProjectGeometries?) {
        self.sink = sink
        self.geometries = geometries
    }

    func begin(columns: [String]) throws {
        guard geometries != nil else {
            throw DealError(.usage, "\(setting: .format, value: "geojson") draws projects: it goes with `dealdb export TABLE`, `dealdb query` and `dealdb projects`")
        }
        guard let found = Self.idColumns.lazy.compactMap({ columns.firstIndex(of: $0) }).first else {
            throw DealError(.usage, "\(setting: .format, value: "geojson") needs a column that names a project (project_id, project or id); "
                + "the rows have \(columns.joined(separator: ", "))")
        }
        idColumn = found
        keyPrefixes = JSONRowWriter.uniqueKeys(columns).map { JSONRowWriter.string($0) + ": " }
        sink.write("{\"type\": \"FeatureCollection\", \"features\": [")
    }

    func row(_ values: [SQLiteValue]) throws {
        try CellText.checkCount(values, columns: keyPrefixes)
        try CellText.checkSink(sink)
        rows += 1
        guard case .text(let id) = values[idColumn], let geometry = try geometries?.geometry(of: id) else {
            leftOut.append(CellText.of(values[idColumn], nullText: "(none)"))
            return
        }
        var properties: [String] = []
        for (index, value) in values.enumerated() {
            if case .real(let number) = value, !number.isFinite {
                throw DealError(.failure, "row \(rows), column \(keyPrefixes[index].dropLast(2)): \(NumberText.cell(number)) "
                    + "cannot be written as JSON, which has no such number")
            }
            properties.append(keyPrefixes[index] + JSONRowWriter.value(value))
        }
        sink.write((features == 0 ? "\n" : ",\n") + "{\"type\": \"Feature\", \"id\": " + JSONRowWriter.string(id)
            + ", \"geometry\": " + Self.json(geometry) + ", \"properties\": {" + properties.joined(separator: ", ") + "}}")
        features += 1
    }

    func end() throws {
        sink.write(features == 0 ? "]}\n" : "\n]}\n")
        sink.flush()
        try CellText.checkSink(sink)
    }

    /// A GeoJSON geometry object; coordinates as Swift prints doubles
    /// (the shortest text that reads back as the same number).
    static func json(_ geometry: Geometry) -> String {
        func position(_ p: GeoPoint) -> String { "[\(p.lon), \(p.lat)]" }
        func line(_ l: [GeoPoint]) -> String { "[" + l.map(position).joined(separator: ", ") + "]" }
        if !geometry.lines.isEmpty {
            return geometry.lines.count == 1
                ? "{\"type\": \"LineString\", \"coordinates\": \(line(geometry.lines[0]))}"
                : "{\"type\": \"MultiLineString\", \"coordinates\": [" + geometry.lines.map(line).joined(separator: ", ") + "]}"
        }
        return geometry.points.count == 1
            ? "{\"type\": \"Point\", \"coordinates\": \(position(geometry.points[0]))}"
            : "{\"type\": \"MultiPoint\", \"coordinates\": \(line(geometry.points))}"
    }
}
