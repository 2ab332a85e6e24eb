import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// Each rule of the schema has one home (issue "One home for every rule"):
/// the live schema's triggers and views are held to a reviewed copy, so a
/// migration that re-creates an old version of one fails here; and the
/// rules that were once copied into queries and code cannot come back.
@Suite struct OneHomeTests {
    static let packageRoot = SharedData.packageRoot
    static let expectedPath = packageRoot + "/Tests/Fixtures/schema/triggers-and-views.sql"

    /// Every trigger and view of a freshly migrated database, as SQLite keeps its text.
    static func liveTriggersAndViews() throws -> String {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        let rows = try database.fetchAll(sql: """
            SELECT type, name, sql FROM sqlite_schema WHERE type IN ('trigger', 'view') ORDER BY type, name
            """)
        return rows.map { row in
            "-- \(row.string(0) ?? "") \(row.string(1) ?? "")\n\(row.string(2) ?? "");\n"
        }.joined(separator: "\n")
    }

    @Test func theSchemasTriggersAndViewsAreTheReviewedOnes() throws {
        let live = try Self.liveTriggersAndViews()
        let expected = (try? String(contentsOfFile: Self.expectedPath, encoding: .utf8)) ?? ""
        #expect(live.components(separatedBy: "\n-- trigger ").count > 40, "too few triggers to mean anything")
        #expect(live.components(separatedBy: "\n-- view ").count > 20, "too few views to mean anything")
        if live != expected {
            let written = FileManager.default.temporaryDirectory.path + "/triggers-and-views.sql"
            try live.write(toFile: written, atomically: true, encoding: .utf8)
            let liveBlocks = Set(live.components(separatedBy: "\n\n")), expectedBlocks = Set(expected.components(separatedBy: "\n\n"))
            let changed = liveBlocks.symmetricDifference(expectedBlocks)
                .compactMap { $0.split(separator: "\n").first.map(String.init) }.sorted()
            Issue.record("""
                the migrations make other triggers or views than Tests/Fixtures/schema/triggers-and-views.sql: \
                \(Set(changed).sorted().joined(separator: ", ")). A migration may have re-created an old copy \
                of a rule. If the change is meant, review \(written) and copy it there.
                """)
        }
    }

    /// Where each once-copied rule may still be spelled out: its home, and
    /// the migrations that wrote it before it had one (history is not rewritten).
    static let homes: [(rule: String, pattern: String, allowed: Set<String>)] = [
        ("the precision-aware date comparison (view date_precisions)", "min(length(",
         // (0020 rebuilds terms with the CHECKs of 0008: a table's CHECK is
         // part of the table, which a view cannot hold.)
         ["migrations/0001_schema.sql", "migrations/0008_certainty.sql", "migrations/0020_plants_and_releases.sql"]),
        ("the ranking of a project's capacity terms (view capacity_terms)", "unit = 'bcm/y' DESC",
         ["migrations/0014_project_capacity.sql", "migrations/0017_project_start.sql"]),
        ("the fill of the whole search index (view search_rebuild)", "FROM search_documents AS d JOIN search_index_keys",
         ["migrations/0003_search.sql", "migrations/0007_search_cjk_stems_routes.sql",
          "migrations/0018_one_home.sql"]),
        ("the data-quality flag of a term (views flagged_terms and capacity_terms)", "t.value > l.max_value",
         // (0022 re-creates capacity_terms, its home, for DuckDB.)
         ["migrations/0008_certainty.sql", "migrations/0015_entities.sql", "migrations/0018_one_home.sql",
          "migrations/0022_duckdb_views.sql"]),
    ]

    @Test func onceCopiedRulesLiveInTheirHomeOnly() throws {
        var scanned = 0
        var copies: [String] = []
        for folder in ["queries", "migrations", "Sources"] {
            let enumerator = FileManager.default.enumerator(atPath: Self.packageRoot + "/" + folder)
            while let relative = enumerator?.nextObject() as? String {
                let path = folder + "/" + relative
                guard path.hasSuffix(".sql") || path.hasSuffix(".swift"),
                      !path.hasPrefix("Sources/DealCore/migrations"), !path.hasPrefix("Sources/DealCore/queries")
                else { continue }
                let text = try String(contentsOfFile: Self.packageRoot + "/" + path, encoding: .utf8)
                scanned += 1
                for home in Self.homes where text.contains(home.pattern) && !home.allowed.contains(path) {
                    copies.append("\(path) spells out \(home.rule)")
                }
            }
        }
        #expect(scanned > 150, "the scan read too few files to mean anything")
        #expect(copies.isEmpty, "\(copies.joined(separator: "\n"))")
    }

    @Test func datesCompareByTheDaysTheyCover() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        func holds(_ earlier: String, _ later: String) throws -> Bool {
            try database.scalar(sql: "SELECT \(DateSpanSQL.firstDay(of: "?")) <= \(DateSpanSQL.lastDay(of: "?"))",
                                arguments: [.text(earlier), .text(earlier), .text(later), .text(later)]).int64 == 1
        }
        // A coarse date is neither before nor after the finer dates within it.
        #expect(try holds("2025", "2025-06-15") && holds("2025-06-15", "2025"))
        #expect(try holds("2025-09", "2025-09-02") && holds("2025-09-02", "2025-09"))
        #expect(try !holds("2025-10", "2025-09-30") && !holds("2026", "2025-12"))
        #expect(try holds("2024-02-29", "2024-02") && !holds("2024-03-01", "2024-02"))
    }
}
