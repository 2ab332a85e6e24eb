import Foundation
import SQLiteKit

/// CSV and TSV.
///
/// CSV follows RFC 4180: commas, CRLF after every record, a header record
/// unless turned off. A field is quoted only when it must be: it holds a
/// comma, a double quote, CR or LF, or starts or ends with a space; quotes
/// inside are doubled. Like the sqlite3 shell, a text equal to the NULL text
/// is quoted as well, so with the default empty NULL text an empty string
/// prints as `""` and NULL as nothing, and the two stay apart.
///
/// TSV is PostgreSQL's text format without its `\N`: tab-separated, LF
/// after every line, and inside a value a tab, newline, carriage return and
/// backslash are written as `\t`, `\n`, `\r` and `\\`. NULL is the NULL text.
///
/// Both print integers as digits, reals as `CellText.real` and blobs as
/// lowercase hex; with `bom` the output starts with U+FEFF for Excel.
final class DelimitedRowWriter: RowWriter {
    enum Style { case csv, tsv }

    private let sink: TextSink
    private let options: RowWriterOptions
    private let style: Style
    private let separator: String
    private let lineEnd: String
    private var columns: [String] = []
    /// The NULL text as it is printed (escaped, but never quoted for being itself).
    private var nullField = ""

    init(sink: TextSink, options: RowWriterOptions, style: Style) {
        self.sink = sink
        self.options = options
        self.style = style
        separator = style == .csv ? "," : "\t"
        lineEnd = style == .csv ? "\r\n" : "\n"
    }

    func begin(columns: [String]) throws {
        self.columns = columns
        nullField = style == .csv ? Self.csvField(options.nullText, quoteEmpty: false) : Self.tsvField(options.nullText)
        if options.bom { sink.write("\u{FEFF}") }
        if options.header && !columns.isEmpty {
            writeLine(columns.map { field($0) })
        }
    }

    func row(_ values: [SQLiteValue]) throws {
        try CellText.checkCount(values, columns: columns)
        try CellText.checkSink(sink)
        guard !values.isEmpty else { return }
        writeLine(values.map { value in
            switch value {
            case .null: nullField
            case .text(let text): field(text)
            default: CellText.of(value, nullText: "")
            }
        })
    }

    func end() throws {
        sink.flush()
        try CellText.checkSink(sink)
    }

    private func writeLine(_ fields: [String]) {
        sink.write(fields.joined(separator: separator) + lineEnd)
    }

    private func field(_ text: String) -> String {
        switch style {
        case .csv: Self.csvField(text, quoteEmpty: text == options.nullText)
        case .tsv: Self.tsvField(text)
        }
    }

    static func csvField(_ text: String, quoteEmpty: Bool) -> String {
        var needsQuotes = quoteEmpty || text.utf8.first == 0x20 || text.utf8.last == 0x20
        var hasQuote = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): hasQuote = true; needsQuotes = true
            case UInt8(ascii: ","), 0x0A, 0x0D: needsQuotes = true
            default: continue
            }
        }
        guard needsQuotes else { return text }
        let body = hasQuote ? text.replacingOccurrences(of: "\"", with: "\"\"") : text
        return "\"" + body + "\""
    }

    static func tsvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
