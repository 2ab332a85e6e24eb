import SQLiteKit

/// A named query as a Datasette canned query. Datasette binds every
/// parameter as text, and '' for one left blank, where `dealdb query` binds
/// typed values and NULL or the default for one not given. The canned SQL
/// turns Datasette's values into dealdb's, so both give the same rows:
/// every `:name` of a declared parameter becomes an expression that maps ''
/// to what dealdb binds and converts the text to the parameter's type. The
/// query files stay as they are, so the user's own queries get the same
/// treatment as the built-ins.
package enum CannedQuery {
    package static func sql(for query: NamedQuery) -> String {
        let parameters = Dictionary(uniqueKeysWithValues: query.parameters.map { ($0.name, $0) })
        var output = ""
        var scanner = SQLScanner(query.sql)
        while let piece = scanner.next() {
            if case .parameter(let name) = piece.kind, let parameter = parameters[name] {
                output += expression(for: parameter)
            } else {
                output += piece.text
            }
        }
        return output
    }

    /// What dealdb would bind, written in SQL over Datasette's text `:name`.
    static func expression(for parameter: QueryParameter) -> String {
        let given = "nullif(:\(parameter.name), '')"
        let typed = switch parameter.kind {
        case .integer: "CAST(\(given) AS INTEGER)"
        case .real: "CAST(\(given) AS REAL)"
        case .boolean:
            "(CASE lower(\(given)) WHEN 'true' THEN 1 WHEN 'yes' THEN 1 WHEN '1' THEN 1 "
                + "WHEN 'false' THEN 0 WHEN 'no' THEN 0 WHEN '0' THEN 0 END)"
        // dealdb binds a list as its items joined by commas, spaces removed.
        case .choices: "replace(\(given), ' ', '')"
        case .text, .date, .choice: given
        }
        guard case .defaultValue(let text) = parameter.requirement,
              let value = try? parameter.value(from: text) else { return typed }
        return "coalesce(\(typed), \(SQLText.literal(value)))"
    }
}

/// Splits SQL into parameters and everything else, knowing SQLite's quotes
/// and comments, so that a `:name` inside a string or a comment is left alone.
struct SQLScanner {
    enum Kind: Equatable {
        case parameter(String)
        case other
    }

    struct Piece {
        let kind: Kind
        let text: Substring
    }

    private let text: String
    private var index: String.Index

    init(_ text: String) {
        self.text = text
        self.index = text.startIndex
    }

    mutating func next() -> Piece? {
        guard index < text.endIndex else { return nil }
        let start = index
        let character = text[index]
        switch character {
        case "'", "\"", "`":
            skipQuoted(closing: character)
        case "[":
            skipQuoted(closing: "]")
        case "-" where text[index...].hasPrefix("--"):
            index = text[index...].firstIndex(of: "\n") ?? text.endIndex
        case "/" where text[index...].hasPrefix("/*"):
            index = text[text.index(index, offsetBy: 2)...].range(of: "*/")?.upperBound ?? text.endIndex
        case ":", "@", "$":
            let nameStart = text.index(after: index)
            var end = nameStart
            while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" { end = text.index(after: end) }
            index = end == nameStart ? nameStart : end
            if end > nameStart, character == ":" {
                return Piece(kind: .parameter(String(text[nameStart..<end])), text: text[start..<end])
            }
        default:
            index = text.index(after: index)
            // Plain text runs up to the next character that may start something.
            while index < text.endIndex, !"'\"`[-/:@$".contains(text[index]) { index = text.index(after: index) }
        }
        return Piece(kind: .other, text: text[start..<index])
    }

    /// Past a quoted run; a doubled closing quote stands for itself.
    private mutating func skipQuoted(closing: Character) {
        index = text.index(after: index)
        while index < text.endIndex {
            if text[index] == closing {
                index = text.index(after: index)
                guard index < text.endIndex, text[index] == closing, closing != "]" else { return }
            }
            index = text.index(after: index)
        }
    }
}
