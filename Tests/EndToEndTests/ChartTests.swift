import Foundation
import Testing
import TestSupport

/// Programs the picture tests drive. They run when installed, and always
/// under CI (where `make test` installs them first, so a missing one fails
/// loudly there); by hand without them the tests skip with a notice.
enum PictureTools {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }
    static var dot: String? { find("dot") }
    static var chromium: String? { find("chromium") ?? find("chromium-browser") }
    static let fixtures = SharedData.packageRoot + "/Tests/Fixtures/pictures"

    /// Python's XML parser's view of an SVG file (see inspect_svg.py).
    static func inspect(_ path: String) throws -> [String: Any] {
        let result = try ProcessRunner.run("/usr/bin/env", [ProcessRunner.python3, fixtures + "/inspect_svg.py", path])
        guard result.status == 0 else { throw QueryDatabase.Failure(message: "\(path): \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func count(_ summary: [String: Any], _ className: String) -> Int {
        (summary["classes"] as? [String: Int])?[className] ?? 0
    }

    static func texts(_ summary: [String: Any]) -> [String] { summary["texts"] as? [String] ?? [] }
}

/// The seed plus made-up records named in Cyrillic and Chinese.
func multilingualDatabase() throws -> QueryDatabase {
    let database = try QueryDatabase(.seed)
    let imported = try database.run(["import", PictureTools.fixtures + "/multilingual.yaml"])
    guard imported.status == 0 else { throw QueryDatabase.Failure(message: imported.stderr) }
    return database
}

@Suite struct ChartTests {
    /// Events dated 0000 and 9999-12-31 (the red team's): the grid steps
    /// by centuries, not by years, and the chart stays small.
    @Test func aTenThousandYearTimelineStaysSmall() throws {
        let database = try QueryDatabase(.seed)
        let document = database.directory.file("far.yaml")
        try """
            events:
              - {id: ev-zero, date: "0000", title: Zero, project: pos-2}
              - {id: ev-far, date: 9999-12-31, title: Far, project: pos-2}

            """.write(toFile: document, atomically: true, encoding: .utf8)
        #expect(try database.run(["import", document]).status == 0)
        let path = database.directory.file("far.svg")
        let result = try database.run(["chart", "timeline", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        let lines = svg.components(separatedBy: "<line").count - 1
        #expect(svg.utf8.count < 100_000 && lines < 200, "\(svg.utf8.count) bytes, \(lines) lines")
        #expect(svg.contains(">5000<") && svg.contains(">0<"), "the axis is labelled by the century")
    }

    @Test func timelineOfTheSeed() throws {
        let database = try QueryDatabase(.seed)
        let path = database.directory.file("timeline.svg")
        let result = try database.run(["chart", "timeline", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let summary = try PictureTools.inspect(path)
        let items = try database.records(["query", "timeline"])
        #expect(PictureTools.count(summary, "mark") == items.count)
        #expect(PictureTools.count(summary, "label") == items.count)
        #expect(PictureTools.count(summary, "lane") == 4)
        #expect((summary["viewBox"] as? String)?.hasPrefix("0 0 ") == true)
        #expect((summary["smallestFont"] as? Double ?? 0) >= 11)
        let texts = PictureTools.texts(summary)
        #expect(texts.contains("Power of Siberia 2 (pos-2): 10 items"))
        #expect(texts.contains("2027 Far Eastern route due to reach 12 bcm a year (planned)"))
        #expect(texts.contains { $0.hasPrefix("2025-09-02 Miller announces") })
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("viewBox="))
        #expect(svg.contains("class=\"mark planned span\"") && svg.contains("stroke-dasharray"))
    }

    @Test func timelineFiltersAndErrors() throws {
        let database = try QueryDatabase(.seed)
        let byParty = try database.run(["chart", "timeline", "--party", "Mongolia", "--party", "cnpc", "--since", "2019"])
        #expect(byParty.status == 0, "\(byParty.stderr)")
        let path = database.directory.file("parties.svg")
        try Data(byParty.stdoutData).write(to: URL(fileURLWithPath: path))
        let summary = try PictureTools.inspect(path)
        #expect(PictureTools.count(summary, "lane") == 2)
        #expect(PictureTools.texts(summary).contains("Government of Mongolia (gov-mn): 2 items"))

        let unknown = try database.run(["chart", "timeline", "--project", "pos-9", "-o", database.directory.file("x.svg")])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown project \"pos-9\""))
        #expect(!FileManager.default.fileExists(atPath: database.directory.file("x.svg")))
        let badDate = try database.run(["chart", "timeline", "--since", "2025-13"])
        #expect(badDate.status == 64 && badDate.stderr.contains("--since"))
    }

    @Test func flowsAgreeWithVolumesByDestination() throws {
        let database = try QueryDatabase(.seed)
        for asOf in [nil, "2020"] as [String?] {
            let path = database.directory.file("flows.svg")
            let result = try database.run(["chart", "flows", "-o", path] + (asOf.map { ["--as-of", $0] } ?? []))
            #expect(result.status == 0, "\(result.stderr)")
            let query = try database.records(["query", "volumes-by-destination"] + (asOf.map { ["-p", "as_of=\($0)"] } ?? []))
            let china = try #require(query.first { $0["destination"] == "CN" })
            // Totals and segments as drawn, read with Python's XML parser.
            let script = """
                import json, sys, xml.etree.ElementTree as ET
                ns = '{http://www.w3.org/2000/svg}'
                out = {}
                for g in ET.parse(sys.argv[1]).getroot().iter(ns + 'g'):
                    if g.get('class') == 'destination':
                        out[g.get('data-destination')] = [float(g.get('data-total')),
                            sum(float(r.get('data-value')) for r in g.iter(ns + 'rect') if 'segment' in (r.get('class') or '').split())]
                print(json.dumps(out))
                """
            let drawn = try ProcessRunner.python(script, arguments: [path])
            let totals = try JSONSerialization.jsonObject(with: Data(drawn.stdout.utf8)) as? [String: [Double]]
            #expect(totals?["CN"] == [Double(china["bcm_per_year"] ?? "")!, Double(china["bcm_per_year"] ?? "")!])
            #expect(totals?.count == query.count)
        }
        let path = database.directory.file("latest.svg")
        #expect(try database.run(["chart", "flows", "--destination", "CN", "-o", path]).status == 0)
        let texts = PictureTools.texts(try PictureTools.inspect(path))
        #expect(texts.contains("106 bcm/y") && texts.contains("50 bcm/y · construction") && texts.contains("44 bcm/y · operating"))
    }

    @Test func cyrillicAndChineseNamesStayIntact() throws {
        let database = try multilingualDatabase()
        let timeline = database.directory.file("t.svg"), flows = database.directory.file("f.svg")
        #expect(try database.run(["chart", "timeline", "--party", "vostok-test-gas", "--party", "华东测试能源公司 \"引号\"",
                                  "-o", timeline]).status == 0)
        let texts = PictureTools.texts(try PictureTools.inspect(timeline))
        #expect(texts.contains("ООО «Восток» \"Тест\" <газ> & Co (vostok-test-gas): 3 items"))
        #expect(texts.contains("华东测试能源公司 \"引号\" (huadong-test-energy): 2 items"))
        #expect(texts.contains("2024-03-15 Первый стык 第一道焊口 <welded>"))
        #expect(texts.contains("2026 Пуск газа 通气 & start (planned)"))
        #expect(try database.run(["chart", "flows", "-o", flows]).status == 0)
        let flowTexts = PictureTools.texts(try PictureTools.inspect(flows))
        #expect(flowTexts.contains("Тестовая линия 测试管线") && flowTexts.contains("7.5 bcm/y · construction"))
        #expect(flowTexts.contains("113.5 bcm/y"))
    }
}
