import Foundation
import Testing
import TestSupport

/// The schema changed behind dealdb's back, by the tools analysts use:
/// `doctor` names what differs from the migrations, `doctor --repair` puts
/// it back and refills the search indexes, and then `doctor` passes.
@Suite struct DoctorRepairTests {
    static let sqliteUtils = SharedData.packageRoot + "/.build/venv/bin/sqlite-utils"

    /// `sqlite-utils transform parties` rebuilds the table without its six
    /// triggers: a party imported afterwards is missing from `dealdb search`
    /// until the repair.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sqliteUtils),
                   "skipping: sqlite-utils is not installed in .build/venv (make test installs it)"))
    func putsBackWhatSqliteUtilsTransformDropped() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let transformed = try ProcessRunner.run(Self.sqliteUtils, ["transform", path, "parties"])
        #expect(transformed.status == 0, "\(transformed.stderr)")
        let document = directory.file("new-party.yaml")
        try """
            parties:
              - id: zephyr-gas
                name: Zephyr Gas Holdings
                kind: company

            """.write(toFile: document, atomically: true, encoding: .utf8)
        #expect(try ProcessRunner.dealdb(["import", "--db", path, document]).status == 0)
        #expect(try searchIDs(path, "Zephyr").isEmpty, "the transform dropped the search triggers")

        let found = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(found.status == 1)
        let dropped = ["search_parties_insert", "search_parties_update", "search_parties_delete",
                       "search_parties_fts_insert", "search_parties_fts_delete", "search_parties_fts_update"]
        for trigger in dropped {
            #expect(found.stdout.contains("schema: trigger \(trigger): missing (made by dealdb's migrations on parties); "
                                          + "re-create it with: dealdb doctor --repair"), "\(found.stdout)")
        }
        #expect(found.stdout.contains("integrity: search_index: holds "), "\(found.stdout)")

        let repaired = try ProcessRunner.dealdb(["doctor", "--repair", "--db", path])
        #expect(repaired.status == 0, "\(repaired.stdout)\(repaired.stderr)")
        for trigger in dropped {
            #expect(repaired.stderr.contains("repaired: made trigger \(trigger) again (it was missing)"), "\(repaired.stderr)")
        }
        #expect(repaired.stderr.contains("repaired: filled the search indexes anew"))
        #expect(try searchIDs(path, "Zephyr") == ["zephyr-gas"])
        // Datasette's and sqlite-utils' search box on parties finds it too.
        let box = try ProcessRunner.run(Self.sqliteUtils, ["search", path, "parties", "Zephyr", "--csv"])
        #expect(try Parsers.csvRecords(box.stdout).compactMap { $0["id"] } == ["zephyr-gas"], "\(box.stdout)\(box.stderr)")
        let again = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again.stdout)")
    }

    /// A trigger another tool installed runs on every import; doctor names
    /// it, the repair drops it and prints its SQL, and the next import keeps
    /// the agreements.
    @Test func dropsAForeignTriggerAndSaysWhatItWas() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let trigger = "CREATE TRIGGER wipe AFTER INSERT ON sources BEGIN DELETE FROM agreements; END"
        #expect(try ProcessRunner.sqlite3(path, trigger + ";").status == 0)
        let found = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(found.status == 1)
        #expect(found.stdout == "schema: trigger wipe: not made by dealdb's migrations: it runs on every write to sources; "
            + "if you did not add it, drop it with: dealdb doctor --repair\n", "\(found.stdout)")
        let before = try ProcessRunner.sqlite3(path, "SELECT count(*) FROM agreements").stdout

        let repaired = try ProcessRunner.dealdb(["doctor", "--repair", "--db", path])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stderr.contains("repaired: dropped trigger wipe on sources, which dealdb's migrations never made; "
                                         + "it was: \(trigger)"), "\(repaired.stderr)")
        let document = directory.file("source.yaml")
        try """
            sources:
              - id: a-new-source
                title: A new source
                publisher: Someone

            """.write(toFile: document, atomically: true, encoding: .utf8)
        let imported = try ProcessRunner.dealdb(["import", "--db", path, document])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try ProcessRunner.sqlite3(path, "SELECT count(*) FROM agreements").stdout == before)
    }

    /// A view rewritten and a search entry deleted by hand: both found, both
    /// put back, and the view answers as the migrations made it.
    @Test func remakesAChangedViewAndRefillsDeletedSearchRows() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let original = try ProcessRunner.sqlite3(path, "SELECT count(*) FROM project_overview").stdout
        let tampered = try ProcessRunner.sqlite3(path, """
            DROP VIEW project_overview;
            CREATE VIEW project_overview AS SELECT id FROM projects WHERE 0;
            DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_index WHERE ref = 'gazprom');
            """)
        #expect(tampered.status == 0, "\(tampered.stderr)")
        #expect(try searchIDs(path, "Gazprom").contains("gazprom") == false)
        let found = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(found.status == 1)
        #expect(found.stdout.contains("schema: view project_overview: differs from what dealdb's migrations made; "
                                      + "re-create it with: dealdb doctor --repair"), "\(found.stdout)")
        #expect(found.stdout.contains("integrity: search_index: holds "), "\(found.stdout)")

        let repaired = try ProcessRunner.dealdb(["doctor", "--repair", "--db", path])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stderr.contains("repaired: made view project_overview again as the migrations make it"))
        #expect(try ProcessRunner.sqlite3(path, "SELECT count(*) FROM project_overview").stdout == original)
        #expect(try searchIDs(path, "Gazprom").contains("gazprom"))
        let nothing = try ProcessRunner.dealdb(["doctor", "--repair", "--db", path])
        #expect(nothing.stderr.contains("the schema is as the migrations make it; nothing to repair"), "\(nothing.stderr)")
    }

    /// A table's columns are not the repair's to change: named, left alone,
    /// and the exit stays 1.
    @Test func namesAChangedTableItCannotRepair() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        #expect(try ProcessRunner.sqlite3(path, "ALTER TABLE parties ADD COLUMN shoe_size INTEGER").status == 0)
        let before = try Reliability.dump(path)
        let found = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(found.status == 1)
        #expect(found.stdout == "schema: table parties: has column the migrations never made: shoe_size; "
            + "rebuilt or altered by another tool: restore a backup, or put the columns back as they were\n", "\(found.stdout)")
        #expect(try Reliability.dump(path) == before, "doctor must not change the database")
        let repaired = try ProcessRunner.dealdb(["doctor", "--repair", "--db", path])
        #expect(repaired.status == 1)
        #expect(repaired.stdout.contains("schema: table parties: has column"), "\(repaired.stdout)")
    }

    private func searchIDs(_ path: String, _ words: String) throws -> [String] {
        let result = try ProcessRunner.dealdb(["search", "--db", path, "--format", "csv", words])
        return try Parsers.csvRecords(result.stdout).compactMap { $0["id"] }
    }
}
