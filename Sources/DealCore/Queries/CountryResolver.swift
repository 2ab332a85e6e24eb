import Foundation
import SQLiteKit

/// A country as a user types it (`TR`, `tr`, `Türkiye`, `turkiye`, `Turkey`,
/// `Czech Republic`) to its ISO 3166-1 code. Names come from the database:
/// the ISO short name and everyday name in `countries` and the other English
/// names in `country_names`, compared ignoring case and accents. Shared by
/// every command that takes a country, so they all accept the same names.
package struct CountryResolver {
    let database: Database

    init(database: Database) {
        self.database = database
    }

    package init(store: DealStore) {
        self.database = store.database
    }

    /// The ISO code for `text`, or an error that suggests the closest names.
    package func code(for text: String) throws -> String {
        // Codes and names as typed, or in another ASCII case, through SQL;
        // accents left out (`turkiye`) need the folding below.
        let trimmed = text.trimmingWhitespace()
        if let code = try database.fetchAll(sql: """
            SELECT code FROM countries WHERE code = upper(:text) OR name = :text COLLATE NOCASE
                OR common_name = :text COLLATE NOCASE
            UNION ALL SELECT code FROM country_names WHERE name = :text COLLATE NOCASE
            LIMIT 1
            """, named: [":text": .text(trimmed)]).first?.string(0) {
            return code
        }
        let wanted = Self.fold(text)
        let names = try allNames()
        if let match = names.first(where: { Self.fold($0.name) == wanted }) {
            return match.code
        }
        throw DealError(.failure, "unknown country \"\(text)\"; expected an ISO 3166-1 code or an English name"
            + Suggestions.hint(for: text, in: names.filter { $0.name.count > 2 }.map(\.name)))
    }

    /// Codes for several names, in order, without repeats.
    package func codes(for texts: [String]) throws -> [String] {
        var codes: [String] = []
        for text in texts {
            let code = try code(for: text)
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// Every (name, code) pair: codes first, so a two-letter text is a code.
    private func allNames() throws -> [(name: String, code: String)] {
        var names: [(name: String, code: String)] = []
        var more: [(name: String, code: String)] = []
        for row in try database.fetchAll(sql: "SELECT code, name, common_name FROM countries ORDER BY code") {
            guard let code = row.string(0) else { continue }
            names.append((code, code))
            for name in [row.string(1), row.string(2)].compactMap({ $0 }) { more.append((name, code)) }
        }
        for row in try database.fetchAll(sql: "SELECT name, code FROM country_names ORDER BY name") {
            if let name = row.string(0), let code = row.string(1) { more.append((name, code)) }
        }
        return names + more
    }

    static func fold(_ text: String) -> String {
        TextFolding.fold(text.replacingOccurrences(of: "\u{2019}", with: "'"))
    }
}
