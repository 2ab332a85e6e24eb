import SQLiteKit

/// The route checks (RouteCheck, docs/QUALITY.md) on a document's projects:
/// a drawn route against the countries of its `route`. The findings are
/// quality notes, replaced whenever the project is imported again, citing
/// the geometry's source.
enum DocumentRouteChecks {
    static let rules = [RouteCheck.Finding.Rule.misses.rawValue, RouteCheck.Finding.Rule.crosses.rawValue]

    static func write(_ projects: [ProjectRecord], into database: Database) throws {
        let delete = try database.makeStatement(sql: """
            DELETE FROM quality_notes WHERE project_id = :project AND rule IN (SELECT value FROM json_each(:rules))
            """)
        let insert = try database.makeStatement(sql: """
            INSERT INTO quality_notes (rule, project_id, source_id, locator, detail, country)
            VALUES (:rule, :project, :source, :locator, :detail, :country)
            """)
        for project in projects {
            try delete.bind(named: [":project": .text(project.id), ":rules": .text(JSONList.of(rules))])
            try delete.run()
            guard let geometry = project.geometry, let lines = try? WKT.parse(geometry.wkt)?.lines, !lines.isEmpty,
                  !project.route.isEmpty else { continue }
            var named: [String] = []
            for stop in project.route where !named.contains(stop.country) { named.append(stop.country) }
            for finding in RouteCheck.check(lines: lines, named: named) {
                try insert.bind(named: [
                    ":rule": .text(finding.rule.rawValue), ":project": .text(project.id),
                    ":source": SQLiteValue(geometry.source), ":locator": .text("geometry"),
                    ":detail": .text(finding.detail), ":country": .text(finding.country),
                ])
                try insert.run()
            }
        }
    }
}
