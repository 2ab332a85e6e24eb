import Foundation
import SQLiteKit

/// A query kept as a `.sql` file with a header of `-- key: value` lines:
///
///     -- name: unresolved-pricing
///     -- title: Deals whose price is not settled
///     -- description: ...
///     -- param: party text optional  Only deals of this party
package struct NamedQuery: Sendable, Equatable {
    package let name: String
    package let title: String
    package let description: String
    package let parameters: [QueryParameter]
    package let sql: String
    /// Where it came from: "built-in" or the file's path.
    package let origin: String

    /// Parses a query file. `file` names it in error messages.
    package init(file: String, text: String, origin: String) throws {
        var name: String?, title: String?
        var description: [String] = []
        var parameters: [QueryParameter] = []
        // Any line end: "\r\n" is one Character to Swift, never equal to "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var bodyStart = lines.count
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingWhitespace().trimmingCharacters(in: ["\r"])
            if line.isEmpty { continue }
            guard line.hasPrefix("--") else { bodyStart = index; break }
            let comment = line.dropFirst(2).trimmingWhitespace()
            guard let colon = comment.firstIndex(of: ":") else { continue }
            let key = comment[..<colon].trimmingWhitespace()
            let value = comment[comment.index(after: colon)...].trimmingWhitespace()
            let location = "\(file):\(index + 1)"
            switch key {
            case "name": name = value
            case "title": title = value
            case "description": description.append(value)
            case "param": parameters.append(try Self.parseParameter(value, location: location))
            default: continue
            }
        }
        guard let name, !name.isEmpty else {
            throw DealError(.invalidData, "\(file):1: missing header line \"-- name: NAME\"")
        }
        guard Vocabulary.isSlug(name) else {
            throw DealError(.invalidData, "\(file):1: query name \"\(name)\" must be lowercase letters, digits and -")
        }
        var seen = Set<String>()
        for parameter in parameters where !seen.insert(parameter.name).inserted {
            throw DealError(.invalidData, "\(file): parameter \(parameter.name) is declared twice")
        }
        let sql = lines[bodyStart...].joined(separator: "\n").trimmingWhitespaceAndNewlines()
        guard !sql.isEmpty else { throw DealError(.invalidData, "\(file): the query has a header but no SQL") }
        self.name = name
        self.title = title ?? name
        self.description = description.joined(separator: "\n")
        self.parameters = parameters
        self.sql = sql
        self.origin = origin
    }

    /// `party text optional  Only deals of this party`
    static func parseParameter(_ text: String, location: String) throws -> QueryParameter {
        let (spec, help): (Substring, String)
        if let gap = text.range(of: "  ") {
            spec = text[..<gap.lowerBound]
            help = text[gap.upperBound...].trimmingWhitespace()
        } else {
            spec = Substring(text)
            help = ""
        }
        let words = spec.split(separator: " ").map(String.init)
        let usage = "expected \"-- param: NAME TYPE required|optional|default VALUE  help\""
        guard words.count >= 3 else { throw DealError(.invalidData, "\(location): \(usage)") }
        let name = words[0]
        guard name.first?.isLetter == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw DealError(.invalidData, "\(location): parameter name \"\(name)\" must be letters, digits and _")
        }
        let kind: QueryParameter.Kind
        switch words[1] {
        case "text": kind = .text
        case "integer": kind = .integer
        case "real": kind = .real
        case "date": kind = .date
        case "boolean": kind = .boolean
        case let type where type.hasPrefix("choice(") && type.hasSuffix(")"):
            let values = type.dropFirst(7).dropLast().split(separator: "|").map(String.init)
            guard !values.isEmpty else { throw DealError(.invalidData, "\(location): choice() needs values: choice(a|b)") }
            kind = .choice(values)
        case let type where type.hasPrefix("choices(") && type.hasSuffix(")"):
            let values = type.dropFirst(8).dropLast().split(separator: "|").map(String.init)
            guard !values.isEmpty else { throw DealError(.invalidData, "\(location): choices() needs values: choices(a|b)") }
            kind = .choices(values)
        default:
            throw DealError(.invalidData,
                            "\(location): unknown parameter type \"\(words[1])\"; expected text, integer, real, date, boolean, choice(a|b|...) or choices(a|b|...)")
        }
        let requirement: QueryParameter.Requirement
        switch words[2] {
        case "required" where words.count == 3: requirement = .required
        case "optional" where words.count == 3: requirement = .optional
        case "default" where words.count >= 4: requirement = .defaultValue(words[3...].joined(separator: " "))
        default: throw DealError(.invalidData, "\(location): \(usage)")
        }
        let parameter = QueryParameter(name: name, kind: kind, requirement: requirement, help: help)
        if case .defaultValue(let value) = requirement {
            do { _ = try parameter.value(from: value) } catch let error as DealError {
                throw DealError(.invalidData, "\(location): default of \(error.message)")
            }
        }
        return parameter
    }

    /// Checks `given` as a run would (names, types, required parameters)
    /// without running anything.
    package func checkArguments(_ given: [String: String]) throws {
        _ = try arguments(given)
    }

    /// The values to bind, by name: the user's, converted to their types,
    /// then defaults, then NULL for optional ones left out.
    func arguments(_ given: [String: String]) throws -> [String: SQLiteValue] {
        let declared = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
        for name in given.keys.sorted() where declared[name] == nil {
            let known = parameters.map(\.name)
            throw DealError(.usage, "query \(self.name) has no parameter \"\(name)\""
                + (known.isEmpty ? "; it takes none" : "; it takes \(known.joined(separator: ", "))"))
        }
        var arguments: [String: SQLiteValue] = [:]
        for parameter in parameters {
            if let text = given[parameter.name] {
                arguments[parameter.name] = try parameter.value(from: text)
                continue
            }
            switch parameter.requirement {
            case .required:
                let needed: DealMessage = "query \(name) needs parameter \(parameter.name) (\(parameter.kind.description)): "
                    + "add \(setting: .parameter, value: "\(parameter.name)=VALUE")"
                throw DealError(.usage, needed + (parameter.help.isEmpty ? "" : " (\(parameter.help))"))
            case .optional:
                arguments[parameter.name] = .null
            case .defaultValue(let value):
                arguments[parameter.name] = try parameter.value(from: value)
            }
        }
        return arguments
    }
}
