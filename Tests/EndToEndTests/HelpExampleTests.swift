import Foundation
import Testing
import TestSupport

/// Every example in every command's --help, as an 80-column terminal shows
/// it, can be pasted: each is one line, or lines joined by a trailing
/// backslash, never a command (or a quoted argument) wrapped mid-way.
@Suite struct HelpExampleTests {
    /// The subcommands a help page lists (two-space-indented words under a
    /// "SUBCOMMANDS:" heading).
    private func subcommands(of help: String) -> [String] {
        var names: [String] = [], inList = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("SUBCOMMANDS:") { inList = true; continue }
            if line.isEmpty { inList = false; continue }
            if inList, line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first {
                names.append(String(word))
            }
        }
        return names.filter { $0 != "help" }
    }

    private func help(_ path: [String]) throws -> String {
        let result = try ProcessRunner.dealdb(path + ["--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(path): \(result.stderr)")
        return result.stdout
    }

    @Test func everyExampleCanBePasted() throws {
        var pending: [[String]] = [[]], checked = 0
        while let path = pending.popLast() {
            let page = try help(path)
            pending += subcommands(of: page).map { path + [$0] }
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(of: "Examples:") else { continue }
            var continued = false
            for line in lines[(start + 1)...] {
                if line.isEmpty { break }
                if continued {
                    #expect(line.hasPrefix("      ") && !line.hasPrefix("       "), "\(path): \(line)")
                } else {
                    let commands = ["dealdb", "echo", "cat", "git", "datasette"]
                    #expect(commands.contains { line.hasPrefix("  \($0) ") }, "\(path): an example wrapped mid-way: \(line)")
                }
                #expect(line.count <= 80, "\(path): \(line)")
                continued = line.hasSuffix(" \\")
                checked += 1
            }
            #expect(!continued, "\(path): the last example ends in a backslash")
        }
        #expect(checked > 60, "only \(checked) example lines were found")
    }
}
