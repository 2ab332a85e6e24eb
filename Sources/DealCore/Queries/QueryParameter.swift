import Foundation
import SQLiteKit

/// A typed parameter of a named query, declared in its header as
/// `-- param: NAME TYPE (required|optional|default VALUE)  Help text`.
package struct QueryParameter: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case text, integer, real, date, boolean
        case choice([String])
        /// A comma-separated list, each item one of the values (`agreed,proposed`);
        /// bound as the items joined by commas, spaces removed.
        case choices([String])

        package var description: String {
            switch self {
            case .text: "text"
            case .integer: "integer"
            case .real: "real"
            case .date: "date"
            case .boolean: "boolean"
            case .choice(let values): "choice(\(values.joined(separator: "|")))"
            case .choices(let values): "choices(\(values.joined(separator: "|")))"
            }
        }
    }

    package enum Requirement: Sendable, Equatable {
        case required
        case optional
        case defaultValue(String)
    }

    package let name: String
    package let kind: Kind
    package let requirement: Requirement
    package let help: String

    /// The value to bind for `text` given by the user, checked against the type.
    func value(from text: String) throws -> SQLiteValue {
        switch kind {
        case .text:
            return .text(text)
        case .integer:
            guard let number = Int64(text.trimmingWhitespace()) else {
                throw invalid(text, expected: "a whole number")
            }
            return .integer(number)
        case .real:
            guard case .number(let number) = DecimalNumber.read(text.trimmingWhitespace()) else {
                throw invalid(text, expected: "a decimal number")
            }
            return .real(number)
        case .date:
            guard DateText.isValid(text) else { throw invalid(text, expected: "a date YYYY, YYYY-MM or YYYY-MM-DD") }
            return .text(text)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "1": return .integer(1)
            case "false", "no", "0": return .integer(0)
            default: throw invalid(text, expected: "true or false")
            }
        case .choice(let values):
            guard values.contains(text) else { throw invalid(text, expected: "one of \(values.joined(separator: ", "))") }
            return .text(text)
        case .choices(let values):
            let items = text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard !items.isEmpty else { throw invalid(text, expected: "a list of \(values.joined(separator: ", "))") }
            for item in items where !values.contains(item) {
                throw invalid(text, expected: "a comma-separated list of \(values.joined(separator: ", ")); \"\(item)\" is none of them")
            }
            return .text(items.joined(separator: ","))
        }
    }

    private func invalid(_ text: String, expected: String) -> DealError {
        DealError(.usage, "parameter \(name): \"\(text)\" is not \(expected)")
    }

    /// `party text optional`, as the header and `dealdb queries` show it.
    package var signature: String {
        switch requirement {
        case .required: "\(name) \(kind.description) required"
        case .optional: "\(name) \(kind.description) optional"
        case .defaultValue(let value): "\(name) \(kind.description) default \(value)"
        }
    }
}
