import Foundation
import SQLiteKit
import Testing
@testable import DealCore

/// How a plain search is split between the word and trigram indexes, and
/// that the migration and the bulk loader decide "has CJK" alike.
@Suite struct SearchIndexTests {
    @Test func migrationSpellsTheSameCJKPattern() throws {
        let migration = try #require(DealSchema.migrations.first { $0.name.hasPrefix("search_cjk") })
        let uses = migration.sql.components(separatedBy: "GLOB '\(SearchIndex.cjkPattern)'").count - 1
        #expect(uses == 3)
        #expect(migration.sql.components(separatedBy: "GLOB '*[").count - 1 == 3)
    }

    @Test func wordsGoToTheIndexThatCanFindThem() {
        let search = SearchIndex.Search("CNPC 中国石油 石油 gas 가스공사 ひらがな")
        #expect(search.words == ["CNPC", "gas"])
        #expect(search.substrings == ["中国石油", "가스공사", "ひらがな"])
        #expect(search.shortSubstrings == ["石油"])
        #expect(SearchIndex.hasCJK("𠀀x"))
        #expect(!SearchIndex.hasCJK("Газпром BOTAŞ"))
    }

    @Test func everyShapeOfSearchIsValidSQL() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        for text in ["gas", "中国石油", "石油", "gas 中国石油", "gas 石油", "中国石油 石油", "gas 中国石油 石油 油"] {
            let (sql, arguments) = SearchIndex.Search(text).statement(raw: false, limit: 5)
            let statement = try database.makeStatement(sql: sql)
            try statement.bind(named: arguments)
            var rows = statement.rows()
            #expect(try rows.next() == nil, "\(text)")
        }
    }

    /// Migration 0025 spells NFKC's plain form of each ligature and
    /// full-width letter and digit as a replace(): each one, in a party's
    /// name, comes out of search_documents as Swift's NFKC makes it, and
    /// the word typed plainly (or in the same form) finds the party.
    @Test func compatibilityFormsAreIndexedAsNFKCMakesThem() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        let forms = (0xFB00...0xFB06).map { $0 } + (0xFF10...0xFF19).map { $0 }
            + (0xFF21...0xFF3A).map { $0 } + (0xFF41...0xFF5A).map { $0 }
        for (index, value) in forms.enumerated() {
            let name = "x" + String(Unicode.Scalar(value)!) + "y"
            try database.execute(sql: "INSERT INTO parties (id, name, kind) VALUES (?, ?, 'company')",
                                 arguments: [.text("p\(index)"), .text(name)])
            let body = try database.scalar(sql: "SELECT body FROM search_documents WHERE kind = 'party' AND ref = ?",
                                           arguments: [.text("p\(index)")]).string
            #expect(body == name.precomposedStringWithCompatibilityMapping, "U+\(String(value, radix: 16))")
        }
        try database.execute(sql: """
            INSERT INTO parties (id, name, kind) VALUES ('lig', 'ﬁnance Corp', 'company'), ('wide', 'ＡＢＣ Ｅｎｅｒｇｙ', 'company'),
                ('plain', 'Plain Finance Corp', 'company')
            """)
        let plainBody = try database.scalar(sql: "SELECT body FROM search_documents WHERE ref = 'plain'")
        #expect(plainBody == .null, "a record without such forms keeps its text")
        for (typed, found) in [("finance", "lig"), ("ﬁnancing", "lig"), ("energy", "wide"), ("ｅｎｅｒｇｙ", "wide"), ("abc", "wide")] {
            let (sql, arguments) = SearchIndex.Search(typed).statement(raw: false, limit: 10)
            let statement = try database.makeStatement(sql: sql)
            try statement.bind(named: arguments)
            var ids: [String] = []
            var rows = statement.rows()
            while let row = try rows.next() { ids.append(row.string(1) ?? "") }
            #expect(ids.contains(found), "\(typed): \(ids)")
        }
    }
}
