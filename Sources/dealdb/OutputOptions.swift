import ArgumentParser
import DealCore
import Foundation

/// Where rows are written and how a file of them starts: shared by every
/// command that writes rows, `export` included (which has its own
/// `--format`, since it also writes documents).
struct RowFileOptions: ParsableArguments {
    @Flag(help: "Leave out the header row (csv, tsv, table, markdown).")
    var noHeader = false

    @Flag(help: "Start CSV with a UTF-8 byte order mark, for Excel.")
    var bom = false

    @Flag(help: "csv/tsv: put ' before text starting with = + - @ (OWASP's guard against formulas in Excel).")
    var excelSafe = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"),
            completion: .file())
    var output: String?

    func writerOptions(maxWidth: Int? = nil) -> RowWriterOptions {
        RowWriterOptions(header: !noHeader, bom: bom, maxWidth: maxWidth, excelSafe: excelSafe)
    }
}

/// How results are printed: shared by every command that prints rows.
struct OutputOptions: ParsableArguments {
    @Option(help: "table, csv, tsv, json, ndjson, markdown or geojson (rows that name projects, drawn where they are; default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    @OptionGroup var file: RowFileOptions

    @Flag(help: "table on a terminal: print whole cells instead of fitting the terminal's width.")
    var wide = false

    var output: String? { file.output }

    func validate() throws {
        if file.excelSafe, let format, format != .csv, format != .tsv {
            throw ValidationError("--excel-safe goes with --format csv or tsv")
        }
    }

    /// A table on a terminal fits its width; pipes and files get every character.
    var options: RowWriterOptions {
        file.writerOptions(maxWidth: output == nil && !wide ? Terminal.width(of: STDOUT_FILENO) : nil)
    }

    var resolvedFormat: OutputFormat {
        format ?? OutputFormat.automatic(isTerminal: output == nil && isatty(STDOUT_FILENO) == 1)
    }

    /// Gives `body` a way to make row writers on stdout or, with `-o`, on a
    /// file that appears only once everything has been written.
    /// With `store`, `--format geojson` draws the rows' projects from it.
    @discardableResult
    func write<T>(store: DealStore? = nil, _ body: (_ makeWriter: () -> RowWriter) throws -> T) throws -> T {
        var options = self.options
        if resolvedFormat == .geojson, let store { options.geometries = try ProjectGeometries(store: store) }
        return try RowOutput.write(format: resolvedFormat, options: options, to: output, body)
    }
}

/// Where rows go: stdout, or a file (see `Output`).
enum RowOutput {
    @discardableResult
    static func write<T>(format: OutputFormat, options: RowWriterOptions, to path: String?,
                         _ body: (_ makeWriter: () -> RowWriter) throws -> T) throws -> T {
        var made: [RowWriter] = []
        let result = try Output.withSink(to: path) { sink in
            try body {
                let writer = RowWriters.make(format, sink: sink, options: options)
                made.append(writer)
                return writer
            }
        }
        // GeoJSON draws what has a place; the rest is named, not dropped silently.
        let without = made.flatMap(\.withoutGeometry)
        if !without.isEmpty {
            let shown = without.prefix(10).joined(separator: ", ") + (without.count > 10 ? ", ..." : "")
            Terminal.printNotice("geojson: \(without.count) row\(without.count == 1 ? "" : "s") left out, "
                + "\(without.count == 1 ? "its project has" : "their projects have") no geometry: \(shown)")
        }
        return result
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// `-p name=value`, repeatable.
struct ParameterOptions: ParsableArguments {
    @Option(name: [.customShort("p"), .customLong("param")],
            help: ArgumentHelp("A query parameter, as name=value (repeatable).", valueName: "name=value"),
            completion: Completions.queryParameters)
    var parameters: [String] = []

    func validate() throws {
        _ = try values()
    }

    func values() throws -> [String: String] {
        var values: [String: String] = [:]
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                throw ValidationError("-p \(parameter): expected name=value")
            }
            let name = String(parameter[..<equals])
            guard values[name] == nil else { throw ValidationError("-p \(name) is given twice") }
            values[name] = String(parameter[parameter.index(after: equals)...])
        }
        return values
    }
}
