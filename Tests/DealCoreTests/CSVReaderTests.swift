import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The streaming CSV reader: the csv-spectrum acid test, our own edge cases,
/// and errors that name file and line.
@Suite struct CSVReaderTests {
    static let spectrum = SharedData.root.map { $0 + "/test-data/csv-spectrum" }

    private func records(_ text: String, chunkSize: Int? = nil) throws -> [CSVRecord] {
        let reader: CSVReader
        if let chunkSize {
            // A tiny chunk size crosses every construct over a chunk boundary.
            let directory = try TemporaryDirectory()
            let path = directory.file("in.csv")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            reader = try CSVReader(path: path, chunkSize: chunkSize)
            var all: [CSVRecord] = []
            while let record = try reader.next() { all.append(record) }
            return all
        }
        reader = CSVReader(data: Data(text.utf8), name: "t.csv")
        var all: [CSVRecord] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    private func rows(_ text: String) throws -> [[String]] { try records(text).map(\.fields) }

    private func failure(_ data: Data) -> String? {
        let reader = CSVReader(data: data, name: "t.csv")
        do {
            while try reader.next() != nil {}
            return nil
        } catch let error as DealError {
            #expect(error.kind == .invalidData)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func csvSpectrumFilesReadAsTheirJSON() throws {
        let root = try #require(Self.spectrum)
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/csvs").filter { $0.hasSuffix(".csv") }
        #expect(names.count == 12)
        for name in names.sorted() where name != "location_coordinates.csv" {
            let records = try CSVReader.readAll(path: root + "/csvs/" + name)
            let header = records.first?.fields ?? []
            let parsed = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
            let jsonData = try Data(contentsOf: URL(fileURLWithPath: root + "/json/" + name.replacingOccurrences(of: ".csv", with: ".json")))
            let expected = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [[String: String]], "\(name)")
            #expect(parsed == expected, "\(name)")
        }
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func bareQuoteInLocationCoordinatesIsRejectedOnLineTwo() throws {
        let root = try #require(Self.spectrum)
        #expect(throws: DealError.self) { try CSVReader.readAll(path: root + "/csvs/location_coordinates.csv") }
        do {
            _ = try CSVReader.readAll(path: root + "/csvs/location_coordinates.csv")
        } catch let error as DealError {
            #expect(error.message.hasPrefix(root + "/csvs/location_coordinates.csv:2: a quote inside an unquoted field"))
        }
    }

    /// Every csv-spectrum file (and our own tricky rows) through our writer
    /// and back through our reader, and through Python's csv module.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found"))
    func csvSpectrumRoundTripsThroughTheWriter() throws {
        let root = try #require(Self.spectrum)
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/csvs").sorted()
            .filter { $0.hasSuffix(".csv") && $0 != "location_coordinates.csv" }
        // csv-spectrum has 12 files; location_coordinates is checked apart.
        #expect(names.count == 11, "\(names)")
        var rowsChecked = 0
        for name in names {
            let original = try CSVReader.readAll(path: root + "/csvs/" + name).map(\.fields)
            #expect(!original.isEmpty, "\(name) read as no rows")
            let written = try write(original)
            #expect(try rows(written) == original, "\(name)")
            #expect(try Parsers.csv(written) == original, "\(name)")
            rowsChecked += original.count
        }
        // Python's csv module reads 31 rows from these 11 files.
        #expect(rowsChecked == 31)
    }

    @Test func ownRowsRoundTripThroughTheWriter() throws {
        let original = [["a", "b,c", "say \"hi\"", "line\nbreak", "crlf\r\ninside", " padded ", "Türkiye ✓"]]
        let written = try write(original)
        #expect(try rows(written) == original)
        #expect(try Parsers.csv(written) == original)
    }

    private func write(_ rows: [[String]]) throws -> String {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.csv")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        do {
            let writer = RowWriters.make(.csv, sink: TextSink(handle: handle), options: RowWriterOptions(header: false))
            try writer.begin(columns: rows.first.map { (0..<$0.count).map { "c\($0)" } } ?? [])
            for row in rows { try writer.row(row.map { .text($0) }) }
            try writer.end()
        }
        try handle.close()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func quotedFieldsLineEndsBOMAndMissingFinalNewline() throws {
        let text = "\u{FEFF}id,text\r\n1,\"a, b\"\r\n2,\"two\r\nlines\"\r\n3,\"cr\ronly\"\n4,\"q \"\"x\"\"\"\r5,last"
        for chunk in [nil, 1, 3] {
            let all = try records(text, chunkSize: chunk)
            #expect(all.map(\.fields) == [["id", "text"], ["1", "a, b"], ["2", "two\r\nlines"], ["3", "cr\ronly"],
                                          ["4", "q \"x\""], ["5", "last"]], "chunk \(String(describing: chunk))")
            #expect(all.map(\.line) == [1, 2, 3, 5, 7, 8], "chunk \(String(describing: chunk))")
        }
    }

    @Test func quotedEmptyIsToldApartFromBareEmpty() throws {
        let all = try records("a,b,c\n,\"\",x\n")
        #expect(all[1].fields == ["", "", "x"])
        #expect(all[1].quoted == [false, true, false])
    }

    @Test func blankLinesAreSkippedAndCountedInLineNumbers() throws {
        let all = try records("a\n\n\r\nb\n")
        #expect(all.map(\.fields) == [["a"], ["b"]])
        #expect(all.map(\.line) == [1, 4])
    }

    @Test func errorsNameFileAndLine() {
        #expect(failure(Data("a,b\n1,\"open\n2,3\n".utf8))
            == "t.csv:2: a quoted field is never closed (the quote opens on this line)")
        #expect(failure(Data("a,b\n1,x\"y\n".utf8))?.hasPrefix("t.csv:2: a quote inside an unquoted field") == true)
        #expect(failure(Data("a,b\n\"x\"y,1\n".utf8))?.hasPrefix("t.csv:2: text after a closing quote") == true)
        #expect(failure(Data([0x61, 0x0A, 0x62, 0x00, 0x0A])) == "t.csv:2: a NUL byte; this is not a text file")
        #expect(failure(Data([0x61, 0x0A, 0x0A, 0x62, 0xFF, 0x0A]))
            == "t.csv:3: bytes that are not UTF-8; save the file as UTF-8")
    }

    @Test func missingFileIsUnreadableInput() {
        do {
            _ = try CSVReader(path: "/nonexistent/x.csv")
            Issue.record("expected an error")
        } catch let error as DealError {
            #expect(error.kind == .unreadableInput)
        } catch {
            Issue.record("\(error)")
        }
    }
}
