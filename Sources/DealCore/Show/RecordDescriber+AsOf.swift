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
