import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// `projects` (the view project_overview) and the volume queries name the
/// same capacity for a project (migration 0014).
@Suite struct ProjectCapacityTests {
    @Test(arguments: [
        // Two undated figures: the last listed.
        ("[{metric: capacity, value: 10, unit: bcm/y}, {metric: capacity, value: 20, unit: bcm/y}]", 20.0),
        // A dated figure starts later than an undated one.
        ("[{metric: capacity, value: 30, unit: bcm/y, valid_from: \"2024\"}, {metric: capacity, value: 12, unit: bcm/y}]", 30.0),
        // Given in bcm/y before the same term converted from mtpa.
        ("[{metric: capacity, value: 5, unit: bcm/y}, {metric: capacity, value: 10, unit: mtpa}]", 5.0),
    ])
    func projectsAndTheFlowsAgree(_ terms: String, _ expected: Double) throws {
        let directory = try TemporaryDirectory()
        let store = try DealStore.create(at: directory.file("deals.db"), force: false, seed: false)
        let document = """
            projects:
              - id: line
                name: Line
                kind: pipeline
                route: [{country: RU, role: origin}, {country: CN, role: destination}]
                terms: \(terms)
            """
        _ = try DocumentImporter(store: store).run([DocumentInput(name: "d.yaml", text: document)], dryRun: false)
        let listed = try store.database.scalar(sql: "SELECT capacity_bcm_y FROM project_overview WHERE id = 'line'").double
        let counted = try QueryRows.builtIn("volumes-by-project", store: store)
        #expect(listed == expected)
        #expect(counted.rows.count == 1 && counted[0, "bcm_per_year"].double == expected)
    }
}
