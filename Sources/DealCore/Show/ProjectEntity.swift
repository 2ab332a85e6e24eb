import SQLiteKit

/// The entity a project belongs to (view `project_entities`, docs/GEM.md
/// "One pipeline, one project"): every row of it, what each row is, whether
/// its capacity is counted, and how records of two sources were linked.
struct ProjectEntity {
    struct Member {
        let id: String
        let name: String
        let status: String?
        let capacity: Double?
        let part: String?
        let counted: Bool
        let reason: String?
        /// The identifier an analyst gave that joins this row to the entity.
        let linkedBy: String?
        let citable: Int64?
    }

    let id: String
    let members: [Member]

    /// The entity of `project`, or nil when the project is one of its own.
    static func of(_ project: String, in database: Database) throws -> ProjectEntity? {
        guard let entity = try database.scalar(sql: "SELECT entity_id FROM project_entities WHERE project_id = ?",
                                               arguments: [.text(project)]).string else { return nil }
        let members = try database.fetchAll(sql: """
            SELECT e.project_id, p.name, p.status, o.capacity_bcm_y, e.part, e.counted, pp.reason, e.linked_by,
                   p.citable_id
            FROM project_entities AS e
            JOIN projects AS p ON p.id = e.project_id
            JOIN project_overview AS o ON o.id = e.project_id
            LEFT JOIN project_parts AS pp ON pp.project_id = e.project_id
            WHERE e.entity_id = ?
            ORDER BY e.project_id <> e.entity_id, e.project_id
            """, arguments: [.text(entity)]).map { row in
            Member(id: row.string(0) ?? "", name: row.string(1) ?? "", status: row.string(2), capacity: row.double(3),
                   part: row.string(4), counted: row.int64(5) == 1, reason: row.string(6), linkedBy: row.string(7),
                   citable: row.int64(8))
        }
        guard members.count > 1 else { return nil }
        return ProjectEntity(id: entity, members: members)
    }

    var head: Member? { members.first { $0.id == id } }

    /// Rows another source gives for the analyst's record, whose status
    /// differs from the record's: both are kept and shown side by side.
    var statusConflicts: [Member] {
        guard let head else { return [] }
        return members.filter { $0.linkedBy != nil && $0.id != id && $0.status != head.status }
    }
}
