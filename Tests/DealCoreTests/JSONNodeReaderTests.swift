import Foundation
import Testing
import Yams
@testable import DealCore

/// JSONNodeReader must build the very tree Yams composes from the same
/// text (kinds, strings, styles, marks), and leave to Yams what it does not
/// take on, so that every located message stays as it was.
@Suite struct JSONNodeReaderTests {
    /// Kind, style, text and mark of every node, depth first.
    private func shape(_ node: Node) -> [String] {
        let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
        switch node {
        case .scalar(let scalar):
            return ["scalar \(scalar.style == .plain ? "plain" : scalar.style == .doubleQuoted ? "quoted" : "other") \(scalar.string) @\(mark)"]
        case .mapping(let mapping):
            return ["mapping @\(mark)"] + mapping.flatMap { shape($0.key) + shape($0.value) } + ["end"]
        case .sequence(let sequence):
            return ["sequence @\(mark)"] + sequence.flatMap(shape) + ["end"]
        case .alias:
            return ["alias"]
        }
    }

    @Test(arguments: [
        #"{"sources": [{"id": "s1", "title": "Ünïcode 中文 — \"quoted\" \\ \/ \u00e9 \n\t", "kind": "news"}]}"#,
        "{\r\n  \"a\": [1, -0.5, 2e10, 3E-2, true, false, null, \"\", []],\r\n  \"b\": {}\r\n}\r\n",
        "\n\n   {\"x\":1,\"y\" :[ \"中文\" , {\"z\":\"w\"} ]}   \n",
        "[\"é\", \"😀\", 12, {\"k\": \"v\"}]",
    ])
    func theTreeIsWhatYamsComposes(_ text: String) throws {
        let ours = try #require(JSONNodeReader.read(text))
        let yams = try #require(try Yams.compose(yaml: text))
        #expect(shape(ours) == shape(yams))
    }

    @Test(arguments: [
        #"{"a": 1,}"#, #"{"a": 1} x"#, #"{"a": 1, "a": 2}"#, #"{"a": "\ud83d\ude00"}"#, "{\"a\":\t1}",
        "{\"a\": \"x\ny\"}", #"{"a": 01}"#, #"{"a": .5}"#, #"{"a": 1.}"#, "{a: 1}", "# c\n{}", "", "  ", "\"text\"",
        "{\"a\": 0x10}", #"{"a": "\u+123"}"#, "// c\n{\"a\": 1}",
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        "{\"" + String(repeating: "k", count: 1100) + "\": 1}",
    ])
    func whatItDoesNotTakeOnIsLeftToYams(_ text: String) {
        #expect(JSONNodeReader.read(text) == nil)
    }

    @Test func theBenchDocumentReadsTheSameBothWays() throws {
        // A document as `dealdb export --format json` writes it.
        let text = """
            {
              "sources": [
                {
                  "id": "src-1",
                  "title": "A source",
                  "kind": "news",
                  "published": "2024-05"
                }
              ],
              "agreements": [
                {
                  "id": "ag-1",
                  "title": "Supply, 20 bcm/y",
                  "parties": [{"party": "p-1", "role": "seller", "share": 50.5}],
                  "terms": [{"metric": "volume", "value": 20, "unit": "bcm/y", "sources": [{"source": "src-1", "locator": "p. 3"}]}]
                }
              ]
            }
            """
        let ours = try #require(JSONNodeReader.read(text))
        let yams = try #require(try Yams.compose(yaml: text))
        #expect(shape(ours) == shape(yams))
    }
}

/// A JSON document's records are parsed as the reader streams them; what
/// the parser finds must be what it finds in the tree Yams composes (the
/// same text with a YAML comment after it, which this reader leaves to Yams).
@Suite struct JSONStreamingTests {
    @Test func streamedRecordsGiveWhatTheTreeGives() {
        let text = """
            {
              "events": [{"id": "e1", "date": "2024-13", "title": "Bad month"},
                         {"id": "e2", "date": "2024", "title": "Fine", "agreement": "a-missing"}],
              "agreements": [{"id": "a1", "title": "One", "parties": [{"party": "p1", "role": "buyerr"}]},
                             {"id": "a1", "title": "Twice"}],
              "surprise": 1,
              "sources": [{"id": "s1", "title": "Source", "kind": "newz"}, "not a mapping"],
              "parties": {"id": "p1"},
              "projects": []
            }
            """
        func parsed(_ text: String) -> (DealDocument, [String], [String], [String]) {
            var parser = DocumentParser(file: "d.json", countries: ["RU", "CN"])
            let document = parser.parse(text)
            return (document, parser.issues.map(\.description),
                    parser.references.map { "\($0.kind.rawValue) \($0.id) \($0.location.line):\($0.location.column)" },
                    parser.definitions.map { "\($0.kind) \($0.id) \($0.location.line):\($0.location.column)" })
        }
        #expect(JSONNodeReader.read(text + "\n# a YAML comment\n") == nil)
        let streamed = parsed(text), composed = parsed(text + "\n# a YAML comment\n")
        #expect(streamed.0 == composed.0)
        #expect(streamed.1 == composed.1)
        #expect(streamed.2 == composed.2)
        #expect(streamed.3 == composed.3)
        #expect(streamed.1.count >= 5)
    }
}
