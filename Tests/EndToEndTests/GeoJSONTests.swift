import Foundation
import Testing
import TestSupport

/// `--format geojson` (issue 23): RFC 7946 FeatureCollections that Python's
/// json module and GDAL (as QGIS) read, a feature per row with a geometry.
@Suite struct GeoJSONTests {
    /// GDAL's ogrinfo on a file: its feature count and the geometry type it reads.
    static func ogrinfo(_ path: String) throws -> (count: Int?, output: String) {
        let result = try ProcessRunner.run("/usr/bin/env", ["ogrinfo", "-so", "-al", path])
        #expect(result.status == 0, "ogrinfo (GDAL, `make test-deps` installs gdal-bin): \(result.stderr)")
        let count = result.stdout.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") }
            .flatMap { Int($0.dropFirst("Feature Count: ".count)) }
        return (count, result.stdout)
    }

    static func jsonTool(_ path: String) throws {
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "json.tool", path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func projectsExportAsFeaturesWithTheirColumns() throws {
        let database = try QueryDatabase(.empty)
        #expect(try database.run(["import", "--from", "gem", GeometryTests.fixtures + "/map-routes.csv"]).status == 0)
        let file = database.directory.file("projects.geojson")
        let exported = try database.run(["export", "projects", "--format", "geojson", "-o", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        // The row without a geometry is named, not dropped silently.
        #expect(exported.stderr.contains("geojson: 1 row left out, its project has no geometry: gem-made-up-spur-pipeline"))
        try Self.jsonTool(file)
        #expect(try Self.ogrinfo(file).count == 4)

        let parsed = try #require(try Parsers.json(String(contentsOfFile: file, encoding: .utf8)) as? [String: Any])
        #expect(parsed["type"] as? String == "FeatureCollection")
        let features = try #require(parsed["features"] as? [[String: Any]])
        let terminal = try #require(features.first { ($0["id"] as? String) == "gem-made-up-lng-terminal-phase-1" })
        // Longitude first, as the source's POINT (26.9 38.7) and lng 26.9, lat 38.7.
        #expect((terminal["geometry"] as? [String: Any])?["type"] as? String == "Point")
        #expect((terminal["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [26.9, 38.7])
        let properties = try #require(terminal["properties"] as? [String: Any])
        #expect(properties["name"] as? String == "Made-Up LNG Terminal")
        #expect(properties["kind"] as? String == "lng_terminal")
        #expect(Set(properties.keys) == ["id", "citable_id", "name", "kind", "commodity", "status", "note"])
    }

    @Test func queriesThatNameProjectsAreDrawnAndOthersAreRefused() throws {
        let database = try QueryDatabase(.seed)
        let file = database.directory.file("transit.geojson")
        let transit = try database.run(["query", "transit-countries", "--format", "geojson", "-o", file])
        #expect(transit.status == 0, "\(transit.stderr)")
        try Self.jsonTool(file)
        // PoS-2 through Mongolia.
        #expect(try Self.ogrinfo(file).count == 1)
        let listed = try database.run(["projects", "--format", "geojson"])
        #expect(listed.status == 0)
        #expect(try (Parsers.json(listed.stdout) as? [String: Any])?["features"].map { ($0 as? [Any])?.count } == 3)
        let noProject = try database.run(["query", "unresolved-pricing", "--format", "geojson"])
        #expect(noProject.status == 64)
        #expect(noProject.stderr.contains("--format geojson needs a column that names a project (project_id, project or id)"))
        #expect(try database.run(["list", "--format", "geojson"]).status == 64)
        #expect(try database.run(["export", "--format", "geojson"]).status == 64)
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func theWholeMapFileExportsEveryRowWithAGeometry() throws {
        let database = try QueryDatabase.withGEMMap(.empty).database
        let file = database.directory.file("map.geojson")
        let exported = try database.run(["export", "projects", "--format", "geojson", "-o", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("geojson: 541 rows left out"))
        try Self.jsonTool(file)
        let rowsWithGeometry = try ProcessRunner.sqlite3(database.path, "SELECT count(*) FROM project_geometry").stdout
        #expect(rowsWithGeometry == "4358\n")
        #expect(try Self.ogrinfo(file).count == 4358)
    }
}
