import SQLiteKit

/// Projects matching a `ProjectFilter`, one row each with the columns
/// `id, name, kind, status, origin, transit, destination, capacity_bcm_y,
/// length_km, start_year, owners` (a contract: scripts parse them), then
/// `rows`: a pipeline GEM gives as several rows is one entity (docs/GEM.md,
/// "One pipeline, one project"), listed once with the rows it came from;
/// with `parts`, every row instead, with its `entity` and `part`. Route
/// countries are ISO codes and owners `name (share%)`, each joined with `; `.
/// Rows come in id order, or in a `ProjectOrder`.
package struct ProjectList {
    let store: DealStore

    package static let columns = ["id", "name", "kind", "status", "origin", "transit", "destination",
                                 "capacity_bcm_y", "length_km", "start_year", "owners"]
    /// After `columns`: for entities, and for parts.
    package static let entityColumns = ["rows"]
    package static let partColumns = ["entity", "part"]

    package init(store: DealStore) {
        self.store = store
    }

    /// The query for `filter`, with at most `limit` rows when given.
    package func prepare(_ filter: ProjectFilter, limit: Int? = nil, parts: Bool = false,
                        order: ProjectOrder? = nil, descending: Bool = false) throws -> BoundSQL {
        try store.translatingFailures {
            if let limit, limit < 0 {
                throw DealError(.usage, "\(setting: .limit): expected a number of rows of at least 0, got \(limit)")
            }
            // Entities are listed when any of their rows matches (a Türkiye
            // section lists the pipeline it is part of); rows, when they match.
            let selection = try filter.resolve(in: store, alias: parts ? "p" : "m")
            var arguments = selection.arguments
            var limitClause = ""
            if let limit {
                arguments.append((":limit", .integer(Int64(limit))))
                limitClause = "\nLIMIT :limit"
            }
            // The columns are the views entity_overview's and project_overview's
            // (migrations 0015, 0010), which the sqlite3 shell and Datasette see
            // too; the filter's conditions name only columns they share with `projects`.
            let (extra, from) = parts
                ? ("e.entity_id AS entity, e.part", "project_overview AS p JOIN project_entities AS e ON e.project_id = p.id")
                : ("p.rows", "entity_overview AS p")
            let condition = selection.isEmpty ? "" : parts ? "WHERE " + selection.condition : """
                WHERE p.id IN (SELECT e.entity_id FROM project_entities AS e JOIN projects AS m ON m.id = e.project_id
                               WHERE \(selection.condition))
                """
            let sql = """
                SELECT p.id, p.name, p.kind, p.status, p.origin, p.transit, p.destination,
                       p.capacity_bcm_y, p.length_km, p.start_year, p.owners, \(extra)
                FROM \(from)
                \(condition)
                ORDER BY \(ProjectOrder.clause(order, descending: descending, alias: "p"))\(limitClause)
                """
            return BoundSQL(sql: sql, arguments: arguments)
        }
    }

    @discardableResult
    package func run(_ bound: BoundSQL, into writer: RowWriter) throws -> Int {
        try store.translatingFailures {
            try bound.run(on: store, into: writer)
        }
    }
}
