/// `show`'s account of a project that is one of several rows or records:
/// the system's parts and what each adds, and where two sources disagree.
extension Page {
    mutating func entity(of project: String) throws {
        guard let entity = try ProjectEntity.of(project, in: database) else { return }
        let linked = entity.members.contains { $0.linkedBy != nil }
        field("Entity", (entity.id == project ? "this project" : entity.id)
              + ", one of \(entity.members.count) \(linked ? "records of more than one source" : "rows of one source")"
              + " (each capacity counted once; docs/GEM.md)")
        section("Parts of \(entity.id)")
        for member in entity.members {
            let capacity = member.capacity.map { NumberText.plain($0) + " bcm/y" } ?? "no capacity"
            let role = member.part ?? (member.id == entity.id ? "record" : "linked")
            let counted = member.counted ? "counted" : "not added"
            // The id and its sources on a line of their own: ids are long,
            // and what follows folds under them on an 80-column terminal.
            lines.append("  \(member.id)\(marks(try citations(member.citable)))")
            // The rule's reason says whether the row is added; a row another
            // record speaks for is not, whatever the rule says of it.
            let why: String
            if let link = member.linkedBy, !member.counted {
                why = "not added: \(entity.id) gives its capacity (the same project by \(link))"
                    + (member.reason.map { "; by its source's rows alone, " + $0 } ?? "")
            } else if let link = member.linkedBy {
                why = (member.reason ?? counted) + " (the same project as \(entity.id): \(link))"
            } else {
                why = member.reason ?? counted
            }
            lines.append("      \(role), \(member.status ?? "no status"), \(capacity); \(why)")
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
