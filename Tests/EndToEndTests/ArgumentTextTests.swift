import Foundation
import Testing
import TestSupport

/// What the user types reaches dealdb as bytes: a path with a line break
/// stays on the line of the message that names it, and bytes that are not
/// UTF-8 are refused by position instead of silently becoming U+FFFD.
@Suite struct ArgumentTextTests {
    @Test func aPathWithALineBreakStaysOnItsLine() throws {
        let directory = try TemporaryDirectory()
        let created = try ProcessRunner.dealdb(["init", "--db", directory.file("new\nline.db")])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "created \(directory.file("new␊line.db")) at schema version \(try latestVersion())\n")

        let missing = try ProcessRunner.dealdb(["list", "--db", "miss\ning.db"], currentDirectory: directory.path)
        #expect(missing.status == 66)
        #expect(missing.stderr == "dealdb: miss␊ing.db: no such database; create it with: dealdb init --db $'miss\\ning.db'\n")

        try "x".write(toFile: directory.file("bad\nfile.yaml"), atomically: true, encoding: .utf8)
        let checked = try ProcessRunner.dealdb(["check", "bad\nfile.yaml"], currentDirectory: directory.path)
        #expect(checked.status == 65)
        let lines = checked.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(checked.stderr)")
        #expect(lines.first == "dealdb: 1 problem in bad␊file.yaml; the documents do not check")
        #expect(lines.last?.hasPrefix("  bad␊file.yaml:1:1: expected a mapping") == true)
    }

    /// `sh -c` passes the bytes as they are (Foundation's Process would not).
    @Test func argumentsThatAreNotUTF8AreRefused() throws {
        let directory = try TemporaryDirectory()
        let result = try ProcessRunner.run("/bin/sh", ["-c", """
            "$DEALDB" list --db deals.db --party "$(printf 'caf\\351')"; echo "party $?"
            "$DEALDB" init --db "$(printf 'x\\377.db')"; echo "path $?"
            "$DEALDB" ---completion list -- --party 3 3 dealdb list --party "$(printf 'caf\\351')"; echo "completion $?"
            ls
            """], environment: ["DEALDB": ProcessRunner.dealdbPath, "DEALDB_PATH": ""], currentDirectory: directory.path)
        // A shell asking for completions while such a word is on the line
        // gets none, and no message on the line being typed.
        #expect(result.stdout == "party 64\npath 64\ncompletion 0\n")
        #expect(result.stderr == """
            dealdb: argument 5 is not valid UTF-8 text: "caf\u{FFFD}" (U+FFFD marks the bytes that are not); use UTF-8 for file names and values
            dealdb: argument 3 is not valid UTF-8 text: "x\u{FFFD}.db" (U+FFFD marks the bytes that are not); use UTF-8 for file names and values

            """)
    }

    private func latestVersion() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: SharedData.packageRoot + "/migrations")
            .filter { $0.hasSuffix(".sql") }.count
    }
}
