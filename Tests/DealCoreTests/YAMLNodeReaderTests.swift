import Testing
import Yams
@testable import DealCore

/// YAMLNodeReader must build the very tree Yams composes from the same text
/// (kinds, strings, tags, styles, marks), leave to Yams what it does not
/// take on, and give the parser what the composed tree gives it.
@Suite struct YAMLNodeReaderTests {
    /// Kind, tag, style, text and mark of every node, depth first. Not a
    /// key's tag: Yams resolves it (`str`) as a side effect of its check for
    /// duplicate keys, a regular expression per key that this reader spares;
    /// the parser reads a key's text only.
    private func shape(_ node: Node, key: Bool = false) -> [String] {
        let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
        switch node {
        case .scalar(let scalar):
            return ["scalar \(key ? "key" : scalar.tag.rawValue) \(scalar.style.rawValue) \(scalar.string) @\(mark)"]
        case .mapping(let mapping):
            return ["mapping \(mapping.tag.rawValue) \(mapping.style.rawValue) @\(mark)"]
                + mapping.flatMap { shape($0.key, key: true) + shape($0.value) } + ["end"]
        case .sequence(let sequence):
            return ["sequence \(sequence.tag.rawValue) \(sequence.style.rawValue) @\(mark)"] + sequence.flatMap { shape($0) } + ["end"]
        case .alias:
            return ["alias"]
        }
    }

    private func read(_ text: String) -> Node? {
        YAMLNodeReader.read(text, streaming: []) { _, _, _ in }
    }

    @Test(arguments: [
        "sources:\n- id: s1\n  title: \"Quoted, \\\"escaped\\\"\"\n  kind: news\n  note: 'single'\n",
        "# a comment\nagreements:\n  - id: a1\n    summary: |\n      two\n      lines\n    title: >\n      folded\n      text\n",
        "a: [1, -0.5, true, null, ~, \"\", []]\nb: {c: d, e: !!str 12}\nc: !custom x\nd:\n  - - nested\n    - list\n",
        "---\nx: \"中文 — ünï\"\ny: 2024-05\n...\n",
        "k: v # trailing comment\nlist: !!seq [a, b]\nmap: !!map {a: b}\n",
    ])
    func theTreeIsWhatYamsComposes(_ text: String) throws {
        let ours = try #require(read(text))
        let yams = try #require(try Yams.compose(yaml: text))
        #expect(shape(ours) == shape(yams))
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "? [a, b]\n: c\n", "a: 1\n---\nb: 2\n", "- a\n- b\n", "just text",
        "", "a: [1, 2\n", "a:\n  - b\n - c\n", "base: &b {k: v}\nother:\n  <<: *b\n",
    ])
    func whatItDoesNotTakeOnIsLeftToYams(_ text: String) {
        #expect(read(text) == nil)
    }

    @Test func streamedRecordsGiveWhatTheTreeGives() {
        // The same records with an anchor at the end, which this reader leaves to Yams.
        let text = """
            events:
            - {id: e1, date: 2024-13, title: Bad month}
            - id: e2
              date: "2024"
              title: Fine
              agreement: a-missing
            agreements:
            - id: a1
              title: One
              parties:
              - {party: p1, role: buyerr}
            - id: a1
              title: Twice
            surprise: 1
            sources:
            - id: s1
              title: Source
              kind: newz
            - not a mapping
            parties: {id: p1}
            projects: []
            """
        func parsed(_ text: String) -> (DealDocument, [String], [String], [String]) {
            var parser = DocumentParser(file: "d.yaml", countries: ["RU", "CN"])
            let document = parser.parse(text)
            return (document, parser.issues.map(\.description),
                    parser.references.map { "\($0.kind.rawValue) \($0.id) \($0.location.line):\($0.location.column)" },
                    parser.definitions.map { "\($0.kind) \($0.id) \($0.location.line):\($0.location.column)" })
        }
        let composedText = text + "\nanchored: &x 1\n"
        #expect(read(composedText) == nil)
        let streamed = parsed(text), composed = parsed(composedText)
        #expect(streamed.0 == composed.0)
        #expect(streamed.1 == composed.1.filter { !$0.contains("anchored") })
        #expect(streamed.2 == composed.2)
        #expect(streamed.3 == composed.3)
        #expect(streamed.1.count >= 5)
    }
}
