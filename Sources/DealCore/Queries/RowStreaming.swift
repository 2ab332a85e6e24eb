import Foundation
import SQLiteKit

extension Statement {
    /// Steps through every row into `writer`, one at a time, so that memory
    /// stays flat however many rows there are. Returns the row count.
    @discardableResult
    func stream(into writer: RowWriter) throws -> Int {
        try writer.begin(columns: columnNames)
        var count = 0
        if let direct = writer as? StatementRowWriter {
            defer { rewind() }
            count = try direct.rows(from: self)
            try writer.end()
            return count
        }
        var cursor = rows()
        while let row = try cursor.next() {
            try writer.row(row.values)
            count += 1
        }
        try writer.end()
        return count
    }
}

/// SQL with the values bound to it, as `--show-sql` prints it.
public struct BoundSQL: Sendable {
    public let sql: String
    public let arguments: [(name: String, value: SQLiteValue)]

    public var description: String {
        var text = sql
        if !arguments.isEmpty {
            text += "\n-- bound: " + arguments.map { "\($0.name) = \(Self.render($0.value))" }.joined(separator: ", ")
        }
        return text
    }

    static func render(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let data): "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }
}
