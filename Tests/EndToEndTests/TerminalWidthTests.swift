import Foundation
import Testing
import TestSupport

/// `--format table` and `show` on a real pseudo-terminal (Python's pty
/// module): lines fit the terminal's width, taken from the terminal itself,
/// else $COLUMNS, else 80; `--wide`, pipes and files get whole cells.
@Suite struct TerminalWidthTests {
    struct Screen {
        let output: String
        let status: Int
        /// Each line's width in terminal columns, as Python's unicodedata sees it.
        let widths: [Int]
    }

    private func inTerminal(_ arguments: [String], columns: Int, environment: [String: String] = ["COLUMNS": ""]) throws -> Screen {
        let script = SharedData.packageRoot + "/Tests/Fixtures/terminal/run_in_pty.py"
        let result = try ProcessRunner.run("/usr/bin/env", [ProcessRunner.python3, script, String(columns), "40",
                                                            ProcessRunner.dealdbPath] + arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let output = decoded["output"] as? String ?? ""
        let measured = try ProcessRunner.python("""
            import json, sys, unicodedata
            text = sys.stdin.read()
            print(json.dumps([sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)
                              for line in text.split('\\n')]))
            """, stdin: Data(output.utf8))
        #expect(measured.status == 0, "\(measured.stderr)")
        let widths = try JSONSerialization.jsonObject(with: Data(measured.stdout.utf8)) as? [Int] ?? []
        // One width per line, so that "every line fits" cannot pass on nothing.
        #expect(widths.count == output.split(separator: "\n", omittingEmptySubsequences: false).count)
        return Screen(output: output, status: decoded["status"] as? Int ?? -1, widths: widths)
    }

    @Test func tableFitsTheTerminalAndPipesGetWholeCells() throws {
        let database = try multilingualDatabase()
        let arguments = ["query", "unconfirmed", "--format", "table", "--db", database.path]
        let piped = try database.run(["query", "unconfirmed", "--format", "table"])
        #expect(piped.status == 0)
        #expect(!piped.stdout.contains("…"), "a pipe got truncated cells")
        #expect((piped.stdout.split(separator: "\n").map(\.count).max() ?? 0) > 100, "the test needs long lines")

        let narrow = try inTerminal(arguments, columns: 60)
        #expect(narrow.status == 0)
        #expect(narrow.widths.count > 3 && narrow.widths.allSatisfy { $0 <= 60 }, "\(narrow.widths.filter { $0 > 60 })")
        // Folded, never cut: every character of every cell is on the screen.
        #expect(!narrow.output.contains("…"))
        func characters(_ text: String) -> [Character] {
            text.split(separator: "\n").filter { !$0.allSatisfy { $0 == "-" || $0 == " " } }
                .flatMap { $0.filter { $0 != " " } }.sorted()
        }
        #expect(characters(narrow.output) == characters(piped.stdout))
        #expect(narrow.output.split(separator: "\n").count > piped.stdout.split(separator: "\n").count)

        let wide = try inTerminal(arguments + ["--wide"], columns: 60)
        #expect(wide.output == piped.stdout)

        // Written to a file with -o from a terminal: whole cells too.
        let file = database.directory.file("table.txt")
        #expect(try inTerminal(arguments + ["-o", file], columns: 60).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == piped.stdout)
    }

    @Test func widthFallsBackOnColumnsThenEighty() throws {
        let database = try multilingualDatabase()
        let arguments = ["query", "unconfirmed", "--format", "table", "--db", database.path]
        let fromColumns = try inTerminal(arguments, columns: 0, environment: ["COLUMNS": "50"])
        #expect(fromColumns.widths.allSatisfy { $0 <= 50 } && fromColumns.widths.contains { $0 > 40 })
        let standard = try inTerminal(arguments, columns: 0)
        #expect(standard.widths.allSatisfy { $0 <= 80 } && standard.widths.contains { $0 > 70 })
        // The terminal's own size wins over $COLUMNS.
        let terminal = try inTerminal(arguments, columns: 100, environment: ["COLUMNS": "50"])
        #expect(terminal.widths.allSatisfy { $0 <= 100 } && terminal.widths.contains { $0 > 50 })
    }

    @Test func showFoldsLongNotesAtTheWidth() throws {
        let database = try multilingualDatabase()
        let piped = try database.run(["show", "pos-2"])
        #expect(piped.status == 0)
        #expect(piped.stdout.split(separator: "\n").contains { $0.count > 200 }, "the test needs a long note")
        let screen = try inTerminal(["show", "pos-2", "--db", database.path], columns: 70)
        #expect(screen.widths.count > 10 && screen.widths.allSatisfy { $0 <= 70 }, "\(screen.widths.filter { $0 > 70 })")
        // Folded, not cut: the same words in the same order.
        func words(_ text: String) -> [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        #expect(words(screen.output) == words(piped.stdout))
        // The note's next line hangs under its text, after "  Note:      ".
        let lines = screen.output.split(separator: "\n", omittingEmptySubsequences: false)
        let note = try #require(lines.firstIndex { $0.hasPrefix("  Note:      Western-route") })
        #expect(lines[note + 1].prefix(13) == String(repeating: " ", count: 13) && lines[note + 1].dropFirst(13).first != " ",
                "\(lines[note + 1])")
    }

    /// The new user's 80-column terminal on GEM's file: every project id and
    /// every date whole (they were `gem-…` and cut dates), each record a
    /// block when the columns cannot share the line.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func gemTablesReadWholeAtEightyColumns() throws {
        let database = try QueryDatabase.withGEMMap(.seed).database
        for arguments in [["query", "volumes-by-certainty"], ["projects", "--country", "DE"],
                          ["list"]] {
            let screen = try inTerminal(arguments + ["--db", database.path], columns: 80)
            #expect(screen.status == 0)
            #expect(screen.widths.count > 10 && screen.widths.allSatisfy { $0 <= 80 }, "\(arguments)")
            #expect(!screen.output.contains("…"), "\(arguments): a cell was cut")
            let lines = Set(screen.output.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" })
            let records = try database.records(arguments)
            #expect(!records.isEmpty)
            let key = arguments[0] == "query" ? "project" : "id"
            // Ids up to the width a value has beside its label (a 67-letter
            // GEM id folds after a hyphen, as any value that long must).
            let ids = records.compactMap { $0[key] }.filter { $0.count <= 60 }
            let broken = ids.filter { !lines.contains($0) }
            #expect(ids.count > records.count * 9 / 10 && broken.isEmpty,
                    "\(arguments): \(broken.count) ids not whole on their line: \(broken.prefix(5))")
            #expect(screen.output.hasPrefix("-[ record 1 ]"), "\(arguments): \(screen.output.prefix(200))")
        }
    }
}
