import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// Every output format, read back by an independent parser: Python's `csv`
/// and `json`, and the sqlite3 shell's own CSV for the same SELECT.
@Suite struct OutputFormatTests {
    // MARK: - Helpers

    /// What a writer printed for these rows, as bytes.
    private func renderData(
        _ format: OutputFormat, columns: [String], rows: [[SQLiteValue]],
        options: RowWriterOptions = RowWriterOptions()
    ) throws -> Data {
        try renderData(columns: columns, rows: rows) { RowWriters.make(format, sink: $0, options: options) }
    }

    private func renderData(
        columns: [String], rows: [[SQLiteValue]], writer make: (TextSink) -> RowWriter
    ) throws -> Data {
        let directory = try TemporaryDirectory()
        let path = directory.file("out")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        do {
            let writer = make(TextSink(handle: handle))
            try writer.begin(columns: columns)
            for row in rows { try writer.row(row) }
            try writer.end()
        }
        try handle.close()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    private func render(
        _ format: OutputFormat, columns: [String], rows: [[SQLiteValue]],
        options: RowWriterOptions = RowWriterOptions()
    ) throws -> String {
        String(decoding: try renderData(format, columns: columns, rows: rows, options: options), as: UTF8.self)
    }

    /// Python's csv module reading `text` (records as lists of strings).
    private func pythonCSV(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
        let script = """
            import csv, io, json, sys
            text = sys.stdin.buffer.read().decode('utf-8')
            print(json.dumps(list(csv.reader(io.StringIO(text, newline='')))))
            """
        let result = try ProcessRunner.python(script, stdin: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode([[String]].self, from: result.stdoutData)
    }

    /// The rows and column names a SELECT gives through SQLiteKit.
    private func select(_ sql: String) throws -> (columns: [String], rows: [[SQLiteValue]]) {
        let database = try Database(path: ":memory:", mode: .create)
        let statement = try database.makeStatement(sql: sql)
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.currentRow().values) }
        return (statement.columnNames, rows)
    }

    // MARK: - CSV

    private static let trickyColumns = ["id", "name", "note", "amount", "empty", "missing"]
    private static let trickyRows: [[SQLiteValue]] = [
        [1, "Газпром", "a, b", 38.0, "", nil],
        [2, "中国石油天然气集团", "say \"hi\"", 0.1, "", nil],
        [3, "line1\r\nline2", "x\ny", -2.5, "", nil],
        [4, " padded ", "tab\there", .integer(Int64.max), "", nil],
        [5, "\"", ",", 1e20, "", nil],
    ]

    @Test func csvReadsBackWithPython() throws {
        let text = try render(.csv, columns: Self.trickyColumns, rows: Self.trickyRows)
        let parsed = try pythonCSV(text)
        #expect(parsed == [
            ["id", "name", "note", "amount", "empty", "missing"],
            ["1", "Газпром", "a, b", "38.0", "", ""],
            ["2", "中国石油天然气集团", "say \"hi\"", "0.1", "", ""],
            ["3", "line1\r\nline2", "x\ny", "-2.5", "", ""],
            ["4", " padded ", "tab\there", "9223372036854775807", "", ""],
            ["5", "\"", ",", "1.0e+20", "", ""],
        ])
        // RFC 4180 line ends, quoting only where needed, and an empty
        // string ("") kept apart from NULL (nothing), as sqlite3 does.
        #expect(text.hasPrefix("id,name,note,amount,empty,missing\r\n1,Газпром,\"a, b\",38.0,\"\",\r\n"))
        #expect(text.contains("\r\n4,\" padded \",tab\there,9223372036854775807,\"\",\r\n"))
        #expect(text.contains("\r\n5,\"\"\"\",\",\",1.0e+20,\"\",\r\n"))
        #expect(text.hasSuffix("\r\n"))
    }

    @Test func csvMatchesTheSqlite3ShellForTheSameSelect() throws {
        let sql = """
            SELECT 1 AS id, 'Газпром' AS name, 'a,b' AS comma, 'say "hi"' AS quoted,
                   'x' || char(13, 10) || 'y' AS crlf, 'a' || char(10) || 'b' AS lf,
                   50.0 AS r1, 1e20 AS r2, 0.1 AS r3, -2.5 AS r4, 1e-7 AS r5, 1e15 AS r6,
                   9223372036854775807 AS big, -9223372036854775808 AS small,
                   NULL AS nul, '' AS empty, '中文 text' AS zh
            UNION ALL
            SELECT 2, 'Россия', ' lead', 'trail ', 'π', '', 123.456, 2.5e-300, 0.001, 1e14, 100.0, 7.0,
                   0, -1, NULL, 'NULL', '西气东输'
            """
        let shell = try ProcessRunner.sqlite3(":memory:", sql, options: ["-csv", "-header"])
        #expect(shell.status == 0, "\(shell.stderr)")
        let (columns, rows) = try select(sql)
        let ours = try render(.csv, columns: columns, rows: rows)
        #expect(try pythonCSV(ours) == pythonCSV(shell.stdout))
    }

    /// Numbers, NULL and the empty string print exactly as the shell prints
    /// them (the command-line `-csv` ends lines with LF, we with CRLF).
    @Test func csvNumbersAreTheShellsCharacterForCharacter() throws {
        let sql = """
            SELECT 1 AS i, -42 AS neg, 9223372036854775807 AS big, 50.0 AS r1, 1e20 AS r2,
                   0.1 AS r3, -2.5 AS r4, 1e-7 AS r5, 1e15 AS r6, 123.456 AS r7, 1.5e-5 AS r8,
                   2.0e300 AS r9, 0.0001 AS r10, 123456789012345.0 AS r11, NULL AS nul,
                   '' AS empty, 'plain' AS t
            """
        let shell = try ProcessRunner.sqlite3(":memory:", sql, options: ["-csv", "-header"])
        #expect(shell.status == 0, "\(shell.stderr)")
        let (columns, rows) = try select(sql)
        let ours = try render(.csv, columns: columns, rows: rows)
        #expect(ours.replacingOccurrences(of: "\r\n", with: "\n") == shell.stdout)
    }

    /// Reals the shell would round to 15 digits still read back exactly.
    @Test func realsReadBackAsTheSameDouble() {
        #expect(NumberText.cell(1.0 / 3) == "0.3333333333333333")
        #expect(NumberText.cell(0.1 + 0.2) == "0.30000000000000004")
        #expect(NumberText.cell(-0.0) == "-0.0")
        #expect(NumberText.cell(.leastNonzeroMagnitude) == "5.0e-324")
        #expect(NumberText.cell(.infinity) == "Inf")
        #expect(NumberText.cell(-.infinity) == "-Inf")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = NumberText.cell(value)
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(value) printed as \(text)")
        }
        for value in [1e15, 1e16, 123456789012345.6, 9007199254740993.0, 0.0001, 0.00001, 1e-5, 42.0] {
            #expect(Double(NumberText.cell(value)) == value)
        }
    }

    @Test func csvBlobIsLowercaseHexAndNullTextIsHonoured() throws {
        let text = try render(.csv, columns: ["b", "n", "t"],
                              rows: [[.blob(Data([0x00, 0xAB, 0x7F])), nil, "NULL"], [.blob(Data()), nil, ""]],
                              options: RowWriterOptions(nullText: "NULL"))
        // A text equal to the NULL text is quoted, so the two stay apart.
        #expect(text == "b,n,t\r\n00ab7f,NULL,\"NULL\"\r\n,NULL,\r\n")
    }

    @Test func csvWithBOMAndWithoutHeader() throws {
        let data = try renderData(.csv, columns: ["a", "b"], rows: [[1, "x"]],
                                  options: RowWriterOptions(header: false, bom: true))
        #expect(Array(data) == Array("\u{FEFF}1,x\r\n".utf8))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let header = try render(.csv, columns: ["a", "b"], rows: [], options: RowWriterOptions(bom: true))
        #expect(header == "\u{FEFF}a,b\r\n")
    }

    /// Cases in the spirit of csv-spectrum, kept in the project so that the
    /// writer is exercised even without ../shared.
    @Test func csvRoundTripsProjectFixture() throws {
        let records: [[String]] = [
            ["first", "last", "address", "city", "zip"],
            ["John", "Doe", "120 any st.", "Anytown, WW", "08123"],
            ["1", "", "", "", ""],
            ["ha \"ha\" ha", "ha \n\"ha\" \nha", "Once upon \r\na time", "ʤ", "{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}"],
            ["37°36'37.8\"N 121°2'17.9\"W", "Modesto", "Stanislaus", "\r", "trailing\n"],
        ]
        let text = try render(.csv, columns: records[0], rows: records.dropFirst().map { $0.map { .text($0) } })
        #expect(try pythonCSV(text) == records)
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found (csv-spectrum)"))
    func csvRoundTripsCSVSpectrum() throws {
        let root = try #require(SharedData.root) + "/test-data/csv-spectrum"
        // Expectations: each JSON file as [header, rows...]; the broken
        // location_coordinates case from its CSV, read leniently by Python.
        let load = """
            import csv, json, os, sys
            root = sys.argv[1]
            cases = {}
            for name in sorted(os.listdir(os.path.join(root, 'json'))):
                stem = name[:-5]
                if stem == 'location_coordinates':
                    with open(os.path.join(root, 'csvs', stem + '.csv'), newline='', encoding='utf-8') as f:
                        cases[stem] = list(csv.reader(f))
                    continue
                with open(os.path.join(root, 'json', name), encoding='utf-8') as f:
                    objects = json.load(f)
                cases[stem] = [list(objects[0].keys())] + [list(o.values()) for o in objects]
            print(json.dumps(cases))
            """
        let loaded = try ProcessRunner.python(load, arguments: [root])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let cases = try JSONDecoder().decode([String: [[String]]].self, from: loaded.stdoutData)
        #expect(cases.count >= 11, "csv-spectrum cases: \(cases.keys.sorted())")

        var written: [String: String] = [:]
        for (name, records) in cases {
            written[name] = try render(.csv, columns: records[0], rows: records.dropFirst().map { $0.map { .text($0) } })
        }
        let parse = """
            import csv, io, json, sys
            written = json.load(sys.stdin)
            print(json.dumps({name: list(csv.reader(io.StringIO(text, newline=''))) for name, text in written.items()}))
            """
        let parsed = try ProcessRunner.python(parse, stdin: try JSONEncoder().encode(written))
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let readBack = try JSONDecoder().decode([String: [[String]]].self, from: parsed.stdoutData)
        for (name, records) in cases.sorted(by: { $0.key < $1.key }) {
            #expect(readBack[name] == records, "csv-spectrum \(name)")
        }
        // The bare quote inside an unquoted field comes out quoted and doubled.
        // (The file's degree signs are U+FFFD upstream.)
        let location = try #require(written["location_coordinates"])
        #expect(location.contains(",\"37") && location.contains("37.8\"\"N 121") && location.contains("17.9\"\"W\","))
    }

    // MARK: - TSV

    @Test func tsvEscapesLikePostgresTextFormat() throws {
        let rows: [[SQLiteValue]] = [["x\ty", "back\\slash"], ["line1\nline2\r", nil], [1, 2.5], ["Газ 中", .blob(Data([1, 2]))]]
        let text = try render(.tsv, columns: ["a", "b\tc"], rows: rows)
        #expect(text == "a\tb\\tc\nx\\ty\tback\\\\slash\nline1\\nline2\\r\t\n1\t2.5\nГаз 中\t0102\n")
        // Unescaping each field gives the values back.
        let unescaped = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(Self.unescapeTSV)
        }
        #expect(unescaped == [["a", "b\tc"], ["x\ty", "back\\slash"], ["line1\nline2\r", ""], ["1", "2.5"], ["Газ 中", "0102"]])
    }

    private static func unescapeTSV(_ field: Substring) -> String {
        var result = ""
        var escaping = false
        for character in field {
            if escaping {
                switch character {
                case "t": result += "\t"
                case "n": result += "\n"
                case "r": result += "\r"
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    // MARK: - JSON

    /// What Python's json module reads: per object, [key, type, value]
    /// with numbers and None as their repr.
    private func pythonJSON(_ text: String, lines: Bool) throws -> [[[String]]] {
        let script = """
            import json, sys
            text = sys.stdin.buffer.read().decode('utf-8')
            if sys.argv[1] == 'lines':
                assert text == '' or text.endswith('\\n'), 'no final newline'
                data = [json.loads(line) for line in text.split('\\n')[:-1]]
            else:
                data = json.loads(text)
            def show(v):
                return v if isinstance(v, str) else repr(v)
            print(json.dumps([[[k, type(v).__name__, show(v)] for k, v in o.items()] for o in data]))
            """
        let result = try ProcessRunner.python(script, arguments: [lines ? "lines" : "array"], stdin: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([[[String]]].self, from: result.stdoutData)
    }

    private static let jsonColumns = ["id", "id", "id_2", "big", "small", "third", "whole", "huge", "neg0", "inf",
                                      "nothing", "text", "blob"]
    private static let jsonRows: [[SQLiteValue]] = [
        [1, 2, 3, .integer(Int64.max), .integer(Int64.min), .real(1.0 / 3), 50.0, 1e20, .real(-0.0), .real(1e308),
         nil, "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{0} Газ 中文 😀", .blob(Data([0, 1, 2, 255]))],
        [4, 5, 6, 0, -1, 0.1, 1e-7, .real(.leastNonzeroMagnitude), 2.5, .real(-1e308), nil, "", .blob(Data())],
    ]
    private static let jsonExpected: [[[String]]] = [
        [["id", "int", "1"], ["id_2", "int", "2"], ["id_2_2", "int", "3"],
         ["big", "int", "9223372036854775807"], ["small", "int", "-9223372036854775808"],
         ["third", "float", "0.3333333333333333"], ["whole", "float", "50.0"], ["huge", "float", "1e+20"],
         ["neg0", "float", "-0.0"], ["inf", "float", "1e+308"], ["nothing", "NoneType", "None"],
         ["text", "str", "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{0} Газ 中文 😀"],
         ["blob", "str", "AAEC/w=="]],
        [["id", "int", "4"], ["id_2", "int", "5"], ["id_2_2", "int", "6"], ["big", "int", "0"], ["small", "int", "-1"],
         ["third", "float", "0.1"], ["whole", "float", "1e-07"], ["huge", "float", "5e-324"], ["neg0", "float", "2.5"],
         ["inf", "float", "-1e+308"], ["nothing", "NoneType", "None"], ["text", "str", ""], ["blob", "str", ""]],
    ]

    @Test func jsonReadsBackWithPython() throws {
        let text = try render(.json, columns: Self.jsonColumns, rows: Self.jsonRows)
        #expect(try pythonJSON(text, lines: false) == Self.jsonExpected)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)   // [, two objects, ], and the final newline
        #expect(lines.first == "[" && lines[3] == "]" && lines[4] == "")
        #expect(lines[1].hasPrefix("{\"id\": 1, \"id_2\": 2, \"id_2_2\": 3, ") && lines[1].hasSuffix("},"))
        #expect(text.contains("\\u0007") && text.contains("\\u0000") && text.contains("\\n"))
    }

    @Test func ndjsonReadsBackLineByLine() throws {
        let text = try render(.ndjson, columns: Self.jsonColumns, rows: Self.jsonRows)
        #expect(try pythonJSON(text, lines: true) == Self.jsonExpected)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.hasSuffix("}\n"))
    }

    /// JSON has no Infinity or NaN: a non-finite real is an error naming
    /// its row and column, never a silent null (issue 15).
    @Test(arguments: [OutputFormat.json, .ndjson])
    func jsonRefusesNonFiniteNumbers(_ format: OutputFormat) throws {
        for (value, text) in [(Double.infinity, "Inf"), (-.infinity, "-Inf"), (.nan, "NaN")] {
            let error = #expect(throws: DealError.self) {
                _ = try render(format, columns: ["id", "v"], rows: [[1, .real(1)], [2, .real(value)]])
            }
            #expect(error?.message.hasPrefix("row 2, column \"v\": \(text) cannot be written as JSON") == true,
                    "\(String(describing: error))")
        }
    }

    @Test func jsonKeysStayUnique() {
        #expect(JSONRowWriter.uniqueKeys(["a", "a", "a", "b"]) == ["a", "a_2", "a_3", "b"])
        #expect(JSONRowWriter.uniqueKeys(["a_2", "a", "a"]) == ["a_2", "a", "a_3"])
    }

    // MARK: - Empty results and options

    @Test func headerOnlyWhenThereAreNoRows() throws {
        let columns = ["id", "name"]
        #expect(try render(.csv, columns: columns, rows: []) == "id,name\r\n")
        #expect(try render(.tsv, columns: columns, rows: []) == "id\tname\n")
        #expect(try render(.table, columns: columns, rows: []) == "id  name\n--  ----\n")
        #expect(try render(.markdown, columns: columns, rows: []) == "| id  | name |\n| --- | ---- |\n")
        #expect(try render(.json, columns: columns, rows: []) == "[]\n")
        #expect(try render(.ndjson, columns: columns, rows: []) == "")
    }

    @Test func noHeaderLeavesOnlyRows() throws {
        let options = RowWriterOptions(header: false)
        let rows: [[SQLiteValue]] = [[1, "a"], [22, "bb"]]
        #expect(try render(.csv, columns: ["id", "name"], rows: rows, options: options) == "1,a\r\n22,bb\r\n")
        #expect(try render(.tsv, columns: ["id", "name"], rows: rows, options: options) == "1\ta\n22\tbb\n")
        #expect(try render(.table, columns: ["id", "name"], rows: rows, options: options) == " 1  a\n22  bb\n")
        #expect(try render(.markdown, columns: ["id", "name"], rows: rows, options: options)
                    == "|   1 | a   |\n|  22 | bb  |\n")
    }

    @Test func aRowOfTheWrongLengthIsRefused() throws {
        for format in OutputFormat.allCases {
            #expect(throws: DealError.self, "\(format)") {
                _ = try render(format, columns: ["a", "b"], rows: [[1]])
            }
        }
    }

    @Test func automaticFormatAndNames() {
        #expect(OutputFormat.automatic(isTerminal: true) == .table)
        #expect(OutputFormat.automatic(isTerminal: false) == .csv)
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "csv", "tsv", "json", "ndjson", "markdown", "geojson"])
    }

    // MARK: - Table

    @Test func tableAlignsNumbersRightAndTextLeft() throws {
        let text = try render(.table, columns: ["id", "signed", "kind", "bcm"],
                              rows: [[1, "2014-05-21", "pipeline", 38.0], [12, nil, "lng", 5.5], [3, "2019", "x\ny\tz", nil]])
        #expect(text == """
            id  signed      kind       bcm
            --  ----------  --------  ----
             1  2014-05-21  pipeline  38.0
            12              lng        5.5
             3  2019        x↵y z

            """)
        let null = try render(.table, columns: ["a", "b"], rows: [[nil, "\u{1B}[31m"]], options: RowWriterOptions(nullText: "NULL"))
        #expect(null == "a     b\n----  -----\nNULL  ␛[31m\n")
    }

    /// Columns line up by display width, checked by Python with its own
    /// Unicode table: the gaps under the `--` rule's spaces are blank on
    /// every line, text starts at its column's first cell and numbers end
    /// at its last.
    @Test func tableAlignsMixedScripts() throws {
        let rows: [[SQLiteValue]] = [
            [1, "Газпром", "Россия", 38.0, "Power of Siberia"],
            [2, "中国石油天然气集团公司", "中国", 61.0, "西气东输"],
            [3, "Shell", "UK", 5.5, "LNG Canada"],
            [4, "Cafe\u{301} Total", "France", 1234.5, "e\u{301}"],
            [123, "한국가스공사", "대한민국", 0.25, "ｌｎｇ fullwidth"],
        ]
        let text = try render(.table, columns: ["id", "party", "country", "capacity", "note"], rows: rows)
        let script = """
            import json, sys, unicodedata
            def width(ch):
                if unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
                    return 0
                return 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
            def cells(line):
                out = []
                for ch in line:
                    n = width(ch)
                    if n == 0:
                        continue
                    out.append(ch)
                    if n == 2:
                        out.append('')
                return out
            align = sys.argv[1]
            lines = sys.stdin.buffer.read().decode('utf-8').split('\\n')
            assert lines[-1] == '', 'no final newline'
            lines = lines[:-1]
            rule = lines[1]
            spans, i = [], 0
            while i < len(rule):
                if rule[i] == '-':
                    j = i
                    while j < len(rule) and rule[j] == '-':
                        j += 1
                    spans.append((i, j))
                    i = j
                else:
                    i += 1
            problems = []
            assert len(spans) == len(align), spans
            for n, line in enumerate(lines):
                c = cells(line)
                if line != line.rstrip(' '):
                    problems.append('trailing space: %r' % line)
                if len(c) > spans[-1][1]:
                    problems.append('too wide: %r' % line)
                for (a, b), (a2, b2) in zip(spans, spans[1:]):
                    if any(k < len(c) and c[k] != ' ' for k in range(b, a2)):
                        problems.append('gap not blank: %r' % line)
                for (a, b), side in zip(spans, align):
                    k = a if side == 'L' else b - 1
                    if k >= len(c) or c[k] in (' ', ''):
                        problems.append('column %d..%d not aligned %s: %r' % (a, b, side, line))
            print(json.dumps(problems))
            """
        let result = try ProcessRunner.python(script, arguments: ["RLLRL"], stdin: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let problems = try JSONDecoder().decode([String].self, from: result.stdoutData)
        #expect(problems.isEmpty, "\(problems)\n\(text)")
        #expect(text.split(separator: "\n").count == 7)
    }

    /// The table holds only the first 1000 rows to size its columns, then
    /// streams: later, wider rows overflow instead of widening the table, and
    /// most of the output is on disk before `end()`.
    @Test func tableStreamsAfterTheFirstThousandRows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("table.txt")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let writer = RowWriters.make(.table, sink: TextSink(handle: handle))
        try writer.begin(columns: ["n", "name"])
        for number in 0..<5000 {
            let name = number < 1000 ? "short" : "a much longer name than any before it, row \(number)"
            try writer.row([.integer(Int64(number)), .text(name)])
        }
        let writtenBeforeEnd = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        try writer.end()
        try handle.close()
        #expect(writtenBeforeEnd > 100_000)

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5003)     // header, rule, 5000 rows, final newline
        #expect(lines[0] == "  n  name")
        #expect(lines[1] == "---  -----")
        #expect(lines[2] == "  0  short")
        #expect(lines[1001] == "999  short")
        #expect(lines[1002] == "1000  a much longer name than any before it, row 1000")
        #expect(lines[5001] == "4999  a much longer name than any before it, row 4999")
        #expect(lines[5002] == "")
    }

    // MARK: - Markdown

    @Test func markdownTableEscapesAndAligns() throws {
        let text = try render(.markdown, columns: ["id", "name", "note"],
                              rows: [[1, "Газпром", "a|b"], [22, "中国", "x\ny"], [3, nil, ""]])
        #expect(text == """
            |  id | name    | note   |
            | --: | ------- | ------ |
            |   1 | Газпром | a\\|b   |
            |  22 | 中国    | x<br>y |
            |   3 |         |        |

            """)
    }

    @Test func markdownStreamsAfterItsBuffer() throws {
        let rows: [[SQLiteValue]] = [[1, "a"], [2, "b"], [3, "c"], [4444, "a longer one"]]
        let data = try renderData(columns: ["n", "s"], rows: rows) {
            RowWriter(AlignedRowWriter(MarkdownFormat(sink: $0, options: RowWriterOptions()), bufferLimit: 3))
        }
        #expect(String(decoding: data, as: UTF8.self) == """
            |   n | s   |
            | --: | --- |
            |   1 | a   |
            |   2 | b   |
            |   3 | c   |
            | 4444 | a longer one |

            """)
    }

    // MARK: - Sink

    @Test func sinkFlushesPastItsBufferAndOnFlush() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("sink.txt")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let sink = TextSink(handle: handle)
        func size() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1 }
        sink.write("Газпром\n")
        #expect(try size() == 0)
        sink.write(String(repeating: "x", count: 70_000))
        #expect(try size() == 70_000 + "Газпром\n".utf8.count)
        sink.write("tail")
        sink.flush()
        #expect(try size() == 70_004 + "Газпром\n".utf8.count)
        try handle.close()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFailedWriteIsThrownAtTheEnd() throws {
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let writer = RowWriters.make(.csv, sink: TextSink(handle: handle))
        try writer.begin(columns: ["a"])
        try writer.row(["x"])
        let error = #expect(throws: DealError.self) { try writer.end() }
        #expect(error?.message.hasPrefix("cannot write output:") == true)
    }
}
