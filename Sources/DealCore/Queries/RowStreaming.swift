import Foundation
import SQLiteKit

extension Statement {
    /// Steps through every row into `writer`, one at a time, so that memory
    /// stays flat however many rows there are. Returns the row count.
    @discardableResult
    func stream(into writer: RowWriter) throws -> Int {
        try writer.begin(columns: columnNames)
        var count = 0
        if let direct = writer.formatter as? StatementRowWriter {
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
package struct BoundSQL: Sendable {
    package let sql: String
    let arguments: [(name: String, value: SQLiteValue)]

    package var description: String {
        var text = sql
        if !arguments.isEmpty {
            text += "\n-- bound: " + arguments.map { "\($0.name) = \(SQLText.literal($0.value))" }.joined(separator: ", ")
        }
        return text
    }
}
