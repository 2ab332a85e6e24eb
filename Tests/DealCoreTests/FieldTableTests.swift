import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The field tables (Documents/FieldTable.swift) are what the parser, the
/// encoder, the reader and the writer read, so a column of a record kind is
/// one table entry plus a migration (docs/FORMAT.md, "Adding a field").
/// These tests hold the tables to the live schema and to all four readers.
@Suite struct FieldTableTests {
    /// Each record table with the columns it has beyond its field table: the
    /// ones that are not document keys (ids handed out, positions, owners).
    private static let tables: [(table: String, fields: [String], explicit: Set<String>)] = [
        ("sources", FieldTables.source.columns, []),
        ("parties", FieldTables.party.columns, []),
        ("projects", FieldTables.project.columns, ["citable_id"]),
        ("project_route", FieldTables.routeStop.columns, ["project_id", "position"]),
        ("agreements", FieldTables.agreement.columns, ["citable_id"]),
        // Its id is SQLite's rowid, never written.
        ("agreement_parties", FieldTables.agreementParty.columns, ["id", "citable_id", "agreement_id", "position"]),
        ("events", FieldTables.event.columns, ["citable_id"]),
        ("terms", FieldTables.term.columns, ["id", "citable_id", "agreement_id", "project_id", "position"]),
    ]

    /// A column added by a migration without a field table entry (or an
    /// entry without its column) fails here, naming the table and column.
    @Test func everyColumnOfTheLiveSchemaIsAFieldOrNamedExplicit() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        for (table, fields, explicit) in Self.tables {
            let columns = try test.store.database.fetchAll(
                // Generated columns (hidden 2 and 3, such as terms.bcm_per_year) are computed, not written.
                sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden NOT IN (2, 3) ORDER BY cid",
                arguments: [.text(table)])
                .compactMap { $0.string(0) }
            #expect(!columns.isEmpty, "no table \(table)")
            #expect(Set(fields).count == fields.count, "a column of \(table) is in its field table twice")
            #expect(Set(columns) == Set(fields).union(explicit),
                    "\(table): schema has \(columns), field table + explicit \(fields + explicit.sorted())")
            #expect(fields.allSatisfy { !explicit.contains($0) }, "\(table)")
        }
        // The tables' record tables are the ones listed above.
        #expect(FieldTables.source.table == "sources" && FieldTables.party.table == "parties"
                && FieldTables.project.table == "projects" && FieldTables.agreement.table == "agreements"
                && FieldTables.agreementParty.table == "agreement_parties" && FieldTables.event.table == "events"
                && FieldTables.term.table == "terms" && FieldTables.routeStop.table == "project_route")
    }

    /// The defaults of the Swift records (which GEM and tests construct)
    /// are the field tables' defaults, and fields without one start empty.
    @Test func theRecordsDefaultsAreTheTablesDefaults() {
        func check<Record>(_ table: FieldTable<Record>) {
            for field in table.fields {
                switch field.slot {
                case .text(let path):
                    #expect(table.blank[keyPath: path] == field.defaultValue ?? "", "\(table.table).\(field.column)")
                case .optionalText(let path):
                    #expect(table.blank[keyPath: path] == nil && field.defaultValue == nil, "\(table.table).\(field.column)")
                case .number(let path):
                    #expect(table.blank[keyPath: path] == nil && field.defaultValue == nil, "\(table.table).\(field.column)")
                }
            }
        }
        check(FieldTables.source)
        check(FieldTables.party)
        check(FieldTables.project)
        check(FieldTables.routeStop)
        check(FieldTables.agreement)
        check(FieldTables.agreementParty)
        check(FieldTables.event)
        check(FieldTables.term)
    }

    /// A value for a field other than its default, as a JSON literal.
    private func sample<Record>(_ field: RecordField<Record>) -> String {
        switch field.type {
        case .id(let kind): "\"\(kind)-1\""
        case .text: "\"Some \(field.key)\""
        case .date: "\"2020-05\""
        case .number: "50"
        case .choice(let values, _): "\"\(values.first { $0 != field.defaultValue } ?? "")\""
        case .tristate: "\"yes\""
        case .reference(let kind): "\"\(kind.rawValue)-1\""
        case .country: "\"RU\""
        case .unit: "\"bcm/y\""
        }
    }

    /// A record with every key of its table: each field at a sample value, the lists as given.
    private func object<Record>(_ table: FieldTable<Record>, lists: [String: String] = [:]) -> String {
        var pairs: [String] = []
        for entry in table.entries {
            switch entry {
            case .field(let field): pairs.append("\"\(field.key)\": \(sample(field))")
            case .list(let key), .nested(let key): if let value = lists[key] { pairs.append("\"\(key)\": \(value)") }
            }
        }
        return "{" + pairs.joined(separator: ", ") + "}"
    }

    /// Every field of the record holds a value other than its default.
    private func expectEveryFieldSet<Record>(_ table: FieldTable<Record>, _ record: Record?,
                                             sourceLocation: SourceLocation = #_sourceLocation) {
        guard let record else {
            Issue.record("no \(table.table) record read back", sourceLocation: sourceLocation)
            return
        }
        for field in table.fields {
            let set: Bool
            switch field.slot {
            case .text(let path): set = !record[keyPath: path].isEmpty && record[keyPath: path] != field.defaultValue
            case .optionalText(let path): set = record[keyPath: path] != nil
            case .number(let path): set = record[keyPath: path] != nil
            }
            #expect(set, "\(table.table).\(field.column) (key \(field.key)) did not come back", sourceLocation: sourceLocation)
        }
    }

    /// A document made from the field tables alone, every key of every table
    /// given: the parser accepts every key, the writer stores every field in
    /// its column, the reader reads it back equal, and the encoder writes the
    /// keys in table order.
    @Test func aDocumentWithEveryFieldOfEveryTableRoundTrips() throws {
        let sources = #"[{"source": "source-1", "locator": "p. 1"}]"#
        let term = object(FieldTables.term, lists: ["sources": sources])
        let text = """
            {"sources": [\(object(FieldTables.source))],
             "parties": [\(object(FieldTables.party, lists: ["aliases": #"["P1"]"#, "merged": #"["party-old"]"#,
                                                                 "identifiers": #"[{"scheme": "lei", "value": "L1"}]"#]))],
             "projects": [\(object(FieldTables.project, lists: [
                 "route": "[\(object(FieldTables.routeStop))]", "terms": "[\(term)]", "sources": sources,
                 "identifiers": #"[{"scheme": "gem-wiki", "value": "https://www.gem.wiki/P", "source": "source-1"}]"#,
                 "same_as": #"[{"scheme": "wikidata", "value": "Q1"}]"#,
                 "part": #"{"of": "project-1", "as": "section", "counted": "no", "reason": "Some reason"}"#,
                 "geometry": #"{"wkt": "LINESTRING (30 60, 31 61)", "accuracy": "approximate", "source": "source-1", "locator": "p. 2"}"#]))],
             "agreements": [\(object(FieldTables.agreement, lists: [
                 "parties": "[\(object(FieldTables.agreementParty, lists: ["sources": sources]))]",
                 "terms": "[\(term)]", "sources": sources]))],
             "events": [\(object(FieldTables.event, lists: ["parties": #"["party-1"]"#, "sources": sources]))]}
            """
        var parser = DocumentParser(file: "all.json", countries: ["RU"])
        let parsed = parser.parse(text)
        #expect(parser.issues.isEmpty, "\(parser.issues.map(\.message))")

        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let importer = DocumentImporter(database: test.store.database)
        let result = try importer.run([DocumentInput(name: "all.json", text: text)], dryRun: false)
        #expect(result.agreements == .init(created: 1, updated: 0, unchanged: 0))
        let stored = try DocumentReader(database: test.store.database).all()
        #expect(stored == parsed)

        expectEveryFieldSet(FieldTables.source, stored.sources.first)
        expectEveryFieldSet(FieldTables.party, stored.parties.first)
        expectEveryFieldSet(FieldTables.project, stored.projects.first)
        expectEveryFieldSet(FieldTables.agreement, stored.agreements.first)
        expectEveryFieldSet(FieldTables.agreementParty, stored.agreements.first?.parties.first)
        expectEveryFieldSet(FieldTables.routeStop, stored.projects.first?.route.first)
        expectEveryFieldSet(FieldTables.event, stored.events.first)
        expectEveryFieldSet(FieldTables.term, stored.agreements.first?.terms.first)
        expectEveryFieldSet(FieldTables.term, stored.projects.first?.terms.first)

        // The encoder writes every key, in table order.
        func keys(_ value: DocumentValue) -> [String] {
            if case .map(let pairs) = value { pairs.map(\.0) } else { [] }
        }
        #expect(keys(DocumentEncoder.value(stored.sources[0])) == FieldTables.source.keys)
        #expect(keys(DocumentEncoder.value(stored.parties[0])) == FieldTables.party.keys)
        #expect(keys(DocumentEncoder.value(stored.agreements[0])) == FieldTables.agreement.keys)
        #expect(keys(DocumentEncoder.value(stored.events[0])) == FieldTables.event.keys)
        #expect(keys(DocumentEncoder.value(stored.agreements[0].terms[0])) == FieldTables.term.keys)
        // Projects have no owners or parents here (explicit: a list of their own).
        #expect(keys(DocumentEncoder.value(stored.projects[0]))
                == FieldTables.project.keys.filter { !["owners", "parents"].contains($0) })
        #expect(keys(DocumentEncoder.value(stored.projects[0].route[0])) == FieldTables.routeStop.keys)

        // A second import of the same document changes nothing.
        let again = try importer.run([DocumentInput(name: "all.json", text: text)], dryRun: false)
        #expect(again.agreements == .init(created: 0, updated: 0, unchanged: 1))
        #expect(again.events == .init(created: 0, updated: 0, unchanged: 1))
    }

    /// Each enumeration of a field table is what the schema's CHECK takes:
    /// every value is stored, a value outside it is refused.
    @Test func enumerationsAreTheSchemasChecks() throws {
        let directory = try TemporaryDirectory()
        let test = try TestStore(directory)
        let database = test.store.database
        try database.execute(script: """
            INSERT INTO sources (id, title, kind) VALUES ('s', 'S', 'other');
            INSERT INTO parties (id, name, kind) VALUES ('p', 'P', 'company');
            INSERT INTO citables (id, kind) VALUES (1, 'project'), (2, 'agreement'), (3, 'agreement_party'),
                (4, 'event'), (5, 'term');
            INSERT INTO projects (id, citable_id, name, kind) VALUES ('pr', 1, 'Pr', 'other');
            INSERT INTO project_route (project_id, position, country, role) VALUES ('pr', 1, 'RU', 'origin');
            INSERT INTO agreements (id, citable_id, title, kind, binding) VALUES ('a', 2, 'A', 'other', 'unknown');
            INSERT INTO agreement_parties (citable_id, agreement_id, position, party_id, role, confirmed)
                VALUES (3, 'a', 1, 'p', 'seller', 'unknown');
            INSERT INTO events (id, citable_id, date, date_kind, title) VALUES ('e', 4, '2020', 'actual', 'E');
            INSERT INTO terms (id, citable_id, agreement_id, position, metric, status, evidence, disclosure)
                VALUES (1, 5, 'a', 1, 'price', 'not_stated', 'reported', 'public');
            """)
        func check<Record>(_ table: FieldTable<Record>) throws {
            for field in table.fields {
                guard let values = field.enumeration else { continue }
                // Table and column names are the field tables' constants.
                let update = "UPDATE \(table.table) SET \(field.column) = ? WHERE rowid = (SELECT min(rowid) FROM \(table.table))"
                for value in values {
                    #expect(throws: Never.self, "\(table.table).\(field.column) = \(value)") {
                        try database.execute(sql: update, arguments: [.text(value)])
                    }
                }
                #expect(throws: (any Error).self, "\(table.table).\(field.column) takes any value") {
                    try database.execute(sql: update, arguments: [.text("not-one-of-them")])
                }
            }
        }
        try check(FieldTables.source)
        try check(FieldTables.party)
        try check(FieldTables.project)
        try check(FieldTables.routeStop)
        try check(FieldTables.agreement)
        try check(FieldTables.agreementParty)
        try check(FieldTables.event)
        try check(FieldTables.term)
    }

    /// A key that is in no table is refused by the parser, with the table's keys as the expected ones.
    @Test func theParserAcceptsExactlyTheTablesKeys() {
        var parser = DocumentParser(file: "extra.yaml", countries: ["RU"])
        _ = parser.parse("sources:\n  - {id: s, title: T, colour: red}\n")
        #expect(parser.issues.count == 1)
        let message = parser.issues.first?.message ?? ""
        #expect(message.contains("colour"))
        #expect(FieldTables.source.keys.allSatisfy { message.contains($0) }, "\(message)")
    }
}
