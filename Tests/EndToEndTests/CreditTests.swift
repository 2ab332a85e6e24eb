import Foundation
import Testing
import TestSupport

/// GEM's data is CC BY 4.0: wherever it shows, Global Energy Monitor is
/// credited with its release and licence, and so is every other source
/// whose records are shown. Checked in what the real binary writes.
@Suite struct CreditTests {
    static let gemCredit = "Global Energy Monitor, Global Gas Infrastructure Tracker - map file, 2024-10-06 release (CC BY 4.0)"
    static let articleCredit = "Power of Siberia 2 and the 2025 SCO summit (analysis article), 2025"

    /// The seed, and GEM's small fixture under the name of a dated release.
    private func seedAndGEM() throws -> QueryDatabase {
        let database = try QueryDatabase(.seed)
        let release = database.directory.file("ggit-map-2024-10-06.csv")
        try FileManager.default.copyItem(atPath: SharedData.packageRoot + "/Tests/Fixtures/gem/map-small.csv", toPath: release)
        let imported = try database.run(["import", "--from", "gem", release])
        #expect(imported.status == 0, "\(imported.stderr)")
        return database
    }

    /// The visible text lines of an SVG with the class `credit`, read by Python.
    private func creditLines(_ svgPath: String) throws -> String {
        let script = """
            import sys, xml.etree.ElementTree as ET
            ns = '{http://www.w3.org/2000/svg}'
            texts = [''.join(t.itertext()) for t in ET.parse(sys.argv[1]).iter(ns + 'text') if 'credit' in t.get('class', '')]
            print(' '.join(texts))
            """
        let result = try ProcessRunner.python(script, arguments: [svgPath])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func timelineCreditsGEMAndTheArticleInsideThePicture() throws {
        let database = try seedAndGEM()
        let svg = database.directory.file("timeline.svg")
        let drawn = try database.run(["chart", "timeline", "--all", "-o", svg])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let credits = try creditLines(svg)
        #expect(credits.contains(Self.articleCredit), "\(credits)")
        #expect(credits.contains("Global Energy Monitor"), "\(credits)")
        #expect(credits.contains("(CC BY 4.0)"), "\(credits)")
    }

    /// A chart of some projects credits their sources, not every source.
    @Test func timelineOfOneProjectCreditsItsOwnSources() throws {
        let database = try QueryDatabase(.seed)
        let fixture = SharedData.packageRoot + "/Tests/Fixtures/queries/route-order.yaml"
        #expect(try database.run(["import", fixture]).status == 0)
        let svg = database.directory.file("timeline.svg")
        #expect(try database.run(["chart", "timeline", "--project", "baltic-test", "-o", svg]).status == 0)
        let credits = try creditLines(svg)
        #expect(credits.contains("Test Monitor, Test Tracker - pipelines, 2024-10 release (CC BY 4.0)"), "\(credits)")
        #expect(!credits.contains("Power of Siberia"), "\(credits)")

        #expect(try database.run(["chart", "timeline", "--project", "pos-2", "-o", svg]).status == 0)
        let pos2 = try creditLines(svg)
        #expect(pos2.contains(Self.articleCredit), "\(pos2)")
        #expect(!pos2.contains("Test Monitor"), "\(pos2)")
    }

    /// A pipeline given as several rows is one entity: its parts' sources are credited with it.
    @Test func anEntityCreditsTheSourcesOfItsParts() throws {
        let database = try QueryDatabase(.empty)
        #expect(try database.run(["import", SharedData.packageRoot + "/Tests/Fixtures/queries/route-order.yaml"]).status == 0)
        let document = database.directory.file("part.yaml")
        try """
            sources:
              - {id: section-survey, title: "Section survey", kind: dataset, publisher: "Survey Org",
                 note: "licensed under ODbL (https://opendatacommons.org/licenses/odbl/)"}
            projects:
              - id: alpha-test-section
                name: alpha Test Line, northern section
                kind: pipeline
                part: {of: alpha-test, as: section, counted: no, reason: "a section of the whole line"}
                sources: [section-survey]
            events:
              - {id: alpha-section-start, date: "2030", date_kind: planned, title: Northern section due,
                 project: alpha-test, sources: [test-notes]}
            """.write(toFile: document, atomically: true, encoding: .utf8)
        let imported = try database.run(["import", document])
        #expect(imported.status == 0, "\(imported.stderr)")
        let svg = database.directory.file("timeline.svg")
        #expect(try database.run(["chart", "timeline", "--project", "alpha-test", "-o", svg]).status == 0)
        let credits = try creditLines(svg)
        #expect(credits.contains("Survey Org, Section survey (ODbL)"), "\(credits)")
        #expect(credits.contains("Route test notes (made up)"), "\(credits)")
        #expect(!credits.contains("Test Monitor"), "\(credits)")
    }

    @Test func reportCreditsNearTheTopAndInTheFooter() throws {
        let database = try seedAndGEM()
        let html = database.directory.file("report.html")
        let made = try database.run(["report", "-o", html])
        #expect(made.status == 0, "\(made.stderr)")
        let script = """
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def __init__(self):
                    super().__init__(); self.where = []; self.credit = None; self.found = []
                def handle_starttag(self, tag, attrs):
                    self.where.append(tag)
                    if tag == 'p' and ('class', 'credits') in attrs: self.credit = ''
                def handle_endtag(self, tag):
                    if tag == 'p' and self.credit is not None:
                        self.found.append((self.where[-2] if len(self.where) > 1 else '', self.credit)); self.credit = None
                    self.where.pop()
                def handle_data(self, data):
                    if self.credit is not None: self.credit += data
            p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
            for where, text in p.found: print(where + '\\t' + text)
            """
        let parsed = try ProcessRunner.python(script, arguments: [html])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        #expect(lines.map { $0.first ?? "" } == ["header", "footer"], "\(parsed.stdout)")
        for line in lines {
            let text = line.last ?? ""
            #expect(text.hasPrefix("Sources and licences: "), "\(text)")
            #expect(text.contains(Self.gemCredit), "\(text)")
            #expect(text.contains(Self.articleCredit), "\(text)")
        }
        // The timeline inside the report carries it too.
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("class=\"credit\""))
    }

    /// Real Datasette shows the credit on its home page, and each canned query says it.
    @Test(.enabled(if: DatasetteTests.datasette != nil, "skipping: Datasette is not installed in .build/venv (make test installs it)"))
    func datasetteHomePageAndCannedQueriesCredit() throws {
        let database = try seedAndGEM()
        let metadata = database.directory.file("metadata.yml")
        let made = try database.run(["datasette", "-o", metadata])
        #expect(made.status == 0, "\(made.stderr)")
        let home = try ProcessRunner.run(try #require(DatasetteTests.datasette), [database.path, "-m", metadata, "--get", "/"])
        #expect(home.status == 0, "\(home.stderr)")
        let text = home.stdout.replacingOccurrences(of: "&amp;", with: "&")
        #expect(text.contains(Self.gemCredit), "\(home.stdout.prefix(3000))")
        #expect(text.contains("CC BY 4.0 for Global Energy Monitor&#39;s data; the other sources state none")
                    || text.contains("CC BY 4.0 for Global Energy Monitor's data; the other sources state none"),
                "\(home.stdout.prefix(3000))")
        #expect(text.contains("creativecommons.org/licenses/by/4.0/"))

        let query = try ProcessRunner.run(try #require(DatasetteTests.datasette),
                                          [database.path, "-m", metadata, "--get", "/deals/timeline"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("Sources: Global Energy Monitor"), "\(query.stdout.prefix(3000))")
        let yaml = try String(contentsOfFile: metadata, encoding: .utf8)
        let parsed = try ProcessRunner.python("""
            import sys, yaml
            meta = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
            queries = meta['databases']['deals']['queries']
            print(sum(1 for q in queries.values() if 'Global Energy Monitor' in q['description']), len(queries))
            """, arguments: [metadata])
        let counts = parsed.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(counts.count == 2 && counts[0] == counts[1] && counts[0] != "0", "\(parsed.stdout) \(parsed.stderr)")
        #expect(yaml.contains("source_url: https://globalenergymonitor.org/"))
    }

    /// The real map file, when ../shared has it: the exact line the licence asks for.
    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found, so GEM's map file is not read"))
    func realMapFileTimeline() throws {
        let database = try QueryDatabase.withGEMMap(.empty).database
        let svg = database.directory.file("timeline.svg")
        #expect(try database.run(["chart", "timeline", "-o", svg]).status == 0)
        #expect(try creditLines(svg).contains(Self.gemCredit))
    }
}
