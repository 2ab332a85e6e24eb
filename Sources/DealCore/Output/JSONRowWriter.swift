import Foundation
import SQLiteKit

/// JSON (one array) and NDJSON (one object per line).
///
/// Each row is one object on one line, `{"col": value, ...}`, keys in
/// column order. A column name seen before gets `_2`, `_3`, ... so that no
/// key repeats. Integers print exactly; reals as `NumberText.cell` (valid JSON
/// numbers that read back as the same Double, `50.0` staying a float);
/// NULL as `null`; a non-finite real (JSON has no Infinity or NaN) is an
/// error naming its row and column, never a silent `null`; text as a JSON string escaped per
/// RFC 8259; blobs as base64 strings.
///
/// The array is `[`, a newline, the objects separated by `,\n`, then a
/// newline and `]\n`; with no rows it is `[]\n`. NDJSON writes each object
/// followed by `\n`, and nothing at all for no rows.
final class JSONRowWriter: StatementRowWriter {
    enum Style { case array, lines }

    private let sink: TextSink
    private let style: Style
    /// `"key": ` per column, encoded once.
    private var keyPrefixes: [String] = []
    private var rowCount = 0

    init(sink: TextSink, style: Style) {
        self.sink = sink
        self.style = style
    }

    func begin(columns: [String]) throws {
        keyPrefixes = Self.uniqueKeys(columns).map { Self.string($0) + ": " }
        rowCount = 0
    }

    /// The same object as `row(_:)`, read from the statement: a blob goes
    /// from SQLite's buffer to the output as base64 in slices, so a 300 MB
    /// blob costs its base64 text once in the sink's buffer at most, not a
    /// Data copy, a base64 String and the object String around it.
    func row(from statement: Statement) throws {
        try CellText.checkSink(sink)
        let count = keyPrefixes.count
        guard (0..<Int32(count)).contains(where: { statement.columnType(at: $0) == .blob }) else {
            return try row((0..<Int32(count)).map { statement.value(at: $0) })
        }
        var object = style == .array ? (rowCount == 0 ? "[\n{" : ",\n{") : "{"
        for index in 0..<count {
            if index > 0 { object += ", " }
            object += keyPrefixes[index]
            let column = Int32(index)
            guard statement.columnType(at: column) == .blob else {
                let value = statement.value(at: column)
                try checkFinite(value, column: index)
                object += Self.value(value)
                continue
            }
            sink.write(object + "\"")
            object = "\""
            statement.withBlob(at: column) { bytes in
                let slice = 3 * 16 * 1024
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + slice)
                    sink.write(Data(bytes[offset..<end]).base64EncodedString())
                    offset = end
                }
            }
        }
        object += "}"
        sink.write(style == .lines ? object + "\n" : object)
        rowCount += 1
    }

    private func checkFinite(_ value: SQLiteValue, column index: Int) throws {
        if case .real(let number) = value, !number.isFinite {
            throw DealError(.failure, "row \(rowCount + 1), column \(keyPrefixes[index].dropLast(2)): "
                + "\(NumberText.cell(number)) cannot be written as JSON, which has no such number; "
                + "use csv, or `dealdb doctor` to find stored ones")
        }
    }

    func row(_ values: [SQLiteValue]) throws {
        guard values.count == keyPrefixes.count else {
            throw DealError(.failure, "output: a row has \(values.count) values for \(keyPrefixes.count) columns")
        }
        try CellText.checkSink(sink)
        for (index, value) in values.enumerated() { try checkFinite(value, column: index) }
        var object = "{"
        for (index, value) in values.enumerated() {
            if index > 0 { object += ", " }
            object += keyPrefixes[index]
            object += Self.value(value)
        }
        object += "}"
        switch style {
        case .array: sink.write((rowCount == 0 ? "[\n" : ",\n") + object)
        case .lines: sink.write(object + "\n")
        }
        rowCount += 1
    }

    func end() throws {
        if style == .array { sink.write(rowCount == 0 ? "[]\n" : "\n]\n") }
        sink.flush()
        try CellText.checkSink(sink)
    }

    /// Column names made unique: the first `id` stays `id`, the next is
    /// `id_2`, then `id_3`, skipping any suffix that is itself a column.
    static func uniqueKeys(_ columns: [String]) -> [String] {
        var used = Set<String>()
        var keys: [String] = []
        keys.reserveCapacity(columns.count)
        for name in columns {
            var key = name
            var suffix = 2
            while used.contains(key) {
                key = "\(name)_\(suffix)"
                suffix += 1
            }
            used.insert(key)
            keys.append(key)
        }
        return keys
    }

    static func value(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let number): String(number)
        case .real(let number): number.isFinite ? NumberText.cell(number) : "null"
        case .text(let text): string(text)
        case .blob(let data): "\"" + data.base64EncodedString() + "\""
        }
    }

    /// A JSON string literal: quote and backslash escaped, control
    /// characters as their short escape or `\u00XX`, everything else as is.
    static func string(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            return "\"" + text + "\""
        }
        return "\"" + json.apply(text) + "\""
    }

    private static let json = Escaping([
        "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f",
    ]) { scalar -> String? in
        guard scalar.value < 0x20 else { return nil }
        let hex = String(scalar.value, radix: 16)
        return (scalar.value < 0x10 ? "\\u000" : "\\u00") + hex
    }
}
