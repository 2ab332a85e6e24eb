import Foundation

/// `dealdb diff --format markdown`: a page a journalist can start a "what's
/// new in GEM's tracker" story from, crediting GEM as its licence asks.
package enum ChangePage {
    package static func markdown(_ comparison: ReleaseComparison) -> String {
        let summary = ChangeSummary(comparison)
        let unit = comparison.capacityUnit
        let things = unit == "MW" ? "units" : "rows"
        var lines: [String] = []
        func line(_ text: String = "") { lines.append(text) }
        /// A line and the blank one that ends it as a Markdown block.
        func paragraph(_ text: String) {
            line(text)
            line()
        }
        func heading(_ title: String) { paragraph("## " + title) }
        func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) {
            line("| " + header.map(MarkdownFormat.escaped).joined(separator: " | ") + " |")
            line("|" + header.indices.map { right.contains($0) ? " ---: |" : " --- |" }.joined())
            for row in rows { line("| " + row.map(MarkdownFormat.escaped).joined(separator: " | ") + " |") }
            line()
        }
        func amount(_ value: Double) -> String { grouped(value, decimals: unit == "MW" ? 0 : 1) + " " + unit }

        paragraph("# What changed in GEM's \(comparison.trackerName)")
        paragraph("`\(comparison.oldLabel)` → `\(comparison.newLabel)`")
        paragraph("Data: " + comparison.credits.joined(separator: "; ") + ". Compared by dealdb (docs/CHANGES.md).")
        heading("In brief")
        line("- \(grouped(comparison.oldRecords)) \(things) in the old release, \(grouped(comparison.newRecords)) in the new.")
        let ways = summary.matchedBy.map { "\(grouped($0.count)) by \($0.how)" }.joined(separator: ", ")
        line("- \(grouped(summary.matched)) are in both (matched \(ways.isEmpty ? "by nothing" : ways)); "
             + "\(grouped(summary.identical)) of them are the same in every value compared.")
        let addedCapacity = summary.addedByStatus.reduce(0) { $0 + $1.capacity }
        let removedCapacity = summary.removedByStatus.reduce(0) { $0 + $1.capacity }
        line("- New: \(grouped(summary.added)) \(things) (\(amount(addedCapacity))). "
             + "Gone: \(grouped(summary.removed)) (\(amount(removedCapacity))).")
        line("- Changed: \(grouped(summary.changedRecords)) of the matched \(things); renamed: \(grouped(summary.renamed)).")
        if !summary.fields.isEmpty {
            line("- Changes by field: " + summary.fields.map { "\($0.field) \(grouped($0.count))" }.joined(separator: ", ") + ".")
        }
        if !comparison.rules.isEmpty {
            // Words recoded and companies named anew are told apart: the
            // first are a handful of rules, the second hundreds of names.
            let holders = comparison.rules.filter { ["owners", "parents"].contains($0.field) }.count
            let words = comparison.rules.count - holders
            line("- \(grouped(words)) vocabulary recoding\(words == 1 ? "" : "s") and \(grouped(holders)) "
                 + "compan\(holders == 1 ? "y" : "ies") named anew were found and applied as rules (below), "
                 + "not counted as changes.")
        }
        for note in comparison.leftOut { line("- \(note).") }
        if !comparison.problems.isEmpty {
            line("- \(comparison.problems.count) cells could not be read as the import reads them "
                 + "(kept without that value; the import of the file lists them).")
        }
        line()

        heading("Status changes")
        if summary.transitions.isEmpty {
            paragraph("No matched \(things) changed status.")
        } else {
            for move in summary.transitions.prefix(10) {
                line("- \(move.from) → \(move.to): \(grouped(move.count)) (\(amount(move.capacity)))")
            }
            line()
            paragraph("Every move, old status down, new status across (the diagonal: \(things) whose status stayed):")
            let statuses = summary.statuses
            var stayed: [String: Int] = [:]
            for pair in comparison.pairs {
                let from = pair.old.status.map { status in
                    comparison.rules.first { $0.field == "status" && $0.old == status }?.new ?? status
                } ?? "no status"
                if from == (pair.new.status ?? "no status") { stayed[from, default: 0] += 1 }
            }
            let rows = statuses.map { from in
                [from] + statuses.map { to in
                    let count = from == to ? stayed[from] ?? 0 : summary.moved(from: from, to: to)
                    return count == 0 ? "" : grouped(count)
                }
            }
            table(["old \\ new"] + statuses, rows, right: Set(1...statuses.count))
        }

        heading("Capacity added and removed")
        paragraph("Capacities are compared as numbers, so `97` and `97.0` are one; they count as changed when they differ "
                  + "by more than \(NumberText.plain(ChangeValue.tolerance * 100)) % (GEM rounds converted figures).")
        let statuses = (summary.addedByStatus.map(\.status) + summary.removedByStatus.map(\.status))
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.sorted { ChangeSummary.rank($0) < ChangeSummary.rank($1) }
        if !statuses.isEmpty {
            table(["status", "new \(things)", "new \(unit)", "gone \(things)", "gone \(unit)"], statuses.map { status in
                let new = summary.addedByStatus.first { $0.status == status }
                let gone = summary.removedByStatus.first { $0.status == status }
                return [status, grouped(new?.count ?? 0), grouped(new?.capacity ?? 0, decimals: unit == "MW" ? 0 : 1),
                        grouped(gone?.count ?? 0), grouped(gone?.capacity ?? 0, decimals: unit == "MW" ? 0 : 1)]
            }, right: [1, 2, 3, 4])
            paragraph("(A gone \(things == "units" ? "unit" : "row")'s status is the one the old release gave it.)")
        }
        paragraph("Of the \(things) in both releases, \(grouped(summary.increases.count)) grew by \(amount(summary.increases.capacity)) "
                  + "in all and \(grouped(summary.decreases.count)) shrank by \(amount(summary.decreases.capacity)).")

        heading("Owners gained and lost")
        if summary.holders.isEmpty {
            paragraph("No matched \(things) gained or lost an owner or parent.")
        } else {
            paragraph("Companies that became or stopped being an owner (direct) or parent (ultimate) of \(things) in both "
                      + "releases, the most capacity first (holders GEM does not name, such as \"unknown\", left out):")
            table(["level", "company", "\(things) gained", unit, "\(things) lost", unit],
                  summary.holders.prefix(20).map {
                      [$0.level, $0.name, grouped($0.gained), grouped($0.capacityGained, decimals: unit == "MW" ? 0 : 1),
                       grouped($0.lost), grouped($0.capacityLost, decimals: unit == "MW" ? 0 : 1)]
                  }, right: [2, 3, 4, 5])
        }

        heading("Largest changes first")
        let capacityChanges = comparison.changes.filter { $0.change == "changed" && $0.field == "capacity" }
            .sorted { ($1.size, $0.project) < ($0.size, $1.project) }
        if !capacityChanges.isEmpty {
            paragraph("Capacity:")
            table(["project", "name", "old", "new"], capacityChanges.prefix(15).map { [$0.project, $0.name, $0.old, $0.new] })
        }
        for (title, change, column) in [("New", "added", \ReleaseComparison.Change.new),
                                         ("Gone", "removed", \ReleaseComparison.Change.old)] {
            let list = comparison.changes.filter { $0.change == change }.sorted { ($1.size, $0.project) < ($0.size, $1.project) }
            guard !list.isEmpty else { continue }
            paragraph("\(title) (largest first):")
            table(["project", "name", change == "added" ? "new" : "old"], list.prefix(10).map { [$0.project, $0.name, $0[keyPath: column]] })
        }

        if !comparison.rules.isEmpty {
            heading("Recoded vocabularies and holders named anew")
            line("A word the old release used and the new one no longer does, which the matched \(things) turned "
                 + "into one new word; for owners and parents, a company the new release no longer names that the "
                 + "matched \(things) give to one other (a new name, or every stake passed to one company). Applied "
                 + "before comparing, so these are not counted as changes:")
            line()
            table(["field", "old", "new", "\(things)"], comparison.rules.map {
                [$0.field, $0.old.isEmpty ? "(empty)" : $0.old, $0.new, grouped($0.rows)]
            }, right: [3])
        }
        if !comparison.layout.isEmpty {
            heading("Layout")
            for item in comparison.layout {
                var text = item.note
                if !item.column.isEmpty { text = "`\(item.column)`: " + text }
                if item.note == "renamed" { text += " from `\(item.old)`" }
                if item.column.isEmpty && !item.old.isEmpty { text += " (\(item.old) → \(item.new))" }
                line("- " + text)
            }
            line()
        }
        heading("How this was compared")
        line("Rows were matched by GEM's own id where the files have one, then by wiki page and unit, then within "
             + "one wiki page by the most alike row (a unit renamed or re-keyed), then by name and country, then by "
             + "place; `dealdb diff` lists each change with how its row was matched. Values were compared as "
             + "`dealdb import` reads them: numbers as numbers, owners as companies and shares (a share given where "
             + "the other release gave none is no change), names trimmed, statuses in any case. "
             + "Every change is a row of the comparison of \(comparison.oldLabel) with \(comparison.newLabel) as CSV.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// 12,345 (or 12,345.6): thousands grouped, as a reader expects.
    static func grouped(_ value: Double, decimals: Int = 0) -> String {
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        let whole = Int64(rounded.magnitude)
        var digits = Array(String(whole))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        var text = (rounded < 0 ? "-" : "") + String(digits)
        if decimals > 0 {
            let fraction = Int64(((rounded.magnitude - Double(whole)) * scale).rounded())
            text += "." + String(repeating: "0", count: max(0, decimals - String(fraction).count)) + String(fraction)
        }
        return text
    }

    static func grouped(_ value: Int) -> String { grouped(Double(value)) }
}
