import Foundation
import Testing
import TestSupport
@testable import DealCore

/// Export: what it writes can be imported again and means the same, in
/// YAML as read by PyYAML and in JSON as read by Python's json module.
@Suite struct DocumentExportTests {
    private func export(_ test: TestStore, _ format: DocumentExporter.Format,
                        _ selection: DocumentExporter.Selection = .all) throws -> String {
        try DocumentExporter(database: test.store.database).export(selection, format: format)
    }

    @Test(arguments: DocumentExporter.Format.allCases)
    func theSeedRoundTrips(format: DocumentExporter.Format) throws {
        let directory = try TemporaryDirectory()
        let seeded = try TestStore(directory, "seeded.db", seed: true)
        let first = try export(seeded, format)

        let empty = try TestStore(directory, "empty.db")
        let lines = try DocumentImporter(database: empty.store.database)
            .run([DocumentInput(name: "all.\(format)", text: first)], dryRun: false).lines
        #expect(lines == [
            "sources: 5 created, 0 updated, 0 unchanged",
            "parties: 9 created, 0 updated, 0 unchanged",
            "projects: 3 created, 0 updated, 0 unchanged",
            "agreements: 9 created, 0 updated, 0 unchanged",
            "events: 21 created, 0 updated, 0 unchanged",
        ])
        #expect(try export(empty, format) == first)
        // Record for record the same as the seed, though written in another order.
        #expect(try DocumentReader(database: empty.store.database).all()
            == DocumentReader(database: seeded.store.database).all())
    }

    @Test func yamlAndJSONExportsImportToTheSameDatabase() throws {
        let directory = try TemporaryDirectory()
        let seeded = try TestStore(directory, "seeded.db", seed: true)
        let fromYAML = try TestStore(directory, "yaml.db")
        let fromJSON = try TestStore(directory, "json.db")
        _ = try DocumentImporter(database: fromYAML.store.database)
            .run([DocumentInput(name: "all.yaml", text: export(seeded, .yaml))], dryRun: false)
        _ = try DocumentImporter(database: fromJSON.store.database)
            .run([DocumentInput(name: "all.json", text: export(seeded, .json))], dryRun: false)
        #expect(try fromYAML.dataDump() == fromJSON.dataDump())
    }

    @Test func anAgreementComesWithEverythingItRefersTo() throws {
        let directory = try TemporaryDirectory()
        let seeded = try TestStore(directory, "seeded.db", seed: true)
        let exporter = DocumentExporter(database: seeded.store.database)
        let document = try exporter.document(.agreement("pos2-gazprom-cnpc-2025"))
        #expect(document.agreements.map(\.id) == ["pos2-gazprom-cnpc-2025"])
        #expect(document.projects.map(\.id) == ["pos-2"])
        #expect(Set(["gazprom", "cnpc"]).isSubset(of: document.parties.map(\.id)))
        #expect(document.events.allSatisfy { $0.agreement == "pos2-gazprom-cnpc-2025" })
        #expect(document.events.map(\.id).contains("pos2-memorandum-2025"))
        #expect(Set(["pos2-sco-2025-article", "public-reporting-dates"]).isSubset(of: document.sources.map(\.id)))
        // Nothing about PoS-1 or the SCO bank.
        #expect(!document.parties.map(\.id).contains("sco-development-bank"))

        let empty = try TestStore(directory, "empty.db")
        let text = try exporter.export(.agreement("pos2-gazprom-cnpc-2025"), format: .json)
        _ = try DocumentImporter(database: empty.store.database)
            .run([DocumentInput(name: "part.json", text: text)], dryRun: false)
        #expect(try DocumentReader(database: empty.store.database).agreement("pos2-gazprom-cnpc-2025")
            == DocumentReader(database: seeded.store.database).agreement("pos2-gazprom-cnpc-2025"))
    }

    @Test(arguments: [DocumentExporter.Selection.project("pos-2"), .party("gov-mn"), .party("sco"),
                      .agreement("pos1-supply-2014")])
    func everyPartImportsIntoAnEmptyDatabase(selection: DocumentExporter.Selection) throws {
        let directory = try TemporaryDirectory()
        let seeded = try TestStore(directory, "seeded.db", seed: true)
        let part = try export(seeded, .yaml, selection)
        let empty = try TestStore(directory, "empty.db")
        _ = try DocumentImporter(database: empty.store.database)
            .run([DocumentInput(name: "part.yaml", text: part)], dryRun: false)
        #expect(try export(empty, .yaml, selection) == part)
    }

    @Test func anUnknownIdIsRefusedWithASuggestion() throws {
        let directory = try TemporaryDirectory()
        let seeded = try TestStore(directory, seed: true)
        let exporter = DocumentExporter(database: seeded.store.database)
        let agreement = #expect(throws: DealError.self) { try exporter.export(.agreement("pos2-gazprom-cnpc"), format: .yaml) }
        #expect(agreement?.message == "no agreement with id \"pos2-gazprom-cnpc\"; did you mean \"pos2-gazprom-cnpc-2025\"?")
        #expect(agreement?.exitCode != 0)
        let party = #expect(throws: DealError.self) { try exporter.export(.party("gazprm"), format: .json) }
        #expect(party?.message == "no party with id \"gazprm\"; did you mean \"gazprom\"?")
    }

    @Test func keysFollowTheDocumentedOrderAndEmptyValuesAreLeftOut() throws {
        var document = DealDocument()
        document.sources = [SourceRecord(id: "s", title: "S")]
        document.agreements = [AgreementRecord(id: "a", title: "A", parties: [AgreementParty(party: "p", role: "buyer")],
                                               terms: [TermRecord(metric: "price", text: "open", status: "unresolved")])]
        let yaml = try DocumentEncoder.value(document).yaml()
        #expect(yaml == """
            sources:
            - id: s
              title: S
              kind: other
            agreements:
            - id: a
              title: A
              kind: other
              binding: unknown
              parties:
              - party: p
                role: buyer
                confirmed: unknown
              terms:
              - metric: price
                text: open
                status: unresolved
                evidence: reported
                disclosure: public

            """)
    }

    @Test func textThatLooksLikeAnotherTypeIsQuotedForPyYAML() throws {
        let tricky = ["2025", "2025-09-02", "2025-09", "yes", "No", "on", "off", "true", "null", "~", "", "1e3", "1.5",
                      "0x1F", "1_000", ".inf", "1:20", "=", "<<", "- x", "a: b", "#x", "@x", "'", "\"", " lead",
                      "trail ", "two\nlines", "tab\there", "Газпром", "ÿ", "back\\slash", "0777", "+1", ".5"]
        var document = DealDocument()
        document.sources = tricky.enumerated().map { SourceRecord(id: "s\($0.offset)", title: "T", note: $0.element) }
        let value = DocumentEncoder.value(document)
        let yaml = try value.yaml()
        let directory = try TemporaryDirectory()
        let json = value.json()

        let python = try ProcessRunner.python("""
            import json, sys, yaml
            a = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
            b = json.loads(open(sys.argv[2], encoding="utf-8").read())
            print("same" if a == b else "different: %r" % [(x, y) for x, y in zip(a["sources"], b["sources"]) if x != y])
            """, arguments: try write(yaml, json, in: directory))
        #expect(python.stdout == "same\n", "\(python.stderr)")
        // And our own reader gets the text back.
        var parser = DocumentParser(file: "t.yaml", countries: [])
        #expect(parser.parse(yaml) == document)
        #expect(parser.issues.isEmpty)
    }

    @Test func numbersStayNumbersForPyYAML() throws {
        // Swift writes 1e+20, which a YAML 1.1 reader takes for text; the
        // exporter used to write it that way.
        #expect(NumberText.plain(1e20) == "1.0e+20")
        #expect(NumberText.plain(1.5e-7) == "1.5e-07")
        #expect(NumberText.plain(25_000_000_000) == "25000000000")
        #expect(NumberText.plain(4e15) == "4000000000000000")
        #expect(NumberText.plain(49.5) == "49.5")
        #expect(NumberText.plain(-0.0) == "0")

        let values: [Double] = [50, 49.5, 25_000_000_000, 1e20, 1.5e-7, 4e15, -3.25, 0.1]
        var document = DealDocument()
        document.agreements = [AgreementRecord(id: "a", title: "A", terms: values.map { TermRecord(metric: "value", value: $0) })]
        let value = DocumentEncoder.value(document)
        let directory = try TemporaryDirectory()
        let python = try ProcessRunner.python("""
            import json, sys, yaml
            a = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
            b = json.loads(open(sys.argv[2], encoding="utf-8").read())
            print([t["value"] for t in a["agreements"][0]["terms"]] == [t["value"] for t in b["agreements"][0]["terms"]],
                  all(isinstance(t["value"], (int, float)) for t in a["agreements"][0]["terms"]))
            """, arguments: try write(value.yaml(), value.json(), in: directory))
        #expect(python.stdout == "True True\n", "\(python.stderr)")
        var parser = DocumentParser(file: "t.yaml", countries: [])
        #expect(parser.parse(try value.yaml()).agreements.first?.terms.map(\.value) == values)
    }

    @Test func jsonIsIndentedTheWayPythonIndentsIt() throws {
        let directory = try TemporaryDirectory()
        let seeded = try TestStore(directory, seed: true)
        let json = try export(seeded, .json)
        let python = try ProcessRunner.python("""
            import json, sys
            text = sys.stdin.read()
            print(text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\\n")
            """, stdin: Data(json.utf8))
        #expect(python.stdout == "True\n", "\(python.stderr)")
    }

    /// The two texts as files in `directory`, for python to read.
    private func write(_ yaml: String, _ json: String, in directory: borrowing TemporaryDirectory) throws -> [String] {
        try yaml.write(toFile: directory.file("d.yaml"), atomically: true, encoding: .utf8)
        try json.write(toFile: directory.file("d.json"), atomically: true, encoding: .utf8)
        return [directory.file("d.yaml"), directory.file("d.json")]
    }
}
