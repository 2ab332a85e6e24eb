import SQLiteKit

/// Who is tied to whom: parties as nodes, agreements as edges.
package struct PartyGraph: Sendable, Equatable {
    package struct Node: Sendable, Equatable {
        package let id: String
        package let name: String
        package let kind: String
        package let country: String?
    }

    /// One agreement between two of its parties: from the party listed first
    /// to each of the others, so an agreement of n parties draws n - 1 edges
    /// rather than a tangle of n(n - 1)/2.
    package struct Edge: Sendable, Equatable {
        package let from: String
        package let to: String
        package let agreement: String
        package let title: String
        package let kind: String
        package let signed: String?
        package let fromRole: String
        package let toRole: String

        /// A transit role on either end: drawn dashed and bold, and said so.
        package var isTransit: Bool { fromRole == "transit" || toRole == "transit" }

        package var label: String {
            let year = signed.map { String($0.prefix(4)) } ?? "undated"
            return "\(kind.replacingOccurrences(of: "_", with: " ")) \(year)"
        }
    }

    package let nodes: [Node]
    package let edges: [Edge]

    /// The whole network, or with `party` the parties within `depth`
    /// agreements of it (and the agreements among them).
    package static func load(from store: DealStore, party: String? = nil, depth: Int = 1) throws -> PartyGraph {
        try store.translatingFailures {
            guard depth >= 0 else { throw DealError(.usage, "\(setting: .depth) must be 0 or more, not \(depth)") }
            let database = store.database
            var nodes: [Node] = []
            for row in try database.fetchAll(sql: "SELECT id, name, kind, country FROM parties ORDER BY id") {
                nodes.append(Node(id: row.string(0) ?? "", name: row.string(1) ?? "", kind: row.string(2) ?? "other",
                                  country: row.string(3)))
            }
            var edges: [Edge] = []
            var current: (agreement: String, hub: String, role: String)?
            for row in try database.fetchAll(sql: """
                SELECT a.id, a.title, a.kind, a.signed, ap.party_id, ap.role
                FROM agreements AS a JOIN agreement_parties AS ap ON ap.agreement_id = a.id
                ORDER BY a.signed, a.id, ap.position
                """) {
                let agreement = row.string(0) ?? "", partyID = row.string(4) ?? "", role = row.string(5) ?? ""
                guard let hub = current, hub.agreement == agreement else {
                    current = (agreement, partyID, role)
                    continue
                }
                guard partyID != hub.hub else { continue }
                edges.append(Edge(from: hub.hub, to: partyID, agreement: agreement, title: row.string(1) ?? "",
                                  kind: row.string(2) ?? "other", signed: row.string(3), fromRole: hub.role, toRole: role))
            }
            guard let party else { return PartyGraph(nodes: nodes, edges: edges) }

            let starts = try NameResolver(database: database).parties(matching: party)
            var reached = Set(starts), frontier = Set(starts)
            // Stops when nothing new is reached: `--depth 9223372036854775807` is "all".
            var steps = 0
            while steps < depth, !frontier.isEmpty {
                steps += 1
                var next = Set<String>()
                for edge in edges {
                    if frontier.contains(edge.from), !reached.contains(edge.to) { next.insert(edge.to) }
                    if frontier.contains(edge.to), !reached.contains(edge.from) { next.insert(edge.from) }
                }
                reached.formUnion(next)
                frontier = next
            }
            return PartyGraph(nodes: nodes.filter { reached.contains($0.id) },
                              edges: edges.filter { reached.contains($0.from) && reached.contains($0.to) })
        }
    }
}
