import Foundation
import SQLiteKit

/// A named query as a watch list (`dealdb query NAME --changes-since
/// RELEASE`, docs/CHANGES.md): the query is run on the database as it is and
/// on a copy in memory put back to what the release said, and the rows that
/// entered, left or changed are given, each with the reason found in the
/// comparison of the two releases (a status change, a new owner, a new
/// project, a rename).
///
/// The copy puts back what the stored release said of each project GEM gave
/// in both releases (name, status, the capacity in the tracker's unit, start
/// year) and leaves out the projects the later release added; owners are
/// not put back (the reason still names an owner gained or lost).
package enum WatchList {
    package static let leadingColumns = ["change", "reason"]

    package static func changes(_ query: NamedQuery, parameters: [String: String], since name: String,
                                store: DealStore) throws -> (columns: [String], rows: [[String]]) {
        let comparison = try ReleaseComparison.changes(since: name, store: store)
        let now = try QueryRows.run(query, parameters: parameters, store: store)
        // A scratch copy on disk: queries read through a connection of their own.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("dealdb-watch-\(UUID().uuidString).db").path
        defer { DatabaseFile.remove(scratch) }
        try DatabaseBackup.run(from: store.path, to: scratch, force: false)
        let then = try DealStore.open(DatabaseLocation(path: scratch, isDefault: false), access: .write,
                                      busyTimeout: .seconds(30))
        try putBack(comparison, in: then.database)
        let before = try QueryRows.run(query, parameters: parameters, store: then)

        var reasons: [String: [String]] = [:]
        for change in comparison.changes {
            let words: String
            switch change.change {
            case "added": words = "new project"
            case "removed": words = "no longer in the release"
            case "renamed": words = "renamed from \(change.old)"
            default:
                if change.field == "owners" || change.field == "parents" {
                    words = "\(change.field == "owners" ? "owners" : "parents") \(change.old.isEmpty ? "none" : change.old) -> \(change.new)"
                } else {
                    words = "\(change.field) \(change.old.isEmpty ? "none" : change.old) -> \(change.new.isEmpty ? "none" : change.new)"
                }
            }
            reasons[change.project, default: []].append(words)
        }
        func texts(_ rows: QueryRows) -> [[String]] {
            rows.rows.map { $0.map { CellText.of($0, nullText: "") } }
        }
        func reason(_ row: [String]) -> String {
            let found = row.flatMap { reasons[$0] ?? [] }
            return found.isEmpty ? "values changed since \(name)" : found.joined(separator: "; ")
        }
        // Rows are keyed by their first column (an id or a name), and told
        // apart by all of it where the first repeats.
        let old = texts(before), new = texts(now)
        let oldKeys = Dictionary(old.map { ($0.first ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Dictionary(new.map { ($0.first ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = []
        for row in new {
            let key = row.first ?? ""
            guard let was = oldKeys[key] else {
                rows.append(["entered", reason(row)] + row)
                continue
            }
            if was != row { rows.append(["changed", reason(row)] + row) }
        }
        for row in old where newKeys[row.first ?? ""] == nil {
            rows.append(["left", reason(row)] + row)
        }
        return (leadingColumns + now.columns, rows)
    }

    /// Writes the rows in any output format.
    package static func write(_ result: (columns: [String], rows: [[String]]), into writer: RowWriter) throws {
        try writer.begin(columns: result.columns)
        for row in result.rows { try writer.row(row.map { .text($0) }) }
        try writer.end()
    }

    /// The copy as the older release had it, as far as the stored rows tell.
    private static func putBack(_ comparison: ReleaseComparison, in database: Database) throws {
        try database.inTransaction {
            for record in comparison.addedRecords {
                try database.execute(sql: "DELETE FROM events WHERE id = ? || '-start'", arguments: [.text(record.id)])
                try database.execute(sql: "DELETE FROM projects WHERE id = ?", arguments: [.text(record.id)])
            }
            for (old, new, _) in comparison.pairs {
                let status = old.status.flatMap { GEMStatus.map($0) ?? nil }
                try database.execute(sql: "UPDATE projects SET name = ?, status = ? WHERE id = ?",
                                     arguments: [.text(old.name), status.map { .text($0) } ?? .null, .text(new.id)])
                if let capacity = old.capacity {
                    try database.execute(sql: """
                        UPDATE terms SET value = ? WHERE project_id = ? AND metric = 'capacity' AND unit = ?
                        """, arguments: [.real(capacity), .text(new.id), .text(old.capacityUnit)])
                }
                if case .text(let year)? = old.values["start year"] {
                    try database.execute(sql: "UPDATE events SET date = ? WHERE id = ? || '-start'",
                                         arguments: [.text(year), .text(new.id)])
                }
            }
        }
    }
}
