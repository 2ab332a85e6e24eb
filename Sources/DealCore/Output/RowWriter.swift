import Foundation
import SQLiteKit

/// Prints a result set row by row: `begin` once, `row` per row, `end` once.
public protocol RowWriter: AnyObject {
    func begin(columns: [String]) throws
    func row(_ values: [SQLiteValue]) throws
    /// Writes anything pending and flushes the sink.
    func end() throws
}

public struct RowWriterOptions: Sendable {
    /// csv/tsv/table/markdown: `--no-header` turns it off.
    public var header: Bool = true
    /// csv/tsv: a UTF-8 byte order mark first, for Excel.
    public var bom: Bool = false
    /// How NULL shows in table/markdown/csv/tsv.
    public var nullText: String = ""
    /// table: the width (in terminal columns) a line may take; the widest
    /// columns are cut with `…` to fit. Nil: cells are printed whole. Set
    /// for a terminal only, so that pipes and files get every character.
    public var maxWidth: Int?

    /// csv/tsv: `--excel-safe`, OWASP's guard against CSV injection: a
    /// text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a `'`
    /// first, so a spreadsheet shows it instead of running it as a formula.
    /// Numbers are left alone. Off by default: it changes the data.
    public var excelSafe: Bool = false

    public init(header: Bool = true, bom: Bool = false, nullText: String = "", maxWidth: Int? = nil,
                excelSafe: Bool = false) {
        self.header = header
        self.bom = bom
        self.nullText = nullText
        self.maxWidth = maxWidth
        self.excelSafe = excelSafe
    }
}

public enum RowWriters {
    public static func make(_ format: OutputFormat, sink: TextSink,
                            options: RowWriterOptions = RowWriterOptions()) -> RowWriter {
        switch format {
        case .table: TableRowWriter(sink: sink, options: options)
        case .csv: DelimitedRowWriter(sink: sink, options: options, style: .csv)
        case .tsv: DelimitedRowWriter(sink: sink, options: options, style: .tsv)
        case .json: JSONRowWriter(sink: sink, style: .array)
        case .ndjson: JSONRowWriter(sink: sink, style: .lines)
        case .markdown: MarkdownRowWriter(sink: sink, options: options)
        }
    }
}

/// The text of a value, shared by every format that prints text rather
/// than typed JSON.
enum CellText {
    /// NULL as the caller asked; integers as digits; reals as `real(_:)`;
    /// blobs as lowercase hex without prefix (the sqlite3 shell prints the
    /// raw bytes, which is no text at all for most blobs).
    static func of(_ value: SQLiteValue, nullText: String) -> String {
        switch value {
        case .null: nullText
        case .integer(let number): String(number)
        case .real(let number): real(number)
        case .text(let text): text
        case .blob(let data): hex(data)
        }
    }

    static func isNumber(_ value: SQLiteValue) -> Bool {
        switch value {
        case .integer, .real: true
        default: false
        }
    }

    /// A REAL laid out the way the sqlite3 shell prints it (`%!.15g`:
    /// `50.0`, `0.1`, `1.0e+20`, `1.5e-05`, scientific from 1e15 and below
    /// 1e-4) but with Swift's shortest round-trip digits instead of 15
    /// significant ones, so that every REAL reads back as exactly the same
    /// Double. For values with up to 15 significant digits the text is the
    /// shell's, character for character. Infinities print as the shell
    /// prints them (`Inf`, `-Inf`); NaN, which SQLite never stores, as `NaN`.
    static func real(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        var text = Substring(value.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: marker)...]) ?? 0
            text = text[..<marker]
        }
        let integral: Substring, fraction: Substring
        if let point = text.firstIndex(of: ".") {
            integral = text[..<point]
            fraction = text[text.index(after: point)...]
        } else {
            integral = text
            fraction = ""
        }
        // value = 0.d1d2d3... × 10^point, with no leading or trailing zeros.
        var digits = Array(integral.utf8) + Array(fraction.utf8)
        var point = integral.utf8.count + exponent
        let leadingZeros = digits.prefix(while: { $0 == UInt8(ascii: "0") }).count
        digits.removeFirst(leadingZeros)
        point -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }

        let decimalExponent = point - 1
        let zero = UInt8(ascii: "0")
        func string(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        if decimalExponent < -4 || decimalExponent >= 15 {
            let rest = digits.count > 1 ? string(digits[1...]) : "0"
            let magnitude = abs(decimalExponent)
            return sign + string(digits[..<1]) + "." + rest + "e" + (decimalExponent < 0 ? "-" : "+")
                + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if decimalExponent >= 0 {
            var whole = Array(digits.prefix(point))
            whole += Array(repeating: zero, count: max(0, point - whole.count))
            let rest = digits.count > point ? string(digits[point...]) : "0"
            return sign + string(whole) + "." + rest
        }
        return sign + "0." + String(repeating: "0", count: -point) + string(digits)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ data: Data) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count * 2)
        for byte in data {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every writer refuses a row that does not fit its columns rather than
    /// printing a ragged line.
    static func checkCount(_ values: [SQLiteValue], columns: [String]) throws {
        guard values.count == columns.count else {
            throw DealError(.failure, "output: a row has \(values.count) values for \(columns.count) columns")
        }
    }

    /// Stops a long query early once the output can no longer be written
    /// (a full disk, or a reader that went away with SIGPIPE ignored).
    static func checkSink(_ sink: TextSink) throws {
        if let reason = sink.writeError {
            throw DealError(.failure, "cannot write output: \(reason)")
        }
    }
}
