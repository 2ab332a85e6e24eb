import Foundation
import Testing
import TestSupport

/// User queries from the config folder and --queries, and their errors.
@Suite struct NamedQueryFileTests {
    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func builtInsAreListedAndShown() throws {
        let list = try ProcessRunner.dealdb(["queries"])
        for name in ["unresolved-pricing", "undisclosed-pricing", "transit-countries", "volumes-by-destination",
                     "deals-by-party", "timeline", "financing", "non-binding", "unconfirmed", "unsourced"] {
            #expect(list.stdout.contains(name), "missing \(name)")
        }
        #expect(list.stdout.contains("party text required"))
        let show = try ProcessRunner.dealdb(["queries", "show", "volumes-by-destination"])
        #expect(show.stdout.contains("as_of date optional"))
        #expect(show.stdout.contains("SELECT"))
    }

    @Test func userQueryFromTheConfigFolderRunsWithTypedParameters() throws {
        let database = try QueryDatabase(.seed)
        let config = try TemporaryDirectory()
        try write("""
            -- name: big-capacity
            -- title: Projects with at least some capacity
            -- param: minimum real default 40  Smallest capacity in bcm/y
            -- param: kind choice(pipeline|lng_terminal) default pipeline  Project kind
            SELECT p.id FROM projects AS p JOIN terms AS t ON t.project_id = p.id
            WHERE t.metric = 'capacity' AND t.value >= :minimum AND p.kind = :kind
            GROUP BY p.id ORDER BY p.id
            """, to: config.file("dealdb/queries/big-capacity.sql"))
        let environment = ["XDG_CONFIG_HOME": config.path]
        let result = try database.run(["query", "big-capacity", "--format", "csv"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Parsers.csv(result.stdout) == [["id"], ["pos-1"], ["pos-2"]])
        let typed = try database.run(["query", "big-capacity", "-p", "minimum=lots"], environment: environment)
        #expect(typed.status == 64)
        #expect(typed.stderr.contains("minimum"))
        let choice = try database.run(["query", "big-capacity", "-p", "kind=canal"], environment: environment)
        #expect(choice.status == 64)
        #expect(choice.stderr.contains("pipeline, lng_terminal"))
    }

    @Test func aBuiltInNameIsRefusedInTheConfigFolderButWinsFromQueriesDir() throws {
        let database = try QueryDatabase(.seed)
        let folder = try TemporaryDirectory()
        let replacement = """
            -- name: unsourced
            -- title: My own unsourced
            SELECT 'mine' AS answer
            """
        try write(replacement, to: folder.file("config/dealdb/queries/unsourced.sql"))
        let refused = try database.run(["query", "unsourced"], environment: ["XDG_CONFIG_HOME": folder.file("config")])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("built in"))

        try write(replacement, to: folder.file("mine/unsourced.sql"))
        let replaced = try database.run(["query", "unsourced", "--queries", folder.file("mine"), "--format", "csv"])
        #expect(replaced.status == 0)
        #expect(replaced.stdout == "answer\r\nmine\r\n")
        #expect(replaced.stderr.contains("replaces the built-in"))
    }

    /// A broken file in the query folder stops only itself: other queries
    /// run, with a notice naming it. CRLF line ends and a comment after the
    /// statement are fine; a UTF-16 file is named as such.
    @Test func oneBrokenFileStopsOnlyItself() throws {
        let database = try QueryDatabase(.seed)
        let folder = try TemporaryDirectory()
        let config = ["XDG_CONFIG_HOME": folder.file("config")]
        let queries = folder.file("config/dealdb/queries")
        try write("-- name: windows\r\n-- title: Saved on Windows\r\nSELECT 2 AS two\r\n", to: queries + "/windows.sql")
        try write("-- name: noted\nSELECT 1 AS one; -- why: a note after the statement\n", to: queries + "/noted.sql")
        try FileManager.default.createDirectory(atPath: queries, withIntermediateDirectories: true)
        let utf16 = try #require("-- name: wide\nSELECT 3\n".data(using: .utf16))
        try utf16.write(to: URL(fileURLWithPath: queries + "/wide.sql"))
        let windows = try database.run(["query", "windows", "--format", "csv"], environment: config)
        #expect(windows.status == 0 && windows.stdout == "two\r\n2\r\n", "\(windows.stderr)")
        #expect(windows.stderr.contains("skipped \(queries)/wide.sql: is UTF-16 text; save it as UTF-8"), "\(windows.stderr)")
        let noted = try database.run(["query", "noted", "--format", "csv"], environment: config)
        #expect(noted.status == 0 && noted.stdout == "one\r\n1\r\n", "\(noted.stderr)")
        let wide = try database.run(["query", "wide"], environment: config)
        #expect(wide.status == 65)
        #expect(wide.stderr.hasSuffix("dealdb: \(queries)/wide.sql: is UTF-16 text; save it as UTF-8\n"), "\(wide.stderr)")
        let listed = try ProcessRunner.dealdb(["queries"], environment: config)
        #expect(listed.status == 0 && listed.stdout.contains("windows") && listed.stdout.contains("Saved on Windows"))
    }

    @Test func badHeadersNameTheFileAndLine() throws {
        let database = try QueryDatabase(.seed)
        let folder = try TemporaryDirectory()
        let cases: [(String, String, String)] = [
            ("no-name.sql", "SELECT 1", "missing header line \"-- name: NAME\""),
            ("bad-type.sql", "-- name: bad-type\n-- param: x colour required\nSELECT :x", "bad-type.sql:2: unknown parameter type \"colour\""),
            ("bad-default.sql", "-- name: bad-default\n-- param: n integer default many\nSELECT :n", "bad-default.sql:2: default of parameter n"),
            ("undeclared.sql", "-- name: undeclared\nSELECT :who", "uses :who but its header does not declare it"),
            ("mismatch.sql", "-- name: other-name\nSELECT 1", "the file is mismatch.sql"),
        ]
        for (file, text, message) in cases {
            let directory = folder.file(file + ".d")
            try write(text, to: directory + "/" + file)
            let name = String(file.dropLast(4))
            let result = try database.run(["query", name, "--queries", directory])
            #expect(result.status == 65, "\(file): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(file): \(result.stderr)")
        }
    }
}
