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
}
