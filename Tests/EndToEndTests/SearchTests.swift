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

    /// A term with CJK text written by a small import is found, and once
    /// changed is no longer found, with no damage: before migration 0013 the
    /// term triggers skipped the CJK index (a new term was not found, a
    /// deleted one made the next search fail as "malformed").
    @Test func termsKeepTheCJKIndexInStep() throws {
        let database = try QueryDatabase(.seed)
        let file = database.directory.file("deal.yaml")
        func importTerm(_ text: String) throws {
            try """
                sources:
                  - {id: s1, title: A source, kind: news}
                agreements:
                  - id: cjk-deal
                    title: A deal
                    kind: memorandum
                    terms:
                      - {metric: other, text: \(text), sources: [s1]}
                """.write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try database.run(["import", file])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        try importTerm("管道协议的条款")
        #expect(try database.records(["search", "管道协议"]).map { $0["id"] } == ["cjk-deal"])
        try importTerm("另一个条款")
        let gone = try database.run(["search", "管道协议", "--format", "csv"])
        #expect(gone.status == 0 && gone.stdout == "kind,id,title,snippet\r\n", "\(gone.stderr)")
        #expect(try database.records(["search", "另一个"]).map { $0["id"] } == ["cjk-deal"])
    }

    @Test func findsCJKBySubstring() throws {
        let database = try QueryDatabase(.seed)
        // CNPC's alias is 中国石油天然气集团有限公司: a prefix, a middle, and a
        // two-character piece (shorter than a trigram) all find it.
        for text in ["中国石油", "天然气", "石油", "集团有限公司"] {
            let hits = try database.records(["search", text])
            #expect(hits.first?["id"] == "cnpc", "\(text): \(hits)")
            #expect(hits.first?["snippet"]?.contains("[\(text)]") == true, "\(text): \(hits)")
        }
        #expect(try database.records(["search", "天然气", "CNPC"]).first?["id"] == "cnpc")
        #expect(try database.records(["search", "石油", "counterparty"]).first?["id"] == "cnpc")
        #expect(try database.records(["search", "天然气", "Ulaanbaatar"]).isEmpty)
        #expect(try database.records(["search", "石油", "Ulaanbaatar"]).isEmpty)
        #expect(try database.records(["search", "煤炭公司"]).isEmpty)
        #expect(try database.records(["search", "煤炭"]).isEmpty)
    }

    @Test func matchesEnglishStemsAndFoldsAccents() throws {
        let database = try QueryDatabase(.seed)
        let hits = try database.records(["search", "finance"])
        #expect(hits.contains { $0["snippet"]?.lowercased().contains("[financing]") == true })
        let directory = try TemporaryDirectory()
        let file = directory.file("botas.yaml")
        try """
            parties:
              - {id: botas, name: BOTAŞ, kind: state_company, country: TR}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try database.run(["import", file]).status == 0)
        #expect(try database.records(["search", "botas"]).first?["id"] == "botas")
        #expect(try database.records(["search", "BOTAŞ"]).first?["id"] == "botas")
    }

    @Test func findsProjectsByRouteCountryAndOwner() throws {
        let database = try QueryDatabase(.seed)
        let fixture = SharedData.packageRoot + "/Tests/Fixtures/gem/map-small.csv"
        let imported = try database.run(["import", "--from", "gem", fixture])
        #expect(imported.status == 0, "\(imported.stderr)")
        for text in ["Mongolia", "MN", "Acme Gas", "Acme Holdings"] {
            let hits = try database.records(["search", text])
            #expect(hits.contains { $0["kind"] == "project" && $0["id"]?.contains("made-up") == true }, "\(text): \(hits)")
        }
        // The seed's Power of Siberia 2 crosses Mongolia too, through documents
        // rather than a bulk import: the triggers keep its row.
        #expect(try database.records(["search", "Mongolia"]).contains { $0["kind"] == "project" && $0["id"] == "pos-2" })
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
            SELECT (SELECT count(*) FROM search_index_trigram_docsize)
                 - (SELECT count(*) FROM search_documents
                    WHERE (coalesce(title, '') || ' ' || coalesce(body, '')) GLOB '*[一-鿿]*');
            """).stdout
    }

    @Test func indexFollowsImportsAndUpdates() throws {
        let database = try QueryDatabase(.seed)
        #expect(try drift(database.path) == "0\n0\n0\n0\n")
        let directory = try TemporaryDirectory()
        let changed = directory.file("changed.yaml")
        try """
            parties:
              - {id: gazprom, name: Gazprom Neft Renamed, kind: state_company, country: RU, aliases: [Газпромнефть]}
              - {id: cnpc, name: China National Petroleum Corporation, kind: state_company, country: CN, aliases: [CNPC, 中国石油集团]}
            """.write(toFile: changed, atomically: true, encoding: .utf8)
        #expect(try database.run(["import", changed]).status == 0)
        #expect(try drift(database.path) == "0\n0\n0\n0\n")
        #expect(try database.records(["search", "Газпромнефть"]).first?["id"] == "gazprom")
        #expect(try database.records(["search", "PJSC"]).allSatisfy { $0["id"] != "gazprom" })
        // The trigram index follows the alias that changed.
        #expect(try database.records(["search", "中国石油集团"]).first?["id"] == "cnpc")
        #expect(try database.records(["search", "天然气"]).isEmpty)
        let all = directory.file("all")
        #expect(try database.run(["export", "--all", all]).status == 0)
        let copy = directory.file("copy.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", copy]).status == 0)
        #expect(try ProcessRunner.dealdb(["import", "--db", copy, "--dir", all]).status == 0)
        #expect(try drift(copy) == "0\n0\n0\n0\n")
    }

    /// Without --db the default database answers (created and seeded on
    /// first use): an empty result says so, a named database's does not.
    @Test func anEmptyAnswerFromTheDefaultDatabaseSaysWhichItWas() throws {
        let home = try TemporaryDirectory()
        let environment = ["XDG_DATA_HOME": home.path, "XDG_CONFIG_HOME": home.path]
        let result = try ProcessRunner.dealdb(["search", "--format", "csv", "zzqqxx"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr.hasSuffix("dealdb: no rows, from the default database \(home.path)/dealdb/deals.db; "
                                        + "name another with --db\n"), "\(result.stderr)")
        let named = try ProcessRunner.dealdb(["search", "--db", home.path + "/dealdb/deals.db", "--format", "csv", "zzqqxx"],
                                             environment: environment)
        #expect(named.status == 0 && named.stderr.isEmpty, "\(named.stderr)")
        let found = try ProcessRunner.dealdb(["query", "unresolved-pricing", "--format", "csv"], environment: environment)
        #expect(found.status == 0 && !found.stderr.contains("no rows"), "\(found.stderr)")
    }
}
