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
