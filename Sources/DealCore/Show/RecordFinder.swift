import Foundation
import SQLiteKit

/// A record `show` can print.
package struct RecordMatch: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case agreement, project, party, source, event
    }

    package let kind: Kind
    package let id: String
    /// Its name or title.
    package let label: String
}

/// Finds the one record a user means by an id, a name, a title or a party's
/// alias, ignoring case. An exact id wins; then names equal ignoring case
/// (through the indexes), then equal under the one name rule (TextFolding:
/// case in any script, accents, width, whitespace), then a party's name of
/// the same PartyNameKey ("Qatar Energy" finds QatarEnergy).
/// Several records: an error listing them with their kinds. None: an error
/// suggesting the closest ids, names and aliases.
package struct RecordFinder {
    let database: Database

    package init(store: DealStore) {
        self.database = store.database
    }

    init(database: Database) {
        self.database = database
    }

    package func find(_ text: String) throws -> RecordMatch {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw DealError(.usage, "show: expected an id or a name, got an empty text")
        }
        // Ids are lowercase ASCII slugs: the folded text finds one typed in
        // any case or in full-width letters.
        let byID = try matches(Self.idSQL, Self.fold(trimmed))
        if byID.count == 1 { return byID[0] }
        if byID.count > 1 { throw ambiguous(trimmed, byID) }

        let byName = try matches(Self.nameSQL, trimmed)
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 { throw ambiguous(trimmed, byName) }

        // Case outside ASCII (`газпром`), accents (`botas`), full-width forms.
        let wanted = Self.fold(trimmed)
        var folded: [RecordMatch] = []
        var candidates: [String] = []
        for row in try database.fetchAll(sql: Self.everyNameSQL) {
            guard let kind = row.string(0).flatMap(RecordMatch.Kind.init(rawValue:)), let id = row.string(1),
                  let name = row.string(2) else { continue }
            candidates.append(name)
            if Self.fold(name) == wanted || Self.fold(row.string(3) ?? "") == wanted {
                let match = RecordMatch(kind: kind, id: id, label: name)
                if !folded.contains(match) { folded.append(match) }
            }
            if let alias = row.string(3) { candidates.append(alias) }
        }
        if folded.count == 1 { return folded[0] }
        if folded.count > 1 { throw ambiguous(trimmed, folded) }

        // Another spelling of a party's name: "Qatar Energy" for QatarEnergy,
        // "Eni" for Eni S.p.A. (PartyNameKey).
        let byKey = try NameResolver(database: database).partyMatches(trimmed).byKey
        let keyed = try byKey.map { id in
            RecordMatch(kind: .party, id: id,
                        label: try database.scalar(sql: "SELECT name FROM parties WHERE id = ?", arguments: [.text(id)]).string ?? id)
        }
        if keyed.count == 1 { return keyed[0] }
        if keyed.count > 1 { throw ambiguous(trimmed, keyed) }
        let ids = try database.fetchAll(sql: Self.everyIDSQL).compactMap { $0.string(0) }
        throw DealError(.failure, "nothing has the id, name or alias \"\(trimmed)\""
            + Suggestions.hint(for: trimmed, in: ids + candidates))
    }

    private func matches(_ sql: String, _ text: String) throws -> [RecordMatch] {
        var found: [RecordMatch] = []
        for row in try database.fetchAll(sql: sql, named: [":text": .text(text)]) {
            guard let kind = row.string(0).flatMap(RecordMatch.Kind.init(rawValue:)), let id = row.string(1) else {
                continue
            }
            let match = RecordMatch(kind: kind, id: id, label: row.string(2) ?? id)
            if !found.contains(match) { found.append(match) }
        }
        return found
    }

    private func ambiguous(_ text: String, _ matches: [RecordMatch]) -> DealError {
        let width = matches.map(\.id.count).max() ?? 0
        return DealError(
            .failure, "\"\(text)\" names \(matches.count) records; show one by its id:",
            details: matches.map { match in
                match.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + match.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + match.label
            })
    }

    static func fold(_ text: String) -> String { TextFolding.fold(text) }

    /// Ids are lowercase slugs, so the text is lowered and each primary key answers.
    static let idSQL = """
        SELECT 'agreement', id, title FROM agreements WHERE id = :text
        UNION ALL SELECT 'project', id, name FROM projects WHERE id = :text
        UNION ALL SELECT 'party', id, name FROM parties WHERE id = :text
        UNION ALL SELECT 'source', id, title FROM sources WHERE id = :text
        UNION ALL SELECT 'event', id, title FROM events WHERE id = :text
        """

    /// Names, titles and aliases equal ignoring ASCII case; parties, their
    /// aliases and projects through their NOCASE indexes.
    static let nameSQL = """
        SELECT 'agreement', id, title FROM agreements WHERE title = :text COLLATE NOCASE
        UNION ALL SELECT 'project', id, name FROM projects WHERE name = :text COLLATE NOCASE
        UNION ALL SELECT 'party', id, name FROM parties WHERE name = :text COLLATE NOCASE
        UNION ALL SELECT 'party', p.id, p.name FROM party_aliases AS a JOIN parties AS p ON p.id = a.party_id
            WHERE a.alias = :text COLLATE NOCASE
        UNION ALL SELECT 'source', id, title FROM sources WHERE title = :text COLLATE NOCASE
        UNION ALL SELECT 'event', id, title FROM events WHERE title = :text COLLATE NOCASE
        """

    static let everyNameSQL = """
        SELECT 'agreement', id, title, NULL FROM agreements
        UNION ALL SELECT 'project', id, name, NULL FROM projects
        UNION ALL SELECT 'party', p.id, p.name, a.alias FROM parties AS p LEFT JOIN party_aliases AS a ON a.party_id = p.id
        UNION ALL SELECT 'source', id, title, NULL FROM sources
        UNION ALL SELECT 'event', id, title, NULL FROM events
        """

    static let everyIDSQL = """
        SELECT id FROM agreements UNION ALL SELECT id FROM projects UNION ALL SELECT id FROM parties
        UNION ALL SELECT id FROM sources UNION ALL SELECT id FROM events
        """
}
