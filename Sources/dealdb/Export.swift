import ArgumentParser
import DealCore
import Foundation

extension DealDB {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export deal documents (YAML/JSON), a table, a query's rows, or every table as CSV.",
            discussion: """
                Without TABLE, --query, --sql or --all, writes the database (or the part \
                around one --agreement, --project or --party, with everything it refers \
                to) as a deal document that `dealdb import` reads back.

                Examples:
                  dealdb export --format yaml > all.yaml
                  dealdb export --format json --agreement pos2-gazprom-cnpc-2025
                  dealdb export agreements --format csv -o agreements.csv
                  dealdb export --query transit-countries --format csv
                  dealdb export projects --format geojson -o projects.geojson
                  dealdb export --sql "SELECT * FROM terms WHERE metric = 'price'"
                  dealdb export --all csv-dir
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case yaml, json, csv, tsv, ndjson, markdown, table, geojson
        }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var folders: QueryFolderOptions
        @OptionGroup var parameters: ParameterOptions

        @Argument(help: "A table to export as rows (see `dealdb export --all` for the list).", completion: Completions.tables)
        var table: String?

        @Option(help: ArgumentHelp("Export this named query's rows.", valueName: "name"), completion: Completions.queryNames)
        var query: String?

        @Option(help: ArgumentHelp("Export the rows of this read-only SQL.", valueName: "sql"))
        var sql: String?

        @Option(help: ArgumentHelp("Write every table as DIR/TABLE.csv.", valueName: "dir"), completion: .directory)
        var all: String?

        @Option(help: "yaml or json for documents (default yaml); csv (default), tsv, json, ndjson, markdown, table or geojson (rows that name projects, drawn where they are) for rows.")
        var format: Format?

        @Option(help: ArgumentHelp("Only this agreement and what it refers to.", valueName: "id"))
        var agreement: String?

        @Option(help: ArgumentHelp("Only this project, its agreements and events.", valueName: "id"),
                completion: Completions.projects)
        var project: String?

        @Option(help: ArgumentHelp("Only this party, its agreements, events and the projects it owns.", valueName: "id"),
                completion: Completions.parties)
        var party: String?

        // Its own --format (documents are yaml or json too); the rest as every row-writing command.
        @OptionGroup var file: RowFileOptions
        private var output: String? { file.output }

        private var rowSources: Int { [table, query, sql, all].compactMap { $0 }.count }
        private var selections: Int { [agreement, project, party].compactMap { $0 }.count }

        func validate() throws {
            guard rowSources <= 1 else { throw ValidationError("choose one of TABLE, --query, --sql and --all") }
            guard selections <= 1 else { throw ValidationError("choose one of --agreement, --project and --party") }
            if rowSources == 1 {
                guard selections == 0 else {
                    throw ValidationError("--agreement, --project and --party select part of a document; they do not go with TABLE, --query, --sql or --all")
                }
                guard format != .yaml else { throw ValidationError("rows are exported as csv, tsv, json, ndjson, markdown, table or geojson, not yaml") }
            } else if let format, format != .yaml, format != .json {
                throw ValidationError("a document is exported as yaml or json; name a TABLE, --query or --sql to export rows as \(format.rawValue)")
            }
            if all != nil, output != nil { throw ValidationError("--all writes one file per table into its folder; leave out -o") }
            if all != nil, let format, format != .csv { throw ValidationError("--all writes CSV files") }
            if format == .geojson, rowSources == 0 { throw ValidationError("geojson draws rows: name a TABLE (projects), --query or --sql") }
            if file.excelSafe, rowSources == 0 || ![Format.csv, .tsv].contains(format ?? .csv) {
                throw ValidationError("--excel-safe goes with csv and tsv rows")
            }
            if !parameters.parameters.isEmpty, query == nil, sql == nil {
                throw ValidationError("-p goes with --query or --sql")
            }
        }

        func run() throws {
            let store = try database.openStore(.read, endsAtOnce: all == nil)
            if rowSources == 0 {
                try exportDocument(store)
            } else if let all {
                try exportAll(store, into: all)
            } else {
                try exportRows(store)
            }
        }

        private func exportDocument(_ store: DealStore) throws {
            let selection: DocumentExporter.Selection =
                agreement.map { .agreement($0) } ?? project.map { .project($0) } ?? party.map { .party($0) } ?? .all
            let text = try DocumentExporter(store: store)
                .export(selection, format: format == .json ? .json : .yaml)
            try Output.write(text, to: output)
        }

        private func exportRows(_ store: DealStore) throws {
            let rowFormat = OutputFormat(rawValue: (format ?? .csv).rawValue) ?? .csv
            var options = file.writerOptions()
            if rowFormat == .geojson { options.geometries = try ProjectGeometries(store: store) }
            let values = try parameters.values()
            try RowOutput.write(format: rowFormat, options: options, to: output) { makeWriter in
                if let table {
                    try TableExport(store: store).export(table: table, into: makeWriter())
                } else if let query {
                    let named = try folders.catalog().query(named: query)
                    try QueryRunner(store: store).run(named, parameters: values, into: makeWriter())
                } else if let sql {
                    try AdhocSQL(store: store).run(sql, parameters: values, options: AdhocSQL.Options(timeout: nil),
                                                   makeWriter: makeWriter)
                }
            }
        }

        /// Every table as DIRECTORY/TABLE.csv, all of them or, when the
        /// export stops (a full disk, Ctrl-C), none: the folder is left as it was.
        private func exportAll(_ store: DealStore, into directory: String) throws {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw DealError(.failure, "\(directory): cannot create the folder (\(error.localizedDescription))")
            }
            let export = TableExport(store: store)
            let files = AtomicFileSet()
            var written: [(path: String, rows: Int)] = []
            do {
                for table in try export.tableNames() {
                    try Cancellation.check()
                    let path = directory + "/" + TableExport.fileName(for: table)
                    let rows = try files.write(to: path) { handle in
                        let sink = TextSink(handle: handle)
                        let options = RowWriterOptions(header: true, bom: file.bom, excelSafe: file.excelSafe)
                        let rows = try export.export(table: table, into: RowWriters.make(.csv, sink: sink, options: options))
                        sink.flush()
                        if let reason = sink.writeError { throw DealError(.failure, "cannot write output: \(path): \(reason)") }
                        return rows
                    }
                    written.append((path, rows))
                }
                try files.commit()
            } catch let error as DealError {
                throw DealError(error.kind, "\(error.message); no file in \(directory) was written or changed")
            }
            for (path, rows) in written { Terminal.printNotice("\(DisplayText.oneLine(path)): \(rows) rows") }
        }
    }
}
