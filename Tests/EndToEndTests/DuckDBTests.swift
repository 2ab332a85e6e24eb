import Foundation
import Testing
import TestSupport

/// DuckDB reads a dealdb database as analysts attach it (issue 25):
/// ATTACH 'deals.db' (TYPE sqlite) gives every table and view with SQLite's
/// column names and rows, SHOW TABLES and information_schema work, and
/// terms' generated bcm_per_year, which DuckDB's scanner does not list, is
/// read through view term_rows. DuckDB and its SQLite extension come from
/// the tests' venv (`make test-deps`); Tests/Fixtures/duckdb/read_with_duckdb.py
/// does the reading.
@Suite struct DuckDBTests {
    static let script = SharedData.packageRoot + "/Tests/Fixtures/duckdb/read_with_duckdb.py"
    static let installed: Bool = {
        (try? ProcessRunner.python("import duckdb, duckdb_extension_sqlite_scanner").status) == 0
    }()

    /// What the script says of `db`, its problems checked here.
    private func readWithDuckDB(_ db: String) throws -> NSDictionary {
        let result = try ProcessRunner.run("/usr/bin/env", [ProcessRunner.python3, Self.script, db])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try Parsers.json(result.stdout) as? NSDictionary, "\(result.stdout)")
        let problems = report["problems"] as? [String] ?? ["no problems list"]
        #expect(problems.isEmpty, "DuckDB \(report["duckdb"] ?? "?"):\n\(problems.joined(separator: "\n"))")
        #expect(report["generated"] as? NSDictionary == ["terms": ["term_rows"]])
        return report
    }

    private func rows(_ report: NSDictionary, _ name: String) -> Int {
        (report["rows"] as? NSDictionary)?[name] as? Int ?? -1
    }

    @Test(.enabled(if: installed, "skipping: duckdb is not installed in .build/venv (make test-deps installs it)"))
    func readsEverySeededTableAndView() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        let document = SharedData.packageRoot + "/Tests/Fixtures/documents/valid.yaml"
        let imported = try ProcessRunner.dealdb(["import", "--db", db, document])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try readWithDuckDB(db)
        #expect((report["tables"] as? Int ?? 0) > 40 && (report["views"] as? Int ?? 0) > 25)
        #expect(report["show_tables"] as? Int == (report["tables"] as? Int ?? 0) + (report["views"] as? Int ?? 0))
        // Rows to read in the views that were unreadable or nameless before 0022.
        for view in ["agreement_overview", "term_overview", "project_overview", "search_documents", "term_spans",
                     "agreement_spans", "capacity_terms", "term_rows"] {
            #expect(rows(report, view) > 0, "\(view) is empty: the check reads nothing there")
        }
    }

    /// GEM's pipelines and AidData's loans fill the entity, finance and
    /// quality views too.
    @Test(.enabled(if: installed && SharedData.root != nil,
                   "skipping: duckdb is not installed in .build/venv, or ../shared is not found"))
    func readsGEMAndAidData() throws {
        let shared = try #require(SharedData.root) + "/test-data"
        let database = try QueryDatabase.withGEMMap(.seed).database
        let db = database.path
        for (source, file) in [("aiddata", "/aiddata/gcdf3-malaysia-sample.csv"), ("gem", "/gem/gogpt-map-2024-08-29.csv")] {
            let result = try ProcessRunner.dealdb(["import", "--db", db, "--from", source, shared + file])
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
        let report = try readWithDuckDB(db)
        for view in ["entity_overview", "project_entities", "project_destinations", "project_finance",
                     "flagged_terms", "project_starts"] {
            #expect(rows(report, view) > 0, "\(view) is empty: the check reads nothing there")
        }
    }
}
