import Foundation
import Testing
import TestSupport

/// `dealdb datasette` read by real Datasette (installed by `make test` into
/// .build/venv): every named query gives the rows `dealdb query` gives, with
/// parameters given and left blank; facets and descriptions arrive.
@Suite struct DatasetteTests {
    static let venv = SharedData.packageRoot + "/.build/venv/bin"
    static var datasette: String? {
        FileManager.default.isExecutableFile(atPath: venv + "/datasette") ? venv + "/datasette" : nil
    }

    /// One request answered by Datasette without a server.
    private func get(_ db: String, _ metadata: String, _ path: String) throws -> Any {
        let result = try ProcessRunner.run(Self.datasette!, [db, "-m", metadata, "--get", path])
        #expect(result.status == 0, "\(path): \(result.stderr)")
        return try Parsers.json(result.stdout)
    }

    private func rows(_ json: Any) -> [NSDictionary] {
        (json as? [Any] ?? []).compactMap { $0 as? NSDictionary }
    }

    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> (db: String, metadata: String) {
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        let metadata = directory.file("metadata.yml")
        let made = try ProcessRunner.dealdb(["datasette", "--db", db, "-o", metadata])
        #expect(made.status == 0, "\(made.stderr)")
        return (db, metadata)
    }

    /// Each built-in query, blank and with values, against `dealdb query`.
    static let cases: [(query: String, parameters: [String: String])] = [
        ("deals-by-party", ["party": "Gazprom"]), ("deals-by-party", ["party": "cnpc"]),
        ("financing", [:]), ("non-binding", [:]),
        ("timeline", [:]), ("timeline", ["party": "Gazprom"]), ("timeline", ["project": "pos-2"]),
        ("transit-countries", [:]), ("transit-countries", ["project": "pos-2"]),
        ("unconfirmed", [:]), ("undisclosed-pricing", [:]),
        ("unresolved-pricing", [:]), ("unresolved-pricing", ["party": "CNPC", "since": "2025"]),
        ("unsourced", [:]),
        ("volumes-by-destination", [:]), ("volumes-by-destination", ["as_of": "2020"]),
        ("volumes-by-destination", ["state": "agreed, proposed", "include_flagged": "true"]),
        ("volumes-by-certainty", [:]), ("volumes-by-certainty", ["as_of": "2020", "include_flagged": "yes"]),
    ]

    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func cannedQueriesGiveTheSameRows() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata) = try seeded(directory)
        let listed = try ProcessRunner.dealdb(["queries"]).stdout
        for name in Set(Self.cases.map(\.query)) {
            #expect(listed.contains(name), "\(name) is no longer a built-in query")
        }
        var nonEmpty = 0
        for (query, parameters) in Self.cases {
            let ours = try ProcessRunner.dealdb(["query", query, "--db", db, "--format", "json"]
                + parameters.sorted { $0.key < $1.key }.flatMap { ["-p", "\($0.key)=\($0.value)"] })
            #expect(ours.status == 0, "\(query): \(ours.stderr)")
            // Every declared parameter is sent, '' when not given, as Datasette's form does.
            let declared = try declaredParameters(query)
            let arguments = declared.map { name in
                "&\(name)=" + (parameters[name]?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }.joined()
            let theirs = rows(try get(db, metadata, "/deals/\(query).json?_shape=array&_size=max" + arguments))
            let expected = rows(try Parsers.json(ours.stdout))
            #expect(theirs == expected, "\(query) \(parameters): Datasette gave \(theirs.count) rows, dealdb \(expected.count)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 10, "too few cases return rows to show anything")
    }

    private func declaredParameters(_ query: String) throws -> [String] {
        let shown = try ProcessRunner.dealdb(["queries", "show", query]).stdout
        guard let section = shown.components(separatedBy: "\nParameters:\n").dropFirst().first else { return [] }
        return section.components(separatedBy: "\n\n")[0].split(separator: "\n").compactMap { line in
            line.hasPrefix("  ") ? line.split(separator: " ").first.map(String.init) : nil
        }
    }

    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func descriptionsFacetsAndHiddenTables() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata) = try seeded(directory)
        let page = try get(db, metadata, "/deals/agreements.json?_facet=status&_size=0") as? NSDictionary
        let facets = page?["facet_results"] as? NSDictionary
        let kinds = (facets?["kind"] as? NSDictionary)?["results"] as? [NSDictionary] ?? []
        #expect(kinds.contains { $0["value"] as? String == "memorandum" }, "no kind facet: \(String(describing: facets))")
        #expect(facets?["status"] != nil)

        let tables = try get(db, metadata, "/deals.json") as? NSDictionary
        let listed = (tables?["tables"] as? [NSDictionary] ?? [])
        let visible = listed.filter { $0["hidden"] as? Bool == false }.compactMap { $0["name"] as? String }
        #expect(visible.contains("agreements") && visible.contains("terms"))
        #expect(!visible.contains("citables") && !visible.contains("schema_migrations"), "\(visible)")
        #expect(!visible.contains { $0.hasPrefix("search_index") }, "\(visible)")

        let queries = (tables?["queries"] as? [NSDictionary] ?? []).compactMap { $0["name"] as? String }
        #expect(queries.contains("unresolved-pricing") && queries.contains("volumes-by-destination"), "\(queries)")

        let yaml = try String(contentsOfFile: metadata, encoding: .utf8)
        #expect(yaml.contains("Power of Siberia 2 and the 2025 SCO summit (analysis article)"))
        #expect(!yaml.contains("license:"), "the seed's sources state no licence; none may be invented")
    }

    /// Datasette's search box on the tables people look things up in.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func searchBoxes() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata) = try seeded(directory)
        let agreements = rows(try get(db, metadata, "/deals/agreements.json?_shape=array&_search=mongolia"))
            .compactMap { $0["id"] as? String }
        #expect(agreements.contains("pos2-mongolia-transit-2025") && !agreements.contains("pos1-supply-2014"), "\(agreements)")
        // Stems: "financing" is found by "finance".
        let stemmed = rows(try get(db, metadata, "/deals/agreements.json?_shape=array&_search=finance"))
        #expect(!stemmed.isEmpty)
        let parties = rows(try get(db, metadata, "/deals/parties.json?_shape=array&_search=petroleum"))
        #expect(parties.compactMap { $0["id"] as? String } == ["cnpc"], "\(parties)")
        let projects = rows(try get(db, metadata, "/deals/projects.json?_shape=array&_search=siberia"))
        #expect(Set(projects.compactMap { $0["id"] as? String }).isSuperset(of: ["pos-1", "pos-2"]), "\(projects)")
    }

    /// `sqlite-utils search` finds the Mongolia memorandum, and keeps finding
    /// records after dealdb changed them.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: venv + "/sqlite-utils"),
                   "skipping: sqlite-utils is not installed in .build/venv (make test installs it)"))
    func sqliteUtilsSearch() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        func search(_ table: String, _ words: String) throws -> [String] {
            let result = try ProcessRunner.run(Self.venv + "/sqlite-utils", ["search", db, table, words, "--csv"])
            #expect(result.status == 0, "\(result.stderr)")
            return try Parsers.csvRecords(result.stdout).compactMap { $0["id"] }
        }
        #expect(try search("agreements", "mongolia").contains("pos2-mongolia-transit-2025"))
        let document = directory.file("renamed.yaml")
        try """
            parties:
              - id: gov-mn
                name: Government of Outer Khazaria
                kind: government
                country: MN

            """.write(toFile: document, atomically: true, encoding: .utf8)
        let imported = try ProcessRunner.dealdb(["import", "--db", db, document])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try search("parties", "khazaria") == ["gov-mn"])
        #expect(try search("parties", "mongolia").isEmpty)
        let check = try ProcessRunner.sqlite3(db, "INSERT INTO parties_fts (parties_fts, rank) VALUES ('integrity-check', 1)")
        #expect(check.status == 0, "\(check.stderr)")

        // The fuller index, searched as its own table (docs/DATASETTE.md):
        // aliases and ligatures found, its rowid the party's.
        #expect(try ProcessRunner.sqlite3(db, "INSERT INTO parties (id, name, kind) VALUES ('lig', 'ﬁnance Corp', 'company')")
            .status == 0)
        func fuller(_ words: String) throws -> [String] {
            let result = try ProcessRunner.run(Self.venv + "/sqlite-utils", [
                "query", db, "SELECT p.id FROM parties AS p WHERE p.rowid IN (SELECT rowid FROM parties_search_fts "
                    + "WHERE parties_search_fts MATCH :q)", "-p", "q", words, "--csv"])
            #expect(result.status == 0, "\(result.stderr)")
            return try Parsers.csvRecords(result.stdout).compactMap { $0["id"] }
        }
        let names = try ProcessRunner.run(Self.venv + "/sqlite-utils", ["search", db, "parties_search_fts", "CNPC", "--csv"])
        #expect(names.status == 0 && names.stdout.contains("China National Petroleum Corporation"), "\(names.stderr)")
        #expect(try fuller("finance").contains("lig"))
        #expect(try fuller("CNPC") == ["cnpc"])
    }

    /// A database holding GEM data says so, with GEM's licence on the tables it fills.
    @Test func gemLicenceComesFromTheSources() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
        let gem = SharedData.packageRoot + "/Tests/Fixtures/gem"
        let imported = try ProcessRunner.dealdb(["import", "--db", db, "--from", "gem", gem + "/map-small.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let made = try ProcessRunner.dealdb(["datasette", "--db", db, "--title", "Gas deals"])
        #expect(made.status == 0, "\(made.stderr)")
        let parsed = try ProcessRunner.python("import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin)))",
                                              stdin: Data(made.stdout.utf8))
        let root = try Parsers.json(parsed.stdout) as? NSDictionary
        #expect(root?["title"] as? String == "Gas deals")
        #expect(root?["license"] as? String == "CC BY 4.0")
        let projects = ((root?["databases"] as? NSDictionary)?["deals"] as? NSDictionary)
            .flatMap { ($0["tables"] as? NSDictionary)?["projects"] as? NSDictionary }
        #expect(projects?["license"] as? String == "CC BY 4.0")
        #expect(projects?["license_url"] as? String == "https://creativecommons.org/licenses/by/4.0/")
        #expect((projects?["source"] as? String)?.contains("Global Energy Monitor") == true, "\(String(describing: projects))")
    }

    /// The red team's link: a source whose address is `javascript:...`
    /// became Datasette's "Data source" link and ran when clicked. Only web
    /// addresses become links; the source is still named.
    @Test func onlyWebAddressesBecomeLinks() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
        let made = try ProcessRunner.sqlite3(db, """
            INSERT INTO sources (id, title, url) VALUES ('evil', 'Evil', 'javascript:alert(document.domain)');
            INSERT INTO citables (id, kind) VALUES (1, 'project');
            INSERT INTO projects (id, citable_id, name, kind) VALUES ('p', 1, 'P', 'pipeline');
            INSERT INTO citations (citable_id, position, source_id) VALUES (1, 1, 'evil');
            """)
        #expect(made.status == 0, "\(made.stderr)")
        let metadata = try ProcessRunner.dealdb(["datasette", "--db", db])
        #expect(metadata.status == 0, "\(metadata.stderr)")
        #expect(!metadata.stdout.contains("javascript:"), "\(metadata.stdout)")
        #expect(metadata.stdout.contains("Evil"), "the source is still credited by name: \(metadata.stdout)")
    }

    /// `-o metadata.json` writes JSON (it wrote YAML, which Datasette
    /// refuses under that name): the same metadata as the YAML, read by
    /// Python's json and PyYAML.
    @Test func aJSONFileNameGetsJSON() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        for name in ["metadata.json", "metadata.yml"] {
            let made = try ProcessRunner.dealdb(["datasette", "--db", db, "-o", directory.file(name)])
            #expect(made.status == 0, "\(made.stderr)")
        }
        let same = try ProcessRunner.python("""
            import json, sys, yaml
            a = json.load(open(sys.argv[1], encoding="utf-8"))
            b = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
            print(a == b, len(a["databases"]["deals"]["tables"]), a["databases"]["deals"]["tables"]["citables"].get("hidden"))
            """, arguments: [directory.file("metadata.json"), directory.file("metadata.yml")])
        #expect(same.stdout.hasPrefix("True "), "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.hasSuffix(" True\n"), "\(same.stdout)")
    }
}
