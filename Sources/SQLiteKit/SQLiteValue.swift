package import Foundation

/// One SQLite value, as stored: the five storage classes.
package enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    package var isNull: Bool { if case .null = self { true } else { false } }

    package var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        default: nil
        }
    }

    package var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    package var string: String? {
        if case .text(let value) = self { value } else { nil }
    }

    package var data: Data? {
        if case .blob(let value) = self { value } else { nil }
    }
}

extension SQLiteValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    package init(nilLiteral: ()) { self = .null }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(floatLiteral value: Double) { self = .real(value) }
    package init(stringLiteral value: String) { self = .text(value) }
}

extension SQLiteValue {
    /// NULL for nil, so that optional model fields bind without ceremony.
    package init(_ value: String?) { self = value.map(SQLiteValue.text) ?? .null }
    package init(_ value: Int64?) { self = value.map(SQLiteValue.integer) ?? .null }
    package init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    package init(_ value: Double?) { self = value.map(SQLiteValue.real) ?? .null }
    package init(_ value: Data?) { self = value.map(SQLiteValue.blob) ?? .null }
}
