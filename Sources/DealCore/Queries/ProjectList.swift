import SQLiteKit

/// Projects matching a `ProjectFilter`, one row each with the columns
/// `id, name, kind, status, origin, transit, destination, capacity_bcm_y,
/// length_km, start_year, owners` (a contract: scripts parse them). Route
/// countries are ISO codes and owners `name (share%)`, each joined with `; `.
/// Rows come in id order, straight from the primary key, so they stream.
public struct ProjectList {
    let store: DealStore

    public static let columns = ["id", "name", "kind", "status", "origin", "transit", "destination",
                                 "capacity_bcm_y", "length_km", "start_year", "owners"]

    public init(store: DealStore) {
        self.store = store
    }

    /// The query for `filter`, with at most `limit` rows when given.
    public func prepare(_ filter: ProjectFilter, limit: Int? = nil) throws -> BoundSQL {
        if let limit, limit < 0 {
            throw DealError(.usage, "--limit: expected a number of rows of at least 0, got \(limit)")
        }
        let selection = try filter.resolve(in: store, alias: "p")
        var arguments = selection.arguments
        var limitClause = ""
        if let limit {
            arguments.append((":limit", .integer(Int64(limit))))
            limitClause = "\nLIMIT :limit"
        }
        func route(_ role: String) -> String {
            """
            (SELECT group_concat(country, '; ') FROM (SELECT r.country FROM project_route AS r
                        WHERE r.project_id = p.id AND r.role = '\(role)' ORDER BY r.position)) AS \(role)
            """
        }
        let sql = """
            SELECT p.id, p.name, p.kind, p.status,
                   \(route("origin")),
                   \(route("transit")),
                   \(route("destination")),
                   \(ProjectFilter.capacitySQL("p")) AS capacity_bcm_y,
                   \(ProjectFilter.lengthSQL("p")) AS length_km,
                   \(ProjectFilter.startYearSQL("p")) AS start_year,
                   (SELECT group_concat(label, '; ') FROM (SELECT \(Self.ownerLabelSQL) AS label
                        FROM project_owners AS o JOIN parties AS pa ON pa.id = o.party_id
                        WHERE o.project_id = p.id AND o.level = 'owner' ORDER BY o.position)) AS owners
            FROM projects AS p
            \(selection.isEmpty ? "" : "WHERE " + selection.condition)
            ORDER BY p.id\(limitClause)
            """
        return BoundSQL(sql: sql, arguments: arguments)
    }

    /// `BOTAŞ (100%)`, `Gazprom (49.5%)`, or the name alone without a share.
    static let ownerLabelSQL = """
        pa.name || CASE WHEN o.share IS NULL THEN ''
            WHEN o.share = CAST(o.share AS INTEGER) THEN ' (' || CAST(o.share AS INTEGER) || '%)'
            ELSE ' (' || o.share || '%)' END
        """

    @discardableResult
    public func run(_ bound: BoundSQL, into writer: RowWriter) throws -> Int {
        let statement = try store.database.makeStatement(sql: bound.sql)
        try statement.bind(named: Dictionary(bound.arguments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
        return try translatingInterrupts { try statement.stream(into: writer) }
    }
}
