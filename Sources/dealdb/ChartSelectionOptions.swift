import ArgumentParser
import DealCore

/// The project filters of `dealdb projects` that the charts take, and how
/// much a chart draws. Shared by `chart timeline` and `chart flows`.
struct ChartSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only projects with this country on the route: ISO code or English name, any case (repeat for any of several).",
                               valueName: "country"))
    var country: [String] = []

    @Option(help: TypedArguments.help("Only projects with this status (repeat for any of several)",
                                      Vocabulary.projectStatuses, valueName: "status"),
            completion: .list(Vocabulary.projectStatuses),
            transform: TypedArguments.word("project status", Vocabulary.projectStatuses))
    var status: [String] = []

    @Option(help: TypedArguments.help("Only projects of this kind", Vocabulary.projectKinds, valueName: "kind"),
            completion: .list(Vocabulary.projectKinds), transform: TypedArguments.word("project kind", Vocabulary.projectKinds))
    var kind: String?

    @Option(help: ArgumentHelp("Only projects this party owns (id, name or alias; parents count); repeat: each must own it.",
                               valueName: "party"), completion: Completions.parties)
    var owner: [String] = []

    @Flag(help: "Draw everything, however large (no --limit).")
    var all = false

    /// What to draw at most: `limit` (at least 1) or the chart's default,
    /// nil for everything (`--all`).
    func resolvedLimit(_ limit: Int?, default standard: Int) throws -> Int? {
        if all, limit != nil { throw ValidationError("--all and --limit contradict each other; give one") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (or --all for everything)") }
        return all ? nil : limit ?? standard
    }

    var filter: ProjectFilter {
        ProjectFilter(countries: country, statuses: status, kind: kind, owners: owner)
    }

    /// The note under a limited chart: the flags that choose what it shows.
    static func howToChoose(_ limitFlag: String, extra: String) -> String {
        "Choose with \(extra)--country, --status, --kind or --owner; draw more with \(limitFlag) N, or everything with --all."
    }
}

/// A chart command that draws at most `--limit` of its lanes or bars (the
/// chart's default unless `--all`): checked before it runs, then drawn.
protocol LimitedChartCommand: ParsableCommand {
    static var defaultLimit: Int { get }
    var selection: ChartSelectionOptions { get }
    var limit: Int? { get }
}

extension LimitedChartCommand {
    func validate() throws {
        _ = try drawnLimit()
    }

    /// What to draw at most; nil for everything.
    func drawnLimit() throws -> Int? {
        try selection.resolvedLimit(limit, default: Self.defaultLimit)
    }
}
