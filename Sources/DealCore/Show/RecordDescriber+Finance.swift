import SQLiteKit

/// What `show` says of finance (docs/AIDDATA.md): on an agreement that a
/// finance dataset gives, the record's own facts (counted in sums or not,
/// recipient, sector, its parent and the records under it) and the projects
/// it pays for; on a project, the finance behind it and behind the other
/// rows of its entity.
extension Page {
    mutating func financeRecord(of agreement: String) throws {
        guard let row = try database.fetchOne(sql: """
            SELECT f.record_id, f.recommended, f.recipient_name, f.recipient, f.sector_code, f.sector, f.flow_type,
                   f.flow_class, f.status, f.parent_record, p.parent_id, f.umbrella, f.date_estimated, f.usd_2021,
                   f.source_id
            FROM finance_records AS f LEFT JOIN finance_parents AS p ON p.agreement_id = f.agreement_id
            WHERE f.agreement_id = ?
            """, arguments: [.text(agreement)]) else { return }
        section("Finance record")
        field("Record", "AidData \(row.string(0) ?? "")\(marks([Citation(source: row.string(14) ?? "", locator: "record \(row.string(0) ?? "")")]))")
        field("Counted", row.int64(1) == 1 ? "yes: recommended for aggregates, added by every sum"
              : "no: not recommended for aggregates, left out of every sum")
        field("Amount", row.double(13).map { NumberText.plain($0) + " USD (constant 2021)" })
        field("Recipient", (row.string(2) ?? "") + (row.string(3).map { " (\($0))" } ?? ""))
        field("Sector", [row.string(5), row.string(4).map { "code \($0)" }].compactMap { $0 }.joined(separator: ", "))
        field("Flow", [row.string(6), row.string(7)].compactMap { $0 }.joined(separator: ", "))
        field("As given", row.string(8).map { "status \"\($0)\"" + (row.int64(12) == 1 ? "; commitment date estimated" : "") })
        if let parent = row.string(9) {
            field("Part of", "AidData \(parent)" + (row.string(10).map { " (\($0))" } ?? " (not stored)"))
        }
        let children = try database.fetchAll(sql: """
            SELECT c.agreement_id, c.recommended FROM finance_parents AS p JOIN finance_records AS c ON c.agreement_id = p.agreement_id
            WHERE p.parent_id = ? ORDER BY c.agreement_id
            """, arguments: [.text(agreement)])
        if row.int64(11) == 1 || !children.isEmpty {
            field(row.int64(11) == 1 ? "Umbrella" : "Parent of",
                  children.isEmpty ? "no record under it is stored"
                    : children.map { ($0.string(0) ?? "") + ($0.int64(1) == 1 ? "" : " (not counted)") }.joined(separator: "; "))
        }
        let links = try database.fetchAll(sql: """
            SELECT l.project_id, p.name, l.state, l.confidence, l.evidence FROM finance_links AS l
            JOIN projects AS p ON p.id = l.project_id
            WHERE l.agreement_id = ? ORDER BY l.state = 'rejected', l.state = 'proposed', l.confidence DESC, l.project_id
            """, arguments: [.text(agreement)])
        guard !links.isEmpty else { return }
        section("Pays for")
        for link in links {
            let confidence = link.double(3).map { ", confidence \(NumberText.plain($0))" } ?? ""
            let state = link.string(2) ?? ""
            lines.append("  \(link.string(0) ?? "")  \(link.string(1) ?? "")  (\(state == "proposed" ? "proposed by the matcher" : "\(state) by an analyst")\(confidence))")
            if let evidence = link.string(4) { lines.append("      \(evidence)") }
        }
    }

    /// The finance behind a project and the other rows of its entity.
    mutating func financeBehind(project: String) throws {
        let rows = try database.fetchAll(sql: """
            SELECT pf.agreement_id, a.title, pf.state, pf.confidence, f.usd_2021, f.recommended, pf.project_id,
                   (SELECT group_concat(name, '; ') FROM (SELECT p.name FROM agreement_parties AS ap
                        JOIN parties AS p ON p.id = ap.party_id
                        WHERE ap.agreement_id = a.id AND ap.role IN ('lender', 'grantor', 'financier') ORDER BY ap.position))
            FROM project_finance AS pf
            JOIN agreements AS a ON a.id = pf.agreement_id
            LEFT JOIN finance_records AS f ON f.agreement_id = a.id
            WHERE pf.project_id = ?1
               OR pf.entity_id = (SELECT entity_id FROM project_entities WHERE project_id = ?1)
            ORDER BY pf.state = 'proposed', a.signed, a.id
            """, arguments: [.text(project)])
        guard !rows.isEmpty else { return }
        section("Finance")
        for row in rows {
            var details: [String] = []
            if let lenders = row.string(7) { details.append(lenders) }
            if let usd = row.double(4) {
                details.append(NumberText.plain((usd / 1e4).rounded() / 100) + " million USD (2021)"
                    + (row.int64(5) == 0 ? ", not counted in sums" : ""))
            }
            let state = row.string(2) == "proposed"
                ? "proposed" + (row.double(3).map { ", confidence \(NumberText.plain($0))" } ?? "") : row.string(2) ?? ""
            let via = row.string(6) == project ? "" : " (for \(row.string(6) ?? ""))"
            lines.append("  \(row.string(0) ?? "")  \(row.string(1) ?? "")  [\(state)]\(via)")
            if !details.isEmpty { lines.append("      " + details.joined(separator: "; ")) }
        }
    }
}
