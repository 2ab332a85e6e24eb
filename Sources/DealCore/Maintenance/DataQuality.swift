import Foundation
import SQLiteKit

/// The data-quality rules of docs/QUALITY.md. Each names what looks wrong
/// in the data as the source gave it; none changes a value. Values under
/// `capacity-outlier`, `length-outlier`, `non-finite` and `duplicate-row`
/// are left out of sums and charts (view `flagged_terms`), route countries
/// under `route-misses-country` out of transit-countries (view
/// `flagged_route_countries`); the others are
/// for a person to look at (`duplicate-party` only suggests a merge).
package enum QualityRule: String, Sendable, CaseIterable {
    case capacityOutlier = "capacity-outlier"
    case lengthOutlier = "length-outlier"
    case nonFinite = "non-finite"
    case duplicateRow = "duplicate-row"
    case ownerShares = "owner-shares"
    case repeatedRouteCountry = "repeated-route-country"
    case originIsDestination = "origin-is-destination"
    case duplicateParty = "duplicate-party"
    case futureStartOperating = "future-start-operating"
    case zeroCapacity = "zero-capacity"
    case sourcesDisagree = "sources-disagree"
    case routeMissesCountry = "route-misses-country"
    case routeCrossesCountry = "route-crosses-country"
}

package struct QualityFinding: Sendable, Equatable, CustomStringConvertible {
    package let rule: QualityRule
    /// `project gem-okaz-gas-pipeline`, `parties gazprom, pjsc-gazprom`.
    package let subject: String
    package let message: String
    /// Where the source says it: `gem-ggit-map-2024-10-06 line 3120`.
    package let locator: String?

    package var description: String {
        "\(rule.rawValue): \(subject): \(message)" + (locator.map { " (\($0))" } ?? "")
    }
}

package enum DataQuality {
    /// Every finding, or with `source` only those about projects that source
    /// cites (what one GEM import brought in; parties are always checked
    /// whole, since a duplicate needs two). `today` (YYYY-MM-DD) decides what
    /// is in the future.
    static func findings(in database: Database, source: String? = nil,
                                today: String = DateText.today()) throws -> [QualityFinding] {
        var findings: [QualityFinding] = []
        let scope: [String: SQLiteValue] = ["source": SQLiteValue(source)]
        for (rule, sql) in projectRules {
            let statement = try database.makeStatement(sql: Self.scoped + sql)
            var arguments = scope
            if statement.parameterNames.contains(":today") { arguments["today"] = .text(today) }
            try statement.bind(named: arguments.filter { statement.parameterNames.contains(":" + $0.key) })
            var rows = statement.rows()
            while let row = try rows.next() {
                findings.append(QualityFinding(rule: rule, subject: "project \(row.string(0) ?? "?")",
                                               message: row.string(1) ?? "", locator: row.string(2)))
            }
        }
        findings += try duplicateParties(database)
        return findings
    }

    /// Counts per rule, in the order of `QualityRule.allCases`, for summaries.
    package static func counts(_ findings: [QualityFinding]) -> [(rule: QualityRule, count: Int)] {
        QualityRule.allCases.compactMap { rule in
            let count = findings.filter { $0.rule == rule }.count
            return count == 0 ? nil : (rule, count)
        }
    }

    /// The projects in scope, and where each is cited first (its GEM row).
    private static let scoped = """
        WITH scope (project_id) AS (
            SELECT id FROM projects WHERE :source IS NULL
            UNION ALL
            SELECT p.id FROM citations AS c JOIN projects AS p ON p.citable_id = c.citable_id
            WHERE :source IS NOT NULL AND c.source_id = :source
        ),
        place (project_id, locator) AS (
            SELECT s.project_id,
                   (SELECT c.source_id || coalesce(' ' || c.locator, '')
                    FROM projects AS p JOIN citations AS c ON c.citable_id = p.citable_id
                    WHERE p.id = s.project_id
                    ORDER BY (c.source_id = :source) DESC, c.position LIMIT 1)
            FROM scope AS s
        )

        """

    /// The terms the view flagged_terms flags under `rule` (a fixed name, not input).
    private static func flaggedTerms(_ rule: QualityRule) -> String {
        """
        SELECT t.project_id, f.detail, pl.locator
        FROM flagged_terms AS f JOIN terms AS t ON t.id = f.term_id
        JOIN place AS pl ON pl.project_id = t.project_id
        WHERE f.rule = '\(rule.rawValue)'
        ORDER BY t.project_id, t.position
        """
    }

    /// The notes an import stored under `rule` (a fixed name, not input).
    private static func notes(_ rule: QualityRule) -> String {
        """
        SELECT n.project_id, n.detail, coalesce(n.source_id || coalesce(' ' || n.locator, ''), pl.locator)
        FROM quality_notes AS n JOIN place AS pl ON pl.project_id = n.project_id
        WHERE n.rule = '\(rule.rawValue)'
        ORDER BY n.project_id, n.id
        """
    }

    /// Each rule: rows of (project id, message, locator).
    private static let projectRules: [(QualityRule, String)] = [
        (.capacityOutlier, flaggedTerms(.capacityOutlier)),
        (.lengthOutlier, flaggedTerms(.lengthOutlier)),
        (.nonFinite, notes(.nonFinite)),
        (.duplicateRow, notes(.duplicateRow)),
        (.routeMissesCountry, notes(.routeMissesCountry)),
        (.routeCrossesCountry, notes(.routeCrossesCountry)),
        (.ownerShares, """
            SELECT o.project_id,
                   o.level || ' shares add up to ' || printf('%.15g', round(sum(o.share), 4)) || ' %'
                   || CASE WHEN count(o.share) < count(*) THEN ' with ' || (count(*) - count(o.share)) || ' share(s) unknown'
                           ELSE '' END
                   || ' (' || group_concat(coalesce(o.party_id, 'unnamed "' || o.unnamed || '"') || ' '
                                           || coalesce(printf('%.15g', o.share), '?'), ', ') || ')',
                   pl.locator
            FROM project_owners AS o JOIN place AS pl ON pl.project_id = o.project_id
            GROUP BY o.project_id, o.level
            HAVING sum(o.share) > 100.5
                OR (count(o.share) = count(*) AND abs(sum(o.share) - 100) > 0.5)
            ORDER BY o.project_id, o.level
            """),
        // A share the import could not keep (the plant tracker's `[10000%]`).
        (.ownerShares, notes(.ownerShares)),
        (.repeatedRouteCountry, """
            SELECT r.project_id,
                   'route names ' || r.country || ' ' || count(*) || ' times ('
                   || (SELECT group_concat(x.country, ' -> ') FROM (SELECT country FROM project_route AS y
                       WHERE y.project_id = r.project_id ORDER BY y.position) AS x) || ')',
                   pl.locator
            FROM project_route AS r JOIN place AS pl ON pl.project_id = r.project_id
            -- A one-country project is stored as origin and destination of
            -- that country (docs/GEM.md): not a repeat.
            WHERE (SELECT count(*) FROM project_route AS z WHERE z.project_id = r.project_id) > 2
               OR r.role = 'transit'
            GROUP BY r.project_id, r.country
            HAVING count(*) > 1
            ORDER BY r.project_id, r.country
            """),
        (.originIsDestination, """
            SELECT o.project_id,
                   'origin and destination are both ' || o.country || ', with transit through '
                   || (SELECT group_concat(t.country, ', ') FROM project_route AS t
                       WHERE t.project_id = o.project_id AND t.role = 'transit'),
                   pl.locator
            FROM project_route AS o
            JOIN project_route AS d ON d.project_id = o.project_id AND d.role = 'destination' AND d.country = o.country
            JOIN place AS pl ON pl.project_id = o.project_id
            WHERE o.role = 'origin'
              AND EXISTS (SELECT 1 FROM project_route AS t WHERE t.project_id = o.project_id AND t.role = 'transit')
            ORDER BY o.project_id
            """),
        (.futureStartOperating, """
            SELECT p.id, 'status ' || p.status || ' but it starts on ' || e.date || ', after ' || :today
                   || ' (event ' || e.id || ')',
                   pl.locator
            FROM projects AS p JOIN place AS pl ON pl.project_id = p.id
            JOIN events AS e ON e.project_id = p.id AND e.id = p.id || '-start'
            WHERE p.status IN ('operating', 'idle', 'mothballed', 'retired')
              AND (SELECT v.first_day FROM event_spans AS v WHERE v.event_id = e.id)
                  > \(DateSpanSQL.lastDay(of: ":today"))
            ORDER BY p.id
            """),
        (.zeroCapacity, """
            SELECT t.project_id, 'capacity 0 ' || t.unit || ' for a project with status ' || p.status
                   || '; a working line with no capacity is more likely a missing figure than a measurement', pl.locator
            FROM terms AS t JOIN projects AS p ON p.id = t.project_id
            JOIN place AS pl ON pl.project_id = t.project_id
            WHERE t.metric = 'capacity' AND t.value = 0 AND p.status IN ('operating', 'construction')
            ORDER BY t.project_id, t.position
            """),
        // Records an analyst linked (same_as) are one project; where their
        // statuses differ, both stand and a person decides (docs/GEM.md).
        // Each source once, though it may be cited for several quotes.
        (.sourcesDisagree, """
            SELECT h.id,
                   'status ' || coalesce(h.status, 'none') || coalesce(' (' || (SELECT group_concat(source_id, ', ')
                       FROM (SELECT DISTINCT c.source_id FROM citations AS c WHERE c.citable_id = h.citable_id
                             ORDER BY c.source_id)) || ')', '')
                   || ', but the same project is ' || coalesce(p.status, 'without status') || ' in ' || p.id
                   || ' (' || e.linked_by || ')',
                   pl.locator
            FROM project_entities AS e
            JOIN projects AS p ON p.id = e.project_id
            JOIN projects AS h ON h.id = e.entity_id
            JOIN place AS pl ON pl.project_id = p.id
            WHERE e.linked_by IS NOT NULL AND e.project_id <> e.entity_id AND p.status IS NOT h.status
            ORDER BY h.id, p.id
            """),
    ]

    /// Parties that may be one: names that fold to the same words (case,
    /// accents, width, punctuation and legal forms anywhere set aside:
    /// "Gazprom" and "PJSC Gazprom"), or a name or alias with the same
    /// PartyNameKey (spaces and a bracketed word set aside too: "Qatar
    /// Energy" and "QatarEnergy", "GAIL" and "GAIL (India) Limited"), or the
    /// same identifier (scheme and value, table party_identifiers). Parties
    /// linked by either are one finding naming them all; merging is left to
    /// a person (`dealdb parties merge`), since two companies can share a name.
    static func duplicateParties(_ database: Database) throws -> [QualityFinding] {
        var names: [String: String] = [:]
        var order: [String] = []
        // Each key to the first party that has it; a later party with the key joins it.
        var firstWith: [String: String] = [:]
        var groups = PartyGroups()
        func link(_ key: String, _ id: String) {
            guard !key.isEmpty else { return }
            if let first = firstWith[key] { groups.join(first, id) } else { firstWith[key] = id }
        }
        for row in try database.fetchAll(sql: "SELECT id, name FROM parties ORDER BY id") {
            guard let id = row.string(0), let name = row.string(1) else { continue }
            names[id] = name
            order.append(id)
            link("words " + foldedName(name), id)
        }
        for row in try database.fetchAll(sql: """
            SELECT id, name FROM parties UNION SELECT party_id, alias FROM party_aliases ORDER BY 1, 2
            """) {
            guard let id = row.string(0), let name = row.string(1) else { continue }
            link("key " + PartyNameKey.make(name), id)
        }
        // An identifier names one thing: two parties that carry it are one.
        for row in try database.fetchAll(sql: "SELECT party_id, scheme, value FROM party_identifiers ORDER BY 1") {
            guard let id = row.string(0), let scheme = row.string(1), let value = row.string(2) else { continue }
            link("identifier " + scheme + " " + value, id)
        }
        var members: [String: [String]] = [:]
        for id in order { members[groups.root(id), default: []].append(id) }
        // A group is keyed by its root, its smallest id: one finding per group, in id order.
        return order.compactMap { id in
            guard let group = members[id], group.count > 1 else { return nil }
            return QualityFinding(
                rule: .duplicateParty, subject: "parties " + group.joined(separator: ", "),
                message: "names " + group.map { "\"\(names[$0] ?? $0)\"" }.joined(separator: ", ")
                    + " may be one party; if so, `dealdb parties merge` them (dealdb never merges parties already made)",
                locator: nil)
        }
    }

    static let legalForms: Set<String> = [
        "pjsc", "ojsc", "cjsc", "jsc", "pao", "oao", "zao", "ooo", "llc", "ltd", "limited", "inc", "incorporated",
        "corp", "corporation", "co", "company", "plc", "sa", "ag", "gmbh", "bv", "nv", "spa", "srl", "sas", "as",
        "asa", "ab", "oy", "kk", "pt", "tbk", "bhd", "sdn", "pte", "pty", "lp", "llp", "the",
    ]

    /// A party's name reduced to the words that tell it apart.
    static func foldedName(_ name: String) -> String {
        var text = name.applyingWidthFolding()
        for suffix in ["股份有限公司", "有限责任公司", "有限公司", "集团"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text = String(text.dropLast(suffix.count))
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: .posix)
        let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return words.filter { !legalForms.contains($0) }.joined(separator: " ")
    }
}

/// Parties joined into groups (union-find), for the duplicate-party rule.
private struct PartyGroups {
    private var parent: [String: String] = [:]

    mutating func root(_ id: String) -> String {
        var current = id
        while let next = parent[current], next != current { current = next }
        parent[id] = current
        return current
    }

    /// The smaller id stays the root, so findings read in id order.
    mutating func join(_ a: String, _ b: String) {
        let (x, y) = (root(a), root(b))
        guard x != y else { return }
        if x < y { parent[y] = x } else { parent[x] = y }
    }
}
