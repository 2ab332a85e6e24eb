import SQLiteKit

/// SQLite's CHECK failures in one line. SQLite quotes the constraint's
/// text as written in the schema, line breaks and indentation included:
/// `CHECK constraint failed: status IN\n ('announced', ...`. A user reads
/// `agreements.status must be one of announced, negotiating, ...`.
package enum ConstraintMessage {
    static let prefix = "CHECK constraint failed: "

    /// `message` in one line; for a CHECK failure, naming the column (and
    /// its table, when `database` is given and the constraint's text is
    /// found in exactly one table) and the values it allows.
    static func oneLine(_ message: String, database: Database? = nil) -> String {
        guard let start = message.range(of: prefix) else { return collapsed(message) }
        let expression = String(message[start.upperBound...])
        let text = collapsed(expression)
        guard let (column, values) = allowedValues(text) else {
            return collapsed(message)
        }
        let owner = database.flatMap { tableName(holding: expression, in: $0) }.map { $0 + "." } ?? ""
        return collapsed(String(message[..<start.lowerBound]))
            + "\(owner)\(column) must be one of \(values.joined(separator: ", ")) (a CHECK constraint)"
    }

    /// The column a failed CHECK is about, among `columns`: the only one
    /// its expression names. Nil for another failure, or when it names
    /// several (`valid_to >= valid_from`) or none.
    static func checkedColumn(_ message: String, among columns: [String]) -> String? {
        guard let start = message.range(of: prefix) else { return nil }
        let words = Set(message[start.upperBound...].split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        let named = columns.filter { words.contains($0) }
        return named.count == 1 ? named[0] : nil
    }

    /// What a CHECK's expression asks for, in words, where it is one of the
    /// schema's own rules: the date rule (migration 0001's, on every date
    /// column) reads as its three forms, not as 300 characters of SQL.
    static func rule(_ message: String) -> String? {
        guard let start = message.range(of: prefix) else { return nil }
        let text = collapsed(String(message[start.upperBound...]))
        if text.contains("GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'") && text.contains("'+0 days'") {
            return "not a date: write YYYY, YYYY-MM or a day that exists as YYYY-MM-DD"
        }
        if let (_, values) = allowedValues(text) {
            return "must be one of \(values.joined(separator: ", "))"
        }
        return nil
    }

    /// Whitespace runs (line breaks, indentation) as one space, and none
    /// just inside parentheses.
    static func collapsed(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace && result.last != "(" && character != ")" { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    /// `column IN ('a', 'b')` as the column and its values.
    static func allowedValues(_ text: String) -> (String, [String])? {
        guard let inRange = text.range(of: " IN ("), text.hasSuffix(")") else { return nil }
        let column = String(text[..<inRange.lowerBound])
        guard !column.isEmpty, column.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let list = text[inRange.upperBound..<text.index(before: text.endIndex)]
        var values: [String] = []
        for item in list.split(separator: ",") {
            let value = item.trimmingWhitespace()
            guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else { return nil }
            values.append(String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        }
        return values.isEmpty ? nil : (column, values)
    }

    private static func tableName(holding expression: String, in database: Database) -> String? {
        let rows = try? database.fetchAll(
            sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND instr(sql, ?) > 0",
            arguments: [.text(expression)])
        guard let rows, rows.count == 1 else { return nil }
        return rows[0].string(0)
    }
}
