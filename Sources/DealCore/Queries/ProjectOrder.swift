/// The orders `ProjectList` gives rows in, besides its default by id: each
/// over a column of the listing, with rows that have no value last whichever
/// way it runs (a project of unknown capacity is neither the largest nor
/// the smallest), and the id breaking ties.
package enum ProjectOrder: String, Sendable, CaseIterable {
    case capacity, length, start, name

    /// The listing's column, as the views entity_overview and project_overview name it.
    var column: String {
        switch self {
        case .capacity: "capacity_bcm_y"
        case .length: "length_km"
        case .start: "start_year"
        case .name: "name"
        }
    }

    /// `ORDER BY` over the row named `alias`; nil order is by id.
    static func clause(_ order: ProjectOrder?, descending: Bool, alias: String) -> String {
        let direction = descending ? " DESC" : ""
        guard let order else { return "\(alias).id\(direction)" }
        let column = "\(alias).\(order.column)"
        // NOCASE: "botaş" and "BOTAŞ" side by side; SQLite folds ASCII only,
        // which is enough to keep the order from splitting on case.
        let value = order == .name ? column + " COLLATE NOCASE" : column
        return "\(column) IS NULL, \(value)\(direction), \(alias).id\(direction)"
    }
}
