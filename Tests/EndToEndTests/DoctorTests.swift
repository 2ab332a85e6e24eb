import Foundation
import Testing
import TestSupport

@Suite struct DoctorTests {
    @Test func theSeedIsClean() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let before = try Reliability.dump(path)
        let result = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no problems found"))
        #expect(try Reliability.dump(path) == before)
    }

    @Test func findsPlantedProblemsByID() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        // Each line breaks one rule, written the way another tool could:
        // with foreign keys and CHECKs switched off.
        let planted = try ProcessRunner.sqlite3(path, """
            PRAGMA foreign_keys = OFF;
            PRAGMA ignore_check_constraints = ON;
            INSERT INTO citables (id, kind) VALUES (90001, 'term');
            INSERT INTO citations (citable_id, position, source_id) VALUES (90002, 1, 'pos2-sco-2025-article');
            INSERT INTO party_aliases (party_id, position, alias) VALUES ('ghost-party', 1, 'Ghost');
            UPDATE terms SET valid_from = '2030', valid_to = '2021-05'
                WHERE id = (SELECT min(id) FROM terms WHERE agreement_id = 'pos2-gazprom-cnpc-2025');
            UPDATE events SET date = '2013' WHERE id = 'pos1-first-gas-2019';
            UPDATE events SET date = 'soon' WHERE id = 'sco-founded-2001';
            DELETE FROM citations WHERE citable_id = (SELECT citable_id FROM events WHERE id = 'pos2-tender-2023');
            """)
        #expect(planted.status == 0, "\(planted.stderr)")
        let before = try Reliability.dump(path)
        let result = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let position = try #require(try ProcessRunner.sqlite3(path,
            "SELECT position FROM terms WHERE id = (SELECT min(id) FROM terms WHERE agreement_id = 'pos2-gazprom-cnpc-2025')")
            .stdout.split(separator: "\n").first)
        let expected = [
            "foreign-key: citations rowid",
            "foreign-key: party_aliases rowid",
            "party_id \"ghost-party\" points to no row of parties",
            "orphan: citable 90001: registered for a term but no term points to it",
            "orphan: citation 90002#1: cites pos2-sco-2025-article for citable 90002, which does not exist",
            "dates: term pos2-gazprom-cnpc-2025#\(position): valid_to 2021-05 is before valid_from 2030",
            "dates: event pos1-first-gas-2019: dated 2013, before its agreement pos1-supply-2014 was signed (2014-05-21)",
            "dates: event sco-founded-2001: date \"soon\" is not a date",
            "unsourced: event pos2-tender-2023: no source cited",
        ]
        for text in expected {
            #expect(lines.contains { $0.contains(text) }, "missing \(text) in:\n\(result.stdout)")
        }
        let summary = result.stderr.split(separator: "\n")
        #expect(summary.count == 1 && summary[0].hasSuffix("\(lines.count) problems found"), "\(result.stderr)")
        #expect(try Reliability.dump(path) == before, "doctor must not change the database")
    }

    /// A table renumbered under its search index (as a VACUUM may do) is
    /// named with the statement that rebuilds the index, and then passes.
    @Test func findsASearchIndexOutOfStep() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        #expect(try ProcessRunner.dealdb(["doctor", "--db", path]).status == 0)
        let moved = try ProcessRunner.sqlite3(path, "UPDATE agreements SET rowid = rowid + 1000 WHERE id = 'pos1-supply-2014'")
        #expect(moved.status == 0, "\(moved.stderr)")
        let result = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(result.status == 1)
        #expect(result.stdout == "integrity: agreements_fts: 2 rows of the search index and of agreements do not match "
            + "(renumbered by a VACUUM?); rebuild it with the sqlite3 shell: "
            + "INSERT INTO agreements_fts (agreements_fts) VALUES ('rebuild')\n", "\(result.stdout)")
        #expect(try ProcessRunner.sqlite3(path, "INSERT INTO agreements_fts (agreements_fts) VALUES ('rebuild')").status == 0)
        #expect(try ProcessRunner.dealdb(["doctor", "--db", path]).status == 0)
    }

    @Test func reportsPendingAndForeignMigrations() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        _ = try ProcessRunner.sqlite3(path, "DELETE FROM schema_migrations WHERE version = 3")
        let pending = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(pending.status == 1)
        #expect(pending.stdout.contains("migration: 0003_search: pending; run: dealdb migrate"), "\(pending.stdout)")

        _ = try ProcessRunner.sqlite3(path, "INSERT INTO schema_migrations VALUES (3, 'search', 'x', 'now'), (99, 'future', 'y', 'now')")
        let foreign = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(foreign.status == 1)
        #expect(foreign.stdout.hasPrefix("migration: schema_migrations: "), "\(foreign.stdout)")
    }

    /// Characters documents refuse, written by another tool: named, since
    /// an export of them would not import again.
    @Test func findsCharactersDocumentsRefuse() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        #expect(try ProcessRunner.sqlite3(path, """
            UPDATE parties SET name = 'Gaz' || char(8232) || 'prom' WHERE id = 'gazprom';
            UPDATE events SET title = 'x' || char(0) || 'y' WHERE id = 'sco-founded-2001';
            """).status == 0)
        let result = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("text: parties gazprom: name holds U+2028 (LINE SEPARATOR), which documents refuse"),
                "\(result.stdout)")
        #expect(result.stdout.contains("text: events sco-founded-2001: title holds a NUL character (U+0000)"), "\(result.stdout)")
    }

    @Test func findsACorruptPage() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        // Overwrite the middle of the file (not the header) with garbage.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 8192))
        try handle.close()
        let result = try ProcessRunner.dealdb(["doctor", "--db", path])
        #expect(result.status != 0)
        #expect(result.stdout.contains("integrity: database:") || result.stderr.split(separator: "\n").count == 1,
                "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func refusesWhatIsNotADatabase() throws {
        let directory = try TemporaryDirectory()
        let junk = directory.file("junk.db")
        try Data("not a database at all\n".utf8 + [UInt8](repeating: 1, count: 4000)).write(to: URL(fileURLWithPath: junk))
        let result = try ProcessRunner.dealdb(["doctor", "--db", junk])
        #expect(result.status == 66)
        #expect(result.stderr == "dealdb: \(junk): not a SQLite database\n")
        let missing = try ProcessRunner.dealdb(["doctor", "--db", directory.file("none.db")])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: directory.file("none.db")))
    }
}
