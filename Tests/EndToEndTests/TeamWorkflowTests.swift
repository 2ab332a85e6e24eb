import Foundation
import Testing
import TestSupport

/// docs/TEAMS.md followed word for word: its code blocks are read from the
/// page and run in a real git repository, so the page cannot drift from
/// what works.
@Suite struct TeamWorkflowTests {
    /// The page's indented code blocks, each without its indentation.
    static func codeBlocks() throws -> [String] {
        let page = try String(contentsOfFile: SharedData.packageRoot + "/docs/TEAMS.md", encoding: .utf8)
        var blocks: [String] = [], current: [String] = []
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("    ") {
                current.append(String(line.dropFirst(4)))
            } else if !current.isEmpty, line.isEmpty, current.last?.isEmpty == false {
                current.append("")
            } else if !current.isEmpty {
                blocks.append(current.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n")
                current = []
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }

    static func block(startingWith prefix: String) throws -> String {
        try #require(try codeBlocks().first { $0.hasPrefix(prefix) }, "docs/TEAMS.md has no code block starting \(prefix)")
    }

    /// A repository with the team's layout: documents under deals/ (one name
    /// with a space, one referring to a party of another file) and the CI
    /// workflow of the page, with the page's hook installed.
    private func repository(in directory: borrowing TemporaryDirectory) throws -> String {
        let root = directory.file("team")
        try FileManager.default.createDirectory(atPath: root + "/deals", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/.github/workflows", withIntermediateDirectories: true)
        try """
            parties:
              - id: zephyr
                name: Zephyr Gas
                kind: company
              - id: boreas
                name: Boreas Utilities
                kind: company

            """.write(toFile: root + "/deals/parties.yaml", atomically: true, encoding: .utf8)
        try deal(title: "Zephyr supply to Boreas", buyer: "boreas").write(toFile: root + "/deals/zephyr boreas.yaml",
                                                                           atomically: true, encoding: .utf8)
        try Self.block(startingWith: "# .github/workflows/deals.yml")
            .write(toFile: root + "/.github/workflows/deals.yml", atomically: true, encoding: .utf8)
        #expect(try git(["init", "-q"], in: root).status == 0)
        let hook = root + "/.git/hooks/pre-commit"
        try Self.block(startingWith: "#!/bin/sh").write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        return root
    }

    private func deal(title: String, buyer: String) -> String {
        """
        agreements:
          - id: zephyr-boreas-2026
            title: \(title)
            kind: supply_contract
            status: signed
            parties:
              - party: zephyr
                role: seller
              - party: \(buyer)
                role: buyer

        """
    }

    private func git(_ arguments: [String], in root: String) throws -> ProcessResult {
        let bin = URL(fileURLWithPath: ProcessRunner.dealdbPath).deletingLastPathComponent().path
        return try ProcessRunner.run("/usr/bin/git", ["-c", "user.name=Analyst", "-c", "user.email=analyst@example.org",
                                                     "-c", "init.defaultBranch=main"] + arguments,
                                     environment: ["PATH": bin + ":/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
                                                   "HOME": root],
                                     currentDirectory: root)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "skipping: git is not installed"))
    func thePreCommitHookChecksWhatTheCommitLeaves() throws {
        let directory = try TemporaryDirectory()
        let root = try repository(in: directory)
        #expect(try git(["add", "-A"], in: root).status == 0)
        let first = try git(["commit", "-q", "-m", "deals"], in: root)
        #expect(first.status == 0, "the workflow file and a name with a space are refused: \(first.stderr)")

        // A one-word edit to a document whose parties live in another file.
        try deal(title: "Zephyr supply to Boreas, amended", buyer: "boreas")
            .write(toFile: root + "/deals/zephyr boreas.yaml", atomically: true, encoding: .utf8)
        #expect(try git(["add", "deals/zephyr boreas.yaml"], in: root).status == 0)
        let edit = try git(["commit", "-q", "-m", "amend"], in: root)
        #expect(edit.status == 0, "\(edit.stdout)\(edit.stderr)")

        // A staged reference to no party is refused, named by file, line and
        // column, even when the working tree has already been put right.
        try deal(title: "Zephyr supply", buyer: "notus").write(toFile: root + "/deals/zephyr boreas.yaml",
                                                               atomically: true, encoding: .utf8)
        #expect(try git(["add", "deals/zephyr boreas.yaml"], in: root).status == 0)
        try deal(title: "Zephyr supply", buyer: "boreas").write(toFile: root + "/deals/zephyr boreas.yaml",
                                                                atomically: true, encoding: .utf8)
        let refused = try git(["commit", "-q", "-m", "bad"], in: root)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("deals/zephyr boreas.yaml:9:16: agreements[0].parties[1].party: unknown party \"notus\""),
                "\(refused.stderr)")
        #expect(try git(["rev-list", "--count", "HEAD"], in: root).stdout == "2\n")

        // Deleting the file that defines the parties leaves the tree broken.
        #expect(try git(["add", "deals/zephyr boreas.yaml"], in: root).status == 0)
        #expect(try git(["rm", "-q", "deals/parties.yaml"], in: root).status == 0)
        let deleted = try git(["commit", "-q", "-m", "drop parties"], in: root)
        #expect(deleted.status != 0)
        #expect(deleted.stderr.contains("unknown party \"zephyr\""), "\(deleted.stderr)")
    }

    /// The page's rebuild: a failed rebuild leaves the previous database.
    @Test func aRebuildReplacesTheDatabaseOnlyWhenItSucceeded() throws {
        let directory = try TemporaryDirectory()
        let root = try repository(in: directory)
        let rebuild = try Self.block(startingWith: "dealdb init --db deals.db --force")
        #expect(rebuild.split(separator: "\n").count == 1, "\(rebuild)")
        let bin = URL(fileURLWithPath: ProcessRunner.dealdbPath).deletingLastPathComponent().path
        func run() throws -> ProcessResult {
            try ProcessRunner.run("/bin/sh", ["-c", rebuild], environment: ["PATH": bin + ":/usr/bin:/bin"],
                                  currentDirectory: root)
        }
        let built = try run()
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("agreements: 1 created"), "\(built.stdout)")
        let database = root + "/deals.db"
        let before = try Reliability.dump(database)
        #expect(before.contains("zephyr-boreas-2026"))

        try deal(title: "Zephyr supply", buyer: "notus").write(toFile: root + "/deals/zephyr boreas.yaml",
                                                               atomically: true, encoding: .utf8)
        let failed = try run()
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("deals.db was not replaced"), "\(failed.stderr)")
        #expect(try Reliability.dump(database) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains("deals.db") }
        #expect(leftovers == ["deals.db"], "\(leftovers)")
    }
}
