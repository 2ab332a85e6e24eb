import SQLiteKit

/// What one merge did: OTHER into KEEP, with a line for each thing moved
/// or decided, for the user to read.
package struct PartyMerge: Sendable, Equatable {
    package let keep: String
    package let other: String
    package let otherName: String
    package var lines: [String] = []
}

/// Merges parties that are one company (`dealdb parties merge KEEP
/// OTHER...`, a document's `merged: [OTHER]`): OTHER's agreement roles,
/// ownership stakes, event parts, name and aliases (as KEEP's aliases),
/// identifiers and recorded merges become KEEP's, OTHER is deleted, and
/// table `party_merges` remembers the decision (migration 0016).
///
/// Nothing is lost silently: a role both held in one agreement is kept
/// once with both rows' citations; a stake both held in one project (and
/// level) keeps KEEP's and the line says what OTHER's said; KEEP's country
/// and note are kept, OTHER's filling them only where KEEP has none.
package struct PartyMerger {
    let database: Database
    /// The database as the user named it, for a merge they asked for; nil
    /// inside an import, which words SQLite's failures itself.
    private let path: String?

    package init(store: DealStore) {
        self.init(database: store.database, path: store.path)
    }

    init(database: Database, path: String? = nil) {
        self.database = database
        self.path = path
    }

    /// The tables a merge writes, whose foreign keys are checked at the end.
    static let tables = ["citables", "parties", "party_aliases", "party_identifiers", "party_merges", "project_owners",
                         "agreement_parties", "event_parties", "citations"]

    /// Merges each of `others` into `keep` in one transaction (all or nothing).
    package func merge(_ others: [String], into keep: String, dryRun: Bool = false) throws -> [PartyMerge] {
        var options = WritePolicy.Options(dryRun: dryRun, tables: Self.tables)
        options.bulkSearch = false
        options.deferForeignKeys = false
        return try translatingSQLiteFailures(ifNamed: path) {
            try WritePolicy.run(database, options) { _ in
                var merges: [PartyMerge] = []
                var seen = Set<String>()
                for other in others where seen.insert(other).inserted {
                    merges.append(try mergeOne(other, into: keep))
                }
                return merges
            }
        }
    }

    /// Merges again every party a recorded merge names that exists again
    /// (an older document or another import brought it back); inside the
    /// caller's transaction.
    func applyRecorded() throws -> [PartyMerge] {
        let pending = try database.fetchAll(sql: """
            SELECT m.merged_id, m.party_id FROM party_merges AS m JOIN parties AS p ON p.id = m.merged_id ORDER BY 1
            """).compactMap { row in row.string(0).flatMap { other in row.string(1).map { (other, $0) } } }
        return try pending.map { try mergeOne($0.0, into: $0.1) }
    }

    /// Merges `other` into `keep` inside the caller's transaction.
    func mergeOne(_ other: String, into keep: String) throws -> PartyMerge {
        guard other != keep else { throw DealError(.usage, "cannot merge party \"\(keep)\" into itself") }
        let ids = try database.fetchAll(sql: "SELECT id FROM parties ORDER BY id").compactMap { $0.string(0) }
        for id in [keep, other] where !ids.contains(id) {
            throw DealError(.failure, "no party with id \"\(id)\"" + Suggestions.hint(for: id, in: ids))
        }
        let otherRow = try database.fetchAll(sql: "SELECT name, country, note FROM parties WHERE id = ?",
                                             arguments: [.text(other)])[0]
        var merge = PartyMerge(keep: keep, other: other, otherName: otherRow.string(0) ?? other)
        try moveRoles(&merge)
        try moveStakes(&merge)
        try moveEvents(&merge)
        try moveNames(&merge)
        try moveIdentifiers(&merge)
        try fillFields(&merge, country: otherRow.string(1), note: otherRow.string(2))
        try database.execute(sql: "DELETE FROM party_merges WHERE merged_id = ?", arguments: [.text(keep)])
        try database.execute(sql: "UPDATE party_merges SET party_id = ? WHERE party_id = ?", arguments: [.text(keep), .text(other)])
        try database.execute(sql: "INSERT OR REPLACE INTO party_merges (merged_id, party_id) VALUES (?, ?)",
                             arguments: [.text(other), .text(keep)])
        try database.execute(sql: "DELETE FROM parties WHERE id = ?", arguments: [.text(other)])
        merge.lines.append("party \(other) deleted; its merge into \(keep) is recorded (party_merges)")
        return merge
    }

    private func moveRoles(_ merge: inout PartyMerge) throws {
        let (keep, other) = (SQLiteValue.text(merge.keep), SQLiteValue.text(merge.other))
        var moved = 0
        for row in try database.fetchAll(sql: """
            SELECT o.id, o.citable_id, o.agreement_id, o.role, k.id, k.citable_id, o.confirmed, k.confirmed,
                   o.share, k.share
            FROM agreement_parties AS o
            LEFT JOIN agreement_parties AS k ON k.agreement_id = o.agreement_id AND k.role = o.role AND k.party_id = ?
            WHERE o.party_id = ? ORDER BY o.agreement_id, o.position
            """, arguments: [keep, other]) {
            guard let id = row.int64(0), let citable = row.int64(1) else { continue }
            guard let keptCitable = row.int64(5) else {
                try database.execute(sql: "UPDATE agreement_parties SET party_id = ? WHERE id = ?", arguments: [keep, .integer(id)])
                moved += 1
                continue
            }
            // The same role twice: one row, citing what either cited.
            try database.execute(sql: """
                INSERT INTO citations (citable_id, position, source_id, locator)
                SELECT :kept, (SELECT coalesce(max(position), 0) FROM citations WHERE citable_id = :kept)
                              + row_number() OVER (ORDER BY c.position),
                       c.source_id, c.locator
                FROM citations AS c
                WHERE c.citable_id = :other AND NOT EXISTS (
                    SELECT 1 FROM citations AS k WHERE k.citable_id = :kept AND k.source_id = c.source_id
                                                   AND k.locator IS c.locator)
                """, named: [":kept": .integer(keptCitable), ":other": .integer(citable)])
            try database.execute(sql: "DELETE FROM agreement_parties WHERE id = ?", arguments: [.integer(id)])
            var line = "agreement \(row.string(2) ?? "?"): both were \(row.string(3) ?? "?"); kept one role, citing both rows' sources"
            if row.string(6) != row.string(7) {
                line += "; kept confirmed \(row.string(7) ?? "?") (\(merge.other) had \(row.string(6) ?? "?"))"
            }
            if row.double(8) != row.double(9) {
                line += "; kept share \(Self.share(row.double(9))) (\(merge.other) had \(Self.share(row.double(8))))"
            }
            merge.lines.append(line)
        }
        if moved > 0 { merge.lines.append("\(moved) agreement role\(moved == 1 ? "" : "s") moved") }
    }

    private func moveStakes(_ merge: inout PartyMerge) throws {
        let (keep, other) = (SQLiteValue.text(merge.keep), SQLiteValue.text(merge.other))
        var moved = 0
        for row in try database.fetchAll(sql: """
            SELECT o.project_id, o.level, o.share, k.position, k.share, o.source_id
            FROM project_owners AS o
            LEFT JOIN project_owners AS k ON k.project_id = o.project_id AND k.level = o.level AND k.party_id = ?
            WHERE o.party_id = ? ORDER BY o.project_id, o.level
            """, arguments: [keep, other]) {
            let project = SQLiteValue.text(row.string(0) ?? ""), level = SQLiteValue.text(row.string(1) ?? "")
            if row.int64(3) == nil {
                try database.execute(sql: "UPDATE project_owners SET party_id = ? WHERE project_id = ? AND level = ? AND party_id = ?",
                                     arguments: [keep, project, level, other])
                moved += 1
            } else {
                try database.execute(sql: "DELETE FROM project_owners WHERE project_id = ? AND level = ? AND party_id = ?",
                                     arguments: [project, level, other])
                merge.lines.append("project \(row.string(0) ?? "?") (\(row.string(1) ?? "?")): both held a stake; kept "
                    + "\(merge.keep)'s (\(Self.share(row.double(4)))), dropped \(merge.other)'s "
                    + "(\(Self.share(row.double(2))), source \(row.string(5) ?? "?"))")
            }
        }
        if moved > 0 { merge.lines.append("\(moved) ownership stake\(moved == 1 ? "" : "s") moved") }
    }

    private func moveEvents(_ merge: inout PartyMerge) throws {
        let (keep, other) = (SQLiteValue.text(merge.keep), SQLiteValue.text(merge.other))
        try database.execute(sql: """
            DELETE FROM event_parties WHERE party_id = :other
              AND event_id IN (SELECT event_id FROM event_parties WHERE party_id = :keep)
            """, named: [":keep": keep, ":other": other])
        let moved = try database.scalar(sql: "SELECT count(*) FROM event_parties WHERE party_id = ?", arguments: [other]).int64 ?? 0
        try database.execute(sql: "UPDATE event_parties SET party_id = ? WHERE party_id = ?", arguments: [keep, other])
        if moved > 0 { merge.lines.append("\(moved) event part\(moved == 1 ? "" : "s") moved") }
    }

    /// OTHER's name and aliases become KEEP's aliases (but for one KEEP has
    /// already, written the same), so search and lookups still find them.
    private func moveNames(_ merge: inout PartyMerge) throws {
        let (keep, other) = (SQLiteValue.text(merge.keep), SQLiteValue.text(merge.other))
        var have = Set(try database.fetchAll(sql: "SELECT name FROM parties WHERE id = ? UNION ALL SELECT alias FROM party_aliases WHERE party_id = ?",
                                             arguments: [keep, keep]).compactMap { $0.string(0) })
        let names = [merge.otherName] + (try database.fetchAll(
            sql: "SELECT alias FROM party_aliases WHERE party_id = ? ORDER BY position", arguments: [other]).compactMap { $0.string(0) })
        var position = try database.scalar(sql: "SELECT coalesce(max(position), 0) FROM party_aliases WHERE party_id = ?",
                                           arguments: [keep]).int64 ?? 0
        var added: [String] = []
        for name in names where have.insert(name).inserted {
            position += 1
            try database.execute(sql: "INSERT INTO party_aliases (party_id, position, alias) VALUES (?, ?, ?)",
                                 arguments: [keep, .integer(position), .text(name)])
            added.append(name)
        }
        try database.execute(sql: "DELETE FROM party_aliases WHERE party_id = ?", arguments: [other])
        if !added.isEmpty {
            merge.lines.append("aliases added: " + added.map { "\"\($0)\"" }.joined(separator: ", "))
        }
    }

    private func moveIdentifiers(_ merge: inout PartyMerge) throws {
        let (keep, other) = (SQLiteValue.text(merge.keep), SQLiteValue.text(merge.other))
        let count = try database.scalar(sql: "SELECT count(*) FROM party_identifiers WHERE party_id = ?", arguments: [other]).int64 ?? 0
        try database.execute(sql: """
            INSERT OR IGNORE INTO party_identifiers (party_id, scheme, value, evidence, source_id)
            SELECT ?, scheme, value, evidence, source_id FROM party_identifiers WHERE party_id = ?
            """, arguments: [keep, other])
        try database.execute(sql: "DELETE FROM party_identifiers WHERE party_id = ?", arguments: [other])
        if count > 0 { merge.lines.append("\(count) identifier\(count == 1 ? "" : "s") moved") }
    }

    private func fillFields(_ merge: inout PartyMerge, country: String?, note: String?) throws {
        let kept = try database.fetchAll(sql: "SELECT country, note FROM parties WHERE id = ?", arguments: [.text(merge.keep)])[0]
        for (column, mine, theirs) in [("country", kept.string(0), country), ("note", kept.string(1), note)] {
            guard let theirs, theirs != mine else { continue }
            if mine == nil {
                // Column names are this file's constants.
                try database.execute(sql: "UPDATE parties SET \(column) = ? WHERE id = ?", arguments: [.text(theirs), .text(merge.keep)])
                merge.lines.append("\(column) taken from \(merge.other): \(theirs)")
            } else {
                merge.lines.append("kept \(merge.keep)'s \(column); \(merge.other)'s was: \(theirs)")
            }
        }
    }

    static func share(_ value: Double?) -> String { value.map { NumberText.plain($0) + " %" } ?? "share unknown" }
}
