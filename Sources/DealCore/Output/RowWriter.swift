import Foundation
import SQLiteKit

/// Prints a result set row by row in one output format: `begin` once, `row`
/// per row, `end` once.
protocol RowFormatter: AnyObject {
    func begin(columns: [String]) throws
    func row(_ values: [SQLiteValue]) throws
    /// Writes anything pending and flushes the sink.
    func end() throws
}

/// A writer for one output format, made by `RowWriters.make`. The command
/// line holds it and hands it back to the domain, which alone writes rows
/// into it: a class around the formatter rather than a public protocol, so
/// that the rows' SQLite values stay out of DealCore's public API.
package final class RowWriter {
    let formatter: any RowFormatter

    init(_ formatter: any RowFormatter) {
        self.formatter = formatter
    }

    /// GeoJSON: the projects of the rows left out for having no geometry.
    package var withoutGeometry: [String] { (formatter as? GeoJSONRowWriter)?.leftOut ?? [] }

    func begin(columns: [String]) throws { try formatter.begin(columns: columns) }
    func row(_ values: [SQLiteValue]) throws { try formatter.row(values) }
    func end() throws { try formatter.end() }
}

package struct RowWriterOptions: Sendable {
    /// csv/tsv/table/markdown: `--no-header` turns it off.
    package var header: Bool = true
    /// csv/tsv: a UTF-8 byte order mark first, for Excel.
    package var bom: Bool = false
    /// How NULL shows in table/markdown/csv/tsv.
    package var nullText: String = ""
    /// table: the width (in terminal columns) a line may take; the widest
    /// columns are cut with `…` to fit. Nil: cells are printed whole. Set
    /// for a terminal only, so that pipes and files get every character.
    package var maxWidth: Int?

    /// csv/tsv: `--excel-safe`, OWASP's guard against CSV injection: a
    /// text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a `'`
    /// first, so a spreadsheet shows it instead of running it as a formula.
    /// Numbers are left alone. Off by default: it changes the data.
    package var excelSafe: Bool = false

    /// geojson: where the rows' projects are (nil: the format is refused).
    package var geometries: ProjectGeometries?

    package init(header: Bool = true, bom: Bool = false, nullText: String = "", maxWidth: Int? = nil,
                excelSafe: Bool = false) {
        self.header = header
        self.bom = bom
        self.nullText = nullText
        self.maxWidth = maxWidth
        self.excelSafe = excelSafe
    }
}

package enum RowWriters {
    package static func make(_ format: OutputFormat, sink: TextSink,
                            options: RowWriterOptions = RowWriterOptions()) -> RowWriter {
        let formatter: any RowFormatter = switch format {
        case .table: AlignedRowWriter(TableFormat(sink: sink, options: options))
        case .csv: DelimitedRowWriter(sink: sink, options: options, style: .csv)
        case .tsv: DelimitedRowWriter(sink: sink, options: options, style: .tsv)
        case .json: JSONRowWriter(sink: sink, style: .array)
        case .ndjson: JSONRowWriter(sink: sink, style: .lines)
        case .markdown: AlignedRowWriter(MarkdownFormat(sink: sink, options: options))
        case .geojson: GeoJSONRowWriter(sink: sink, geometries: options.geometries)
        }
        return RowWriter(formatter)
    }
}

/// The text of a value, shared by every format that prints text rather
/// than typed JSON.
enum CellText {
    /// NULL as the caller asked; integers as digits; reals as `NumberText.cell`;
    /// blobs as lowercase hex without prefix (the sqlite3 shell prints the
    /// raw bytes, which is no text at all for most blobs).
    static func of(_ value: SQLiteValue, nullText: String) -> String {
        switch value {
        case .null: nullText
        case .integer(let number): String(number)
        case .real(let number): NumberText.cell(number)
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
