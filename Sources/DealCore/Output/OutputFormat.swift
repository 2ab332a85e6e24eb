/// How query results are printed: `--format` on the command line.
package enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, tsv, json, ndjson, markdown, geojson

    /// An aligned table for people at a terminal; CSV for pipes and files,
    /// so that `| csvlook` and redirects get something a program can read.
    package static func automatic(isTerminal: Bool) -> OutputFormat {
        isTerminal ? .table : .csv
    }
}
