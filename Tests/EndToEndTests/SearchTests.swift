import Foundation
import Testing
import TestSupport

@Suite struct SearchTests {
    @Test func findsRecordsRankedWithSnippets() throws {
        let database = try QueryDatabase(.seed)
        let hits = try database.records(["search", "mongolia", "transit"])
        #expect(!hits.isEmpty)
        #expect(hits.contains { $0["kind"] == "agreement" && $0["id"] == "pos2-mongolia-transit-2025" })
        #expect(hits.contains { $0["snippet"]?.contains("[") == true })
        let header = try Parsers.csv(try database.run(["search", "gazprom", "--format", "csv"]).stdout).first
        #expect(header == ["kind", "id", "title", "snippet"])
    }

    @Test func findsAliasesInAnyScript() throws {
        let database = try QueryDatabase(.seed)
        let hits = try database.records(["search", "Газпром"])
        #expect(hits.first?["kind"] == "party")
        #expect(hits.first?["id"] == "gazprom")
    }

    @Test func searchSyntaxIsEscapedUnlessRaw() throws {
        let database = try QueryDatabase(.seed)
        for text in ["\"unbalanced", "NEAR(", "pos-2 AND", "col:umn", "*"] {
            let result = try database.run(["search", text, "--format", "csv"])
            #expect(result.status == 0, "\(text): \(result.stderr)")
        }
        let raw = try database.run(["search", "--raw", "\"unbalanced"])
        #expect(raw.status == 64)
        #expect(raw.stderr.contains("invalid search expression"))
        let phrase = try database.records(["search", "--raw", "\"power of siberia\" NOT mongolia"])
        #expect(!phrase.isEmpty)
    }
}

/// The index holds exactly what search_documents says, after imports,
/// updates and bulk loads alike.
@Suite struct SearchIndexConsistencyTests {
    private func drift(_ path: String) throws -> String {
        try ProcessRunner.sqlite3(path, """
            SELECT count(*) FROM (SELECT kind, ref, title, body FROM search_documents
                                  EXCEPT SELECT kind, ref, title, body FROM search_index);
            SELECT count(*) FROM (SELECT kind, ref, title, body FROM search_index
                                  EXCEPT SELECT kind, ref, title, body FROM search_documents);
            SELECT count(*) FROM search_index WHERE kind <> 'term'
                AND rowid NOT IN (SELECT id FROM search_index_keys);
            """).stdout
    }

    @Test func indexFollowsImportsAndUpdates() throws {
        let database = try QueryDatabase(.seed)
        #expect(try drift(database.path) == "0\n0\n0\n")
        let directory = try TemporaryDirectory()
        let changed = directory.file("changed.yaml")
        try """
            parties:
              - {id: gazprom, name: Gazprom Neft Renamed, kind: state_company, country: RU, aliases: [Газпромнефть]}
            """.write(toFile: changed, atomically: true, encoding: .utf8)
        #expect(try database.run(["import", changed]).status == 0)
        #expect(try drift(database.path) == "0\n0\n0\n")
        #expect(try database.records(["search", "Газпромнефть"]).first?["id"] == "gazprom")
        #expect(try database.records(["search", "PJSC"]).allSatisfy { $0["id"] != "gazprom" })
        let all = directory.file("all")
        #expect(try database.run(["export", "--all", all]).status == 0)
        let copy = directory.file("copy.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", copy]).status == 0)
        #expect(try ProcessRunner.dealdb(["import", "--db", copy, "--dir", all]).status == 0)
        #expect(try drift(copy) == "0\n0\n0\n")
    }
}
