/// A data-quality finding an import stores with a project (`quality_notes`):
/// the GEM import's notes, each about the project or one of its terms
/// (`term` is the term's index in the project's list).
struct ProjectNote: Sendable, Equatable {
    var rule: String
    var detail: String
    var source: String?
    var locator: String?
    var term: Int?
    /// The route country a route check is about (`route-misses-country`,
    /// `route-crosses-country`), which transit queries then leave out.
    var country: String?
}
