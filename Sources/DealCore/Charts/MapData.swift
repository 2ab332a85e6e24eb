import SQLiteKit

/// One project row drawn on a map: its route (lines) or site (a point).
package struct MapFeature: Sendable {
    package let id: String
    package let name: String
    package let kind: String
    package let status: String?
    /// The source's word for how exact the drawing is (`approximate`).
    package let accuracy: String?
    let geometry: Geometry
}

/// What `dealdb chart map` draws: the projects a ProjectFilter selects that
/// have a geometry, and the ids of those that have none (named in the
/// picture, not dropped silently).
package struct MapSelection: Sendable {
    package let features: [MapFeature]
    package let withoutGeometry: [String]

    /// The countries' names as the map's title gives them (`Germany` for `DE`, `de` or `Deutschland`... as resolved).
    package static func countryNames(_ countries: [String], in store: DealStore) throws -> [String] {
        try store.translatingFailures {
            let codes = try CountryResolver(database: store.database).codes(for: countries)
            return try codes.map { code in
                try store.database.scalar(sql: "SELECT coalesce(common_name, name) FROM countries WHERE code = ?",
                                          arguments: [.text(code)]).string ?? code
            }
        }
    }

    package static func load(from store: DealStore, filter: ProjectFilter = ProjectFilter()) throws -> MapSelection {
        try store.translatingFailures {
            let selection = try filter.resolve(in: store, alias: "p")
            let statement = try store.database.makeStatement(sql: """
                SELECT p.id, p.name, p.kind, p.status, g.wkt, g.accuracy
                FROM projects AS p LEFT JOIN project_geometry AS g ON g.project_id = p.id
                WHERE \(selection.condition)
                ORDER BY p.id
                """)
            try statement.bind(named: selection.namedArguments)
            var features: [MapFeature] = []
            var without: [String] = []
            var rows = statement.rows()
            while let row = try rows.next() {
                let id = row.string(0) ?? ""
                guard let wkt = row.string(4), let geometry = try? WKT.parse(wkt) else {
                    without.append(id)
                    continue
                }
                features.append(MapFeature(id: id, name: row.string(1) ?? id, kind: row.string(2) ?? "other",
                                           status: row.string(3), accuracy: row.string(5), geometry: geometry))
            }
            return MapSelection(features: features, withoutGeometry: without)
        }
    }
}
