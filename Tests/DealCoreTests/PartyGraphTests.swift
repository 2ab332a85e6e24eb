import Foundation
import Testing
import TestSupport
@testable import DealCore

/// Graphviz's `dot`: tests that need it run when it is installed or under CI
/// (where `make test` installs it first, so a missing one fails loudly).
enum Graphviz {
    static var path: String? { PartyGraph.findExecutable("dot", environment: ProcessInfo.processInfo.environment) }
    static var required: Bool { path != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }
}

@Suite struct PartyGraphTests {
    @Test func seedNetwork() throws {
        let fixture = try PictureFixture()
        let graph = try PartyGraph.load(from: fixture.store)
        #expect(graph.nodes.count == 9)
        // The article gives no roles for the 20 cooperation documents and none
        // to Russia in the SCO bank, so those two edges are gone (issue 12).
        #expect(graph.edges.count == 8)
        let transit = graph.edges.filter(\.isTransit)
        #expect(transit.map { [$0.from, $0.to, $0.label] } == [["gazprom", "gov-mn", "memorandum 2025"]])
        #expect(graph.edges.contains { $0.from == "gazprom" && $0.to == "cnpc" && $0.label == "supply contract 2014" })
    }

    @Test func neighbourhoodByDepth() throws {
        let fixture = try PictureFixture()
        let zero = try PartyGraph.load(from: fixture.store, party: "Mongolia", depth: 0)
        #expect(zero.nodes.map(\.id) == ["gov-mn"] && zero.edges.isEmpty)
        let one = try PartyGraph.load(from: fixture.store, party: "Mongolia", depth: 1)
        #expect(one.nodes.map(\.id) == ["gazprom", "gov-mn"] && one.edges.count == 1)
        let two = try PartyGraph.load(from: fixture.store, party: "gov-mn", depth: 2)
        #expect(two.nodes.map(\.id) == ["cnpc", "gazprom", "gov-mn"] && two.edges.count == 4)
        #expect(throws: DealError.self) { try PartyGraph.load(from: fixture.store, party: "Gazprum") }
    }

    @Test func dotAndMermaidEscapeQuotesAndKeepScripts() {
        let graph = PartyGraph(
            nodes: [.init(id: "a-1", name: "ООО «Восток» \"Тест\" \\N", kind: "company", country: "RU"),
                    .init(id: "b", name: "华东 <公司> & #1 | x", kind: "government", country: nil)],
            edges: [.init(from: "a-1", to: "b", agreement: "x", title: "Договор \"1\"", kind: "transit_agreement",
                          signed: "2024-03", fromRole: "shipper", toRole: "transit")])
        let dot = graph.dot()
        #expect(dot.contains(#""a-1" [label="ООО «Восток» \"Тест\" \\N\ncompany · RU", shape=box"#))
        #expect(dot.contains(#"label="transit agreement 2024\ntransit (shipper → transit)""#))
        #expect(dot.contains("style=\"dashed,bold\""))
        let mermaid = graph.mermaid()
        #expect(mermaid.contains(#"p_a_1("ООО «Восток» #quot;Тест#quot; \N<br/>company · RU")"#))
        #expect(mermaid.contains(#"p_b{{"华东 #lt;公司#gt; #amp; #35;1 #124; x<br/>government"}}"#))
        #expect(mermaid.contains("p_a_1 -.->|\"transit agreement 2024<br/>transit (shipper → transit)\"| p_b"))
        #expect(mermaid.contains("linkStyle 0 "))
    }

    @Test(.enabled(if: Graphviz.required, "skipping: Graphviz `dot` not installed (apt-get install graphviz)"))
    func dotAcceptsTheSeedGraph() throws {
        let fixture = try PictureFixture()
        let graph = try PartyGraph.load(from: fixture.store)
        let path = fixture.directory.file("parties.dot")
        try Data(graph.dot().utf8).write(to: URL(fileURLWithPath: path))
        let result = try ProcessRunner.run(try #require(Graphviz.path, "Graphviz `dot` is not on PATH"), ["-Tsvg", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "dot warned: \(result.stderr)")
        let summary = try fixture.inspect(try graph.svg())
        #expect(summary.count("node") == 9 && summary.count("edge") == 8, "the seed graph has 8 edges since issue 12 dropped two unsupported roles")
        #expect(summary.texts.contains("Gazprom") && summary.texts.contains("transit (shipper → transit)"))
        #expect((summary.smallestFont ?? 0) >= 11)
    }

    @Test func svgWithoutGraphvizSaysWhatToInstall() throws {
        let graph = PartyGraph(nodes: [], edges: [])
        #expect {
            try graph.svg(environment: ["PATH": "/nonexistent"])
        } throws: { error in
            // The domain names the setting; the CLI spells it `--format dot`.
            guard let error = error as? DealError else { return false }
            return error.message.contains("graphviz") && error.text.parts.contains(.settingValue(.format, "dot"))
        }
    }
}
