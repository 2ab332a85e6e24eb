import Foundation
import Testing
@testable import SQLiteKit

/// SQLText's names and literals, read back by SQLite itself.
@Suite struct SQLTextTests {
    @Test(arguments: [
        SQLiteValue.null, .integer(-3), .integer(.max), .integer(.min),
        .real(1.5), .real(50), .real(0.1), .real(-2.5e-300), .real(1e20), .real(.greatestFiniteMagnitude),
        .real(.infinity), .real(-.infinity),
        .text(""), .text("O'Brien"), .text("''; DROP TABLE t; --"), .text("中国石油 \u{202E}"),
        .blob(Data()), .blob(Data([0, 1, 0xAB, 0xFF])),
    ])
    func literalsReadBackAsTheSameValue(_ value: SQLiteValue) throws {
        let database = try Database(path: ":memory:", mode: .create)
        let read = try database.fetchAll(sql: "SELECT \(SQLText.literal(value))")
        #expect(read.first?.values == [value])
    }

    @Test func notANumberIsNull() throws {
        #expect(SQLText.literal(.real(.nan)) == "NULL")
    }

    @Test(arguments: ["plain", "select", "with space", "quote\"inside", "\"\"", "中国"])
    func identifiersNameExactlyTheirTable(_ name: String) throws {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute(script: "CREATE TABLE \(SQLText.identifier(name)) (\(SQLText.identifier(name + "c")) INTEGER)")
        let tables = try database.fetchAll(sql: "SELECT name FROM sqlite_schema WHERE type = 'table'")
        #expect(tables.map { $0.string(0) } == [name])
        let columns = try database.fetchAll(sql: "SELECT name FROM pragma_table_info(?)", arguments: [.text(name)])
        #expect(columns.map { $0.string(0) } == [name + "c"])
    }
}
