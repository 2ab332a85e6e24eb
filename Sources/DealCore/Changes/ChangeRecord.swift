import Foundation

/// One GEM row as a comparison of two releases reads it: the values the
/// import would store, normalised so that only a real difference tells
/// (numbers parsed, owners as parties and shares, names trimmed, statuses
/// case-folded), and every other column of the file as trimmed text.
struct ChangeRecord: Sendable, Codable {
    let id: String
    let line: Int
    let kind: String
    let name: String
    let part: String?
    /// GEM's wiki page as a key: scheme, `www.`, case and `_`/space set aside
    /// (GEM links one page as `https://gem.wiki/X` in one release and
    /// `https://www.gem.wiki/X` in the next).
    let wiki: String?
    /// GEM's own row id (`gem-unit G100...`), where the layout has one.
    let rowID: String?
    let countries: [String]
    let location: RouteGeometry.Point?
    /// The main capacity (MW for a plant, bcm/y for gas infrastructure).
    let capacity: Double?
    let capacityUnit: String
    /// Field name to value, for the fields the record has a value for.
    var values: [String: ChangeValue]

    /// GEM's status word; the owners and parents (kept once, in `values`,
    /// which is what a stored release writes).
    var status: String? {
        if case .text(let word)? = values["status"] { return word }
        return nil
    }
    var owners: [ChangeValue.Stake] { stakes("owners") }
    var parents: [ChangeValue.Stake] { stakes("parents") }

    private func stakes(_ field: String) -> [ChangeValue.Stake] {
        if case .stakes(let stakes)? = values[field] { return stakes }
        return []
    }

    var displayName: String { part.map { "\(name) (\($0))" } ?? name }


    /// A unit label as a key: folded, and a number as a number (a
    /// spreadsheet that writes unit `1` as `1.0` names the same unit).
    static func partKey(_ part: String?) -> String {
        ChangeValue.numberText(TextFolding.fold(part ?? ""))
    }
}

/// A field's value, compared as what it means.
enum ChangeValue: Sendable, Equatable, Codable {
    struct Stake: Sendable, Equatable, Codable {
        /// The party-name key (PartyNameKey: legal forms, case, accents and
        /// spacing set aside), or `unnamed <word>` for a holder GEM does not name.
        let key: String
        let name: String
        let share: Double?
    }

    case text(String)
    case number(Double, unit: String)
    /// A list whose order means nothing (a plant's fuels), sorted.
    case items([String])
    case stakes([Stake])
    /// Countries in route order.
    case route([String])
    case point(RouteGeometry.Point)

    /// Relative tolerance of numbers: GEM rounds converted figures, so
    /// 138.75 and 138.8 MW are one capacity.
    static let tolerance = 0.005
    /// How far a plant may move before its location is a change.
    static let locationToleranceKm = 1.0
    /// How far apart two shares of one holder may be (percentage points).
    static let shareTolerance = 0.05

    func same(as other: ChangeValue) -> Bool {
        switch (self, other) {
        case let (.text(a), .text(b)):
            // Case and accents are spelling (`ВОЛГОГРАДСКАЯ ТЭЦ-3`, `Волгоградская ТЭЦ-3`).
            if a == b || TextFolding.fold(a) == TextFolding.fold(b) { return true }
            // A number in a text column (a year, a diameter) is equal or not:
            // `2024` and `2024.0` are one year, 2024 and 2026 two.
            guard let x = Self.number(a), let y = Self.number(b) else { return false }
            return x == y
        case let (.number(a, unitA), .number(b, unitB)):
            return unitA == unitB && Self.close(a, b)
        case let (.stakes(a), .stakes(b)):
            return Self.sameStakes(a, b)
        case let (.point(a), .point(b)):
            return Self.distanceKm(a, b) <= Self.locationToleranceKm
        default:
            return self == other
        }
    }

    /// A cell that is a number, as GEM writes numbers (`1,200`, `97.0`).
    static func number(_ text: String) -> Double? {
        guard let first = text.utf8.first, (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2E else {
            return nil
        }
        return GEMValue.number(text)
    }

    /// A number's text written one way (`97.0` as `97`); other text as it is.
    static func numberText(_ text: String) -> String {
        number(text).map(NumberText.plain) ?? text
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-9
    }

    /// The same holders, and where both give a holder's share, the same
    /// share: a share given where the other release gave none is no change
    /// (GEM added `[100.0%]` to thousands of owners that had none).
    static func sameStakes(_ a: [Stake], _ b: [Stake]) -> Bool {
        let left = Dictionary(a.map { ($0.key, $0.share) }, uniquingKeysWith: { first, _ in first })
        let right = Dictionary(b.map { ($0.key, $0.share) }, uniquingKeysWith: { first, _ in first })
        guard Set(left.keys) == Set(right.keys) else { return false }
        for (key, share) in left {
            if let share, let other = right[key] ?? nil, abs(share - other) > shareTolerance { return false }
        }
        return true
    }

    static func distanceKm(_ a: RouteGeometry.Point, _ b: RouteGeometry.Point) -> Double {
        let latitude = (a.lat + b.lat) / 2 * .pi / 180
        let dx = (a.lon - b.lon) * cos(latitude) * 111.32, dy = (a.lat - b.lat) * 110.57
        return (dx * dx + dy * dy).squareRoot()
    }

    var display: String {
        switch self {
        case .text(let text): return text
        case let .number(value, unit): return NumberText.plain(value) + (unit.isEmpty ? "" : " \(unit)")
        case .items(let items): return items.joined(separator: ", ")
        case .stakes(let stakes):
            return stakes.map { stake in
                stake.name + (stake.share.map { " [\(NumberText.plain($0))%]" } ?? "")
            }.joined(separator: "; ")
        case .route(let countries): return countries.joined(separator: " > ")
        case .point(let point): return "\(NumberText.plain(point.lat)), \(NumberText.plain(point.lon))"
        }
    }

    /// The number, for sizing a change (capacity and length).
    var amount: Double? {
        if case let .number(value, _) = self { return value }
        return nil
    }
}
