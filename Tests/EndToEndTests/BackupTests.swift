import Foundation
import Testing
import TestSupport

@Suite struct BackupTests {
    @Test func copiesTheDatabaseAndTheCopyPassesDoctor() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let copy = directory.file("copy.db")
        let result = try ProcessRunner.dealdb(["backup", "--db", path, copy])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Reliability.dump(copy) == Reliability.dump(path))
        let doctor = try ProcessRunner.dealdb(["doctor", "--db", copy])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A copy made to share, put in a read-only folder, opens for every
    /// reader: the sqlite3 shell, Python, dealdb, as another user too. A
    /// copy left in WAL mode needs its -shm made beside it, which no reader
    /// can do there.
    @Test func aCopyInAReadOnlyFolderOpensForEveryone() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let shared = directory.file("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        let copy = shared + "/deals.db"
        #expect(try ProcessRunner.dealdb(["backup", "--db", path, copy]).status == 0)
        // The file format bytes of the header: 1 and 1 is rollback journal, 2 and 2 WAL.
        let header = try Data(contentsOf: URL(fileURLWithPath: copy)).prefix(20)
        #expect(Array(header.suffix(2)) == [1, 1], "the copy is in WAL mode")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: shared)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shared) }
        // As root every folder is writable: read as nobody, as a colleague would.
        let asAnotherUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        func read(_ command: [String]) throws -> ProcessResult {
            let all = asAnotherUser + command
            return try ProcessRunner.run(all[0], Array(all.dropFirst()))
        }
        let shell = try read(["/usr/bin/sqlite3", copy, "SELECT count(*) FROM agreements"])
        #expect(shell.status == 0 && shell.stdout == "9\n", "\(shell.stdout)\(shell.stderr)")
        let python = try read(["/usr/bin/python3", "-c",
                               "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM parties').fetchone()[0])",
                               copy])
        #expect(python.status == 0 && Int(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0,
                "\(python.stdout)\(python.stderr)")
        let listed = try ProcessRunner.dealdb(["list", "--db", copy, "--format", "csv"])
        #expect(listed.status == 0 && listed.stdout.contains("pos2-gazprom-cnpc-2025"), "\(listed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared) == ["deals.db"])
    }

    /// A SQLite file another program made, with no tables: a read command
    /// leaves it as it is (it used to receive the whole schema), a backup
    /// of it is refused (it reported success), an import makes it a dealdb
    /// database and says so.
    @Test func anEmptySQLiteFileIsNoDatabaseToReadOrBackUp() throws {
        let directory = try TemporaryDirectory()
        let blank = directory.file("blank.db")
        #expect(try ProcessRunner.sqlite3(blank, "PRAGMA user_version = 0; CREATE TABLE t (a); DROP TABLE t;").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: blank))
        let listed = try ProcessRunner.dealdb(["list", "--db", blank])
        #expect(listed.status == 66)
        #expect(listed.stderr == "dealdb: \(blank): is an empty SQLite database (no tables), not a dealdb database; "
            + "make it one with: dealdb migrate --db \(blank)\n", "\(listed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: blank)) == before)
        let backup = try ProcessRunner.dealdb(["backup", "--db", blank, directory.file("copy.db")])
        #expect(backup.status == 66)
        #expect(backup.stderr.contains("nothing to back up"), "\(backup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("copy.db")))
        let empty = directory.file("empty.db")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        #expect(try ProcessRunner.dealdb(["backup", "--db", empty, directory.file("copy.db")]).status == 66)

        let migrated = try ProcessRunner.dealdb(["migrate", "--db", blank])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stderr.contains("\(blank) was an empty SQLite database: created the dealdb schema in it"))
        #expect(try ProcessRunner.dealdb(["list", "--db", blank]).status == 0)
    }

    /// README's restore: `backup --db backup.db deals.db --force` puts the
    /// copy back and removes the -wal and -shm a crash left beside the old
    /// file, which `cp` would leave to be replayed into the copy.
    @Test func aRestoreRemovesStaleWALFiles() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let copy = directory.file("backup.db")
        #expect(try ProcessRunner.dealdb(["backup", "--db", path, copy]).status == 0)
        #expect(try ProcessRunner.sqlite3(path, "DELETE FROM events").status == 0)
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path + "-wal"))
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path + "-shm"))
        let restored = try ProcessRunner.dealdb(["backup", "--db", copy, path, "--force"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(try Reliability.dump(path) == Reliability.dump(copy))
        #expect(try ProcessRunner.dealdb(["doctor", "--db", path]).status == 0)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        let copy = directory.file("copy.db")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: copy))
        let refused = try ProcessRunner.dealdb(["backup", "--db", path, copy])
        #expect(refused.status == 1)
        #expect(refused.stderr == "dealdb: \(copy): already exists; use --force to replace it\n")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == "precious")

        let forced = try ProcessRunner.dealdb(["backup", "--db", path, copy, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Reliability.dump(copy) == Reliability.dump(path))

        let itself = try ProcessRunner.dealdb(["backup", "--db", path, path, "--force"])
        #expect(itself.status == 1)
        #expect(itself.stderr.contains("is the database being backed up"))
        let intoDirectory = try ProcessRunner.dealdb(["backup", "--db", path, directory.path, "--force"])
        #expect(intoDirectory.status == 1)
        #expect(intoDirectory.stderr.contains("is a directory"))
        let noDirectory = try ProcessRunner.dealdb(["backup", "--db", path, directory.file("no/such/copy.db")])
        #expect(noDirectory.status == 1)
        #expect(noDirectory.stderr.contains("no directory"))
    }

    @Test func backupWhileAnotherProcessWrites() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        // A second process keeps importing new records while the backup
        // runs; the copy must hold some consistent prefix of those imports.
        let writerDocuments = try (0..<12).map { batch in
            try Reliability.writeDocument(in: directory, name: "batch-\(batch).json", prefix: "w\(batch)", count: 40)
        }
        let writer = try Reliability.start(["sh", "-c", writerDocuments.map {
            "\(ProcessRunner.dealdbPath) import --db \(path) \($0) >/dev/null || exit 1"
        }.joined(separator: "; ")])
        var copies: [String] = []
        for round in 0..<4 {
            let copy = directory.file("copy-\(round).db")
            let result = try ProcessRunner.dealdb(["backup", "--db", path, copy])
            #expect(result.status == 0, "\(result.stderr)")
            copies.append(copy)
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        for copy in copies {
            let doctor = try ProcessRunner.dealdb(["doctor", "--db", copy])
            #expect(doctor.status == 0, "\(copy): \(doctor.stdout)\(doctor.stderr)")
            // Whole imports only: each batch is there with all its 40 sources or not at all.
            let counts = try ProcessRunner.sqlite3(copy,
                "SELECT count(*) FROM sources WHERE id LIKE 'w%-source-%' GROUP BY substr(id, 1, instr(id, '-') - 1)")
            for line in counts.stdout.split(separator: "\n") { #expect(line == "40") }
        }
    }

    @Test func theSourceMayBeBusyOrMissing() throws {
        let directory = try TemporaryDirectory()
        let missing = try ProcessRunner.dealdb(["backup", "--db", directory.file("none.db"), directory.file("copy.db")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such database"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("copy.db")))
        #expect(!FileManager.default.fileExists(atPath: directory.file("none.db")))
    }
}
