import Foundation
import Testing
import TestSupport

/// What a deployer of the file with Datasette gets (issue 25): the settings
/// that let canned queries return all their rows, names in the canned
/// queries' parameters, search boxes that find what `dealdb search` finds,
/// a project's row page linked to its route, terms and owners, no internal
/// view on the database page, and commands that serve the file once. Each
/// asks real Datasette from .build/venv.
@Suite struct DatasetteDeploymentTests {
    static var datasette: String? { DatasetteTests.datasette }

    /// A seeded database and its metadata; `notice` is what `dealdb datasette` said on stderr.
    private func seeded(_ directory: borrowing TemporaryDirectory, prepare: String? = nil)
        throws -> (db: String, metadata: String, notice: String) {
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        if let prepare {
            let prepared = try ProcessRunner.sqlite3(db, prepare)
            #expect(prepared.status == 0, "\(prepared.stderr)")
        }
        let metadata = directory.file("metadata.json")
        let made = try ProcessRunner.dealdb(["datasette", "--db", db, "-o", metadata])
        #expect(made.status == 0, "\(made.stderr)")
        return (db, metadata, made.stderr)
    }

    /// One request answered by the `datasette serve` command that dealdb
    /// printed, run by the shell as a deployer would paste it.
    private func served(_ notice: String, _ path: String) throws -> String {
        let command = try #require(notice.split(separator: "\n").first { $0.contains("datasette serve ") })
            .trimmingCharacters(in: .whitespaces)
        let result = try ProcessRunner.run("/bin/sh", ["-c", command + " --get \"$1\"", "sh", path],
                                           environment: ["PATH": DatasetteTests.venv + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(result.status == 0, "\(command) --get \(path): \(result.stderr)")
        return Self.withoutEchoedNewline(result.stdout)
    }

    /// `--get` prints the response and then a newline of its own.
    static func withoutEchoedNewline(_ text: String) -> String {
        text.hasSuffix("\n\n") || text.hasSuffix("\r\n\n") ? String(text.dropLast()) : text
    }

    private func get(_ db: String, _ metadata: String, _ path: String) throws -> Any {
        let result = try ProcessRunner.run(Self.datasette!, [db, "-m", metadata, "--get", path])
        #expect(result.status == 0, "\(path): \(result.stderr)")
        return try Parsers.json(result.stdout)
    }

    private func ids(_ json: Any, _ key: String = "id") -> [String] {
        (json as? [Any] ?? []).compactMap { ($0 as? NSDictionary)?[key] as? String }
    }

    /// 2,500 events more than the seed's, so that timeline returns over 1,000 rows.
    static let manyEvents = """
        WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
        INSERT INTO citables (id, kind) SELECT 100000 + i, 'event' FROM n;
        WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
        INSERT INTO events (id, citable_id, date, title, project_id)
        SELECT 'generated-' || i, 100000 + i, printf('%04d-01-01', 1900 + i % 120), 'Generated event ' || i, 'pos-2' FROM n;
        """

    /// Datasette cut a canned query at 1,000 rows, JSON and CSV, with the
    /// settings it ships with; the command dealdb prints returns them all.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func cannedQueriesReturnEveryRow() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata, notice) = try seeded(directory, prepare: Self.manyEvents)
        let ours = try ProcessRunner.dealdb(["query", "timeline", "--db", db, "--format", "csv"])
        let expected = try Parsers.csvRecords(ours.stdout)
        #expect(expected.count > 2_500)
        #expect(notice.contains("returns \(expected.count) rows"), "\(notice)")

        // Datasette's own defaults: 1,000 rows and a `truncated` that only the JSON shows.
        let cut = try get(db, metadata, "/deals/timeline.json?_shape=objects") as? NSDictionary
        #expect((cut?["rows"] as? [Any])?.count == 1_000 && cut?["truncated"] as? Bool == true)

        let page = try Parsers.json(try served(notice, "/deals/timeline.json?_shape=objects")) as? NSDictionary
        let rows = page?["rows"] as? [NSDictionary] ?? []
        #expect(page?["truncated"] as? Bool == false)
        #expect(rows.count == expected.count)
        #expect(rows.map { $0["title"] as? String ?? "" } == expected.map { $0["title"] ?? "" }, "the rows differ")
        let csv = try Parsers.csvRecords(try served(notice, "/deals/timeline.csv"))
        #expect(csv.count == expected.count)
        #expect(csv.map { $0["date"] ?? "" } == expected.map { $0["date"] ?? "" }, "the rows differ")

        // --settings writes the same settings as Datasette's settings.json,
        // which configuration-directory mode (`datasette serve FOLDER`) reads.
        let site = directory.file("site")
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        #expect(try ProcessRunner.dealdb(["datasette", "--db", db, "-o", site + "/metadata.json",
                                          "--settings", site + "/settings.json"]).status == 0)
        try FileManager.default.copyItem(atPath: db, toPath: site + "/deals.db")
        let folder = try ProcessRunner.run(Self.datasette!, ["serve", site, "--get", "/deals/timeline.csv"])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(try Parsers.csvRecords(Self.withoutEchoedNewline(folder.stdout)).count == expected.count)
    }

    /// `-p project="Power of Siberia 2"` works in dealdb; the canned query
    /// and the sqlite3 shell now take the name too (any ASCII case, spaces
    /// around it), and a party by alias.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func parametersTakeNames() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata, _) = try seeded(directory)
        func countries(_ project: String) throws -> [String] {
            let encoded = project.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return ids(try get(db, metadata, "/deals/transit-countries.json?_shape=array&include_flagged=&project=" + encoded),
                       "country")
        }
        let byID = try countries("pos-2")
        #expect(!byID.isEmpty)
        #expect(try countries("Power of Siberia 2") == byID)
        #expect(try countries(" power of siberia 2 ") == byID)
        #expect(try countries("Power of Siberia 9").isEmpty)

        func timeline(party: String) throws -> [String] {
            let encoded = party.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return ids(try get(db, metadata, "/deals/timeline.json?_shape=array&project=&party=" + encoded), "title")
        }
        let gazprom = try timeline(party: "gazprom")
        #expect(!gazprom.isEmpty)
        #expect(try timeline(party: "Газпром") == gazprom)
        #expect(try timeline(party: "PJSC GAZPROM ") == gazprom)

        // The query file as it is, in the sqlite3 shell.
        let file = SharedData.packageRoot + "/queries/transit-countries.sql"
        let shell = try ProcessRunner.run("/usr/bin/env", [
            "sqlite3", "-csv", db,
            ".parameter set :project \"'Power of Siberia 2'\"", ".parameter set :include_flagged 0", ".read " + file,
        ])
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(try Parsers.csv(shell.stdout).map { $0[1] } == byID, "\(shell.stdout)")
    }

    /// The search boxes of projects and parties find route countries (any of
    /// their names), owners and aliases, in any script, and follow changes.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func searchBoxesFindWhatSearchFinds() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata, _) = try seeded(directory, prepare: """
            INSERT INTO citables (id, kind) VALUES (900, 'project');
            INSERT INTO projects (id, citable_id, name, kind) VALUES ('tanap', 900, 'TANAP', 'pipeline');
            INSERT INTO project_route (project_id, position, country, role) VALUES ('tanap', 1, 'GE', 'origin'),
                ('tanap', 2, 'TR', 'transit'), ('tanap', 3, 'GR', 'destination');
            INSERT INTO parties (id, name, kind, country) VALUES ('botas', 'BOTAŞ', 'state_company', 'TR');
            INSERT INTO project_owners (project_id, position, party_id, level, source_id)
                VALUES ('tanap', 1, 'botas', 'owner', 'pos2-sco-2025-article');
            """)
        func search(_ table: String, _ words: String) throws -> [String] {
            let encoded = words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return ids(try get(db, metadata, "/deals/\(table).json?_shape=array&_search=" + encoded))
        }
        #expect(try search("projects", "Türkiye") == ["tanap"])
        #expect(try search("projects", "turkey") == ["tanap"])
        #expect(try search("projects", "botas") == ["tanap"])
        #expect(try search("projects", "mongolia") == ["pos-2"])
        #expect(try search("parties", "中国石油") == ["cnpc"])
        #expect(try search("parties", "CNPC") == ["cnpc"])
        #expect(try search("parties", "Газпром") == ["gazprom"])
        #expect(try search("parties", "petroleum") == ["cnpc"])

        let changed = try ProcessRunner.sqlite3(db, """
            INSERT INTO party_aliases (party_id, position, alias) VALUES ('botas', 1, 'Boru Hatları ile Petrol Taşıma');
            UPDATE parties SET name = 'Anatolian Conduit Authority' WHERE id = 'botas';
            DELETE FROM project_route WHERE project_id = 'tanap' AND country = 'TR';
            DELETE FROM party_aliases WHERE party_id = 'cnpc' AND alias GLOB '中*';
            """)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try search("parties", "boru") == ["botas"])
        #expect(try search("parties", "conduit") == ["botas"])
        #expect(try search("projects", "conduit") == ["tanap"])
        #expect(try search("projects", "Türkiye").isEmpty)
        #expect(try search("parties", "中国石油").isEmpty)
        // Each index holds what search_box_documents says, row for row.
        let inStep = try ProcessRunner.sqlite3(db, """
            SELECT (SELECT count(*) FROM projects) = (SELECT count(*) FROM projects_search_fts)
               AND (SELECT count(*) FROM parties) = (SELECT count(*) FROM parties_search_fts)
               AND NOT EXISTS (SELECT 1 FROM projects_search_fts AS f JOIN projects AS p ON p.rowid = f.rowid
                               JOIN search_box_documents AS d ON d.kind = 'project' AND d.ref = p.id
                               WHERE f.name IS NOT d.name OR f.body IS NOT d.body)
               AND NOT EXISTS (SELECT 1 FROM parties_search_fts AS f JOIN parties AS p ON p.rowid = f.rowid
                               JOIN search_box_documents AS d ON d.kind = 'party' AND d.ref = p.id
                               WHERE f.name IS NOT d.name OR f.body IS NOT d.body);
            """)
        #expect(inStep.stdout == "1\n", "\(inStep.stdout)\(inStep.stderr)")
    }

    /// A GEM import (a bulk load, triggers set aside) fills the boxes too.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func bulkLoadsFillTheSearchBoxes() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
        let imported = try ProcessRunner.dealdb(["import", "--db", db, "--from", "gem",
                                                 SharedData.packageRoot + "/Tests/Fixtures/gem/map-small.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let counts = try ProcessRunner.sqlite3(db, """
            SELECT (SELECT count(*) FROM projects) = (SELECT count(*) FROM projects_search_fts)
               AND (SELECT count(*) FROM parties) = (SELECT count(*) FROM parties_search_fts)
               AND (SELECT count(*) FROM projects) > 0;
            SELECT p.id FROM projects AS p JOIN project_route AS r ON r.project_id = p.id JOIN countries AS c ON c.code = r.country
            ORDER BY p.rowid LIMIT 1;
            SELECT c.name FROM project_route AS r JOIN countries AS c ON c.code = r.country
            WHERE r.project_id = (SELECT p.id FROM projects AS p JOIN project_route AS r ON r.project_id = p.id
                                  ORDER BY p.rowid LIMIT 1) ORDER BY r.position LIMIT 1;
            """)
        let lines = counts.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "1", "\(counts.stdout)\(counts.stderr)")
        let metadata = directory.file("metadata.yml")
        #expect(try ProcessRunner.dealdb(["datasette", "--db", db, "-o", metadata]).status == 0)
        let country = try #require(lines.last)
        let found = ids(try get(db, metadata, "/deals/projects.json?_shape=array&_size=max&_search="
                                + (country.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
        #expect(found.contains(lines[1]), "\(country): \(found)")
    }

    /// A project's row page links to the rows that hang on it: its route,
    /// terms (capacity), owners, events, agreements.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func projectPagesLinkTheirRows() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata, _) = try seeded(directory, prepare: """
            INSERT INTO project_owners (project_id, position, party_id, level, source_id)
                VALUES ('pos-2', 1, 'gazprom', 'owner', 'pos2-sco-2025-article');
            """)
        let page = try get(db, metadata, "/deals/projects/pos-2.json?_extras=foreign_key_tables") as? NSDictionary
        var counts: [String: Int] = [:]
        for link in page?["foreign_key_tables"] as? [NSDictionary] ?? [] {
            counts[link["other_table"] as? String ?? ""] = link["count"] as? Int
        }
        #expect(counts["project_route"] == 3, "\(counts)")
        #expect(counts["project_owners"] == 1)
        #expect((counts["terms"] ?? 0) > 0 && (counts["events"] ?? 0) > 0 && (counts["agreements"] ?? 0) > 0)
        let html = try ProcessRunner.run(Self.datasette!, [db, "-m", metadata, "--get", "/deals/projects/pos-2"])
        #expect(html.stdout.contains("/deals/project_route?project_id=pos-2"), "\(html.stdout)")
        #expect(html.stdout.contains("/deals/terms?project_id=pos-2"))
        // Its sources: the table page links citable_id to the citables row, which lists the citations.
        let number = try ProcessRunner.sqlite3(db, "SELECT citable_id FROM projects WHERE id = 'pos-2'")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let table = try ProcessRunner.run(Self.datasette!, [db, "-m", metadata, "--get", "/deals/projects?id=pos-2"])
        #expect(table.stdout.contains("<a href=\"/deals/citables/\(number)\""), "\(table.stdout)")
        let citable = try get(db, metadata, "/deals/citables/\(number).json?_extras=foreign_key_tables") as? NSDictionary
        let citations = (citable?["foreign_key_tables"] as? [NSDictionary] ?? []).first { $0["other_table"] as? String == "citations" }
        #expect((citations?["count"] as? Int ?? 0) > 0, "\(String(describing: citable))")
    }

    /// The database page lists the user-facing views and none of the
    /// internal ones (Datasette 0.65 lists views whatever `hidden` says).
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func internalViewsStayOffTheDatabasePage() throws {
        let directory = try TemporaryDirectory()
        let (db, metadata, _) = try seeded(directory)
        let page = try get(db, metadata, "/deals.json") as? NSDictionary
        let views = (page?["views"] as? [NSDictionary] ?? []).compactMap { $0["name"] as? String }
        let listed = try ProcessRunner.dealdb(["sql", "--db", db, "--format", "csv",
                                                 "SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name"])
        let all = try Parsers.csvRecords(listed.stdout).compactMap { $0["name"] }
        #expect(all.contains("search_documents") && all.contains("party_names") && all.contains("project_names"))
        for name in ["search_documents", "search_refresh", "party_names", "project_names", "date_precisions",
                     "search_box_documents", "entity_candidates"] {
            #expect(!views.contains(name), "\(name) is listed: \(views)")
        }
        for name in ["project_overview", "agreement_overview", "term_overview", "entity_overview"] {
            #expect(views.contains(name), "\(name) is missing: \(views)")
        }
        // Still read by the canned queries and by SQL.
        let sql = try get(db, metadata, "/deals.json?_shape=array&sql="
                          + ("SELECT party_id FROM party_names WHERE name = 'CNPC'".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        #expect(ids(sql, "party_id") == ["cnpc"])
    }

    /// The help and TEAMS.md serve the file once (`serve deals.db
    /// --immutable deals.db` served it twice); each `datasette` command they
    /// show runs with the metadata that `dealdb datasette` wrote.
    @Test(.enabled(if: datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func documentedCommandsServeTheFileOnce() throws {
        let help = try ProcessRunner.dealdb(["datasette", "--help"]).stdout
        let teams = try String(contentsOfFile: SharedData.packageRoot + "/docs/TEAMS.md", encoding: .utf8)
        let page = try String(contentsOfFile: SharedData.packageRoot + "/docs/DATASETTE.md", encoding: .utf8)
        var commands: [String] = []
        for text in [help, teams, page] {
            commands += text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { ($0.hasPrefix("datasette serve") || $0.hasPrefix("datasette deals.db")) && $0.contains("deals.db") }
        }
        #expect(commands.count >= 3, "\(commands)")
        let directory = try TemporaryDirectory()
        let (db, _, _) = try seeded(directory)
        #expect(try ProcessRunner.dealdb(["datasette", "--db", db, "-o", directory.file("metadata.yml")]).status == 0)
        for command in commands {
            #expect(command.components(separatedBy: "deals.db").count == 2, "serves the file twice: \(command)")
            let result = try ProcessRunner.run("/bin/sh", ["-c", command + " --get /deals.json"], environment: [
                "PATH": DatasetteTests.venv + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? ""),
            ], currentDirectory: directory.path)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect((try? Parsers.json(result.stdout) as? NSDictionary)?["database"] as? String == "deals", "\(command)")
        }
    }
}
