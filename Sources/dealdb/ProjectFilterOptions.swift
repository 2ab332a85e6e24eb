import ArgumentParser
import DealCore

/// The filters `dealdb projects` and `dealdb chart map` share: which
/// projects, by country (and its role on the route), status, kind, owner
/// and name. Each command adds its own (capacity, years, labels).
struct ProjectFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A country on the route: ISO code or English name, any case (repeat for any of several).",
                               valueName: "country"))
    var country: [String] = []
    @Option(help: ArgumentHelp("The role of --country on the route: origin, transit, destination or any.",
                               valueName: "role"))
    var role: ProjectFilter.Role?
    @Option(help: TypedArguments.help("Project status (repeat for any of several)", Vocabulary.projectStatuses,
                                      valueName: "status"),
            completion: .list(Vocabulary.projectStatuses),
            transform: TypedArguments.word("project status", Vocabulary.projectStatuses))
    var status: [String] = []
    @Option(help: TypedArguments.help("Project kind", Vocabulary.projectKinds, valueName: "kind"),
            completion: .list(Vocabulary.projectKinds),
            transform: TypedArguments.word("project kind", Vocabulary.projectKinds))
    var kind: String?
    @Option(help: ArgumentHelp("An owner's id, name or alias, any case (parents count); repeat: each must own it.",
                               valueName: "party"), completion: Completions.parties)
    var owner: [String] = []
    @Option(help: ArgumentHelp("Text in the project's name or id, ignoring case and accents.", valueName: "text"))
    var name: String?

    func validate() throws {
        if role != nil && country.isEmpty {
            throw ValidationError("--role needs --country: it says what part that country plays on the route")
        }
    }

    /// The filter, with what the command adds.
    func filter(commodity: String? = nil, minCapacity: Double? = nil, since: Int? = nil, until: Int? = nil) -> ProjectFilter {
        ProjectFilter(countries: country, role: role ?? .any, statuses: status, kind: kind, commodity: commodity,
                      owners: owner, name: name, minCapacity: minCapacity, since: since, until: until)
    }
}
