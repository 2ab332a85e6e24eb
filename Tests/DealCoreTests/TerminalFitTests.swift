import Foundation
import Testing
import TestSupport
@testable import DealCore

/// Fitting a table to a width and folding text, measured in display columns.
@Suite struct TerminalFitTests {
    @Test func widestColumnsShareTheCut() {
        #expect(TableRowWriter.fit([10, 50, 80], into: 200) == [10, 50, 80])
        let fitted = TableRowWriter.fit([10, 50, 80], into: 80)
        #expect(fitted.reduce(4, +) <= 80 && fitted[0] == 10 && fitted[1] == fitted[2])
        // Many columns go below the usual minimum of 6 (never below 3), so
        // that the first column, the id a reader types next, stays legible:
        // eleven at 80 columns leave it 30.
        let eleven = TableRowWriter.fit(Array(repeating: 30, count: 11), into: 80)
        #expect(eleven == [30] + Array(repeating: 3, count: 10) && eleven.reduce(20, +) == 80)
        #expect(TableRowWriter.fit([20, 20, 20, 20], into: 10) == [3, 3, 3, 3])
        #expect(TableRowWriter.fit([3, 40], into: 20) == [3, 15])
    }

    /// A control character is made visible wherever it stands: after a
    /// `’`, `–` or `€` (whose first byte made the scan stop early) too.
    @Test(arguments: ["Côte d’Ivoire \u{1B}]0;title\u{07}", "2–3 bcm\u{1B}[2J", "€5\u{7F}", "\u{200F}x\u{1B}"])
    func controlsAfterPunctuationAreEscaped(_ text: String) {
        let shown = DisplayText.escaped(text)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x200F }, "\(shown)")
        #expect(DisplayText.escaped("Côte d’Ivoire – €5") == "Côte d’Ivoire – €5")
    }

    /// A cut number reads as another number: a number column keeps its
    /// widest value (only its header is cut), whatever else must give.
    @Test func numbersAreNeverCut() {
        let fitted = TableRowWriter.fit([40, 20, 14], keeping: [0, 0, 9], into: 40)
        #expect(fitted == [14, 11, 11])
        let crowded = TableRowWriter.fit([30, 30, 30, 14], keeping: [0, 0, 0, 12], into: 20)
        #expect(crowded[3] == 12 && crowded.dropLast().allSatisfy { $0 == 3 })
    }

    /// The id keeps its room wherever it stands (`search` lists kind first):
    /// two terminals of one project stay two readable ids at 80 columns.
    @Test func theIdColumnKeepsItsRoom() {
        #expect(TableRowWriter.fit([7, 34, 20, 80], key: 1, into: 80) == [7, 29, 19, 19])
    }

    @Test func idsAreCutBeforeTheirEnd() {
        #expect(DisplayWidth.truncateMiddle("gem-power-of-siberia-gas-pipeline-2-start", to: 29)
            == "gem-power-of-siberia…-2-start")
        #expect(DisplayWidth.truncateMiddle("gem-aliaga-pinarhisar-gas-pipeline", to: 25) == "gem-aliaga-pinar…pipeline")
        #expect(DisplayWidth.truncateMiddle("short", to: 20) == "short")
        #expect(DisplayWidth.truncateMiddle("中国石油天然气集团", to: 9) == "中国石…团")
        #expect(DisplayWidth.of(DisplayWidth.truncateMiddle("gem-power-of-siberia-gas-pipeline-2-start", to: 20)) == 20)
    }

    @Test func truncationKeepsWholeCharacters() {
        #expect(DisplayWidth.truncate("Gazprom", to: 10) == "Gazprom")
        #expect(DisplayWidth.truncate("Gazprom-CNPC", to: 8) == "Gazprom…")
        #expect(DisplayWidth.truncate("中国石油天然气", to: 6) == "中国…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("中国石油天然气", to: 6)) == 5)
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
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 30 }, "\(lines)")
        #expect(lines[2].contains("…") && lines[3].hasPrefix("22  BOTAŞ"))
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
