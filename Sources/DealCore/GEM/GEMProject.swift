import Foundation

/// One GEM row, checked and ready to write: a pipeline (segment) or an LNG
/// terminal (unit).
struct GEMProject: Sendable {
    struct Stop: Sendable, Equatable { let country: String; let role: String }
    struct Owner: Sendable, Equatable { let name: String; let share: Double? }
    struct Term: Sendable, Equatable {
        let metric: String
        /// Nil when the source's figure is no number ("inf", "NaN"): kept as
        /// text, never as a value a sum could pick up.
        let value: Double?
        let unit: String
        var text: String?

        init(metric: String, value: Double?, unit: String, text: String? = nil) {
            self.metric = metric
            self.value = value
            self.unit = unit
            self.text = text
        }
    }
    /// A data-quality finding made while reading the row (docs/QUALITY.md),
    /// about one of its terms when `term` is set (an index into `terms`).
    struct Note: Sendable, Equatable {
        let rule: String
        let detail: String
        let term: Int?
        /// The route country a route check is about.
        var country: String? = nil
    }

    let line: Int
    var id: String
    let name: String
    /// The segment or unit name, when the row is one part of a larger project.
    let part: String?
    let kind: String
    let commodity: String
    let status: String?
    let route: [Stop]
    let terms: [Term]
    let startYear: String?
    let owners: [Owner]
    let parents: [Owner]
    let note: String?
    var qualityNotes: [Note] = []
    /// GEM's wiki page, which names the pipeline or terminal all its rows belong to.
    var wiki: String?
    /// GEM's own ids of the row: `gem-project` (ProjectID, TerminalID), `gem-unit` (ComboID).
    var gemIDs: [(scheme: String, value: String)] = []
    var geometry: RouteGeometry?
    /// GEM's own status word, case-folded (`pre-construction`, where `status`
    /// says `proposed`): what a comparison of two releases reads.
    var sourceStatus: String?
    /// Where GEM places a plant or terminal (its `lat`, `lng`).
    var location: RouteGeometry.Point?
    /// What a lenient reading (GEMFile) could not read of the row.
    var problems: [String] = []
    /// The row's cells, when the reader was asked to keep them.
    var cells: [String] = []
    /// The row's route or site as GEM gives it, and GEM's word for its
    /// accuracy; stored in `project_geometry`, citing the row.
    var place: (wkt: String, accuracy: String?, shape: Geometry)?

    /// GEM's known length in km (0 for an expansion that adds no pipe).
    var lengthKm: Double? { terms.first { $0.metric == "length" && $0.unit == "km" }?.value }
    var capacityBcm: Double? { terms.first { $0.metric == "capacity" && $0.unit == "bcm/y" }?.value }
    /// A power plant unit's capacity in MW.
    var capacityMW: Double? { terms.first { $0.metric == "capacity" && $0.unit == "MW" }?.value }
    /// The row's own GEM id, which names it in any release that has ids.
    var rowID: (scheme: String, value: String)? {
        gemIDs.first { $0.scheme == "gem-unit" } ?? (kind == "pipeline" ? gemIDs.first { $0.scheme == "gem-project" } : nil)
    }

    /// Operating projects (and those that once were) started; the rest plan to.
    var startDateKind: String {
        switch status {
        case "operating", "idle", "mothballed", "retired": "actual"
        default: "planned"
        }
    }

    /// A tracker's capacity, length or cost is a design or reported figure,
    /// not a term anyone negotiated: "agreed" would claim a deal and
    /// "proposed" an offer. Whether the project is built is its status.
    var termStatus: String { "not_applicable" }

    var displayName: String { part.map { "\(name) (\($0))" } ?? name }
}

/// GEM's words for a project's state, case-folded, to ours.
enum GEMStatus {
    static func map(_ text: String) -> String?? {
        let word = text.lowercased().trimmingWhitespace()
        if GEMValue.isEmpty(word) { return .some(nil) }
        switch word {
        case "proposed", "construction", "operating", "idle", "shelved", "cancelled", "mothballed", "retired":
            return word
        // Stages before building are all still proposals to us.
        case "pre-construction", "preconstruction", "announced", "in development", "permitted", "discovered":
            return "proposed"
        case "canceled": return "cancelled"
        case "in construction", "under construction": return "construction"
        case "decommissioned", "closed": return "retired"
        default:
            // GEM marks statuses it inferred from silence: "shelved - inferred 2 y".
            for status in ["shelved", "cancelled", "mothballed", "retired", "idle", "operating", "proposed"]
            where word.hasPrefix(status + " ") || word.hasPrefix(status + "-") {
                return status
            }
            return .none
        }
    }

    /// GEM's word as a comparison reads it: case-folded, spaces collapsed,
    /// `canceled` spelled `cancelled`, and an inferred status (`shelved -
    /// inferred 2 y`) as the word it starts with. Nil for no status.
    static func word(_ text: String) -> String? {
        let word = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if GEMValue.isEmpty(word) { return nil }
        if word == "canceled" { return "cancelled" }
        if word.contains("inferred"), let first = word.split(whereSeparator: { $0 == " " || $0 == "-" }).first {
            return String(first)
        }
        return word
    }

    static let accepted = "proposed (or pre-construction, announced, in development, permitted, discovered), construction, operating, idle, shelved, cancelled, mothballed, retired (or decommissioned)"
}

/// Cell-level rules shared by every layout.
enum GEMValue {
    /// `--`, empty and `n/a` all mean that GEM has no value.
    static func isEmpty(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace().lowercased()
        return trimmed.isEmpty || trimmed == "--" || trimmed == "n/a"
    }

    static func text(_ text: String?) -> String? {
        guard let text, !isEmpty(text) else { return nil }
        return text.trimmingWhitespace()
    }

    /// GEM's wiki page as a key: scheme, `www.`, case and `_`/space set
    /// aside (GEM links one page as `https://gem.wiki/X` in one release and
    /// `https://www.gem.wiki/x` in the next).
    static func wikiKey(_ url: String?) -> String? {
        guard var text = url?.trimmingWhitespace(), !text.isEmpty else { return nil }
        text = text.removingPercentEncoding ?? text
        text = text.precomposedStringWithCanonicalMapping.lowercased().replacingOccurrences(of: " ", with: "_")
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// A number as GEM writes it (`1,200` has been seen in costs).
    static func number(_ text: String) -> Double? {
        let cleaned = text.trimmingWhitespace().replacingOccurrences(of: ",", with: "")
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// A start year: four digits (spreadsheets sometimes add `.0`).
    static func year(_ text: String) -> String? {
        var trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix(".0") { trimmed.removeLast(2) }
        // A planned range ("2024-2025", "2022- 2023", as the plant tracker
        // writes some): its first year.
        let range = trimmed.split(separator: "-").map { $0.trimmingWhitespace() }
        if range.count == 2, range.allSatisfy({ $0.count == 4 }), let first = year(range[0]), let last = year(range[1]),
           first <= last {
            return first
        }
        guard trimmed.count == 4, trimmed.allSatisfy(\.isASCII), Int(trimmed).map({ (1800...2200).contains($0) }) == true
        else { return nil }
        return trimmed
    }

    /// Owners as GEM lists them, in every spelling seen (GEMOwners).
    static func owners(_ text: String) -> (owners: [GEMProject.Owner], problem: String?) {
        guard !isEmpty(text) else { return ([], nil) }
        return GEMOwners.parse(text)
    }
}

/// Slug ids as our schema wants them: lowercase ASCII letters, digits, '-'.
enum Slug {
    static func make(_ text: String, maxLength: Int = 60) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive],
                                  locale: .posix)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if slug.count > maxLength {
            slug = String(slug.prefix(maxLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }
}
