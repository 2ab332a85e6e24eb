import Foundation
import SQLiteKit

/// Which projects a command is about: the filters of `dealdb projects`, also
/// taken by the charts. Built from what the user typed; `resolve(in:)` checks
/// it against the vocabulary, turns names into ids and gives SQL that any
/// query can use, with user text only ever in bound values.
///
/// Within one filter every field narrows the selection (AND). A list field
/// matches any of its values (countries, statuses), except `owners`, where
/// each must own the project, as `list --party` wants every party to take part.
package struct ProjectFilter: Sendable, Equatable {
    /// The part a country plays on a project's route.
    package enum Role: String, Sendable, CaseIterable {
        case origin, transit, destination, any
    }

    /// Codes or names (`TR`, `Türkiye`, `Turkey`); any of them on the route.
    package var countries: [String]
    /// The role those countries play; `.any` for anywhere on the route.
    package var role: Role
    /// Any of these statuses (operating, construction, ...).
    package var statuses: [String]
    package var kind: String?
    package var commodity: String?
    /// Parties by id, name or alias in any case; each must own the project,
    /// directly or as the parent company behind an owner. One that names
    /// several parties (one company's spellings, PartyNameKey) matches a
    /// project any of them owns.
    package var owners: [String]
    /// Text contained in the project's name or id, ignoring case and accents.
    package var name: String?
    /// At least this capacity in bcm/y.
    package var minCapacity: Double?
    /// Start of operation in or after this year.
    package var since: Int?
    /// Start of operation in or before this year.
    package var until: Int?

    package init(countries: [String] = [], role: Role = .any, statuses: [String] = [], kind: String? = nil,
                commodity: String? = nil, owners: [String] = [], name: String? = nil, minCapacity: Double? = nil,
                since: Int? = nil, until: Int? = nil) {
        self.countries = countries
        self.role = role
        self.statuses = statuses
        self.kind = kind
        self.commodity = commodity
        self.owners = owners
        self.name = name
        self.minCapacity = minCapacity
        self.since = since
        self.until = until
    }

    /// True when nothing is filtered: every project matches.
    package var isEmpty: Bool {
        countries.isEmpty && statuses.isEmpty && kind == nil && commodity == nil && owners.isEmpty
            && name == nil && minCapacity == nil && since == nil && until == nil
    }

    /// Checks the values and resolves names against `store`. `alias` is the
    /// name the caller's SQL gives the `projects` table; bound parameters are
    /// named `:pf_...`, so they do not collide with the caller's own.
    /// Unknown countries and parties are errors that suggest the closest names.
    package func resolve(in store: DealStore, alias: String = "p") throws -> ProjectSelection {
        try resolve(in: store.database, alias: alias)
    }

    func resolve(in database: Database, alias: String) throws -> ProjectSelection {
        try Self.check(statuses, Vocabulary.projectStatuses, "project status")
        try Self.check(kind.map { [$0] } ?? [], Vocabulary.projectKinds, "project kind")
        try Self.check(commodity.map { [$0] } ?? [], Vocabulary.commodities, "commodity")
        if let minCapacity, !(minCapacity >= 0) || !minCapacity.isFinite {
            throw DealError(.usage, "\(setting: .minimumCapacity): expected a number of bcm/y of at least 0, got \(minCapacity)")
        }
        if let name, name.trimmingWhitespace().isEmpty {
            throw DealError(.usage, "\(setting: .name): expected some text of the project's name or id")
        }
        for owner in owners where owner.trimmingWhitespace().isEmpty {
            throw DealError(.usage, "\(setting: .owner): expected a party's id, name or alias, got an empty text")
        }
        if let since, let until, since > until {
            throw DealError(.usage, "\(setting: .since, value: "\(since)") is after \(setting: .until, value: "\(until)"): no project can match")
        }

        var clauses: [String] = []
        var arguments: [(name: String, value: SQLiteValue)] = []
        func bind(_ name: String, _ value: SQLiteValue) -> String {
            arguments.append((":pf_" + name, value))
            return ":pf_" + name
        }

        if !countries.isEmpty {
            let codes = try CountryResolver(database: database).codes(for: countries)
            let list = bind("countries", .text(JSONList.of(codes)))
            let roleClause = role == .any ? "" : " AND r.role = \(bind("role", .text(role.rawValue)))"
            clauses.append("""
                \(alias).id IN (SELECT r.project_id FROM project_route AS r
                    WHERE r.country IN (SELECT value FROM json_each(\(list)))\(roleClause))
                """)
        }
        if !statuses.isEmpty {
            clauses.append("\(alias).status IN (SELECT value FROM json_each(\(bind("statuses", .text(JSONList.of(statuses))))))")
        }
        if let kind {
            clauses.append("\(alias).kind = \(bind("kind", .text(kind)))")
        }
        if let commodity {
            clauses.append("\(alias).commodity = \(bind("commodity", .text(commodity)))")
        }
        let resolver = NameResolver(database: database)
        for (index, owner) in owners.enumerated() {
            let ids = try resolver.parties(matching: owner)
            let list = bind("owner_\(index + 1)", .text(JSONList.of(ids)))
            clauses.append("""
                \(alias).id IN (SELECT o.project_id FROM project_owners AS o
                    WHERE o.party_id IN (SELECT value FROM json_each(\(list))))
                """)
        }
        if let name {
            // SQLite folds only ASCII letters; names here are in any script
            // and often accented, so the match is made here and bound as ids.
            let ids = try Self.projects(named: name, in: database)
            clauses.append("\(alias).id IN (SELECT value FROM json_each(\(bind("name_ids", .text(JSONList.of(ids))))))")
        }
        if let minCapacity {
            clauses.append("\(Self.capacitySQL(alias)) >= \(bind("min_capacity", .real(minCapacity)))")
        }
        if let since {
            clauses.append("\(Self.startYearSQL(alias)) >= \(bind("since", .integer(Int64(since))))")
        }
        if let until {
            clauses.append("\(Self.startYearSQL(alias)) <= \(bind("until", .integer(Int64(until))))")
        }
        return ProjectSelection(alias: alias, clauses: clauses, arguments: arguments)
    }

    /// A project's capacity in bcm/y and its start year, as the view
    /// project_overview (migration 0010) defines them for `projects`, the
    /// sqlite3 shell and Datasette alike.
    static func capacitySQL(_ alias: String) -> String {
        "(SELECT o.capacity_bcm_y FROM project_overview AS o WHERE o.id = \(alias).id)"
    }

    static func startYearSQL(_ alias: String) -> String {
        "(SELECT o.start_year FROM project_overview AS o WHERE o.id = \(alias).id)"
    }

    static func projects(named text: String, in database: Database) throws -> [String] {
        try NameScan.ids(in: database, sql: "SELECT id, id, name FROM projects ORDER BY id", containing: text)
    }

    static func fold(_ text: String) -> String { TextFolding.fold(text) }

    private static func check(_ values: [String], _ allowed: [String], _ noun: String) throws {
        for value in values where !allowed.contains(value) {
            throw DealError(.usage, "unknown \(noun) \"\(value)\"; expected one of \(allowed.joined(separator: ", "))"
                + Suggestions.hint(for: value, in: allowed))
        }
    }
}

/// A resolved `ProjectFilter`: SQL over the `projects` row named `alias`,
/// and the values to bind. Use `condition` in a query that already reads
/// `projects AS <alias>`, or `ids` as a subquery (`x.project_id IN (...)`).
package struct ProjectSelection: Sendable {
    package let alias: String
    /// One boolean SQL expression per filter set.
    package let clauses: [String]
    /// Named parameters (`:pf_...`) and their values.
    let arguments: [(name: String, value: SQLiteValue)]

    /// True when every project matches.
    package var isEmpty: Bool { clauses.isEmpty }

    /// A boolean SQL expression over `<alias>`; `1` when nothing is filtered.
    package var condition: String {
        clauses.isEmpty ? "1" : clauses.joined(separator: "\n  AND ")
    }

    /// `SELECT <alias>.id FROM projects AS <alias> WHERE ...`: the ids of the
    /// matching projects, for `project_id IN (...)` in other queries.
    package var ids: String {
        "SELECT \(alias).id FROM projects AS \(alias) WHERE \(condition)"
    }

    /// The arguments as a dictionary, for `Statement.bind(named:)`.
    var namedArguments: [String: SQLiteValue] {
        Dictionary(arguments.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
