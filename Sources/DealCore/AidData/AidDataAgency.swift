import Foundation

/// One agency as a record names it, in one of its roles.
struct AidDataAgency: Sendable, Equatable {
    /// The name as written ("Export-Import Bank of China (China Eximbank)").
    let written: String
    /// AidData's agency type ("State-owned Policy Bank"), when given.
    let type: String?
    let role: String
    let column: AidDataColumn
}

/// What AidData writes after a name, in brackets at its end: another name
/// of the same agency (an abbreviation, "China Eximbank") or a former one
/// ("Formerly Calyon"). The name is what stands before them; a bracket
/// that names a country or region ("Citibank (Malaysia)") or a single
/// letter ("(M)") is part of the name, since it tells a company apart.
struct AidDataName: Sendable, Equatable {
    let name: String
    let alternates: [String]

    init(_ written: String) {
        var rest = written.trimmingWhitespace()
        var found: [String] = []
        while rest.hasSuffix(")"), let open = Self.openingBracket(of: rest) {
            let inner = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]).trimmingWhitespace()
            let before = String(rest[..<open]).trimmingWhitespace()
            guard !before.isEmpty, !inner.isEmpty, !Self.isPartOfName(inner) else { break }
            found.insert(Self.withoutFormerly(inner), at: 0)
            rest = before
        }
        name = rest
        alternates = found.filter { !$0.isEmpty && TextFolding.fold($0) != TextFolding.fold(rest) }
    }

    /// The `(` that the final `)` closes, brackets inside counted.
    private static func openingBracket(of text: String) -> String.Index? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            switch text[index] {
            case ")": depth += 1
            case "(":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    /// "(Malaysia)", "(M)", "(Hong Kong)", "(Asia)": the bracket names the
    /// company's place, not another name.
    private static func isPartOfName(_ inner: String) -> Bool {
        let folded = TextFolding.fold(inner)
        if inner.count <= 1 { return true }
        if PartyNameKey.countryNames.contains(folded) { return true }
        return ["asia", "hong kong", "h.k.", "hk", "macau", "europe", "africa", "middle east", "latin america",
                "asia pacific", "international", "group", "holdings"].contains(folded)
    }

    /// "Formerly Calyon", "formerly known as X": the former name.
    private static func withoutFormerly(_ text: String) -> String {
        for prefix in ["formerly known as ", "formerly named ", "formerly ", "previously ", "now "] {
            if text.lowercased().hasPrefix(prefix) { return String(text.dropFirst(prefix.count)).trimmingWhitespace() }
        }
        return text
    }

    /// An abbreviation in capitals ("CDB", "BOC"): kept as an alias for
    /// lookups, but never used to match a name to another party.
    static func isAbbreviation(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return text.count <= 8 && !letters.isEmpty && !letters.contains(where: \.isLowercase)
    }
}

/// A party's kind and country from AidData's agency type
/// ("Chinese State-owned Policy Bank", "Recipient Private Sector", "Other
/// Government Agency"; the funding agencies' types name no side, being
/// Chinese by the dataset's scope).
enum AidDataAgencyType {
    /// What the type says of the kind: a kind; one kind for a name that
    /// says bank and another for the rest; or nothing, and the name decides.
    /// A file has a few dozen types: the import reads each once.
    enum Rule: Equatable {
        case kind(String)
        case bankOr(bank: String, other: String)
        case byName
    }

    static func rule(_ type: String?) -> Rule {
        let lower = (type ?? "").lowercased()
        if lower.contains("policy bank") || lower.contains("development bank") { return .kind("development_bank") }
        if lower.contains("multilateral") || lower.contains("intergovernmental") {
            return .bankOr(bank: "development_bank", other: "intergovernmental_organization")
        }
        if lower.contains("bank") { return .kind("bank") }
        if lower.contains("government") { return .kind("government") }
        if lower.contains("state-owned") || lower.contains("state owned") { return .bankOr(bank: "bank", other: "state_company") }
        if lower.contains("ngo") || lower.contains("foundation") || lower.contains("civil society") { return .kind("other") }
        if lower.contains("private") || lower.contains("joint venture") || lower.contains("special purpose") {
            return .bankOr(bank: "bank", other: "company")
        }
        if lower.contains("miscellaneous") { return .kind("other") }
        return .byName
    }

    static func kind(_ rule: Rule, name: String) -> String {
        switch rule {
        case .kind(let kind): return kind
        case .bankOr(let bank, let other):
            let nameSaysBank = " \(name.lowercased()) ".contains(" bank") || name.lowercased().contains("banking")
            return nameSaysBank ? bank : other
        case .byName: return GEMRecords.kind(of: name)
        }
    }

    /// The side the type names: Chinese (the financier's country), the
    /// recipient's, or another (no country said).
    static func country(_ type: String?, column: AidDataColumn, financier: String?, recipient: String?) -> String? {
        let lower = (type ?? "").lowercased().trimmingWhitespace()
        if lower.hasPrefix("chinese") { return financier }
        if lower.hasPrefix("recipient") { return recipient }
        if lower.hasPrefix("other") { return nil }
        return column == .fundingAgencies ? financier : nil
    }
}
