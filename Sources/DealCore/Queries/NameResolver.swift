import SQLiteKit

/// Turns what a user typed (an id, a name, an alias, a country name) into
/// ids, ignoring case in any script. Nothing found is an error that names
/// the closest known spellings: a filter must never silently match nothing.
struct NameResolver {
    let database: Database

    /// Every party whose id, name or any alias is `text`, ignoring case.
    /// The indexes answer when the case differs only in ASCII letters; other
    /// scripts (`газпром` for `Газпром`) fall back to comparing every name.
    func parties(matching text: String) throws -> [String] {
        let indexed = try database.fetchAll(sql: "SELECT DISTINCT party_id FROM party_names WHERE name = :text COLLATE NOCASE",
                                            named: [":text": .text(text)]).compactMap { $0.string(0) }
        if !indexed.isEmpty { return indexed.sorted() }
        let wanted = text.lowercased()
        var matches: [String] = [], candidates: [String] = []
        for row in try database.fetchAll(sql: """
            SELECT p.id, p.name, a.alias FROM parties AS p LEFT JOIN party_aliases AS a ON a.party_id = p.id
            """) {
            let names = [row.string(0), row.string(1), row.string(2)].compactMap { $0 }
            candidates += names
            if names.contains(where: { $0.lowercased() == wanted }), let id = row.string(0), !matches.contains(id) {
                matches.append(id)
            }
        }
        guard !matches.isEmpty else {
            throw DealError(.failure, "unknown party \"\(text)\"" + Suggestions.hint(for: text, in: Array(Set(candidates))))
        }
        return matches.sorted()
    }

    /// The project whose id or name is `text`: an exact id through the
    /// primary key (a scale-1 database has 10,000 projects to read
    /// otherwise), else the first id or name equal ignoring case.
    func project(matching text: String) throws -> String {
        if let id = try database.scalar(sql: "SELECT id FROM projects WHERE id = ?", arguments: [.text(text)]).string {
            return id
        }
        let wanted = text.lowercased()
        let rows = try database.fetchAll(sql: "SELECT id, name FROM projects")
        if let row = rows.first(where: {
            $0.string(0)?.lowercased() == wanted || $0.string(1)?.lowercased() == wanted
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
