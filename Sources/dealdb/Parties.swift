import ArgumentParser
import DealCore

extension DealDB {
    /// `parties` lists (its default subcommand, so `dealdb parties --name x`
    /// works as it always has) and merges.
    struct Parties: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parties",
            abstract: "List parties (companies, governments, banks, ...), or merge two that are one company.",
            discussion: """
                Examples:
                  dealdb parties --name gazprom
                  dealdb parties merge qatar-energy qatarenergy
                """,
            subcommands: [ListParties.self, MergeParties.self],
            defaultSubcommand: ListParties.self)
    }

    struct ListParties: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List parties with how many agreements and projects they have.",
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
            database.noteEmptyResult(try output.write { makeWriter in try list.run(bound, into: makeWriter()) })
        }
    }

    struct MergeParties: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge parties that are one company into the one to keep.",
            discussion: """
                OTHER's agreement roles, ownership stakes, event parts, identifiers and \
                aliases become KEEP's, its name becomes an alias of KEEP, and OTHER is \
                deleted, in one transaction; what moved is printed. A role both held in one \
                agreement is kept once, citing both; a stake both held in one project keeps \
                KEEP's, and says what OTHER's was. The merge is recorded: `dealdb export` \
                writes it as KEEP's `merged: [OTHER]`, and an import that brings OTHER back \
                merges it again (docs/FORMAT.md). `dealdb doctor` lists likely duplicates \
                (rule duplicate-party).

                Examples:
                  dealdb parties merge qatar-energy qatarenergy
                  dealdb parties merge eni eni-s-p-a eni-spa --dry-run
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The id of the party to keep.", valueName: "keep"), completion: Completions.parties)
        var keep: String
        @Argument(help: ArgumentHelp("The ids of the parties merged into it.", valueName: "other"),
                  completion: Completions.parties)
        var others: [String] = []
        @Flag(help: "Say what would move, and change nothing.")
        var dryRun = false

        func validate() throws {
            if others.isEmpty { throw ValidationError("expected at least one party to merge into \(keep)") }
        }

        func run() throws {
            let store = try database.openStore()
            let merges = try PartyMerger(store: store).merge(others, into: keep, dryRun: dryRun)
            for merge in merges {
                print("\(dryRun ? "would merge" : "merged") \(merge.other) (\(merge.otherName)) into \(merge.keep):")
                merge.lines.forEach { print("  " + $0) }
            }
            if dryRun { print("dry run: nothing was changed") }
        }
    }
}
