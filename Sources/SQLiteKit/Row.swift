package import Foundation

/// One result row: column names shared between rows, values copied out.
package struct Row: Sendable, Hashable {
    package let columnNames: [String]
    package let values: [SQLiteValue]

    package init(columnNames: [String], values: [SQLiteValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    package subscript(index: Int) -> SQLiteValue { values[index] }

    /// The value of the first column with this name, or nil if there is none.
    package subscript(name: String) -> SQLiteValue? {
        columnNames.firstIndex(of: name).map { values[$0] }
    }

    package func string(_ index: Int) -> String? { values[index].string }
    package func int64(_ index: Int) -> Int64? { values[index].int64 }
    package func double(_ index: Int) -> Double? { values[index].double }
    package func data(_ index: Int) -> Data? { values[index].data }

    package func string(_ name: String) -> String? { self[name]?.string }
    package func int64(_ name: String) -> Int64? { self[name]?.int64 }
    package func double(_ name: String) -> Double? { self[name]?.double }
}
