import Foundation
import Testing
import TestSupport

/// Every kind of bad input a user can hand dealdb: each gets a short, clear
/// error and a non-zero exit (or, for a BOM, CRLF and plain aliases, is
/// accepted), never a crash or a hang, and the database is left as it was.
@Suite struct HostileTests {
    static let corpus = SharedData.packageRoot + "/Tests/Fixtures/hostile/"

    struct Rejected: CustomTestStringConvertible, Sendable {
        let file: String
        let status: Int32
        /// stderr, line by line; `P` stands for the file's path.
        let lines: [String]
        var testDescription: String { file }
    }

    static let rejected: [Rejected] = [
        Rejected(file: "empty.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:1:1: the document is empty; expected a mapping with any of sources, parties, projects, agreements, events, finance_links",
        ]),
        Rejected(file: "comments-only.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:1:1: the document is empty; expected a mapping with any of sources, parties, projects, agreements, events, finance_links",
        ]),
        Rejected(file: "garbage.bin", status: 65, lines: ["dealdb: P: not valid UTF-8 text (first bad byte at offset 0)"]),
        Rejected(file: "invalid-utf8.yaml", status: 65, lines: ["dealdb: P: not valid UTF-8 text (first bad byte at offset 46)"]),
        Rejected(file: "utf16.yaml", status: 65, lines: ["dealdb: P: is UTF-16 text; save it as UTF-8"]),
        Rejected(file: "nul-byte.yaml", status: 65, lines: ["dealdb: P: contains a NUL byte at offset 46; expected text"]),
        Rejected(file: "not-a-database.db", status: 65, lines: ["dealdb: P: contains a NUL byte at offset 15; expected text"]),
        Rejected(file: "deep-block.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:65:65: nested more than 64 levels deep; a deal document needs at most 8",
        ]),
        Rejected(file: "deep-flow.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:1:1: nested more than 64 levels deep; a deal document needs at most 8",
        ]),
        Rejected(file: "deep-flow-shallow.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:1:73: nested more than 64 levels deep; a deal document needs at most 8",
        ]),
        Rejected(file: "billion-laughs.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:7:8: aliases expand to more than 100000 nodes; write the records out instead",
        ]),
        Rejected(file: "billion-laughs-key.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            "  P:7:8: aliases expand to more than 100000 nodes; write the records out instead",
        ]),
        Rejected(file: "control-characters.yaml", status: 65, lines: [
            "dealdb: 1 problem in P; nothing was imported",
            #"  P:4:11: sources[0].kind: unknown source kind "rep\u{1B}ort\nnews"; expected one of agreement_text, official_statement, press_release, news, analysis, dataset, graphic, report, other"#,
        ]),
    ]

    @Test(arguments: rejected)
    func rejectedWithAClearMessageAndNothingChanged(_ item: Rejected) throws {
        let directory = try TemporaryDirectory()
        let database = try Reliability.seededDatabase(in: directory)
        let before = try Reliability.dump(database)
        let path = Self.corpus + item.file
        let result = try ProcessRunner.dealdb(["import", "--db", database, path])
        #expect(result.status == item.status, "\(result.stderr)")
        #expect(result.stderr == item.lines.map { $0.replacingOccurrences(of: "P", with: path) + "\n" }.joined())
        #expect(result.stdout.isEmpty)
        #expect(try Reliability.dump(database) == before)
    }

    @Test func garbageOnStandardInput() throws {
        let directory = try TemporaryDirectory()
        let database = try Reliability.seededDatabase(in: directory)
        let before = try Reliability.dump(database)
        let garbage = try Data(contentsOf: URL(fileURLWithPath: Self.corpus + "garbage.bin"))
        let result = try ProcessRunner.dealdb(["import", "--db", database, "-"], stdin: garbage)
        #expect(result.status == 65)
        #expect(result.stderr == "dealdb: <stdin>: not valid UTF-8 text (first bad byte at offset 0)\n")
        #expect(try Reliability.dump(database) == before)
    }

    @Test func byteOrderMarksLineEndsAndAliasesAreAccepted() throws {
        let directory = try TemporaryDirectory()
        let database = try Reliability.seededDatabase(in: directory)
        let files = ["bom.yaml", "crlf.yaml", "bom-crlf.json", "alias-small.yaml"].map { Self.corpus + $0 }
        let result = try ProcessRunner.dealdb(["import", "--db", database] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "sources: 3 created, 0 updated, 0 unchanged\nparties: 2 created, 0 updated, 0 unchanged\n")
        let rows = try ProcessRunner.sqlite3(database, """
            SELECT id, title, quote(note) FROM sources WHERE id LIKE 'hostile-%' ORDER BY id;
            SELECT party_id, group_concat(alias, '+') FROM (SELECT * FROM party_aliases ORDER BY party_id, position)
                WHERE party_id LIKE 'hostile-%' GROUP BY party_id;
            """, options: ["-separator", "|"])
        #expect(rows.stdout == """
            hostile-bom-source|Written with a BOM|NULL
            hostile-crlf-source|Written with CRLF|'two
            lines
            '
            hostile-json-source|JSON with a BOM and CRLF|NULL
            hostile-alias-one|Northern+Eastern
            hostile-alias-two|Northern+Eastern

            """)
    }

    @Test func aDirectoryOrAMissingFile() throws {
        let directory = try TemporaryDirectory()
        let database = try Reliability.seededDatabase(in: directory)
        let before = try Reliability.dump(database)
        let folder = directory.file("folder.yaml")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let isDirectory = try ProcessRunner.dealdb(["import", "--db", database, folder])
        #expect(isDirectory.status == 66)
        #expect(isDirectory.stderr == "dealdb: \(folder): is a directory, not a document\n")
        let missing = try ProcessRunner.dealdb(["import", "--db", database, directory.file("nothing.yaml")])
        #expect(missing.status == 66)
        #expect(missing.stderr == "dealdb: \(directory.file("nothing.yaml")): no such file\n")
        let databaseIsDirectory = try ProcessRunner.dealdb(["import", "--db", folder, Self.corpus + "bom.yaml"])
        #expect(databaseIsDirectory.status == 66)
        #expect(databaseIsDirectory.stderr == "dealdb: \(folder): is a directory, not a database file\n")
        #expect(try Reliability.dump(database) == before)
    }

    /// A 100 MB document on one line, generated here rather than committed:
    /// read, checked and refused in bounded time, with a short message.
    @Test func aHundredMegabyteLine() throws {
        let directory = try TemporaryDirectory()
        let database = try Reliability.seededDatabase(in: directory)
        let before = try Reliability.dump(database)
        let path = directory.file("one-line.json")
        var text = Data(#"{"sources":[{"id":"huge-line","title":"A huge line","kind":""#.utf8)
        text.append(Data(repeating: UInt8(ascii: "k"), count: 100_000_000))
        text.append(Data(#""}]}"#.utf8))
        try text.write(to: URL(fileURLWithPath: path))
        text = Data()
        let result = try ProcessRunner.dealdb(["import", "--db", database, path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "dealdb: 1 problem in \(path); nothing was imported")
        #expect(lines.last?.hasPrefix("  \(path):1:60: sources[0].kind: unknown source kind \"kkkk") == true)
        #expect(lines.last?.contains("…\" (100000000 characters); expected one of") == true)
        #expect(result.stderr.utf8.count < 1000)
        #expect(try Reliability.dump(database) == before)
    }

    @Test func aFileThatIsNotADatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("junk.db")
        try FileManager.default.copyItem(atPath: Self.corpus + "not-a-database.db", toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for arguments in [["import", "--db", path, Self.corpus + "bom.yaml"], ["list", "--db", path],
                          ["doctor", "--db", path], ["backup", "--db", path, directory.file("copy.db")]] {
            let result = try ProcessRunner.dealdb(arguments)
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "dealdb: \(path): not a SQLite database\n")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.file("copy.db")))
    }

    /// Root ignores file permissions, so the file is made immutable instead.
    @Test(.enabled(if: Reliability.canMakeImmutable, "skipping: chattr +i does not work here"))
    func aReadOnlyDatabaseFile() throws {
        let directory = try TemporaryDirectory()
        let database = try Reliability.seededDatabase(in: directory)
        let before = try Reliability.dump(database)
        try Reliability.immutable(database) {
            let result = try ProcessRunner.dealdb(["import", "--db", database, Self.corpus + "bom.yaml"])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("dealdb: \(database): the database is read-only (its file or its directory cannot be written); nothing was changed"),
                    "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            // `sql --write` says the same, not "pass --write", which was given.
            let write = try ProcessRunner.dealdb(["sql", "--db", database, "--write", "DELETE FROM sources"])
            #expect(write.status == 1)
            #expect(write.stderr.hasPrefix("dealdb: \(Reliability.realPath(database)): the database is read-only (its file"),
                    "\(write.stderr)")
        }
        #expect(try Reliability.dump(database) == before)
    }

    @Test(.enabled(if: Reliability.canMakeImmutable, "skipping: chattr +i does not work here"))
    func aReadOnlyDirectory() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let database = folder + "/deals.db"
        #expect(try ProcessRunner.dealdb(["init", "--db", database, "--seed"]).status == 0)
        let before = try Reliability.dump(database)
        let outside = try Reliability.seededDatabase(in: directory, name: "outside.db")
        try Reliability.immutable(folder) {
            let result = try ProcessRunner.dealdb(["import", "--db", database, Self.corpus + "bom.yaml"])
            #expect(result.status == 66)
            #expect(result.stderr == "dealdb: \(database): cannot open: unable to open database file; is its directory read-only? SQLite must create \(database)-wal and -shm beside it\n")
            let create = try ProcessRunner.dealdb(["init", "--db", folder + "/new.db"])
            #expect(create.status != 0)
            #expect(create.stderr.split(separator: "\n").count == 1, "\(create.stderr)")
            let backup = try ProcessRunner.dealdb(["backup", "--db", outside, folder + "/copy.db"])
            #expect(backup.status == 1)
            #expect(backup.stderr.hasPrefix("dealdb: \(folder)/copy.db: cannot write the backup: "), "\(backup.stderr)")
        }
        #expect(try Reliability.dump(database) == before)
    }

    /// The fuzz targets' replayers (built beside dealdb) run the corpus,
    /// crashers included, through the same checks as the fuzzer.
    @Test(arguments: [
        ("FuzzDocument", ["hostile", "documents", "documents/invalid"]),
        ("FuzzCSV", ["hostile", "gem"]),
        ("FuzzNamedQuery", ["hostile", "queries"]),
    ])
    func theFuzzTargetsSurviveTheCorpus(_ target: String, _ folders: [String]) throws {
        let replayer = URL(fileURLWithPath: ProcessRunner.dealdbPath).deletingLastPathComponent().path + "/" + target
        guard FileManager.default.isExecutableFile(atPath: replayer) else {
            print("skipping: \(target) is not built (swift build builds it)")
            return
        }
        let fixtures = SharedData.packageRoot + "/Tests/Fixtures/"
        let files = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: fixtures + folder)
                .filter { !$0.hasPrefix(".") }.sorted().map { fixtures + folder + "/" + $0 }
        }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        let result = try ProcessRunner.run(replayer, files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": ok") })
    }

    /// A tmpfs just big enough for the database: the import's writes fill it.
    @Test(.enabled(if: Reliability.canMountTmpfs, "skipping: cannot mount a tmpfs here (needs root)"))
    func aFullDisk() throws {
        let directory = try TemporaryDirectory()
        let seeded = try Reliability.seededDatabase(in: directory)
        let document = try Reliability.writeDocument(in: directory, name: "big.json", prefix: "full", count: 1500)
        let size = try FileManager.default.attributesOfItem(atPath: seeded)[.size] as? Int ?? 0
        let mountPoint = directory.file("tiny")
        try Reliability.withTmpfs(at: mountPoint, kilobytes: size / 1024 + 48) {
            let database = mountPoint + "/deals.db"
            try FileManager.default.copyItem(atPath: seeded, toPath: database)
            let before = try Reliability.dump(database)
            let result = try ProcessRunner.dealdb(["import", "--db", database, document])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("dealdb: \(database): the disk is full; nothing was changed"),
                    "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(try Reliability.integrityCheck(database) == "ok\n")
            #expect(try Reliability.dump(database) == before)

            let backup = try ProcessRunner.dealdb(["backup", "--db", seeded, mountPoint + "/copy.db"])
            #expect(backup.status == 1)
            #expect(backup.stderr.hasPrefix("dealdb: \(mountPoint)/copy.db: cannot write the backup: "), "\(backup.stderr)")
            #expect(!FileManager.default.fileExists(atPath: mountPoint + "/copy.db"))
        }
    }
}

/// Helpers shared by the reliability suites (hostile input, crash,
/// concurrency, signals, doctor, backup).
enum Reliability {
    /// A new database with the seed dataset, at `deals.db` in `directory`.
    static func seededDatabase(in directory: borrowing TemporaryDirectory, name: String = "deals.db") throws -> String {
        let path = directory.file(name)
        let result = try ProcessRunner.dealdb(["init", "--db", path, "--seed"])
        guard result.status == 0 else { throw Failure(message: "init failed: \(result.stderr)") }
        return path
    }

    /// The path as SQLite names a database in messages: absolute, with
    /// symbolic links resolved.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The database's content as the sqlite3 shell dumps it: equal dumps
    /// mean nothing was changed.
    static func dump(_ path: String) throws -> String {
        let result = try ProcessRunner.sqlite3(path, ".dump")
        guard result.status == 0 else { throw Failure(message: "sqlite3 .dump failed: \(result.stderr)") }
        return result.stdout
    }

    static func integrityCheck(_ path: String) throws -> String {
        try ProcessRunner.sqlite3(path, "PRAGMA integrity_check").stdout
    }

    static func count(_ path: String, _ sql: String) throws -> Int {
        let result = try ProcessRunner.sqlite3(path, sql)
        guard result.status == 0, let value = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(message: "\(sql): \(result.stdout)\(result.stderr)")
        }
        return value
    }

    /// A JSON deal document of `count` sources, `count` parties and `count`
    /// agreements (each with a party, a term and a citation), every id
    /// starting with `prefix-`.
    static func document(prefix: String, count: Int) -> String {
        var sources: [String] = [], parties: [String] = [], agreements: [String] = []
        for index in 1...max(count, 1) {
            sources.append(#"{"id":"\#(prefix)-source-\#(index)","title":"Report \#(index) of \#(prefix)","kind":"report","published":"2024-03"}"#)
            parties.append(#"{"id":"\#(prefix)-party-\#(index)","name":"Party \#(index) of \#(prefix)","kind":"company","country":"RU"}"#)
            agreements.append(#"""
                {"id":"\#(prefix)-agreement-\#(index)","title":"Agreement \#(index) of \#(prefix)","kind":"memorandum","signed":"2024-05-01",\#
                "parties":[{"party":"\#(prefix)-party-\#(index)","role":"buyer"}],\#
                "terms":[{"metric":"volume","value":\#(index),"unit":"bcm/y","sources":["\#(prefix)-source-\#(index)"]}],\#
                "sources":["\#(prefix)-source-\#(index)"]}
                """#)
        }
        return "{\"sources\":[\(sources.joined(separator: ",\n"))],\n\"parties\":[\(parties.joined(separator: ",\n"))],\n"
            + "\"agreements\":[\(agreements.joined(separator: ",\n"))]}\n"
    }

    @discardableResult
    static func writeDocument(in directory: borrowing TemporaryDirectory, name: String, prefix: String,
                              count: Int) throws -> String {
        let path = directory.file(name)
        try document(prefix: prefix, count: count).write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Starts a program in the background (output to files in `directory`
    /// when given, else discarded); the caller waits or kills it.
    /// Waits (up to 10 s) until another process holds the write lock of
    /// `path`: a write transaction by the sqlite3 shell with no patience
    /// fails while it is held.
    static func waitForWriteLock(_ path: String) throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let probe = try ProcessRunner.sqlite3(path, "BEGIN IMMEDIATE; ROLLBACK;", options: ["-cmd", ".timeout 0"])
            if probe.status != 0 { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return false
    }

    static func start(_ arguments: [String], output: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEALDB_PATH"] = nil
        process.environment = environment
        if let output {
            _ = FileManager.default.createFile(atPath: output + ".out", contents: nil)
            _ = FileManager.default.createFile(atPath: output + ".err", contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: output + ".out")
            process.standardError = FileHandle(forWritingAtPath: output + ".err")
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// True when `chattr +i` stops writes here (it does even for root).
    static let canMakeImmutable: Bool = {
        guard let directory = try? TemporaryDirectory() else { return false }
        let path = directory.file("probe")
        guard FileManager.default.createFile(atPath: path, contents: Data()),
              (try? ProcessRunner.run("/usr/bin/env", ["chattr", "+i", path]))?.status == 0 else { return false }
        let refused = !FileManager.default.isWritableFile(atPath: path) || FileHandle(forWritingAtPath: path) == nil
        _ = try? ProcessRunner.run("/usr/bin/env", ["chattr", "-i", path])
        return refused
    }()

    /// Runs `body` with `path` (a file or a directory) immutable, and makes
    /// it mutable again whatever happens, so the test can clean up.
    static func immutable(_ path: String, _ body: () throws -> Void) throws {
        let set = try ProcessRunner.run("/usr/bin/env", ["chattr", "+i", path])
        guard set.status == 0 else { throw Failure(message: "chattr +i \(path): \(set.stderr)") }
        defer { _ = try? ProcessRunner.run("/usr/bin/env", ["chattr", "-i", path]) }
        try body()
    }

    /// True when we may mount a tmpfs (root, outside a restricted container).
    static let canMountTmpfs: Bool = {
        guard let directory = try? TemporaryDirectory() else { return false }
        let point = directory.file("probe")
        guard (try? FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: false)) != nil,
              (try? ProcessRunner.run("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", point]))?.status == 0
        else { return false }
        _ = try? ProcessRunner.run("/usr/bin/env", ["umount", point])
        return true
    }()

    /// Runs `body` with a tmpfs of `kilobytes` mounted at `path`, unmounted
    /// afterwards whatever happens.
    static func withTmpfs(at path: String, kilobytes: Int, _ body: () throws -> Void) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try ProcessRunner.run("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        guard mount.status == 0 else { throw Failure(message: "mount: \(mount.stderr)") }
        defer { _ = try? ProcessRunner.run("/usr/bin/env", ["umount", "-l", path]) }
        try body()
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
