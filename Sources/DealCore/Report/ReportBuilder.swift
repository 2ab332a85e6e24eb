package import Foundation
import SQLiteKit

/// `dealdb report`: one self-contained HTML page with what the database
/// holds, the charts, every built-in query's result and the sources of each
/// fact as numbered footnotes. No scripts, fonts or images are fetched.
///
/// It stays readable (and small: under 2 MB for GEM's whole map file) at the
/// scale of a tracker: summary tables instead of thousands of records, the
/// charts limited as `dealdb chart` limits them, query results cut at
/// `queryRows` rows; each cut says what is left out and which command shows
/// it. Agreements, and the projects and events they are about, are always
/// given in full.
package struct ReportBuilder {
    let store: DealStore
    package var title: String
    /// When the page says it was generated.
    package var generated: Date
    /// How the reader gets more than the page shows, in the words of
    /// whoever makes the report (the CLI's commands and flags).
    package var hints = Hints()

    package struct Hints: Sendable {
        /// Drawing other timelines, e.g. `dealdb chart timeline (--country, ...)`.
        package var timeline: String?
        package var flows: String?
        /// Listing the projects of a country not in the summary.
        package var projectsByCountry: String?
        /// Adding the values the data-quality rules leave out.
        package var includeFlagged: String?
        /// How a query's parameter is given (`-p`); nil says "parameter".
        package var parameter: String?

        package init(timeline: String? = nil, flows: String? = nil, projectsByCountry: String? = nil,
                    includeFlagged: String? = nil, parameter: String? = nil) {
            self.timeline = timeline
            self.flows = flows
            self.projectsByCountry = projectsByCountry
            self.includeFlagged = includeFlagged
            self.parameter = parameter
        }
    }

    package init(store: DealStore, title: String = "Energy deals report", generated: Date = Date()) {
        self.store = store
        self.title = title
        self.generated = generated
    }

    package func html() throws -> String {
        try store.translatingFailures {
            let checksum = try databaseChecksum()
            var page = HTMLPage()
            var notes = Footnotes()
            let reader = DocumentReader(database: store.database)
            page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
            page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            page.raw("<meta name=\"generator\" content=\"dealdb \(Markup.escape(DealVersion.string))\">")
            page.element("title", title)
            page.raw("<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n<header>")
            page.element("h1", title)
            page.element("p", "Generated \(Self.timestamp(generated)) by dealdb \(DealVersion.string) from "
                + "\((store.path as NSString).lastPathComponent).", attributes: [("class", "lead")])
            // The credit CC BY 4.0 asks for, where a reader sees it first and
            // again at the end of whatever part of the page is copied.
            let credits = try SourceCredits(store: store).lines(limit: 12)
            let creditText = credits.isEmpty ? nil : "Sources and licences: " + credits.joined(separator: "; ") + "."
            if let creditText { page.element("p", creditText, attributes: [("class", "credits")]) }
            page.raw("</header>\n<nav aria-label=\"Contents\"><ul>")
            for (anchor, name) in [("holdings", "What the database holds"), ("summary", "Summary"), ("charts", "Charts"),
                                   ("projects", "Projects"),
                                   ("agreements", "Agreements"), ("events", "Events"), ("queries", "Built-in queries"),
                                   ("sources", "Sources")] {
                page.raw("<li><a href=\"#\(anchor)\">\(Markup.escape(name))</a></li>")
            }
            page.raw("</ul></nav>\n<main>")

            try holdings(&page)
            try summary(&page)
            try charts(&page)
            try projects(&page, reader: reader, notes: &notes)
            try agreements(&page, reader: reader, notes: &notes)
            try events(&page, reader: reader, notes: &notes)
            try queries(&page)
            try sources(&page, reader: reader, notes: notes)

            page.raw("</main>\n<footer>")
            page.raw("<p>Generated \(Markup.escape(Self.timestamp(generated))) by dealdb \(Markup.escape(DealVersion.string)). "
                + "Database file: \(Markup.escape((store.path as NSString).lastPathComponent)), SHA-256 "
                + "<code class=\"checksum\">\(checksum)</code>.</p>")
            if let creditText { page.element("p", creditText, attributes: [("class", "credits")]) }
            page.raw("</footer>\n</body>\n</html>")
            return page.text
        }
    }

    /// SHA-256 of the database file's bytes, so a reader can tell which
    /// copy of the data the page was made from.
    func databaseChecksum() throws -> String {
        guard let data = FileManager.default.contents(atPath: store.path) else {
            throw DealError(.unreadableInput, "\(store.path): cannot read the database file to checksum it")
        }
        return SHA256.hex(data)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }

    private func holdings(_ page: inout HTMLPage) throws {
        page.raw("<section id=\"holdings\">")
        page.element("h2", "What the database holds")
        // Projects count each pipeline or terminal once (docs/GEM.md); the
        // rows they came from are counted next to them.
        let tables: [(String, String)] = [("Projects (each pipeline or terminal once)", "entity_overview"),
                                          ("Project rows, as the sources give them", "projects"),
                                          ("Agreements", "agreements"), ("Parties", "parties"),
                                          ("Terms (facts about agreements and projects)", "terms"), ("Events", "events"),
                                          ("Sources", "sources"), ("Citations", "citations")]
        var rows: [[(html: String, number: Bool)]] = []
        for (name, table) in tables {
            let count = try store.database.scalar(sql: "SELECT count(*) FROM \(table)").int64 ?? 0
            rows.append([(Markup.escape(name), false), (String(count), true)])
        }
        page.table(columns: ["Records", "Count"], rows: rows)
        page.raw("</section>")
    }

    private func charts(_ page: inout HTMLPage) throws {
        page.raw("<section id=\"charts\">")
        page.element("h2", "Charts")
        let lanes = try TimelineLane.load(from: store, options: TimelineOptions())
        var timeline = TimelineChart(lanes: lanes, howToChoose: hints.timeline)
        try timeline.credit(from: store)
        page.raw("<figure class=\"chart\"><div class=\"scroll\">")
        page.raw(timeline.svgElement(idPrefix: "report-timeline"))
        page.raw("</div><figcaption>Events and signings by project. Points are exact days; bars are dates known only "
            + "to the year or month; hollow dashed marks are planned dates. The rows of the built-in "
            + "<code>timeline</code> query." + (timeline.notShown.map { " " + Markup.escape($0) } ?? "")
            + "</figcaption></figure>")
        let destinations = try FlowDestination.load(from: store)
        page.raw("<figure class=\"chart narrow\"><div class=\"scroll\">")
        var flows = FlowsChart(destinations: destinations, howToChoose: hints.flows)
        flows.includeFlaggedHint = hints.includeFlagged
        flows.credits = try SourceCredits(store: store).lines(
            projects: Set(destinations.flatMap { $0.segments.map(\.project) }), limit: 8)
        page.raw(flows.svgElement(idPrefix: "report-flows"))
        page.raw("</div><figcaption>Capacity in bcm per year that crosses each country's border (pipelines from abroad, "
            + "LNG import terminals), stacked by project and status; pipelines within a country are left out (column "
            + "<code>domestic</code> of the built-in <code>volumes-by-destination</code> query, whose numbers these are). "
            + Markup.escape(flows.summary) + "</figcaption></figure>")
        // Where the projects it covers are: every route and site the database holds.
        let places = try MapSelection.load(from: store)
        var map = MapChart(selection: places, labelLimit: 20)
        map.credits = try SourceCredits(store: store).lines(projects: Set(places.features.map(\.id)), limit: 6)
        page.raw("<figure class=\"chart\"><div class=\"scroll\">")
        page.raw(map.svgElement(idPrefix: "report-map"))
        page.raw("</div><figcaption>Where the projects are: routes as lines and terminals as points, as their sources draw "
            + "them, coloured by status (<code>dealdb chart map</code> draws a selection). " + Markup.escape(map.summary)
            + "</figcaption></figure>")
        page.raw("</section>")
    }

    private func queries(_ page: inout HTMLPage) throws {
        page.raw("<section id=\"queries\">")
        page.element("h2", "Built-in queries")
        page.element("p", "The results of `dealdb query NAME` for each built-in query, as the database holds them now.",
                     attributes: [("class", "note")])
        let hasGazprom = try store.database.scalar(sql: "SELECT count(*) FROM parties WHERE id = 'gazprom'").int64 == 1
        let parameterFlag = hints.parameter ?? "parameter"
        for query in try QueryCatalog.builtIn().queries {
            var parameters: [String: String] = [:]
            let required = query.parameters.filter { if case .required = $0.requirement { true } else { false } }
            var skipped: String?
            for parameter in required {
                if parameter.name == "party", hasGazprom {
                    parameters["party"] = "gazprom"
                } else {
                    skipped = "needs \(parameterFlag) \(parameter.name)=VALUE"
                }
            }
            page.raw("<h3 id=\"query-\(Markup.escape(query.name))\">\(Markup.escape(query.title)) "
                + "<small>(<code>\(Markup.escape(query.name))</code>"
                + (parameters.isEmpty ? "" : ", " + parameters.sorted { $0.key < $1.key }
                    .map { "<code>\(Markup.escape(parameterFlag)) \(Markup.escape($0.key))=\(Markup.escape($0.value))</code>" }
                    .joined(separator: " "))
                + ")</small></h3>")
            if !query.description.isEmpty { page.element("p", query.description, attributes: [("class", "note")]) }
            if let skipped {
                page.element("p", "Not run here: it \(skipped).", attributes: [("class", "note")])
                continue
            }
            let result = try QueryRows.run(query, parameters: parameters, store: store)
            guard !result.rows.isEmpty else {
                page.element("p", "No rows.", attributes: [("class", "note")])
                continue
            }
            page.table(columns: result.columns, rows: result.rows.prefix(Self.queryRows).map { row in
                row.map { (Markup.escape(CellText.of($0, nullText: "")), CellText.isNumber($0)) }
            })
            if result.rows.count > Self.queryRows {
                page.raw("<p class=\"note\">The first \(Self.queryRows) of \(result.rows.count) rows; all of them with "
                    + "<code>dealdb query \(Markup.escape(query.name))"
                    + parameters.sorted { $0.key < $1.key }
                        .map { " \(Markup.escape(parameterFlag)) \(Markup.escape($0.key))=\(Markup.escape($0.value))" }.joined()
                    + "</code>.</p>")
            }
        }
        page.raw("</section>")
    }

    /// `50 bcm/y`, `25 billion USD`, `11.9 billion RUB`.
    static func quantity(_ value: Double?, unit: String?) -> String {
        guard let value else { return unit ?? "" }
        var number = NumberText.plain(value)
        if let unit, unit.count == 3, unit == unit.uppercased() {
            for (size, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] where abs(value) >= size {
                number = FlowsChart.format(value / size) + " " + word
                break
            }
        }
        return unit.map { "\(number) \($0)" } ?? number
    }
}
