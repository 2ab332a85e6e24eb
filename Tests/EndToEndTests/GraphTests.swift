import Foundation
import Testing
import TestSupport

@Suite struct GraphTests {
    @Test(.enabled(if: PictureTools.dot != nil || PictureTools.inCI,
                   "skipping: Graphviz `dot` not installed (apt-get install graphviz)"))
    func dotAcceptsTheOutputAndSVGComesThroughIt() throws {
        let database = try multilingualDatabase()
        let dotPath = database.directory.file("parties.dot")
        let result = try database.run(["graph", "--format", "dot", "-o", dotPath])
        #expect(result.status == 0, "\(result.stderr)")
        let dot = try #require(PictureTools.dot, "Graphviz `dot` is not on PATH")
        let checked = try ProcessRunner.run(dot, ["-Tsvg", dotPath])
        #expect(checked.status == 0 && checked.stderr.isEmpty, "\(checked.stderr)")

        let svgPath = database.directory.file("parties.svg")
        #expect(try database.run(["graph", "--format", "svg", "-o", svgPath]).status == 0)
        let summary = try PictureTools.inspect(svgPath)
        #expect(PictureTools.count(summary, "node") == 12 && PictureTools.count(summary, "edge") == 10)
        let texts = PictureTools.texts(summary)
        #expect(texts.contains("ООО «Восток» \"Тест\" <газ> & Co") && texts.contains("华东测试能源公司 \"引号\""))
        #expect(texts.contains("memorandum 2025") && texts.filter { $0.hasPrefix("transit (") }.count == 2)
    }

    /// A party named with terminal escapes (ESC, OSC) prints them visibly
    /// in DOT and Mermaid: the graph goes to terminals too.
    @Test func escapesInNamesDoNotReachTheTerminal() throws {
        let database = try QueryDatabase(.seed)
        let made = try ProcessRunner.sqlite3(database.path,
            "UPDATE parties SET name = 'Gaz' || char(27) || '[31m' || char(27) || ']0;owned' || char(7) || 'prom' WHERE id = 'gazprom'")
        #expect(made.status == 0, "\(made.stderr)")
        for format in ["dot", "mermaid"] {
            let result = try database.run(["graph", "--party", "gazprom", "--format", format])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format)")
            #expect(result.stdout.contains("Gaz␛[31m"), "\(format): \(result.stdout.prefix(400))")
        }
    }

    @Test func mermaidNeighbourhood() throws {
        let database = try QueryDatabase(.seed)
        let result = try database.run(["graph", "--party", "Mongolia", "--depth", "2", "--format", "mermaid"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        #expect(lines.contains("  p_gov_mn{{\"Government of Mongolia<br/>government · MN\"}}"))
        #expect(lines.contains("  p_gazprom[\"Gazprom<br/>state company · RU\"]"))
        #expect(lines.contains("  p_gazprom -.->|\"memorandum 2025<br/>transit (shipper → transit)\"| p_gov_mn"))
        #expect(lines.contains("  p_gazprom -->|\"supply contract 2014\"| p_cnpc"))
        #expect(lines.filter { $0.contains("-->") || $0.contains("-.->") }.count == 4)
        #expect(!result.stdout.contains("p_gov_cn"))
    }

    @Test func svgWithoutGraphvizAndBadArguments() throws {
        let database = try QueryDatabase(.seed)
        let path = database.directory.file("g.svg")
        let missing = try database.run(["graph", "--format", "svg", "-o", path], environment: ["PATH": "/nonexistent"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("graphviz") && missing.stderr.contains("--format dot"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try database.run(["graph", "--format", "png"]).status == 64)
        #expect(try database.run(["graph", "--format", "dot", "--depth", "-1", "--party", "gazprom"]).status == 64)
    }
}
