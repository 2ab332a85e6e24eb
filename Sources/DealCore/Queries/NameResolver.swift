import SQLiteKit

/// Turns what a user typed (an id, a name, an alias, a country name) into
/// ids, under the one name rule (TextFolding) and, for parties, the party
/// name key (PartyNameKey). Nothing found is an error that names
/// the closest known spellings: a filter must never silently match nothing.
struct NameResolver {
    let database: Database

    /// Every party whose id, name or any alias is `text` under the one
    /// name rule (TextFolding: case, accents, width, whitespace), together
    /// with every party whose name or an alias has the same PartyNameKey:
    /// the spellings of one company ("Qatar Energy", "QatarEnergy") that a
    /// database built before the key holds as two parties. A filter takes
    /// them all ("any of them"), since they are one company.
    func parties(matching text: String) throws -> [String] {
        let found = try partyMatches(text)
        guard !found.exact.isEmpty || !found.byKey.isEmpty else {
            throw DealError(.failure, "unknown party \"\(text)\"" + Suggestions.hint(for: text, in: found.candidates))
        }
        var ids = found.exact
        for id in found.byKey where !ids.contains(id) { ids.append(id) }
        return ids.sorted()
    }

    /// The parties `text` names exactly (fold) and by key, apart, for
    /// `show`, which prefers the exact one; every name for suggestions only
    /// when neither finds one (the error path).
    func partyMatches(_ text: String) throws -> (exact: [String], byKey: [String], candidates: [String]) {
        let found = try PartyNameScan(database: database).matches(text)
        guard found.exact.isEmpty && found.byKey.isEmpty else { return (found.exact, found.byKey, []) }
        let names = try database.fetchAll(sql: "SELECT DISTINCT name FROM party_names").compactMap { $0.string(0) }
        return ([], [], names)
    }

    /// The project whose id or name is `text`: an exact id through the
    /// primary key (a scale-1 database has 10,000 projects to read
    /// otherwise), else the first id or name equal under the one name rule
    /// (TextFolding).
    func project(matching text: String) throws -> String {
        if let id = try database.scalar(sql: "SELECT id FROM projects WHERE id = ?", arguments: [.text(text)]).string {
            return id
        }
        let wanted = TextFolding.fold(text)
        let rows = try database.fetchAll(sql: "SELECT id, name FROM projects ORDER BY id")
        if !wanted.isEmpty, let row = rows.first(where: {
            TextFolding.fold($0.string(0) ?? "") == wanted || TextFolding.fold($0.string(1) ?? "") == wanted
        }), let id = row.string(0) {
            return id
        }
        let names = rows.flatMap { [$0.string(0), $0.string(1)].compactMap { $0 } }
        throw DealError(.failure, "unknown project \"\(text)\"" + Suggestions.hint(for: text, in: names))
    }

    /// The ISO code for a code or an English name (`mn`, `Mongolia`, `Turkey`).
    func country(matching text: String) throws -> String {
        try CountryResolver(database: database).code(for: text)
    }
}
