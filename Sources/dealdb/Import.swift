import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import deal documents (YAML or JSON), CSV tables, or a Global Energy Monitor file.",
            discussion: """
                Documents: every document is read and checked first; if anything is \
                wrong, every problem is listed with its file, line, column and key, and \
                nothing is written (exit 65). Records are matched by id: new ones are \
                created, changed ones updated, the rest left alone. The format is \
                described in docs/FORMAT.md.

                Tables: --table loads one CSV file whose header names columns of that \
                table; --dir loads the TABLE.csv files that `export --all` writes, in \
                foreign-key order. Cells are converted to the column's type (an empty \
                cell is NULL, "" the empty text); all files go in one transaction. \
                Rows of `countries` and `country_names` that already exist are updated, not refused.

                GEM: --from gem reads Global Energy Monitor's gas infrastructure map \
                file or its pipelines or LNG terminals release sheets (docs/GEM.md). \
                Bad rows are all listed and nothing is written, unless --skip-bad-rows.

                AidData: --from aiddata reads AidData's Global Chinese Development Finance \
                Dataset 3.0 (the GCDF_3.0 sheet saved as CSV; docs/AIDDATA.md): each record \
                becomes an agreement with its parties, terms, dates and sources, and the \
                projects its energy records pay for are proposed. Bad rows are all listed \
                with their line and column, and nothing is written.

                Examples:
                  dealdb import deals.yaml more.json
                  dealdb import --dry-run deals.yaml
                  dealdb import - < deals.json
                  dealdb import --table parties parties.csv
                  dealdb import --dir csv-dir
                  dealdb import --from gem ggit-map-2024-10-06.csv --dry-run
                  dealdb import --from aiddata gcdf3-malaysia-sample.csv
                """)

        enum Origin: String, ExpressibleByArgument, CaseIterable {
            case gem
            case aiddata
        }

        @OptionGroup var options: DatabaseOptions

        @Flag(help: "Check and report what would change, without writing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Read FILE as this kind of dataset (gem: Global Energy Monitor; aiddata: AidData's GCDF 3.0).",
                                   valueName: "kind"))
        var from: Origin?

        @Option(help: ArgumentHelp("Load one CSV file into this table.", valueName: "name"), completion: Completions.tables)
        var table: String?

        @Option(help: ArgumentHelp("Load every TABLE.csv of this folder (as `export --all` writes it).", valueName: "dir"),
                completion: .directory)
        var dir: String?

        @Flag(help: "With --from: write the good rows and list the bad ones, instead of writing nothing.")
        var skipBadRows = false

        @Argument(help: ArgumentHelp("Documents to import (- reads standard input), or the CSV file for --table or --from.",
                                     valueName: "file"))
        var files: [String] = []

        private var modes: Int { [from != nil, table != nil, dir != nil].filter { $0 }.count }

        func validate() throws {
            guard modes <= 1 else { throw ValidationError("choose one of --from, --table and --dir") }
            if skipBadRows, from == nil { throw ValidationError("--skip-bad-rows goes with --from") }
            if skipBadRows, from == .aiddata {
                throw ValidationError("--skip-bad-rows goes with --from gem; an AidData file is imported whole or not at all")
            }
            if let dir {
                guard files.isEmpty else { throw ValidationError("--dir \(dir) reads the folder's TABLE.csv files; name no other file") }
                if dryRun { throw ValidationError("--dry-run goes with document and --from imports") }
                return
            }
            if table != nil || from != nil {
                guard files.count == 1, files[0] != "-" else {
                    throw ValidationError("\(table != nil ? "--table" : "--from") reads exactly one CSV file")
                }
                if table != nil, dryRun { throw ValidationError("--dry-run goes with document and --from imports") }
                return
            }
            guard !files.isEmpty else { throw ValidationError("name at least one document to import, or - for standard input") }
            guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read only once") }
        }

        func run() throws {
            if from == .gem {
                try runGEM(file: files[0])
            } else if from == .aiddata {
                try runAidData(file: files[0])
            } else if table != nil || dir != nil {
                try runTables()
            } else {
                try runDocuments()
            }
        }

        private func runDocuments() throws {
            let inputs = try files.map(DocumentInput.load(path:))
            let store = try options.openStore()
            let summary = try DocumentImporter(store: store).run(consume inputs, dryRun: dryRun)
            for line in summary.lines { print(line) }
            if summary.lines.isEmpty { print("the documents hold no records") }
            if dryRun { Terminal.printNotice("dry run: nothing was written") }
        }

        private func runTables() throws {
            let store = try options.openStore()
            let importer = TableImporter(store: store)
            let bar = ProgressBar()
            importer.progress = { progress in
                bar.update(done: progress.bytesDone, total: progress.bytesTotal,
                           label: progress.rereading ? progress.table + ", reading again to list the problems" : progress.table)
            }
            let summary: TableImportSummary
            defer { bar.finish() }
            if let table {
                summary = try importer.importTable(table, from: files[0])
            } else {
                summary = try importer.importDirectory(dir ?? ".")
            }
            bar.finish()
            for entry in summary.entries { print("\(entry.table): \(entry.rows) rows from \(DisplayText.oneLine(entry.file))") }
        }

        private func runAidData(file: String) throws {
            let store = try options.openStore()
            let summary = try AidDataImporter(store: store).run(path: file, options: .init(dryRun: dryRun))
            for line in summary.lines { print(line) }
            if dryRun { Terminal.printNotice("dry run: nothing was written") }
        }

        private func runGEM(file: String) throws {
            let store = try options.openStore()
            // For `make bench` only: the import as it was before entities, to
            // measure what matching and telling parts apart cost (bench/bench.py).
            let rowsOnly = ProcessInfo.processInfo.environment["DEALDB_BENCH_ROWS_ONLY"] == "1"
            let summary = try ReleaseHistory.importFile(
                store, path: file, options: .init(dryRun: dryRun, skipBadRows: skipBadRows, entities: !rowsOnly))
            for line in summary.lines { print(line) }
            if !summary.rejected.isEmpty {
                Terminal.printError("skipped \(summary.rejectedRows) bad row\(summary.rejectedRows == 1 ? "" : "s"):\n"
                    + summary.rejected.joined(separator: "\n"))
            }
            if dryRun { Terminal.printNotice("dry run: nothing was written") }
        }
    }
}

/// A one-line bar on stderr, drawn only when stderr is a terminal and the
/// work has taken more than a moment, so quick imports and pipes stay quiet.
final class ProgressBar {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    func update(done: Int64, total: Int64, label: String) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(start) > 0.5, now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        // Only the bar's own escape sequence reaches the terminal, never one in the label.
        let text = "\r[\(bar)] \(Int(fraction * 100))% \(DisplayText.escaped(label, lineBreaks: .symbol))\u{1B}[K"
        Terminal.writeToStandardError(text)
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        Terminal.writeToStandardError("\r\u{1B}[K")
        drawn = false
    }
}
