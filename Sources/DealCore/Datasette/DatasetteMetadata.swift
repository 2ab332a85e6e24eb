import Foundation
import SQLiteKit
import Yams

/// A Datasette metadata file for a dealdb database: title, description,
/// licence and source per table as the database's own sources state them,
/// a description of every table and column, facets, internal tables and views hidden,
/// and every named query as a canned query.
package struct DatasetteMetadata {
    let store: DealStore
    let catalog: QueryCatalog

    package init(store: DealStore, catalog: QueryCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// The metadata as YAML, under the name Datasette gives the database:
    /// its file name without the extension. `title` defaults to "dealdb: NAME".
    package func yaml(title: String?) throws -> String {
        try Yams.serialize(node: root(title: title), width: -1, allowUnicode: true)
    }

    /// The same metadata as JSON, which Datasette reads as well (a file
    /// named `metadata.json` that held YAML was refused by it).
    package func json(title: String?) throws -> String {
        Self.json(try root(title: title), indent: "") + "\n"
    }

    /// A node as JSON: mappings and sequences as they are, `true` and
    /// `false` written plainly (implicit) as booleans, every other scalar a
    /// string (all of ours are).
    static func json(_ node: Node, indent: String) -> String {
        let inner = indent + "  "
        switch node {
        case .scalar(let scalar):
            if scalar.tag == Tag(.implicit), ["true", "false"].contains(scalar.string) { return scalar.string }
            return JSONRowWriter.string(scalar.string)
        case .mapping(let mapping):
            guard !mapping.isEmpty else { return "{}" }
            let members = mapping.map { key, value in
                inner + JSONRowWriter.string(key.string ?? "") + ": " + json(value, indent: inner)
            }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        case .sequence(let sequence):
            guard !sequence.isEmpty else { return "[]" }
            return "[\n" + sequence.map { inner + json($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .alias:
            return "null"
        }
    }

    private func root(title: String?) throws -> Node {
        let name = ((store.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let provenance = try TableProvenance(database: store.database)
        var root: [(String, Node)] = [("title", .scalar(.init(title ?? "dealdb: \(name)")))]
        root.append(("description", .scalar(.init(try summary()))))
        // Datasette shows the top-level source and licence on its home page
        // and in every page's footer: the credit CC BY 4.0 asks for.
        let credits = try SourceCredits(store: store).credits()
        root += Self.creditFields(credits)
        root.append(("databases", mapping([(name, mapping([
            ("tables", try tables(provenance)),
            ("queries", queries(credits: credits)),
        ]))])))
        return mapping(root)
    }

    /// One line on what the database holds.
    private func summary() throws -> String {
        func count(_ table: String) throws -> Int64 {
            try store.database.scalar(sql: "SELECT count(*) FROM \(table)").int64 ?? 0
        }
        return "International energy deals kept with dealdb: \(try count("agreements")) agreements, "
            + "\(try count("projects")) projects, \(try count("parties")) parties, \(try count("sources")) sources. "
            + "Every fact cites its sources (see the citations table) and says how sure it is."
    }

    private func tables(_ provenance: TableProvenance) throws -> Node {
        var existing: Set<String> = [], views: Set<String> = []
        for row in try store.database.fetchAll(sql: "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view')") {
            guard let name = row.string(0) else { continue }
            existing.insert(name)
            if row.string(1) == "view" { views.insert(name) }
        }
        var tables: [(String, Node)] = []
        for table in SchemaDescriptions.tables where existing.contains(table.name) {
            var entry: [(String, Node)] = [("description", .scalar(.init(table.description)))]
            if let sources = provenance.tables[table.name], !sources.isEmpty {
                entry += sources.datasetteFields
            }
            if table.isInternal {
                entry.append(("hidden", .scalar(.init("true", .implicit))))
                // Datasette 0.65 lists views whatever `hidden` says; a view
                // nobody may open (`allow: false`) it leaves out of the
                // database page. Canned queries and SQL still read it.
                if views.contains(table.name) { entry.append(("allow", .scalar(.init("false", .implicit)))) }
            }
            if let label = table.label { entry.append(("label_column", .scalar(.init(label)))) }
            if !table.facets.isEmpty {
                entry.append(("facets", .sequence(.init(table.facets.map { .scalar(.init($0)) }))))
            }
            // Matched on rowid, Datasette's default: no fts_pk. Projects and
            // parties search what `dealdb search` finds of them (migration
            // 0023), the others their own text.
            if let index = [table.name + "_search_fts", table.name + "_fts"].first(where: existing.contains) {
                entry.append(("fts_table", .scalar(.init(index))))
            }
            entry.append(("columns", mapping(table.columns.map { ($0.key, .scalar(.init($0.value))) })))
            tables.append((table.name, mapping(entry)))
        }
        return mapping(tables)
    }

    /// Datasette's `source`, `source_url`, `license` and `license_url` for
    /// the whole database: every credited source by name, a link where only
    /// one source has an address, and the licence where the sources that
    /// state one agree on it (saying whose it is when others state none).
    static func creditFields(_ credits: [SourceCredits.Credit]) -> [(String, Node)] {
        guard !credits.isEmpty else { return [] }
        var fields: [(String, Node)] = [("source", .scalar(.init(creditText(credits))))]
        let addresses = credits.compactMap(\.url).filter(WebLink.isSafe)
        if addresses.count == 1, let only = addresses.first { fields.append(("source_url", .scalar(.init(only)))) }
        let licensed = credits.filter { $0.licence != nil }
        guard let licence = licensed.first?.licence else { return fields }
        if licensed.allSatisfy({ $0.licence == licence }) {
            var names: [String] = []
            for credit in licensed where !names.contains(credit.publisherOrTitle) { names.append(credit.publisherOrTitle) }
            let whose = licensed.count == credits.count ? ""
                : " for " + names.joined(separator: ", ") + "'s data; the other sources state none"
            fields.append(("license", .scalar(.init(licence.name + whose))))
            fields.append(("license_url", .scalar(.init(licence.url))))
        } else {
            fields.append(("license", .scalar(.init("mixed: " + licensed.map { "\($0.licence!.name) for \($0.text)" }
                .joined(separator: "; ")))))
        }
        return fields
    }

    /// The credit lines in one text, at most a few sources named.
    static func creditText(_ credits: [SourceCredits.Credit]) -> String {
        let named = credits.prefix(4).map(\.text).joined(separator: "; ")
        let rest = credits.count - 4
        return rest > 0 ? named + "; and \(rest) more (see the sources table)" : named
    }

    private func queries(credits: [SourceCredits.Credit]) -> Node {
        // A canned query's page shows its description, not the home page's
        // footer text alone: each names the sources of the data it reads.
        let credit = credits.isEmpty ? "" : " Sources: " + Self.creditText(credits) + "."
        return mapping(catalog.queries.map { query in
            var entry: [(String, Node)] = [
                ("title", .scalar(.init(query.title))),
                ("description", .scalar(.init(query.description + credit))),
                ("sql", .scalar(.init(CannedQuery.sql(for: query), Tag(.str), .literal))),
            ]
            if !query.parameters.isEmpty {
                entry.append(("params", .sequence(.init(query.parameters.map { .scalar(.init($0.name)) }))))
            }
            return (query.name, mapping(entry))
        })
    }

    private func mapping(_ pairs: [(String, Node)]) -> Node {
        .mapping(.init(pairs.map { (.scalar(.init($0.0)), $0.1) }))
    }
}

/// The sources that the rows of each table cite, with the licence each
/// states in its note ("licensed under CC BY 4.0 (https://...)"). Nothing is
/// assumed: a source that states no licence has none here.
struct TableProvenance {
    struct Source {
        let title: String
        let url: String?
        let licence: Licence?
    }

    typealias Licence = SourceCredits.Licence

    struct Sources {
        let sources: [Source]

        var isEmpty: Bool { sources.isEmpty }

        var commonLicence: Licence? {
            guard let first = sources.first?.licence,
                  sources.allSatisfy({ $0.licence == first }) else { return nil }
            return first
        }

        /// Datasette's `source`, `source_url`, `license` and `license_url`.
        var datasetteFields: [(String, Node)] {
            var fields: [(String, Node)] = []
            if sources.count == 1, let only = sources.first {
                fields.append(("source", .scalar(.init(only.title))))
                if let url = only.url, WebLink.isSafe(url) { fields.append(("source_url", .scalar(.init(url)))) }
            } else {
                let named = sources.prefix(3).map(\.title).joined(separator: "; ")
                fields.append(("source", .scalar(.init("\(sources.count) sources: \(named)"
                    + (sources.count > 3 ? "; and \(sources.count - 3) more (see the sources table)" : "")))))
            }
            if let licence = commonLicence {
                fields.append(("license", .scalar(.init(licence.name))))
                fields.append(("license_url", .scalar(.init(licence.url))))
            } else if sources.contains(where: { $0.licence != nil }) {
                // Datasette has one licence per table; a mixed table says which is which.
                let stated = sources.compactMap { source in source.licence.map { "\($0.name) for \(source.title)" } }
                fields.append(("license", .scalar(.init("mixed: " + stated.joined(separator: "; ")
                    + "; the other sources state none"))))
            }
            return fields
        }
    }

    /// The cited sources of each table whose rows cite them.
    let tables: [String: Sources]
    /// Every source of the database.
    let all: Sources

    init(database: Database) throws {
        var byID: [String: Source] = [:]
        var order: [String] = []
        for row in try database.fetchAll(sql: "SELECT id, title, url, note FROM sources ORDER BY id") {
            guard let id = row.string(0) else { continue }
            byID[id] = Source(title: row.string(1) ?? id, url: row.string(2), licence: Self.licence(in: row.string(3)))
            order.append(id)
        }
        // Fixed table names, no user text: which citable rows (or source
        // columns) of each table lead to which sources.
        let cited = { (table: String) in
            "SELECT DISTINCT c.source_id FROM \(table) AS t JOIN citations AS c ON c.citable_id = t.citable_id"
        }
        let queries: [String: String] = [
            "agreements": cited("agreements"),
            "agreement_parties": cited("agreement_parties"),
            "terms": cited("terms"),
            "events": cited("events"),
            "projects": cited("projects") + " UNION SELECT DISTINCT source_id FROM project_owners",
            "project_owners": "SELECT DISTINCT source_id FROM project_owners",
            "citations": "SELECT DISTINCT source_id FROM citations",
        ]
        var tables: [String: Sources] = [:]
        for (table, sql) in queries {
            let ids = Set(try database.fetchAll(sql: sql).compactMap { $0.string(0) })
            tables[table] = Sources(sources: order.filter(ids.contains).compactMap { byID[$0] })
        }
        self.tables = tables
        self.all = Sources(sources: order.compactMap { byID[$0] })
    }

    /// "licensed under NAME (URL)" in a source's note (one reading, SourceCredits's).
    static func licence(in note: String?) -> Licence? {
        SourceCredits.licence(in: note)
    }
}
