import SQLiteKit

/// The report's summary tables: what a database holds at a glance, sized
/// for a whole tracker (thousands of projects) as well as for the seed.
extension ReportBuilder {
    /// Rows each summary table shows at most; the rest are counted below it.
    static let summaryRows = 25

    func summary(_ page: inout HTMLPage) throws {
        page.raw("<section id=\"summary\">")
        page.element("h2", "Summary")

        // Projects are entities here, as everywhere a number is given: a
        // pipeline GEM gives as several rows is one (docs/GEM.md).
        page.element("h3", "Projects by status")
        let byStatus = try store.database.fetchAll(sql: """
            SELECT coalesce(status, 'not recorded'), count(*),
                   sum(kind = 'pipeline'), sum(kind = 'lng_terminal'), sum(kind NOT IN ('pipeline', 'lng_terminal')),
                   sum(rows)
            FROM entity_overview GROUP BY status ORDER BY count(*) DESC, status
            """)
        countTable(&page, byStatus, columns: ["Status", "Projects", "Pipelines", "LNG terminals", "Other", "From rows"],
                   empty: "No projects recorded.")

        page.element("h3", "Projects by country")
        let countries = try store.database.scalar(sql: "SELECT count(DISTINCT country) FROM project_route").int64 ?? 0
        let byCountry = try store.database.fetchAll(sql: """
            WITH entities AS MATERIALIZED (SELECT project_id, entity_id FROM project_entities)
            SELECT coalesce(c.common_name, c.name) || ' (' || r.country || ')',
                   count(DISTINCT e.entity_id),
                   count(DISTINCT CASE r.role WHEN 'origin' THEN e.entity_id END),
                   count(DISTINCT CASE r.role WHEN 'transit' THEN e.entity_id END),
                   count(DISTINCT CASE r.role WHEN 'destination' THEN e.entity_id END)
            FROM project_route AS r JOIN countries AS c ON c.code = r.country
            JOIN entities AS e ON e.project_id = r.project_id
            GROUP BY r.country ORDER BY 2 DESC, r.country LIMIT ?
            """, arguments: [.integer(Int64(Self.summaryRows))])
        countTable(&page, byCountry, columns: ["Country", "Projects", "As origin", "As transit", "As destination"],
                   empty: "No routes recorded.")
        moreRows(&page, shown: byCountry.count, of: Int(countries), noun: "countries", how: hints.projectsByCountry)

        page.element("h3", "Top owners")
        let owners = try store.database.scalar(sql: "SELECT count(DISTINCT party_id) FROM project_owners").int64 ?? 0
        let byOwner = try store.database.fetchAll(sql: """
            WITH entities AS MATERIALIZED (SELECT project_id, entity_id FROM project_entities)
            SELECT pa.name || ' (' || o.party_id || ')',
                   count(DISTINCT e.entity_id),
                   count(DISTINCT CASE o.level WHEN 'owner' THEN e.entity_id END),
                   count(DISTINCT CASE o.level WHEN 'parent' THEN e.entity_id END)
            FROM project_owners AS o JOIN parties AS pa ON pa.id = o.party_id
            JOIN entities AS e ON e.project_id = o.project_id
            GROUP BY o.party_id ORDER BY 2 DESC, o.party_id LIMIT ?
            """, arguments: [.integer(Int64(Self.summaryRows))])
        countTable(&page, byOwner, columns: ["Owner", "Projects", "As direct owner", "As parent company"],
                   empty: "No ownership recorded.")
        moreRows(&page, shown: byOwner.count, of: Int(owners), noun: "owners", how: "dealdb parties")
        page.raw("</section>")
    }

    /// A label column and counts (one row each), or `empty` as a note when
    /// there is nothing to count.
    func countTable(_ page: inout HTMLPage, _ rows: [Row], columns: [String], empty: String) {
        guard !rows.isEmpty else {
            page.element("p", empty, attributes: [("class", "note")])
            return
        }
        page.table(columns: columns, rows: rows.map { row in
            [(Markup.escape(row.string(0) ?? ""), false)] + (1..<columns.count).map { (String(row.int64($0) ?? 0), true) }
        })
    }

    /// "36 more countries; see `dealdb projects --country CODE`."
    func moreRows(_ page: inout HTMLPage, shown: Int, of total: Int, noun: String, how: String?) {
        guard total > shown else { return }
        page.raw("<p class=\"note\">\(total - shown) more \(Markup.escape(noun)) not listed here"
            + (how.map { "; see <code>\(Markup.escape($0))</code>" } ?? "") + ".</p>")
    }
}
