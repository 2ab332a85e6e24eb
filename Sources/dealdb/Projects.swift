import ArgumentParser
import DealCore

extension ProjectFilter.Role: ExpressibleByArgument {}
extension ProjectOrder: ExpressibleByArgument {}

extension DealDB {
    struct Projects: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "projects",
            abstract: "List projects (pipelines, LNG terminals, ...), filtered by country, status, kind, owner and more.",
            discussion: """
                Columns: id, name, kind, status, origin, transit, destination, capacity_bcm_y, \
                length_km, start_year, owners, rows. Countries are ISO codes; cells with several \
                values are joined with "; "; owners read "BOTAŞ (100%)". An unknown country \
                or owner is an error that suggests the closest names.

                A pipeline or terminal that a source gives as several rows (sections, parallel \
                strings, expansions, units), or that an analyst linked to another source's \
                record, is listed once: rows says how many rows it stands for, and its \
                capacity counts each of them once (docs/GEM.md). --parts lists every row \
                instead, with the columns entity and part. A project of several rows is listed \
                when any of its rows matches the filters.

                --country and --status may be repeated (any of them); --owner may be repeated \
                (each must own the project, directly or as the parent company behind an owner).

                Rows come in id order; --sort orders them by capacity (bcm/y), length (km), \
                start (year) or name, smallest first, --desc largest first. Rows without that \
                value come last either way.

                Examples:
                  dealdb projects --country Turkey --kind pipeline
                  dealdb projects --country TR --role transit --format csv
                  dealdb projects --kind lng_terminal --status operating --country Egypt
                  dealdb projects --owner BOTAŞ
                  dealdb projects --name "power of siberia" --show-sql
                  dealdb projects --min-capacity 30 --since 2020 --until 2030 --limit 20
                  dealdb projects --country Norway --country Algeria --sort capacity \\
                      --desc --limit 10
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @OptionGroup var selection: ProjectFilterOptions
        @Option(help: TypedArguments.help("Commodity", Vocabulary.commodities, valueName: "commodity"),
                completion: .list(Vocabulary.commodities), transform: TypedArguments.word("commodity", Vocabulary.commodities))
        var commodity: String?
        @Option(help: ArgumentHelp("Capacity of at least this many bcm/y.", valueName: "bcm_y"),
                transform: TypedArguments.nonNegative("--min-capacity", unit: "bcm/y"))
        var minCapacity: Double?
        @Option(help: ArgumentHelp("Start of operation in or after this year.", valueName: "year"))
        var since: Int?
        @Option(help: ArgumentHelp("Start of operation in or before this year.", valueName: "year"))
        var until: Int?
        @Option(help: TypedArguments.help("Order rows by (default: id)", ProjectOrder.allCases.map(\.rawValue),
                                          valueName: "order"),
                completion: .list(ProjectOrder.allCases.map(\.rawValue)))
        var sort: ProjectOrder?
        @Flag(help: "Reverse the order: largest, latest or last first; rows without a value stay last.")
        var desc = false
        @Option(help: ArgumentHelp("At most this many rows.", valueName: "n"))
        var limit: Int?
        @Flag(help: "List every row of a pipeline or terminal, with its entity and part, instead of one row per entity.")
        var parts = false
        @Flag(help: "Print the SQL and its bound values on stderr.")
        var showSql = false

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let filter = selection.filter(commodity: commodity, minCapacity: minCapacity, since: since, until: until)
            let store = try database.openStore(.read)
            let list = ProjectList(store: store)
            let bound = try list.prepare(filter, limit: limit, parts: parts, order: sort, descending: desc)
            if showSql { Terminal.printNotice("SQL:\n" + bound.description) }
            database.noteEmptyResult(try output.write(store: store) { makeWriter in try list.run(bound, into: makeWriter()) })
        }
    }
}
