import SQLiteKit

/// The credit lines owed to the sources whose data a picture, page or
/// published database shows. Global Energy Monitor's tracker is CC BY 4.0,
/// which requires credit wherever its data appears; the same courtesy goes
/// to every other source cited by what is shown, naming its licence where
/// the source's note states one ("licensed under NAME (URL)").
///
/// A line reads "publisher, title, date (licence)", leaving out what the
/// title already says: "Global Energy Monitor, Global Gas Infrastructure
/// Tracker - map file, 2024-10-06 release (CC BY 4.0)".
///
/// For a chart drawn from some projects, e.g. the flows chart:
///
///     chart.credits = try SourceCredits(store: store).lines(projects: Set(ids))
package struct SourceCredits {
    /// One source to credit.
    package struct Credit: Sendable, Equatable {
        package let sourceID: String
        package let kind: String
        /// The line to print.
        package let text: String
        package let licence: Licence?
        /// Where to read it, when the source gives an address.
        package let url: String?
        /// Who to name for it: its publisher, else its title.
        package let publisherOrTitle: String
    }

    /// A licence as a source's note states it.
    package struct Licence: Sendable, Equatable {
        package let name: String
        package let url: String
    }

    let store: DealStore

    package init(store: DealStore) {
        self.store = store
    }

    /// The lines for the sources cited by `projects` (project or entity ids) and
    /// by `agreements`, with what hangs off them (terms, parties' roles,
    /// owners, events, the agreements about the projects); nil for every
    /// source cited by anything in the database. Sources stating a licence
    /// come first, then datasets, then the rest by id, so that a cut list
    /// (`limit`) still names what a licence requires; a cut list ends with
    /// how many more there are.
    package func lines(projects: Set<String>? = nil, agreements: Set<String> = [], limit: Int? = nil) throws -> [String] {
        let all = try credits(projects: projects, agreements: agreements)
        guard let limit, all.count > limit else { return all.map(\.text) }
        let rest = all.count - limit
        return all.prefix(limit).map(\.text) + ["and \(rest) more \(rest == 1 ? "source" : "sources") (see the sources table)"]
    }

    /// The credits themselves, in the order `lines` gives them.
    package func credits(projects: Set<String>? = nil, agreements: Set<String> = []) throws -> [Credit] {
        try store.translatingFailures {
            let rows: [Row]
            if let projects {
                rows = try store.database.fetchAll(sql: Self.scopedSQL, named: [
                    ":projects": .text(JSONList.of(projects.sorted())),
                    ":agreements": .text(JSONList.of(agreements.sorted())),
                ])
            } else {
                rows = try store.database.fetchAll(sql: Self.everythingSQL)
            }
            let credits = rows.compactMap { row -> Credit? in
                guard let id = row.string(0) else { return nil }
                let licence = Self.licence(in: row.string(5))
                return Credit(sourceID: id, kind: row.string(2) ?? "other",
                              text: Self.line(title: row.string(1) ?? id, publisher: row.string(3),
                                              published: row.string(4), licence: licence),
                              licence: licence, url: row.string(6), publisherOrTitle: row.string(3) ?? row.string(1) ?? id)
            }
            return credits.enumerated().sorted { a, b in
                let keyA = (a.element.licence == nil ? 1 : 0, a.element.kind == "dataset" ? 0 : 1)
                let keyB = (b.element.licence == nil ? 1 : 0, b.element.kind == "dataset" ? 0 : 1)
                return keyA != keyB ? keyA < keyB : a.offset < b.offset
            }.map(\.element)
        }
    }

    /// "publisher, title, date (licence)", without repeating what the title says.
    static func line(title: String, publisher: String?, published: String?, licence: Licence?) -> String {
        var text = title
        if let publisher, !publisher.isEmpty, !title.contains(publisher) { text = publisher + ", " + text }
        // GEM's titles end ", 2024-10-06 release"; a year inside a title
        // ("the 2025 SCO summit") is not its date.
        if let published, !title.contains(", " + published) { text += ", " + published }
        if let licence { text += " (\(licence.name))" }
        return text
    }

    /// "licensed under NAME (URL)" in a source's note; nil when it states none.
    package static func licence(in note: String?) -> Licence? {
        guard let note, let range = note.range(of: "licensed under ") else { return nil }
        let rest = note[range.upperBound...]
        guard let open = rest.range(of: " ("), let close = rest[open.upperBound...].firstIndex(of: ")") else { return nil }
        let url = String(rest[open.upperBound..<close])
        guard WebLink.isSafe(url) else { return nil }
        return Licence(name: String(rest[..<open.lowerBound]), url: url)
    }

    private static let columns = "s.id, s.title, s.kind, s.publisher, s.published, s.note, s.url"

    /// Every source something cites (a fact, an owner's stake, a drawn route).
    static let everythingSQL = """
        SELECT \(columns) FROM sources AS s
        WHERE s.id IN (SELECT source_id FROM citations)
           OR s.id IN (SELECT source_id FROM project_owners WHERE source_id IS NOT NULL)
           OR s.id IN (SELECT source_id FROM project_geometry WHERE source_id IS NOT NULL)
        ORDER BY s.id
        """

    /// The sources of the given projects and agreements and what hangs off
    /// them. Ids arrive as JSON lists, bound, however many there are.
    static let scopedSQL = """
        WITH shown_projects (id) AS (
            SELECT value FROM json_each(:projects)
            -- An entity (docs/GEM.md) stands for its rows: each row's sources count.
            UNION SELECT e.project_id FROM project_entities AS e WHERE e.entity_id IN (SELECT value FROM json_each(:projects))
        ),
        shown_agreements (id) AS (
            SELECT value FROM json_each(:agreements)
            UNION SELECT a.id FROM agreements AS a WHERE a.project_id IN (SELECT id FROM shown_projects)
        ),
        cited (citable_id) AS (
            SELECT citable_id FROM projects WHERE id IN (SELECT id FROM shown_projects)
            UNION ALL SELECT citable_id FROM agreements WHERE id IN (SELECT id FROM shown_agreements)
            UNION ALL SELECT citable_id FROM agreement_parties WHERE agreement_id IN (SELECT id FROM shown_agreements)
            UNION ALL SELECT citable_id FROM terms
                WHERE project_id IN (SELECT id FROM shown_projects) OR agreement_id IN (SELECT id FROM shown_agreements)
            UNION ALL SELECT citable_id FROM events
                WHERE project_id IN (SELECT id FROM shown_projects) OR agreement_id IN (SELECT id FROM shown_agreements)
        )
        SELECT \(columns) FROM sources AS s
        WHERE s.id IN (SELECT c.source_id FROM citations AS c WHERE c.citable_id IN (SELECT citable_id FROM cited))
           OR s.id IN (SELECT o.source_id FROM project_owners AS o WHERE o.project_id IN (SELECT id FROM shown_projects))
           -- Whoever drew a route or site that is shown.
           OR s.id IN (SELECT g.source_id FROM project_geometry AS g WHERE g.project_id IN (SELECT id FROM shown_projects))
        ORDER BY s.id
        """
}
