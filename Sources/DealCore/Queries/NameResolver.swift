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
    /// `show`, which prefers the exact one; and every name, for suggestions.
    func partyMatches(_ text: String) throws -> (exact: [String], byKey: [String], candidates: [String]) {
        let wanted = TextFolding.fold(text), key = PartyNameKey.parts(text)
        let keyBytes = Array(key.key.utf8)
        var exact: [String] = [], byKey: [String] = [], candidates: [String] = []
        guard !wanted.isEmpty else { return ([], [], []) }
        for row in try database.fetchAll(sql: "SELECT party_id, name FROM party_names") {
            guard let id = row.string(0), let name = row.string(1) else { continue }
            candidates.append(name)
            if TextFolding.fold(name) == wanted {
                if !exact.contains(id) { exact.append(id) }
            } else if PartyNameKey.mayHave(keyBytes, name),
                      PartyNameKey.compatible(PartyNameKey.parts(name), key), !byKey.contains(id) {
                byKey.append(id)
            }
        }
        return (exact.sorted(), byKey.filter { !exact.contains($0) }.sorted(), Array(Set(candidates)))
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
