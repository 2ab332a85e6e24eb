/// The figures a "what's new in GEM's tracker" story starts from: counts,
/// the status-transition matrix, capacity added and removed by status,
/// owners gained and lost, and the largest changes first.
package struct ChangeSummary: Sendable {
    package struct Transition: Sendable, Equatable {
        package let from: String
        package let to: String
        package let count: Int
        package let capacity: Double
    }

    package struct StatusTotal: Sendable, Equatable {
        package let status: String
        package let count: Int
        package let capacity: Double
    }

    package struct Holder: Sendable {
        package let level: String
        package let name: String
        package let gained: Int
        package let lost: Int
        package let capacityGained: Double
        package let capacityLost: Double
    }

    package let matchedBy: [(how: String, count: Int)]
    package let matched: Int
    package let identical: Int
    package let added: Int
    package let removed: Int
    package let renamed: Int
    /// Matched records with at least one changed value, and changes per field.
    package let changedRecords: Int
    package let fields: [(field: String, count: Int)]
    /// Status moves of matched records (old status -> new status), old
    /// statuses translated by the recoding rules; `statuses` in the
    /// tracker's order, for the matrix.
    package let transitions: [Transition]
    package let statuses: [String]
    package let addedByStatus: [StatusTotal]
    package let removedByStatus: [StatusTotal]
    /// Matched records whose capacity rose or fell (beyond the tolerance).
    package let increases: (count: Int, capacity: Double)
    package let decreases: (count: Int, capacity: Double)
    package let holders: [Holder]

    static let statusOrder = ["announced", "pre-construction", "proposed", "discovered", "in development", "permitted",
                              "construction", "operating", "idle", "mothballed", "shelved", "cancelled", "retired"]

    init(_ comparison: ReleaseComparison) {
        var byHow: [String: Int] = [:]
        for pair in comparison.pairs { byHow[pair.how.rawValue, default: 0] += 1 }
        matchedBy = ChangeMatcher.How.allCases.compactMap { how in byHow[how.rawValue].map { (how.rawValue, $0) } }
        matched = comparison.pairs.count
        identical = comparison.identical
        added = comparison.addedRecords.count
        removed = comparison.removedRecords.count
        let matchedChanges = comparison.changes.filter { $0.change == "changed" || $0.change == "renamed" }
        renamed = Set(matchedChanges.filter { $0.change == "renamed" }.map(\.project)).count
        changedRecords = Set(matchedChanges.filter { $0.change == "changed" }.map(\.project)).count
        var perField: [String: Int] = [:]
        for change in matchedChanges { perField[change.field, default: 0] += 1 }
        fields = perField.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }

        let statusRules = Dictionary(comparison.rules.filter { $0.field == "status" }.map { ($0.old, $0.new) },
                                     uniquingKeysWith: { first, _ in first })
        var moves: [String: (count: Int, capacity: Double)] = [:]
        var seen = Set<String>()
        var up = (count: 0, capacity: 0.0), down = (count: 0, capacity: 0.0)
        var gains: [String: (level: String, name: String, gained: Int, lost: Int, up: Double, down: Double)] = [:]
        for (a, b, _) in comparison.pairs {
            let from = a.status.map { statusRules[$0] ?? $0 } ?? "no status"
            let to = b.status ?? "no status"
            seen.formUnion([from, to])
            if from != to {
                let key = from + "\u{1F}" + to
                moves[key] = ((moves[key]?.count ?? 0) + 1, (moves[key]?.capacity ?? 0) + (b.capacity ?? a.capacity ?? 0))
            }
            if let x = a.capacity, let y = b.capacity, !ChangeValue.close(x, y) {
                if y > x { up = (up.count + 1, up.capacity + y - x) } else { down = (down.count + 1, down.capacity + x - y) }
            }
            for (level, before, after) in [("owner", a.owners, b.owners), ("parent", a.parents, b.parents)] {
                let renamed = comparison.partyRules[level + "s"] ?? [:]
                let oldKeys = Set(before.map { renamed[$0.key] ?? $0.key }), newKeys = Set(after.map(\.key))
                for stake in after where !oldKeys.contains(stake.key) && !stake.key.hasPrefix("unnamed ") {
                    let id = level + " " + stake.key
                    var entry = gains[id] ?? (level, stake.name, 0, 0, 0, 0)
                    entry.gained += 1
                    entry.up += b.capacity ?? 0
                    gains[id] = entry
                }
                for stake in before where !newKeys.contains(renamed[stake.key] ?? stake.key) && !stake.key.hasPrefix("unnamed ") {
                    let id = level + " " + stake.key
                    var entry = gains[id] ?? (level, stake.name, 0, 0, 0, 0)
                    entry.lost += 1
                    entry.down += a.capacity ?? 0
                    gains[id] = entry
                }
            }
        }
        transitions = moves.map { key, value in
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return Transition(from: parts[0], to: parts[1], count: value.count, capacity: value.capacity)
        }.sorted { ($1.count, $0.from, $0.to) < ($0.count, $1.from, $1.to) }
        statuses = seen.sorted { Self.rank($0) < Self.rank($1) }
        increases = up
        decreases = down
        holders = gains.values.map {
            Holder(level: $0.level, name: $0.name, gained: $0.gained, lost: $0.lost, capacityGained: $0.up,
                   capacityLost: $0.down)
        }.sorted { (max($1.capacityGained, $1.capacityLost), $0.name) < (max($0.capacityGained, $0.capacityLost), $1.name) }
        addedByStatus = Self.totals(comparison.addedRecords)
        removedByStatus = Self.totals(comparison.removedRecords)
    }

    static func rank(_ status: String) -> (Int, String) {
        (statusOrder.firstIndex(of: status) ?? statusOrder.count, status)
    }

    private static func totals(_ records: [ChangeRecord]) -> [StatusTotal] {
        var totals: [String: (Int, Double)] = [:]
        for record in records {
            let status = record.status ?? "no status"
            totals[status] = ((totals[status]?.0 ?? 0) + 1, (totals[status]?.1 ?? 0) + (record.capacity ?? 0))
        }
        return totals.map { StatusTotal(status: $0.key, count: $0.value.0, capacity: $0.value.1) }
            .sorted { rank($0.status) < rank($1.status) }
    }

    /// Units that moved from one status to another.
    package func moved(from: String, to: String) -> Int {
        transitions.first { $0.from == from && $0.to == to }?.count ?? 0
    }
}
