import SQLiteKit

/// The filters of `dealdb parties`.
package struct PartyFilter: Sendable, Equatable {
    /// Text in the party's id, name or an alias, ignoring case and accents.
    package var name: String?
    package var kind: String?
    /// The party's country: code or name, any case.
    package var country: String?

    package init(name: String? = nil, kind: String? = nil, country: String? = nil) {
        self.name = name
        self.kind = kind
        self.country = country
    }
}

/// Parties with the columns `id, name, kind, country, agreements,
/// projects_owned`: how many agreements each is a party to (in any role) and
/// how many projects it owns, directly or as a parent company. In id order,
/// straight from the primary key, so rows stream.
package struct PartyList {
    let store: DealStore

    package static let columns = ["id", "name", "kind", "country", "agreements", "projects_owned"]

    package init(store: DealStore) {
        self.store = store
    }

    package func prepare(_ filter: PartyFilter, limit: Int? = nil) throws -> BoundSQL {
        try store.translatingFailures {
            if let limit, limit < 0 {
                throw DealError(.usage, "\(setting: .limit): expected a number of rows of at least 0, got \(limit)")
            }
            if let kind = filter.kind, !Vocabulary.partyKinds.contains(kind) {
                throw DealError(.usage, "unknown party kind \"\(kind)\"; expected one of "
                    + Vocabulary.partyKinds.joined(separator: ", ") + Suggestions.hint(for: kind, in: Vocabulary.partyKinds))
            }
            if let name = filter.name, name.trimmingWhitespace().isEmpty {
                throw DealError(.usage, "\(setting: .name): expected some text of the party's name, id or alias")
            }
            var clauses: [String] = []
            var arguments: [(name: String, value: SQLiteValue)] = []
            if let name = filter.name {
                arguments.append((":name_ids", .text(JSONList.of(try parties(named: name)))))
                clauses.append("pa.id IN (SELECT value FROM json_each(:name_ids))")
            }
            if let kind = filter.kind {
                arguments.append((":kind", .text(kind)))
                clauses.append("pa.kind = :kind")
            }
            if let country = filter.country {
                arguments.append((":country", .text(try CountryResolver(store: store).code(for: country))))
                clauses.append("pa.country = :country")
            }
            var limitClause = ""
            if let limit {
                arguments.append((":limit", .integer(Int64(limit))))
                limitClause = "\nLIMIT :limit"
            }
            let sql = """
                SELECT pa.id, pa.name, pa.kind, pa.country,
                       (SELECT count(DISTINCT ap.agreement_id) FROM agreement_parties AS ap
                        WHERE ap.party_id = pa.id) AS agreements,
                       (SELECT count(DISTINCT o.project_id) FROM project_owners AS o
                        WHERE o.party_id = pa.id) AS projects_owned
                FROM parties AS pa
                \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: "\n  AND "))
                ORDER BY pa.id\(limitClause)
                """
            return BoundSQL(sql: sql, arguments: arguments)
        }
    }

    @discardableResult
    package func run(_ bound: BoundSQL, into writer: RowWriter) throws -> Int {
        try store.translatingFailures {
            try bound.run(on: store, into: writer)
        }
    }

    /// Ids of parties whose id, name or an alias contains `text`, and of
    /// those whose name or an alias is `text` by PartyNameKey ("Qatar
    /// Energy" lists QatarEnergy too). SQLite folds only ASCII, and names
    /// here are in every script.
    private func parties(named text: String) throws -> [String] {
        let named = try NameScan.ids(in: store.database, sql: "SELECT id, id, name FROM parties", containing: text)
        let aliased = try NameScan.ids(in: store.database, sql: "SELECT party_id, alias FROM party_aliases", containing: text)
        let keyed = try NameResolver(database: store.database).partyMatches(text).byKey
        return Array(Set(named + aliased + keyed)).sorted()
    }
}
