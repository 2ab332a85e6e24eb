import SQLiteKit

/// The report's record sections: projects, agreements with their terms,
/// events, and the numbered sources every mark points to.
extension ReportBuilder {
    func projects(_ page: inout HTMLPage, reader: DocumentReader, notes: inout Footnotes) throws {
        page.raw("<section id=\"projects\">")
        page.element("h2", "Projects")
        page.element("p", "Each fact's state is given as negotiation (agreed, proposed, negotiating, unresolved, disputed), "
            + "evidence (official, reported, estimated, inferred) and disclosure (public, undisclosed); numbers in "
            + "brackets are sources, listed at the end.", attributes: [("class", "note")])
        let countries = try countryNames()
        let all = try reader.projectIDs()
        let shown = try projectsInFull(all)
        if shown.count < all.count {
            page.raw("<p class=\"note\">\(shown.count) of \(all.count) projects in full: those that agreements are about. "
                + "The others (\(all.count - shown.count), such as a tracker's) are counted in the "
                + "<a href=\"#summary\">Summary</a>; list them with <code>dealdb projects</code> and see one with "
                + "<code>dealdb show ID</code>.</p>")
        }
        for id in all where shown.contains(id) {
            guard let project = try reader.project(id) else { continue }
            page.raw("<article class=\"record\" id=\"project-\(Markup.escape(id))\">")
            page.raw("<h3>\(Markup.escape(project.name)) <small>(\(Markup.escape(id)))</small>\(notes.marks(project.sources))</h3>")
            let facts = [project.kind.replacingOccurrences(of: "_", with: " "), project.commodity, project.status.map { "status: \($0)" }]
            page.element("p", facts.compactMap { $0 }.joined(separator: " · "), attributes: [("class", "meta")])
            if !project.route.isEmpty {
                let route = project.route.map { "\(countries[$0.country] ?? $0.country) (\($0.role))" }.joined(separator: " → ")
                page.element("p", "Route: " + route, attributes: [("class", "meta")])
            }
            if let note = project.note { page.element("p", note, attributes: [("class", "note")]) }
            terms(&page, project.terms, notes: &notes)
            page.raw("</article>")
        }
        page.raw("</section>")
    }

    func agreements(_ page: inout HTMLPage, reader: DocumentReader, notes: inout Footnotes) throws {
        page.raw("<section id=\"agreements\">")
        page.element("h2", "Agreements")
        let partyNames = try names("SELECT id, name FROM parties")
        for id in try reader.agreementIDs() {
            guard let agreement = try reader.agreement(id) else { continue }
            page.raw("<article class=\"record\" id=\"agreement-\(Markup.escape(id))\">")
            page.raw("<h3>\(Markup.escape(agreement.title)) <small>(\(Markup.escape(id)))</small>\(notes.marks(agreement.sources))</h3>")
            let facts = [agreement.kind.replacingOccurrences(of: "_", with: " "), agreement.signed.map { "signed \($0)" },
                         agreement.status.map { "status: \($0)" },
                         "binding: \(try AgreementBinding.describe(store.database, agreement: id) ?? agreement.binding)",
                         agreement.project.map { "project: \($0)" }]
            page.element("p", facts.compactMap { $0 }.joined(separator: " · "), attributes: [("class", "meta")])
            if !agreement.parties.isEmpty {
                let parties = agreement.parties.map { party in
                    Markup.escape("\(partyNames[party.party] ?? party.party): \(party.role), confirmed \(party.confirmed)"
                        + (party.share.map { ", share \(NumberText.plain($0))%" } ?? "")) + notes.marks(party.sources)
                }
                page.raw("<p class=\"meta\">Parties: " + parties.joined(separator: "; ") + "</p>")
            }
            if let summary = agreement.summary { page.element("p", summary, attributes: [("class", "note")]) }
            terms(&page, agreement.terms, notes: &notes)
            page.raw("</article>")
        }
        page.raw("</section>")
    }

    func terms(_ page: inout HTMLPage, _ terms: [TermRecord], notes: inout Footnotes) {
        guard !terms.isEmpty else { return }
        var rows: [[(html: String, number: Bool)]] = []
        for term in terms {
            let valid = [term.validFrom.map { "from \($0)" }, term.validTo.map { "to \($0)" }].compactMap { $0 }
            rows.append([
                (Markup.escape(term.metric.replacingOccurrences(of: "_", with: " ")), false),
                (Markup.escape(Self.quantity(term.value, unit: term.unit)), true),
                (Markup.escape(term.text ?? "") + (valid.isEmpty ? "" : " <em>(valid \(Markup.escape(valid.joined(separator: " "))))</em>"), false),
                (Markup.escape("\(term.status), \(term.evidence), \(term.disclosure)"), false),
                (notes.marks(term.sources, superscript: false), false),
            ])
        }
        page.table(columns: ["Fact", "Value", "Detail", "State", "Sources"], rows: rows)
    }

    func events(_ page: inout HTMLPage, reader: DocumentReader, notes: inout Footnotes) throws {
        page.raw("<section id=\"events\">")
        page.element("h2", "Events")
        var rows: [[(html: String, number: Bool)]] = []
        let all = try reader.eventIDs()
        let projects = try projectsInFull(try reader.projectIDs())
        var left = 0
        for id in all {
            guard let event = try reader.event(id) else { continue }
            // At tracker scale, only the events of what the page shows in full.
            if all.count > Self.recordsInFull, let project = event.project, !projects.contains(project),
               event.agreement == nil {
                left += 1
                continue
            }
            let planned = event.dateKind == "planned"
            rows.append([
                (Markup.escape(event.date) + (planned ? " <span class=\"planned\">(planned)</span>" : ""), false),
                (Markup.escape(event.title), false),
                (Markup.escape(event.project ?? ""), false),
                (notes.marks(event.sources, superscript: false), false),
            ])
        }
        page.table(columns: ["Date", "Event", "Project", "Sources"], rows: rows)
        if left > 0 {
            page.raw("<p class=\"note\">\(left) more events of the projects not given in full are left out; "
                + "see <code>dealdb query timeline</code> or <code>dealdb chart timeline</code>.</p>")
        }
        page.raw("</section>")
    }

    /// Every built-in query as a table. `deals-by-party` needs a party: it
    /// is shown for Gazprom when the database has it, and otherwise left out
    /// with a note saying how to run it.
    func sources(_ page: inout HTMLPage, reader: DocumentReader, notes: Footnotes) throws {
        page.raw("<section id=\"sources\">")
        page.element("h2", "Sources")
        page.raw("<ol class=\"footnotes\">")
        for (index, citation) in notes.entries.enumerated() {
            let number = index + 1
            var item = "<li id=\"fn-\(number)\">"
            if let source = try reader.source(citation.source) {
                item += "<strong>\(Markup.escape(source.title))</strong>"
                let details = [source.publisher, source.kind.replacingOccurrences(of: "_", with: " "), source.published]
                    .compactMap { $0 }
                item += " (" + Markup.escape(details.joined(separator: ", ")) + ")"
                if let url = source.url, WebLink.isSafe(url) {
                    item += " <a href=\"\(Markup.escape(url))\">\(Markup.escape(url))</a>"
                }
            } else {
                item += Markup.escape(citation.source)
            }
            if let locator = citation.locator { item += ". " + Markup.escape(locator) }
            item += ". <span class=\"note\">[<code>\(Markup.escape(citation.source))</code>]</span>"
            item += " <a href=\"#ref-\(number)\" aria-label=\"back to the first citation\">↩</a></li>"
            page.raw(item)
        }
        page.raw("</ol></section>")
    }

    /// Up to this many projects (and events) the page gives every one in full.
    static let recordsInFull = 100
    /// Rows of each built-in query's result on the page.
    static let queryRows = 50

    /// The projects given in full: all of them in a small database; in a
    /// large one those that agreements are about.

    func projectsInFull(_ all: [String]) throws -> Set<String> {
        guard all.count > Self.recordsInFull else { return Set(all) }
        return Set(try store.database.fetchAll(sql: "SELECT DISTINCT project_id FROM agreements WHERE project_id IS NOT NULL")
            .compactMap { $0.string(0) })
    }

    func countryNames() throws -> [String: String] {
        try names("SELECT code, coalesce(common_name, name) FROM countries")
    }

    func names(_ sql: String) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try store.database.fetchAll(sql: sql) {
            if let key = row.string(0) { names[key] = row.string(1) ?? key }
        }
        return names
    }
}
