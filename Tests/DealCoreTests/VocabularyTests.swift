import Foundation
import Testing
@testable import DealCore
import SQLiteKit

/// Vocabulary.swift repeats the schema's enumerations so that messages can
/// list them; these tests read the CHECK constraints out of the schema that
/// all migrations together make (a later migration may rebuild a table, as
/// 0008 rebuilds terms), so the two cannot drift apart.
@Suite struct VocabularyTests {
    /// Every table's CREATE TABLE as a fully migrated database stores it,
    /// each ending in `) STRICT;` as written in migrations/.
    static let schema: String = {
        guard let database = try? Database(path: ":memory:", mode: .create),
              (try? DealSchema.migrator().migrate(database)) != nil,
              let rows = try? database.fetchAll(sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")
        else { return "" }
        return rows.compactMap { $0.string(0) }.map { sql in
            // A table renamed into place is stored as CREATE TABLE "name"(...).
            let named = sql.replacingOccurrences(of: #"CREATE TABLE "(\w+)"\s*\("#, with: "CREATE TABLE $1 (",
                                                 options: .regularExpression)
            return named + ";"
        }.joined(separator: "\n")
    }()

    /// The text of `CREATE TABLE name (...)`, up to the statement's end.
    static func table(_ name: String) -> String {
        guard let start = schema.range(of: "CREATE TABLE \(name) ("),
              let end = schema.range(of: ") STRICT;", range: start.upperBound..<schema.endIndex) else { return "" }
        return String(schema[start.lowerBound..<end.upperBound])
    }

    /// The quoted values of `column IN (...)` (or `NOT IN`) in `table`, in order.
    static func values(_ table: String, _ column: String, negated: Bool = false) -> [String] {
        let text = Self.table(table)
        let pattern = "\\b\(column)\\s+\(negated ? "NOT IN" : "IN")\\s*\\(([^)]*)\\)"
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let list = Range(match.range(at: 1), in: text) else { return [] }
        let quoted = try? NSRegularExpression(pattern: "'([^']*)'")
        let inner = String(text[list])
        return quoted?.matches(in: inner, range: NSRange(inner.startIndex..., in: inner)).compactMap {
            Range($0.range(at: 1), in: inner).map { String(inner[$0]) }
        } ?? []
    }

    /// Every enumeration that documents use, with the column that holds it.
    static let enumerations: [(table: String, column: String, values: [String])] = [
        ("sources", "kind", Vocabulary.sourceKinds),
        ("parties", "kind", Vocabulary.partyKinds),
        ("projects", "kind", Vocabulary.projectKinds),
        ("projects", "commodity", Vocabulary.commodities),
        ("projects", "status", Vocabulary.projectStatuses),
        ("project_route", "role", Vocabulary.routeRoles),
        ("agreements", "kind", Vocabulary.agreementKinds),
        ("agreements", "binding", Vocabulary.tristate),
        ("agreements", "status", Vocabulary.agreementStatuses),
        ("agreement_parties", "role", Vocabulary.partyRoles),
        ("agreement_parties", "confirmed", Vocabulary.tristate),
        ("terms", "metric", Vocabulary.metrics),
        ("terms", "unit", Vocabulary.units),
        ("terms", "status", Vocabulary.negotiationStates),
        ("terms", "evidence", Vocabulary.evidenceLevels),
        ("terms", "disclosure", Vocabulary.disclosures),
        ("events", "date_kind", Vocabulary.dateKinds),
        ("events", "marks", Vocabulary.eventMarks),
        ("project_owners", "level", Vocabulary.ownerLevels),
        ("project_identifiers", "scheme", Vocabulary.projectIdentifierSchemes),
        ("project_identifiers", "evidence", Vocabulary.identifierEvidence),
        ("party_identifiers", "scheme", Vocabulary.partyIdentifierSchemes),
        ("party_identifiers", "evidence", Vocabulary.identifierEvidence),
        ("project_parts", "part", Vocabulary.projectParts),
        ("project_parts", "decided_by", Vocabulary.partDeciders),
        ("finance_records", "dataset", Vocabulary.financeDatasets),
        ("finance_links", "state", Vocabulary.financeLinkStates),
        ("finance_links", "decided_by", Vocabulary.partDeciders),
        ("releases", "tracker", Vocabulary.releaseTrackers),
        ("releases", "layout", Vocabulary.releaseLayouts),
        ("project_geometry", "shape", Vocabulary.geometryShapes),
    ]

    @Test func theSchemaIsFound() {
        #expect(Self.schema.contains("CREATE TABLE agreements ("))
    }

    @Test(arguments: enumerations.map { "\($0.table).\($0.column)" })
    func vocabularyMatchesTheCheckConstraint(column: String) throws {
        let entry = try #require(Self.enumerations.first { "\($0.table).\($0.column)" == column })
        let checked = Self.values(entry.table, entry.column)
        #expect(!checked.isEmpty, "no CHECK (\(entry.column) IN ...) in \(entry.table)")
        #expect(entry.values == checked)
    }

    @Test func nonNegativeMetricsMatchTheCheckConstraint() {
        #expect(Set(Self.values("terms", "metric", negated: true)) == Vocabulary.nonNegativeMetrics)
        #expect(Vocabulary.nonNegativeMetrics.isSubset(of: Vocabulary.metrics))
    }

    @Test func everyEnumerationInTheSchemaIsCovered() throws {
        // Any new `column IN (...)` must get a Vocabulary list (and a line
        // above); citables.kind is internal and never written in documents.
        let regex = try NSRegularExpression(pattern: "CREATE TABLE (\\w+) \\(")
        let schema = Self.schema
        var found: Set<String> = []
        for match in regex.matches(in: schema, range: NSRange(schema.startIndex..., in: schema)) {
            guard let range = Range(match.range(at: 1), in: schema) else { continue }
            let table = String(schema[range])
            let columns = try NSRegularExpression(pattern: "(\\w+)\\s+IN\\s*\\(")
            let text = Self.table(table)
            for column in columns.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let name = Range(column.range(at: 1), in: text), text[name] != "NOT" else { continue }
                found.insert("\(table).\(text[name])")
            }
        }
        let covered = Set(Self.enumerations.map { "\($0.table).\($0.column)" })
        #expect(found.subtracting(covered) == ["citables.kind"])
        #expect(covered.subtracting(found).isEmpty)
    }
}
