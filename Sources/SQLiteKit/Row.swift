public import Foundation

/// One result row: column names shared between rows, values copied out.
public struct Row: Sendable, Hashable {
    public let columnNames: [String]
    public let values: [SQLiteValue]

    public init(columnNames: [String], values: [SQLiteValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    public subscript(index: Int) -> SQLiteValue { values[index] }

    /// The value of the first column with this name, or nil if there is none.
    public subscript(name: String) -> SQLiteValue? {
        columnNames.firstIndex(of: name).map { values[$0] }
    }

    public func string(_ index: Int) -> String? { values[index].string }
    public func int64(_ index: Int) -> Int64? { values[index].int64 }
    public func double(_ index: Int) -> Double? { values[index].double }
    public func data(_ index: Int) -> Data? { values[index].data }

    public func string(_ name: String) -> String? { self[name]?.string }
    public func int64(_ name: String) -> Int64? { self[name]?.int64 }
    public func double(_ name: String) -> Double? { self[name]?.double }
}
