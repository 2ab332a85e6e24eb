import Foundation
import Testing
import TestSupport
@testable import DealCore

/// Fitting a table to a width and folding text, measured in display columns.
@Suite struct TerminalFitTests {
    /// A table that fits stays as it is; one that does not folds its long
    /// columns, sharing the room, when each keeps `foldFloor` columns and
    /// every number its whole width; else each record becomes a block.
    @Test func theLayoutFollowsWhatFits() {
        #expect(TableLayout.choose([10, 50, 80], numbers: [0, 0, 0], headers: [2, 4, 4], into: 200)
            == .lines(widths: [10, 50, 80]))
        guard case .folded(let widths) = TableLayout.choose([10, 50, 80], numbers: [0, 0, 0], headers: [2, 4, 4], into: 80)
        else { Issue.record("three columns at 80 fold"); return }
        #expect(widths.reduce(4, +) == 80 && widths[0] == 10 && abs(widths[1] - widths[2]) <= 1, "\(widths)")
        // Eleven columns of 30 cannot keep 12 each at 80: one record per block,
        // its labels as wide as the widest header.
        #expect(TableLayout.choose(Array(repeating: 30, count: 11), numbers: Array(repeating: 0, count: 11),
                                   headers: [2, 4, 14] + Array(repeating: 5, count: 8), into: 80) == .records(labelWidth: 14))
    }

    /// A folded number reads as two numbers: a number column keeps its
    /// widest value, and its long header folds instead of widening it.
    @Test func numbersAreNeverFolded() {
        guard case .folded(let widths) = TableLayout.choose([40, 20, 14], numbers: [0, 0, 9], headers: [2, 4, 14], into: 50)
        else { Issue.record("folds"); return }
        #expect(widths[2] == 12 && widths.reduce(4, +) == 50, "\(widths)")
        guard case .folded(let wide) = TableLayout.choose([40, 14], numbers: [0, 14], headers: [2, 14], into: 40)
        else { Issue.record("folds"); return }
        #expect(wide == [24, 14])
    }

    @Test func cellsFoldBetweenWordsThenAfterHyphensThenAnywhere() {
        #expect(CellFold.lines("Power of Siberia Gas Pipeline", width: 12) == ["Power of", "Siberia Gas", "Pipeline"])
        #expect(CellFold.lines("gem-power-of-siberia-gas-pipeline-2-start", width: 21)
            == ["gem-power-of-siberia-", "gas-pipeline-2-start"])
        #expect(CellFold.lines("中国石油天然气集团", width: 6) == ["中国石", "油天然", "气集团"])
        #expect(CellFold.lines("short", width: 20) == ["short"])
        // Nothing is lost: the pieces put back together are the text.
        let text = "a-la-shan-meng-cheng-shi-ran-qi-you-xian-ze-ren-go and 阿拉善盟城市燃气有限责任公司"
        for width in 1...20 {
            let lines = CellFold.lines(text, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= max(width, 2) }, "\(width): \(lines)")
            #expect(lines.joined().replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        }
    }

    /// A control character is made visible wherever it stands: after a
    /// `’`, `–` or `€` (whose first byte made the scan stop early) too.
    @Test(arguments: ["Côte d’Ivoire \u{1B}]0;title\u{07}", "2–3 bcm\u{1B}[2J", "€5\u{7F}", "\u{200F}x\u{1B}"])
    func controlsAfterPunctuationAreEscaped(_ text: String) {
        let shown = DisplayText.escaped(text)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x200F }, "\(shown)")
        #expect(DisplayText.escaped("Côte d’Ivoire – €5") == "Côte d’Ivoire – €5")
    }

    @Test func tableOnATerminalWidth() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.txt")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let sink = TextSink(handle: handle)
        let writer = RowWriters.make(.table, sink: sink, options: RowWriterOptions(maxWidth: 30))
        try writer.begin(columns: ["id", "name", "note"])
        try writer.row([.integer(1), .text("中国石油天然气集团有限公司"), .text(String(repeating: "long note ", count: 10))])
        try writer.row([.integer(22), .text("BOTAŞ"), .null])
        try writer.end()
        try handle.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 30 }, "\(lines)")
        // Folded, not cut: every word of the note is there, the rows apart.
        #expect(!lines.contains { $0.contains("…") })
        // Ten in the cell and one in the header.
        #expect(lines.joined(separator: " ").split(separator: " ").filter { $0 == "note" }.count == 11, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("22  BOTAŞ") })
        #expect(lines.contains("") && lines[0].hasPrefix("id  name"))
    }

    @Test func foldingKeepsIndentAndWords() {
        let line = "  Note:      " + String(repeating: "word ", count: 30) + "end"
        let folded = TextWrap.wrap(line + "\nshort", width: 40).split(separator: "\n")
        #expect(folded.allSatisfy { DisplayWidth.of(String($0)) <= 40 })
        #expect(folded.dropFirst().dropLast().allSatisfy { $0.hasPrefix("             ") && $0.dropFirst(13).first != " " })
        #expect(folded.joined(separator: " ").split(separator: " ").filter { $0 == "word" }.count == 30)
        #expect(folded.last == "short")
        let chinese = TextWrap.wrap("    " + String(repeating: "中国石油天然气", count: 10), width: 30).split(separator: "\n")
        #expect(chinese.allSatisfy { DisplayWidth.of(String($0)) <= 30 && $0.hasPrefix("    ") })
        #expect(chinese.map { $0.dropFirst(4) }.joined() == String(repeating: "中国石油天然气", count: 10))
    }

    /// `show`'s timeline and sources: a line folds under its text, after
    /// the date or the source's number.
    @Test func foldingHangsAfterADate() {
        let events = TextWrap.wrap("""
              2025  Chinese Foreign Ministry spokesperson declines to confirm the PoS-2 deal [3]
              2031 (planned)  Power of Siberia 2: start of operation, as Gazprom plans it [1]
              2025-09-02 one space only, so this line is not a dated item and folds under its start
              [12] Widely published news reporting on Russia-China gas deal dates (public-reporting-dates)
            """, width: 60).split(separator: "\n").map(String.init)
        #expect(events == [
            "  2025  Chinese Foreign Ministry spokesperson declines to",
            "        confirm the PoS-2 deal [3]",
            "  2031 (planned)  Power of Siberia 2: start of operation, as",
            "                  Gazprom plans it [1]",
            "  2025-09-02 one space only, so this line is not a dated",
            "  item and folds under its start",
            "  [12] Widely published news reporting on Russia-China gas",
            "       deal dates (public-reporting-dates)",
        ])
        let url = "<https://globalenergymonitor.org/projects/global-gas-infrastructure-tracker/>"
        #expect(TextWrap.wrap("  [1] Global Energy Monitor, line 73 " + url, width: 60).split(separator: "\n").map(String.init)
            == ["  [1] Global Energy Monitor, line 73", "      " + url])
        #expect(TextWrap.wrap("  Note:      " + url, width: 60) == "  Note:      " + url)
    }
}
