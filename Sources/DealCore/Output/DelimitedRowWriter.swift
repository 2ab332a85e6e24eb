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
/// Both print integers as digits, reals as `NumberText.cell` and blobs as
/// lowercase hex; with `bom` the output starts with U+FEFF for Excel.
final class DelimitedRowWriter: StatementRowWriter {
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
        // The line is built in a local byte array and handed to the sink
        // once: joining an array of Strings per line, and appending field by
        // field to the sink's buffer (each append an exclusivity check on a
        // class property), were most of an export's time.
        var line = lineBuffer
        lineBuffer = []
        line.removeAll(keepingCapacity: true)
        for (index, value) in values.enumerated() {
            if index > 0 { Self.append(separator, to: &line) }
            switch value {
            case .null: Self.append(nullField, to: &line)
            case .text(let text): appendField(text, to: &line)
            case .integer(let number): Self.append(number, to: &line)
            case .real(let number): Self.append(Self.real(number), to: &line)
            case .blob: Self.append(CellText.of(value, nullText: ""), to: &line)
            }
        }
        Self.append(lineEnd, to: &line)
        sink.write(bytes: line)
        lineBuffer = line
    }

    private var lineBuffer: [UInt8] = []
    private lazy var separatorByte: UInt8 = separator.utf8.first ?? UInt8(ascii: ",")
    private lazy var lineEndBytes: [UInt8] = Array(lineEnd.utf8)
    private lazy var nullTextBytes: [UInt8] = Array(options.nullText.utf8)

    /// The same line as `row(_:)` writes, read from the statement's current
    /// row: ASCII text goes from SQLite's buffer to the line without a
    /// String (making one per cell was a third of an export's time); other
    /// text takes the general path, which repairs bytes that are not UTF-8.
    func row(from statement: Statement) throws {
        try CellText.checkSink(sink)
        guard !columns.isEmpty else { return }
        var line = lineBuffer
        lineBuffer = []
        line.removeAll(keepingCapacity: true)
        appendRow(from: statement, to: &line)
        sink.write(bytes: line)
        lineBuffer = line
    }

    /// Every remaining row of the statement, into one local buffer handed
    /// to the sink every 64 KB. Per row, the sink's append and this class's
    /// own properties (each access an exclusivity check) cost more than the
    /// row itself for a narrow table: `citables` (two short columns) was
    /// 1.42x the sqlite3 shell.
    func rows(from statement: Statement) throws -> Int {
        try CellText.checkSink(sink)
        var count = 0
        guard !columns.isEmpty else {
            while try statement.step() { count += 1 }
            return count
        }
        var line = lineBuffer
        lineBuffer = []
        line.removeAll(keepingCapacity: true)
        line.reserveCapacity(Self.chunk + 4096)
        defer { lineBuffer = line }
        let format = rowFormat
        while try statement.step() {
            appendRow(from: statement, to: &line, format: format)
            count += 1
            if line.count >= Self.chunk {
                sink.write(bytes: line)
                line.removeAll(keepingCapacity: true)
                try CellText.checkSink(sink)
            }
        }
        if !line.isEmpty { sink.write(bytes: line) }
        line.removeAll(keepingCapacity: true)
        try CellText.checkSink(sink)
        return count
    }

    private static let chunk = 64 * 1024

    /// What a row needs of the writer, read once per export rather than
    /// from the class's properties per cell.
    private struct RowFormat {
        let columns: Int32
        let separator: UInt8
        let lineEnd: [UInt8]
        let nullField: [UInt8]
        let nullText: [UInt8]
        let csv: Bool
        let excelSafe: Bool
    }

    private var rowFormat: RowFormat {
        RowFormat(columns: Int32(columns.count), separator: separatorByte, lineEnd: lineEndBytes,
                  nullField: Array(nullField.utf8), nullText: nullTextBytes, csv: style == .csv,
                  excelSafe: options.excelSafe)
    }

    private func appendRow(from statement: Statement, to line: inout [UInt8]) {
        appendRow(from: statement, to: &line, format: rowFormat)
    }

    private func appendRow(from statement: Statement, to line: inout [UInt8], format: RowFormat) {
        for index in 0..<format.columns {
            if index > 0 { line.append(format.separator) }
            switch statement.columnType(at: index) {
            case .null: line.append(contentsOf: format.nullField)
            case .integer: Self.append(statement.int64(at: index), to: &line)
            case .real: Self.append(Self.real(statement.double(at: index)), to: &line)
            case .text:
                let done = statement.withText(at: index) { bytes in
                    guard format.csv, Self.isASCII(bytes),
                          !(format.excelSafe && Self.startsLikeAFormula(bytes.first)) else { return false }
                    Self.appendCSVField(bytes, to: &line, nullText: format.nullText)
                    return true
                }
                if !done, case .text(let text) = statement.value(at: index) { appendField(text, to: &line) }
            case .blob: Self.append(CellText.of(statement.value(at: index), nullText: ""), to: &line)
            }
        }
        line.append(contentsOf: format.lineEnd)
    }

    private static func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>, to line: inout [UInt8], nullText: [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let quoteEmpty = bytes.count == nullText.count && bytes.elementsEqual(nullText)
        let (needed, hasQuote) = Self.csvScan(bytes, quoteEmpty: quoteEmpty)
        guard needed else { return line.append(contentsOf: bytes) }
        line.append(quote)
        if hasQuote {
            for byte in bytes {
                if byte == quote { line.append(quote) }
                line.append(byte)
            }
        } else {
            line.append(contentsOf: bytes)
        }
        line.append(quote)
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    private func appendField(_ givenText: String, to line: inout [UInt8]) {
        let text = options.excelSafe && Self.startsLikeAFormula(givenText.utf8.first) ? "'" + givenText : givenText
        guard style == .csv else { return Self.append(Self.tsvField(text), to: &line) }
        let quoteEmpty = text == options.nullText
        guard Self.csvNeedsQuotes(text, quoteEmpty: quoteEmpty).needed else { return Self.append(text, to: &line) }
        Self.append(Self.csvField(text, quoteEmpty: quoteEmpty), to: &line)
    }

    private static func append(_ text: String, to line: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ line.append(contentsOf: $0) }) == nil {
            line.append(contentsOf: text.utf8)
        }
    }

    /// Decimal digits, as `String(number)` prints them, without making a String.
    private static func append(_ number: Int64, to line: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes hold Int64's 20 digits
        var magnitude = number.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if number < 0 { line.append(UInt8(ascii: "-")) }
            // One append of the digits, not one per digit.
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)..<24]))
        }
    }

    func end() throws {
        sink.flush()
        try CellText.checkSink(sink)
    }

    private func writeLine(_ fields: [String]) {
        sink.write(fields.joined(separator: separator) + lineEnd)
    }

    /// The first bytes OWASP lists for CSV injection (see `RowWriterOptions.excelSafe`).
    static func startsLikeAFormula(_ byte: UInt8?) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    private func field(_ givenText: String) -> String {
        let text = options.excelSafe && Self.startsLikeAFormula(givenText.utf8.first) ? "'" + givenText : givenText
        return switch style {
        case .csv: Self.csvField(text, quoteEmpty: text == options.nullText)
        case .tsv: Self.tsvField(text)
        }
    }

    /// `NumberText.cell`, with a shortcut for whole numbers (most amounts
    /// are), whose general path through `description` was a fifth of a CSV
    /// export's time: `50.0` either way.
    static func real(_ value: Double) -> String {
        if value != 0, value.magnitude < 1e15, value.rounded(.towardZero) == value {
            return String(Int64(value)) + ".0"
        }
        return NumberText.cell(value)
    }

    static func csvNeedsQuotes(_ text: String, quoteEmpty: Bool) -> (needed: Bool, hasQuote: Bool) {
        // The bytes in place when the string has them contiguous (nearly
        // always); walking String.UTF8View's indexes was the slow part.
        text.utf8.withContiguousStorageIfAvailable { csvScan($0, quoteEmpty: quoteEmpty) }
            ?? csvScan(text.utf8, quoteEmpty: quoteEmpty)
    }

    /// Whether a field must be quoted (see the type's comment), and whether it holds a quote.
    static func csvScan(_ bytes: some Collection<UInt8>, quoteEmpty: Bool) -> (needed: Bool, hasQuote: Bool) {
        var needsQuotes = quoteEmpty || bytes.first == 0x20
        var hasQuote = false
        var last: UInt8 = 0
        for byte in bytes {
            last = byte
            switch byte {
            case UInt8(ascii: "\""): hasQuote = true; needsQuotes = true
            case UInt8(ascii: ","), 0x0A, 0x0D: needsQuotes = true
            default: continue
            }
        }
        return (needsQuotes || last == 0x20, hasQuote)
    }

    static func csvField(_ text: String, quoteEmpty: Bool) -> String {
        let (needsQuotes, hasQuote) = csvNeedsQuotes(text, quoteEmpty: quoteEmpty)
        guard needsQuotes else { return text }
        let body = hasQuote ? text.replacingOccurrences(of: "\"", with: "\"\"") : text
        return "\"" + body + "\""
    }

    static func tsvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else {
            return text
        }
        return tsv.apply(text)
    }

    private static let tsv = Escaping(["\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"])
}

/// A writer that reads each row straight from the statement (see
/// `Statement.stream(into:)`), for formats where that saves the copies.
protocol StatementRowWriter: RowFormatter {
    func row(from statement: Statement) throws
    /// Every remaining row of the statement; returns how many.
    func rows(from statement: Statement) throws -> Int
}

extension StatementRowWriter {
    func rows(from statement: Statement) throws -> Int {
        var count = 0
        while try statement.step() {
            try row(from: statement)
            count += 1
        }
        return count
    }
}
