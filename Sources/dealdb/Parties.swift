import ArgumentParser
import DealCore

extension DealDB {
    struct Parties: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parties",
            abstract: "List parties (companies, governments, banks, ...) with how many agreements and projects they have.",
            discussion: """
                Columns: id, name, kind, country, agreements, projects_owned. agreements counts \
                the agreements a party is a party to, in any role; projects_owned the projects \
                it owns, directly or as the parent company behind an owner.

                Examples:
                  dealdb parties --name gazprom
                  dealdb parties --kind state_company --country China
                  dealdb parties --country Turkey --format csv
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(help: ArgumentHelp("Text in the party's id, name or an alias, ignoring case and accents.",
                                   valueName: "text"))
        var name: String?
        @Option(help: TypedArguments.help("Party kind", Vocabulary.partyKinds, valueName: "kind"),
                completion: .list(Vocabulary.partyKinds), transform: TypedArguments.word("party kind", Vocabulary.partyKinds))
        var kind: String?
        @Option(help: ArgumentHelp("The party's country: ISO code or English name, any case.", valueName: "country"))
        var country: String?
        @Option(help: ArgumentHelp("At most this many rows.", valueName: "n"))
        var limit: Int?
        @Flag(help: "Print the SQL and its bound values on stderr.")
        var showSql = false

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let store = try database.openStore(.read)
            let list = PartyList(store: store)
            let bound = try list.prepare(PartyFilter(name: name, kind: kind, country: country), limit: limit)
            if showSql { Terminal.printNotice("SQL:\n" + bound.description) }
            try output.write { makeWriter in try list.run(bound, into: makeWriter()) }
        }
    }
}
