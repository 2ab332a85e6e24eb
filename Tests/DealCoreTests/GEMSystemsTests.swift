import Testing
@testable import DealCore

/// The rule that tells a pipeline's rows apart (docs/GEM.md, "One pipeline,
/// one project"), on rows made here, including drawings that contradict
/// the lengths GEM gives.
@Suite struct GEMSystemsTests {
    private func row(_ id: String, capacity: Double, length: Double, route: [String] = ["RU", "CN"],
                     wkt: String?) -> GEMProject {
        var project = GEMProject(
            line: 1, id: id, name: "Test Line", part: nil, kind: "pipeline", commodity: "gas", status: "operating",
            route: route.enumerated().map { .init(country: $1, role: $0 == 0 ? "origin" : $0 == route.count - 1 ? "destination" : "transit") },
            terms: [.init(metric: "capacity", value: capacity, unit: "bcm/y"), .init(metric: "length", value: length, unit: "km")],
            startYear: nil, owners: [], parents: [], note: nil)
        project.wiki = "https://example.org/Test"
        project.geometry = wkt.flatMap(RouteGeometry.init(wkt:))
        return project
    }

    @Test func aWholeLineDrawnAsOneOfItsSectionsIsFoundByLengths() {
        // As GEM draws China–Russia East: the whole line's route is its first section's.
        let parts = GEMSystems.parts(of: [
            row("whole", capacity: 38, length: 5000, wkt: "LINESTRING (100 50, 105 47)"),
            row("a", capacity: 38, length: 1500, wkt: "LINESTRING (100 50, 105 47)"),
            row("b", capacity: 38, length: 2000, wkt: "LINESTRING (105 47, 110 44)"),
        ])
        #expect(parts["whole"]?.part == "whole" && parts["whole"]?.counted == true)
        #expect(parts["a"]?.counted == false && parts["b"]?.counted == false)
        #expect(Set(parts.values.map(\.system)) == ["whole"])
    }

    @Test func drawingsThatContradictTheLengthsEndInOneWholeLine() {
        // By GEM's lengths "x" holds "y" and "z"; by the drawings "z" holds "x". No row may hold itself.
        let parts = GEMSystems.parts(of: [
            row("x", capacity: 10, length: 3000, wkt: "LINESTRING (100 50, 101 50)"),
            row("y", capacity: 10, length: 1000, wkt: "LINESTRING (120 30, 121 30)"),
            row("z", capacity: 10, length: 1200, wkt: "LINESTRING (99 50, 102 50)"),
        ])
        #expect(parts.count == 3)
        #expect(parts.values.filter { $0.counted }.count == 1, "\(parts)")
    }

    @Test func stringsAddAndAFeederIsASectionOfTheLineAbroad() {
        let strings = GEMSystems.parts(of: [
            row("s1", capacity: 15.75, length: 930, wkt: "LINESTRING (37 44, 29 41)"),
            row("s2", capacity: 15.75, length: 930, wkt: "LINESTRING (37 44.02, 29 41.02)"),
        ])
        #expect(strings.values.allSatisfy { $0.part == "string" && $0.counted })
        let feeder = GEMSystems.parts(of: [
            row("home", capacity: 80, length: 2600, route: ["RU"], wkt: nil),
            row("abroad", capacity: 50, length: 960, route: ["RU", "MN", "CN"], wkt: nil),
        ])
        #expect(feeder["home"]?.counted == false && feeder["abroad"]?.counted == true)
    }
}
