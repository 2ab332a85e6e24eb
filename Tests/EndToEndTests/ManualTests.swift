import Foundation
import Testing
import TestSupport

/// The man page, made by argument-parser's generate-manual tool from the
/// commands' own help (`make man`), so it documents every command.
@Suite struct ManualTests {
    /// `make test` builds the tool beside dealdb; a bare `swift test` may not have.
    static var tool: String? {
        let path = URL(fileURLWithPath: ProcessRunner.dealdbPath).deletingLastPathComponent().path + "/generate-manual"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    @Test(.enabled(if: tool != nil, "skipping: generate-manual is not built (make test builds it)"))
    func documentsEveryCommand() throws {
        let directory = try TemporaryDirectory()
        let made = try ProcessRunner.run(Self.tool!, [ProcessRunner.dealdbPath, "--date", "2026-01-01",
                                                      "-o", directory.path])
        #expect(made.status == 0, "\(made.stderr)")
        let page = try String(contentsOfFile: directory.file("dealdb.1"), encoding: .utf8)
        let help = try ProcessRunner.dealdb(["--help"]).stdout
        // Every group of subcommands ("DATABASE SUBCOMMANDS:", ...).
        let commands = help.components(separatedBy: "\n\n")
            .filter { $0.split(separator: "\n").first?.hasSuffix("SUBCOMMANDS:") == true }
            .flatMap { $0.split(separator: "\n").dropFirst() }
            .compactMap { line -> String? in
                let words = line.split(separator: " ")
                return line.hasPrefix("  ") && !line.hasPrefix("   ") ? words.first.map(String.init) : nil
            }
        #expect(commands.count >= 15 && commands.contains("check"), "\(commands)")
        for command in commands {
            #expect(page.contains(".It Em \(command)\n"), "the man page does not document \(command)")
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let rendered = try ProcessRunner.run("/usr/bin/man", ["-l", directory.file("dealdb.1")],
                                                 environment: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"])
            #expect(rendered.status == 0, "\(rendered.stderr)")
            #expect(rendered.stdout.contains("dealdb check"), "the rendered page lacks the check examples")
        }
    }
}
