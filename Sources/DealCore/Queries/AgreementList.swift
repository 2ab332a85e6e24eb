import SQLiteKit

/// The filters of `dealdb list`.
package struct AgreementFilter: Sendable, Equatable {
    /// Each must be a party to the agreement (id, name or alias).
    package var parties: [String] = []
    /// With parties: the role they hold; without: a role anyone holds.
    package var role: String?
    package var kind: String?
    package var status: String?
    /// A party from any of these countries, or a route through one.
    package var countries: [String] = []
    package var project: String?
    package var since: String?
    package var until: String?
    package var binding: String?
    /// As the data stood then: agreements signed later, or ended before, are left out.
    package var asOf: String?

    package init() {}
}

/// Agreements matching a filter, with columns `id, signed, kind, status,
/// title, parties, binding`; binding names who asserts it when a party has
/// not confirmed ("yes, per Gazprom; ... unconfirmed", the view
/// agreement_binding), as everywhere binding is shown (docs/FORMAT.md), so
/// that `--binding yes` does not list a one-sided claim as plain "yes". User text only ever reaches SQL as bound values; the
/// SQL's shape depends only on which filters are set.
package struct AgreementList {
    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    package func prepare(_ filter: AgreementFilter) throws -> BoundSQL {
        try store.translatingFailures {
            let resolver = NameResolver(database: store.database)
            var clauses: [String] = []
            var arguments: [(name: String, value: SQLiteValue)] = []
            func bind(_ name: String, _ value: SQLiteValue) { arguments.append((":" + name, value)) }

            // Role, kind, status and binding are checked against the vocabulary
            // by the caller's parser (the CLI's options); a value outside it
            // matches nothing here. Dates decide comparisons, so they are checked.
            try DateText.check(filter.since, .since)
            try DateText.check(filter.until, .until)
            try DateText.check(filter.asOf, .asOf)

            for (index, party) in filter.parties.enumerated() {
                let ids = try resolver.parties(matching: party)
                let name = "party_\(index + 1)"
                bind(name, .text(JSONList.of(ids)))
                clauses.append("""
                    a.id IN (SELECT ap.agreement_id FROM agreement_parties AS ap
                             WHERE ap.party_id IN (SELECT value FROM json_each(:\(name)))\
                    \(filter.role == nil ? "" : " AND ap.role = :role"))
                    """)
            }
            if let role = filter.role {
                bind("role", .text(role))
                if filter.parties.isEmpty {
                    clauses.append("a.id IN (SELECT ap.agreement_id FROM agreement_parties AS ap WHERE ap.role = :role)")
                }
            }
            if let kind = filter.kind {
                bind("kind", .text(kind))
                clauses.append("a.kind = :kind")
            }
            if let status = filter.status {
                bind("status", .text(status))
                clauses.append("a.status = :status")
            }
            if let binding = filter.binding {
                bind("binding", .text(binding))
                clauses.append("a.binding = :binding")
            }
            if !filter.countries.isEmpty {
                bind("countries", .text(JSONList.of(try filter.countries.map { try resolver.country(matching: $0) })))
                clauses.append("""
                    (a.id IN (SELECT ap.agreement_id FROM agreement_parties AS ap JOIN parties AS p ON p.id = ap.party_id
                              WHERE p.country IN (SELECT value FROM json_each(:countries)))
                     OR a.project_id IN (SELECT r.project_id FROM project_route AS r
                                         WHERE r.country IN (SELECT value FROM json_each(:countries))))
                    """)
            }
            if let project = filter.project {
                bind("project", .text(try resolver.project(matching: project)))
                clauses.append("a.project_id = :project")
            }
            // Dates compare by the days they cover (DateSpanSQL), so a deal
            // signed in "2025" is neither before nor after "2025-09".
            if let since = filter.since {
                bind("since", .text(since))
                clauses.append("""
                    (SELECT s.signed_last_day FROM agreement_spans AS s WHERE s.agreement_id = a.id)
                        >= \(DateSpanSQL.firstDay(of: ":since"))
                    """)
            }
            if let until = filter.until {
                bind("until", .text(until))
                clauses.append("""
                    (SELECT s.signed_first_day FROM agreement_spans AS s WHERE s.agreement_id = a.id)
                        <= \(DateSpanSQL.lastDay(of: ":until"))
                    """)
            }
            if let asOf = filter.asOf {
                bind("as_of", .text(asOf))
                clauses.append("""
                    (SELECT coalesce(s.signed_first_day <= \(DateSpanSQL.lastDay(of: ":as_of")), 1)
                            AND coalesce(s.ended_last_day >= \(DateSpanSQL.firstDay(of: ":as_of")), 1)
                     FROM agreement_spans AS s WHERE s.agreement_id = a.id)
                    """)
            }

            let sql = """
                SELECT a.id, a.signed, a.kind, a.status, a.title,
                       (SELECT group_concat(label, '; ')
                        FROM (SELECT l.label FROM agreement_party_labels AS l
                              WHERE l.agreement_id = a.id ORDER BY l.position)) AS parties,
                       (SELECT b.description FROM agreement_binding AS b WHERE b.agreement_id = a.id) AS binding
                FROM agreements AS a
                \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: "\n  AND "))
                ORDER BY a.signed IS NULL, a.signed, a.id
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
}
