import Foundation
import Testing
import TestSupport

/// DealCore's package entry points throw DealCore's error only (issue 26):
/// a SQLite failure met while a command reads is worded where DealCore
/// knows the database as the user named it. The CLI's last resort
/// (DealError(anyFailure:)) translates a raw SQLite error too, but can name
/// only the path SQLite reports, absolute; so a command that let one through
/// would say `/tmp/.../deals.db:` here where the user typed `deals.db`.
@Suite struct DamagedDatabaseTests {
    /// The read commands, each over a table whose pages are garbage.
    static let readCommands: [[String]] = [
        ["list"], ["show", "pos-2"], ["show", "pos-2", "--format", "yaml"], ["projects"], ["parties"],
        ["query", "volumes-by-destination"], ["query", "timeline"], ["query", "volumes-by-project", "-p", "as_of=2020"],
        ["export"], ["export", "agreements"], ["export", "projects", "--format", "geojson"],
        ["chart", "timeline", "-o", "timeline.svg"], ["chart", "flows", "-o", "flows.svg"], ["chart", "map", "-o", "map.svg"],
        ["graph", "--format", "dot"], ["report", "-o", "report.html"],
    ]

    /// The writers too: a document, a CSV table, GEM's map file, a merge, SQL.
    static func writeCommands(_ directory: String) -> [[String]] {
        var commands = [["import", "party.yaml"], ["import", "--table", "parties", "parties.csv"],
                        ["parties", "merge", "cnpc", "gazprom"],
                        ["sql", "--write", "UPDATE parties SET note = 'x'"],
                        ["sql", "SELECT * FROM agreements"]]
        if let map = SharedData.root.map({ $0 + "/test-data/gem/ggit-map-2024-10-06.csv" }) {
            commands.append(["import", "--from", "gem", map])
        }
        return commands
    }

    @Test func commandsNameTheDatabaseAsGiven() throws {
        let directory = try TemporaryDirectory()
        let path = try Reliability.seededDatabase(in: directory)
        // The tables' first pages overwritten: the schema still reads, so
        // opening succeeds and the damage shows only when a command reads.
        let roots = try ProcessRunner.sqlite3(path, """
            SELECT rootpage FROM sqlite_schema
            WHERE name IN ('parties', 'projects', 'project_route', 'events', 'agreements', 'terms');
            """)
        #expect(roots.status == 0, "\(roots.stderr)")
        let pageSize = try #require(Int(try ProcessRunner.sqlite3(path, "PRAGMA page_size").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let pages = roots.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(pages.count == 6)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for page in pages {
            try file.seek(toOffset: UInt64((page - 1) * pageSize))
            try file.write(contentsOf: Data(repeating: 0xFF, count: pageSize))
        }
        try file.close()

        try "parties:\n  - {id: zephyr, name: Zephyr Gas, kind: company}\n"
            .write(toFile: directory.file("party.yaml"), atomically: true, encoding: .utf8)
        try "id,name,kind\nboreas,Boreas,company\n".write(toFile: directory.file("parties.csv"), atomically: true, encoding: .utf8)
        for command in Self.readCommands + Self.writeCommands(directory.path) {
            let result = try ProcessRunner.dealdb(command + ["--db", "deals.db"], currentDirectory: directory.path)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.hasPrefix("dealdb: deals.db: the database file is damaged; run: dealdb doctor"),
                    "\(command): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
        }
    }
}
