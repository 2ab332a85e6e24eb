import Foundation
import Testing
import TestSupport

/// `dealdb check`: documents validated as `import` would, with no database
/// file, for a team's CI and pre-commit hooks.
@Suite struct CheckTests {
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/documents"
    static let invalid = fixtures + "/invalid"

    /// The files in `directory` and below, so a test can see that nothing was created.
    private func listing(_ directory: String) throws -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).sorted()
    }

    /// Runs check in an empty working folder with an empty data home, and
    /// expects neither to gain a file.
    private func checking(_ arguments: [String], stdin: Data? = nil) throws -> ProcessResult {
        let work = try TemporaryDirectory()
        let home = try TemporaryDirectory()
        let result = try ProcessRunner.dealdb(["check"] + arguments, stdin: stdin,
                                              environment: ["XDG_DATA_HOME": home.path], currentDirectory: work.path)
        #expect(try listing(work.path).isEmpty, "check created files in its working folder")
        #expect(try listing(home.path).isEmpty, "check created a default database")
        return result
    }

    @Test func validDocumentsPassWithWhatTheyHold() throws {
        for name in ["valid.yaml", "valid.json"] {
            let result = try checking([Self.fixtures + "/" + name])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == Self.fixtures + "/" + name + ": ok")
            #expect(lines.contains { $0.hasPrefix("agreements: 2 created") }, "\(result.stdout)")
            #expect(result.stderr.isEmpty)
        }
    }

    /// Every invalid fixture gives exactly the problems `import` lists.
    @Test func invalidDocumentsGiveImportsErrors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.invalid)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("duplicate-across") && $0 != "unknown-references.yaml" }
        #expect(names.count >= 10)
        for name in names {
            let directory = try TemporaryDirectory()
            let db = directory.file("deals.db")
            #expect(try ProcessRunner.dealdb(["init", "--db", db]).status == 0)
            let imported = try ProcessRunner.dealdb(["import", "--db", db, name], currentDirectory: Self.invalid)
            let checked = try ProcessRunner.dealdb(["check", name], currentDirectory: Self.invalid)
            #expect(checked.status == 65, "\(name): \(checked.stderr)")
            #expect(imported.status == 65, "\(name): \(imported.stderr)")
            let problems = { (text: String) in text.split(separator: "\n").dropFirst().map(String.init) }
            #expect(!problems(checked.stderr).isEmpty, "\(name)")
            #expect(problems(checked.stderr) == problems(imported.stderr), "\(name)")
            #expect(checked.stderr.hasPrefix("dealdb: ") && checked.stderr.contains("; the documents do not check\n"))
            #expect(checked.stdout.isEmpty)
        }
    }

    /// Duplicates across files and references between files are found.
    @Test func problemsAcrossFiles() throws {
        let result = try ProcessRunner.dealdb(["check", "duplicate-across-1.yaml", "duplicate-across-2.yaml"],
                                              currentDirectory: Self.invalid)
        #expect(result.status == 65)
        #expect(result.stderr.contains("duplicate-across-2.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("(first at duplicate-across-1.yaml:"), "\(result.stderr)")
    }

    /// References to records of a database resolve with --against, which
    /// leaves that database byte for byte as it was.
    @Test func againstADatabase() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        let document = directory.file("memo.yaml")
        try """
            agreements:
              - id: new-memo
                title: A new memorandum
                kind: memorandum
                project: pos-2
                parties:
                  - {party: gazprom, role: seller}
                  - {party: cnpc, role: buyer}

            """.write(toFile: document, atomically: true, encoding: .utf8)
        let alone = try checking([document])
        #expect(alone.status == 65)
        #expect(alone.stderr.contains("unknown party \"gazprom\""), "\(alone.stderr)")
        #expect(alone.stderr.contains("unknown project \"pos-2\""), "\(alone.stderr)")

        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let files = try listing(directory.path)
        let against = try ProcessRunner.dealdb(["check", "--against", db, document])
        #expect(against.status == 0, "\(against.stderr)")
        #expect(against.stdout.contains("agreements: 1 created, 0 updated, 0 unchanged"), "\(against.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        // No file appears, not even SQLite's -wal and -shm of the read.
        #expect(try listing(directory.path) == files)
        #expect(try ProcessRunner.sqlite3(db, "SELECT count(*) FROM agreements WHERE id = 'new-memo'").stdout == "0\n")
    }

    @Test func unreadableAndMissingInput() throws {
        let missing = try checking(["/nonexistent/deals.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "dealdb: /nonexistent/deals.yaml: no such file\n")
        let noDatabase = try checking(["--against", "/nonexistent/deals.db", Self.fixtures + "/valid.yaml"])
        #expect(noDatabase.status == 66, "\(noDatabase.stderr)")
        let noFiles = try checking([])
        #expect(noFiles.status == 64)
        // Any SQLite file is not a dealdb database: refused as open refuses it,
        // never migrated in the copy over its own tables.
        let directory = try TemporaryDirectory()
        let other = directory.file("other.db")
        #expect(try ProcessRunner.sqlite3(other, "CREATE TABLE x (a)").status == 0)
        let foreign = try checking(["--against", other, Self.fixtures + "/valid.yaml"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.hasPrefix("dealdb: \(other): has tables but no record of its migrations"), "\(foreign.stderr)")
    }

    @Test func standardInput() throws {
        let text = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/valid.yaml"))
        let result = try checking(["-"], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<stdin>: ok\n"))
    }
}
