import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The seed against the article (issue 12). Our own fixture
/// `Tests/Fixtures/facts/pos2-certainty.tsv` holds the facts that carry a
/// certainty word, with the state the seed must store for each; when
/// ../shared is there, every such fact of `pos2-facts.md` must be covered.
@Suite struct SeedFactsTests {
    struct Fact { let phrase: String; let sql: String; let expected: String }

    static let facts: [Fact] = {
        let text = (try? String(contentsOfFile: SharedData.packageRoot + "/Tests/Fixtures/facts/pos2-certainty.tsv",
                                encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return cells.count == 3 ? Fact(phrase: cells[0], sql: cells[1], expected: cells[2]) : nil
        }
    }()

    /// Words by which the article says how sure a fact is (pos2-facts.md).
    static let certaintyWords = ["reportedly", "estimate", "could approach", "could bring", "declined to confirm",
                                 "opaque", "left for a later date"]

    private func seeded(_ directory: borrowing TemporaryDirectory) throws -> DealStore {
        try DealStore.create(at: directory.file("deals.db"), force: false, seed: true)
    }

    @Test func theSeedStoresEachFactsCertainty() throws {
        #expect(Self.facts.count == 7)
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        for fact in Self.facts {
            #expect(try store.database.scalar(sql: fact.sql).string == fact.expected, "\(fact.phrase)")
        }
    }

    @Test(.enabled(if: SharedData.root != nil, "skipping: ../shared not found; the fixture's facts are still checked"))
    func everyCertaintyMarkedFactOfTheFactsFileIsChecked() throws {
        let text = try String(contentsOfFile: (SharedData.root ?? "") + "/sources/pos2-facts.md", encoding: .utf8)
        // After the introduction (which lists the words themselves): table
        // rows one by one, other paragraphs joined into one line each.
        let body = text.components(separatedBy: "\n## ").dropFirst().joined(separator: "\n## ")
        var items: [String] = []
        for paragraph in body.components(separatedBy: "\n\n") {
            let lines = paragraph.split(separator: "\n").map(String.init)
            if lines.allSatisfy({ $0.hasPrefix("|") || $0.hasPrefix("#") }) {
                items += lines
            } else {
                items.append(lines.joined(separator: " "))
            }
        }
        let marked = items.filter { item in Self.certaintyWords.contains { item.lowercased().contains($0) } }
        #expect(marked.count >= 3, "the facts file changed shape: \(marked)")
        for item in marked {
            let covered = Self.facts.filter { item.contains($0.phrase) }
            #expect(!covered.isEmpty, "no fixture fact covers: \(item)")
        }
    }

    @Test func eachFixOfTheSeed() throws {
        let directory = try TemporaryDirectory()
        let store = try seeded(directory)
        let database = store.database
        func one(_ sql: String) throws -> String? { try database.scalar(sql: sql).string }
        func count(_ sql: String) throws -> Int64 { try database.scalar(sql: sql).int64 ?? -1 }

        // No term's state comes from a default: the only not_stated one says so in the seed itself.
        #expect(try count("SELECT count(*) FROM terms WHERE status = 'not_stated'") == 1)
        #expect(try one("SELECT agreement_id FROM terms WHERE status = 'not_stated'") == "cn-ru-cooperation-documents-2025")
        // Cost an estimate, financing unresolved (query financing).
        let financing = try QueryRows.builtIn("financing", store: store)
        let pos2 = try #require(financing.rows.indices.first { financing[$0, "subject"].string == "pos-2" })
        #expect(financing[pos2, "cost_status"].string == "not_applicable, estimated")
        #expect(financing[pos2, "financing_status"].string?.hasPrefix("unresolved: ") == true)
        // PoS-1 38 -> 44 and Far Eastern 10 -> 12 dated only from the reporting of 2 September 2025.
        #expect(try one("""
            SELECT group_concat(printf('%g', value) || ' ' || coalesce(valid_from, '') || '-' || coalesce(valid_to, ''), '; ')
            FROM (SELECT * FROM terms WHERE project_id IN ('pos-1', 'far-eastern-route') AND metric = 'capacity'
                  ORDER BY project_id DESC, position)
            """) == "38 -2025-09-02; 44 2025-09-02-; 10 -2025-09-02; 12 2025-09-02-")
        #expect(try count("""
            SELECT count(*) FROM terms AS t JOIN citations AS c ON c.citable_id = t.citable_id
            WHERE t.metric = 'capacity' AND c.source_id = 'public-reporting-dates'
              AND c.locator = 'PoS-1 and Far Eastern increases reported 2 September 2025'
            """) == 4)
        #expect(try one("SELECT note FROM sources WHERE id = 'public-reporting-dates'")?
            .contains("from 10 to 12 bcm/y, reported the same day") == true)
        // The Far Eastern price: agreed, never published.
        let unresolved = try QueryRows.builtIn("unresolved-pricing", store: store)
        #expect(unresolved.rows.indices.map { unresolved[$0, "agreement"].string } == ["pos2-gazprom-cnpc-2025"])
        let undisclosed = try QueryRows.builtIn("undisclosed-pricing", store: store)
        #expect(Set(undisclosed.rows.indices.compactMap { undisclosed[$0, "agreement"].string })
            == ["far-eastern-route-supply-2022", "pos1-supply-2014"])
        // PoS-2 is being built: status and a dated report of it.
        #expect(try one("SELECT status FROM projects WHERE id = 'pos-2'") == "construction")
        #expect(try one("""
            SELECT c.locator FROM events AS e JOIN citations AS c ON c.citable_id = e.citable_id
            WHERE e.id = 'pos2-stretch-under-construction-2025'
            """) == "section 'Russia Bears the Costs as Beijing Benefits', para 1")
        // What was missing: the hedged projection, two-thirds of Europe, the decade of talks.
        #expect(try one("SELECT text FROM terms WHERE project_id = 'pos-2' AND metric = 'other' AND unit = 'bcm/y'")?
            .contains("roughly two-thirds of its former European export") == true)
        #expect(try one("SELECT note FROM projects WHERE id = 'pos-2'")?.contains("more than a decade") == true)
        // What the article does not support is gone.
        #expect(try one("SELECT note FROM projects WHERE id = 'pos-1'")?.contains("Eastern Siberia") == false)
        #expect(try one("SELECT note FROM projects WHERE id = 'far-eastern-route'")?.contains("first target") == false)
        #expect(try one("SELECT binding FROM agreements WHERE id = 'beidou-sco-opening-2025'") == "unknown")
        #expect(try count("SELECT count(*) FROM agreement_parties WHERE role = 'signatory'") == 0)
        #expect(try count("""
            SELECT count(*) FROM agreement_parties
            WHERE agreement_id = 'sco-development-bank-launch-2025' AND party_id = 'gov-ru'
            """) == 0)
        #expect(try one("SELECT title FROM events WHERE id = 'pos1-contract-signed-2014'")?.contains("Crimea") == false)
        #expect(try one("SELECT date FROM events WHERE id = 'crimea-annexation-2014'") == "2014")
        // Every citation of the seed names where in its source (except whole-source notes of dates).
        #expect(try count("""
            SELECT count(*) FROM citations WHERE source_id = 'pos2-sco-2025-article' AND locator IS NULL
            """) == 0)
    }
}
