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
