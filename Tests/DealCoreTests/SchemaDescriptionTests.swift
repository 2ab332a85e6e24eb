import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

/// The descriptions of tables and columns (for Datasette and the sqlite3
/// shell's readers) cover the whole schema, and docs/FORMAT.md says the same.
@Suite struct SchemaDescriptionTests {
    private func schema() throws -> [String: [String]] {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        var tables: [String: [String]] = [:]
        for row in try database.fetchAll(sql: "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')") {
            guard let name = row.string(0), !SchemaDescriptions.isImplementationDetail(name) else { continue }
            // table_xinfo lists generated columns too (hidden 2 and 3); 1 is a virtual table's hidden column.
            tables[name] = try database.fetchAll(sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden <> 1",
                                                 arguments: [.text(name)])
                .compactMap { $0.string(0) }
        }
        return tables
    }

    /// A new table or column without a description fails here, naming it.
    @Test func everyTableAndColumnIsDescribed() throws {
        let tables = try schema()
        #expect(tables.count >= 14)
        for (table, columns) in tables.sorted(by: { $0.key < $1.key }) {
            guard let described = SchemaDescriptions.table(named: table) else {
                Issue.record("table \(table) has no description in SchemaDescriptions")
                continue
            }
            let names = described.columns.map(\.key)
            #expect(names == columns, "\(table): described \(names), the schema has \(columns)")
            #expect(described.columns.allSatisfy { !$0.value.isEmpty })
            for facet in described.facets { #expect(columns.contains(facet), "\(table): facet \(facet) is no column") }
        }
        for described in SchemaDescriptions.tables {
            #expect(tables[described.name] != nil, "\(described.name) is described but not in the schema")
        }
    }

    /// FORMAT.md's table reference is these descriptions, word for word.
    @Test func formatDocumentSaysTheSame() throws {
        let path = SharedData.packageRoot + "/docs/FORMAT.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let begin = "<!-- tables:begin (made from SchemaDescriptions.swift; a test compares) -->\n"
        let end = "<!-- tables:end -->"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
        else {
            Issue.record("docs/FORMAT.md has no \(begin) ... \(end) section")
            return
        }
        let expected = Self.markdown()
        let actual = String(text[start.upperBound..<stop.lowerBound])
        if actual != expected {
            let scratch = FileManager.default.temporaryDirectory.path + "/FORMAT-tables.md"
            try? expected.write(toFile: scratch, atomically: true, encoding: .utf8)
            Issue.record("docs/FORMAT.md's table reference differs from SchemaDescriptions; the expected text is in \(scratch)")
        }
    }

    static func markdown() -> String {
        SchemaDescriptions.tables.map { table in
            "### \(table.name)\(table.isInternal ? " (internal)" : "")\n\n\(table.description)\n\n"
                + "| column | holds |\n|---|---|\n"
                + table.columns.map { "| `\($0.key)` | \($0.value.replacingOccurrences(of: "|", with: "\\|")) |\n" }.joined()
                + "\n"
        }.joined()
    }
}
