import ArgumentParser
import DealCore
import Foundation

/// Option values checked where they are parsed, once for every command: a
/// bad value is a usage error (exit 64) naming the option and what it
/// allows, before any database is opened.
enum TypedArguments {
    /// A date of one of the three precisions the data uses.
    static func date(_ text: String) throws -> String {
        guard DateText.isValid(text) else {
            throw ValidationError("invalid date \"\(text)\"; \(DateText.expected)")
        }
        return text
    }

    /// A value from one of the schema's vocabularies (`Vocabulary`).
    static func word(_ noun: String, _ allowed: [String]) -> @Sendable (String) throws -> String {
        { text in
            guard allowed.contains(text) else {
                throw ValidationError("unknown \(noun) \"\(text)\"; expected one of \(allowed.joined(separator: ", "))"
                    + Suggestions.hint(for: text, in: allowed))
            }
            return text
        }
    }

    /// A comma-separated list of values from one vocabulary (`agreed,proposed`).
    static func words(_ noun: String, _ allowed: [String]) -> @Sendable (String) throws -> [String] {
        let one = word(noun, allowed)
        return { text in
            try text.split(separator: ",").map { try one($0.trimmingCharacters(in: .whitespaces)) }
        }
    }

    /// A number of seconds from 0 to `maximum`, as a Duration; 0 is kept
    /// (callers read it as "no limit" or "do not wait", `zero` says which).
    /// A decimal number as people write it (15, 0.5, 1e3), finite. Double's
    /// own reading also takes hexadecimal (`0x10` was 16 seconds), `inf`
    /// and `nan`, none of which anyone means here.
    static func decimal(_ text: String) -> Double? {
        guard text.range(of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil,
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A number of at least 0 for `flag`, refused with what was typed.
    static func nonNegative(_ flag: String, unit: String) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = decimal(text), value >= 0 else {
                throw ValidationError("\(flag): expected a number of \(unit) of at least 0, got \"\(text)\"")
            }
            return value
        }
    }

    static func seconds(_ flag: String, maximum: Double, zero: String = "") -> @Sendable (String) throws -> Duration {
        { text in
            guard let seconds = decimal(text), (0...maximum).contains(seconds) else {
                throw ValidationError("\(flag) must be a number of seconds from 0\(zero) to \(Int(maximum))")
            }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
    }

    /// The help for a vocabulary option: what it is and every value it takes.
    static func help(_ what: String, _ allowed: [String], valueName: String) -> ArgumentHelp {
        ArgumentHelp("\(what): \(allowed.joined(separator: ", ")).", valueName: valueName)
    }
}
