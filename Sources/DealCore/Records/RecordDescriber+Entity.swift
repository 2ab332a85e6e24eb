/// `show`'s account of a project that is one of several rows or records:
/// the system's parts and what each adds, and where two sources disagree.
extension Page {
    mutating func entity(of project: String) throws {
        guard let entity = try ProjectEntity.of(project, in: database) else { return }
        let linked = entity.members.contains { $0.linkedBy != nil }
        field("Entity", (entity.id == project ? "this project" : entity.id)
              + " (\(entity.members.count) rows\(linked ? " and records of other sources" : ""); "
              + "each capacity counted once, docs/GEM.md)")
        section("Parts of \(entity.id)")
        for member in entity.members {
            let capacity = member.capacity.map { NumberText.plain($0) + " bcm/y" } ?? "no capacity"
            let role = member.part ?? (member.id == entity.id ? "record" : "linked")
            let counted = member.counted ? "counted" : "not added"
            let marks = marks(try citations(member.citable))
            lines.append("  \(member.id)  \(role), \(member.status ?? "no status"), \(capacity), \(counted)\(marks)")
            if let reason = member.reason { lines.append("      \(reason)") }
            if let link = member.linkedBy { lines.append("      the same project as \(entity.id) (\(link))") }
        }
        let conflicts = entity.statusConflicts
        guard let head = entity.head, !conflicts.isEmpty else { return }
        section("Sources disagree")
        lines.append("  status: \(head.status ?? "none") (\(head.id)\(marks(try citations(head.citable))))")
        for member in conflicts {
            lines.append("     vs \(member.status ?? "none") (\(member.id)\(marks(try citations(member.citable))))")
        }
    }
}

/// A project's status as of a date: an operating project whose start of
/// operation (the event marking it) came later was not operating then.
extension Page {
    func statusAsOf(_ record: ProjectRecord) throws -> String? {
        guard let asOf, let status = record.status, ["operating", "idle"].contains(status),
              let start = try database.scalar(sql: "SELECT date FROM project_starts WHERE project_id = ?",
                                              arguments: [.text(record.id)]).string,
              DateText.compare(start, asOf) > 0 else { return record.status }
        return "not yet operating on \(asOf): it started operating on \(start) (\(status) today)"
    }
}
