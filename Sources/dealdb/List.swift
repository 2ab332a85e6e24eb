import ArgumentParser
import DealCore

extension DealDB {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List agreements, filtered by party, role, kind, status, country, project and date.",
            discussion: """
                Columns: id, signed, kind, status, title, parties, binding. binding names who \
                asserts it when a party has not confirmed ("yes, per Gazprom; China National \
                Petroleum Corporation unconfirmed"); --binding matches the recorded value. An \
                unknown party, project or country is an error that suggests the closest names.

                Examples:
                  dealdb list --party Gazprom
                  dealdb list --party gazprom --party CNPC --since 2025
                  dealdb list --country MN --format csv
                  dealdb list --binding unknown --show-sql
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: ArgumentHelp("A party's id, name or alias, any case; repeat: all must take part.", valueName: "party"),
                completion: Completions.parties)
        var party: [String] = []
        @Option(help: TypedArguments.help("The role the --party holds (or anyone holds)", Vocabulary.partyRoles,
                                          valueName: "role"),
                completion: .list(Vocabulary.partyRoles), transform: TypedArguments.word("role", Vocabulary.partyRoles))
        var role: String?
        @Option(help: TypedArguments.help("Agreement kind", Vocabulary.agreementKinds, valueName: "kind"),
                completion: .list(Vocabulary.agreementKinds),
                transform: TypedArguments.word("agreement kind", Vocabulary.agreementKinds))
        var kind: String?
        @Option(help: TypedArguments.help("Agreement status", Vocabulary.agreementStatuses, valueName: "status"),
                completion: .list(Vocabulary.agreementStatuses),
                transform: TypedArguments.word("agreement status", Vocabulary.agreementStatuses))
        var status: String?
        @Option(help: ArgumentHelp("A party from, or a route through, this country (code or name; repeat for any of several).",
                                   valueName: "country"))
        var country: [String] = []
        @Option(help: ArgumentHelp("Agreements about this project (id or name).", valueName: "project"),
                completion: Completions.projects)
        var project: String?
        @Option(help: ArgumentHelp("Signed on or after (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"),
                transform: TypedArguments.date)
        var since: String?
        @Option(help: ArgumentHelp("Signed on or before.", valueName: "date"), transform: TypedArguments.date)
        var until: String?
        @Option(help: TypedArguments.help("Binding force", Vocabulary.tristate, valueName: "binding"),
                completion: .list(Vocabulary.tristate), transform: TypedArguments.word("binding", Vocabulary.tristate))
        var binding: String?
        @Option(help: ArgumentHelp("As the data stood then: leave out agreements signed later.", valueName: "date"),
                transform: TypedArguments.date)
        var asOf: String?
        @Flag(help: "Print the SQL and its bound values on stderr.")
        var showSql = false

        func run() throws {
            var filter = AgreementFilter()
            filter.parties = party
            filter.role = role
            filter.kind = kind
            filter.status = status
            filter.countries = country
            filter.project = project
            filter.since = since
            filter.until = until
            filter.binding = binding
            filter.asOf = asOf
            let store = try database.openStore(.read)
            let list = AgreementList(store: store)
            let bound = try list.prepare(filter)
            if showSql { Terminal.printNotice("SQL:\n" + bound.description) }
            database.noteEmptyResult(try output.write { makeWriter in try list.run(bound, into: makeWriter()) })
        }
    }
}
