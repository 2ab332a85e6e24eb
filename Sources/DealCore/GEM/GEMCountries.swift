import Foundation
import SQLiteKit

/// GEM's country names to ISO 3166-1 codes: the countries table's own names
/// (`name`, `common_name`), case-folded and without accents, plus the
/// spellings GEM uses that ISO does not. An unknown name stays unknown: the
/// importer reports it with its line rather than guessing.
struct GEMCountries {
    /// GEM spellings (folded) that ISO names differently.
    static let spellings: [String: String] = [
        "turkiye": "TR", "turkey": "TR",
        "czech republic": "CZ",
        "dr congo": "CD", "democratic republic of the congo": "CD", "drc": "CD",
        "republic of the congo": "CG", "congo-brazzaville": "CG",
        "russia": "RU",
        "iran": "IR",
        "south korea": "KR", "korea": "KR",
        "north korea": "KP",
        "cote d'ivoire": "CI", "ivory coast": "CI",
        "the gambia": "GM", "gambia": "GM",
        "united states": "US", "usa": "US", "united states of america": "US",
        "united kingdom": "GB", "uk": "GB",
        "brunei": "BN",
        "vietnam": "VN",
        "laos": "LA",
        "syria": "SY",
        "moldova": "MD",
        "bolivia": "BO",
        "venezuela": "VE",
        "tanzania": "TZ",
        "taiwan": "TW",
        "palestine": "PS",
        "east timor": "TL",
        "the bahamas": "BS", "bahamas": "BS",
        "netherlands": "NL", "the netherlands": "NL",
        "macedonia": "MK",
        "eswatini": "SZ", "swaziland": "SZ",
        "cabo verde": "CV", "cape verde": "CV",
        "micronesia": "FM",
        "bosnia": "BA",
        "kyrgyz republic": "KG",
        "slovak republic": "SK",
        // Spain's islands; ISO 3166-1 has no code of their own.
        "canary islands": "ES",
        // The former Timor Sea Joint Petroleum Development Area lies within
        // Timor-Leste's boundary since the 2018 maritime boundary treaty.
        "joint petroleum development area": "TL",
        "kosovo": "XK",
    ]

    private var codes: [String: String] = [:]
    private(set) var known: Set<String> = []

    init(database: Database) throws {
        for row in try database.fetchAll(sql: "SELECT code, name, common_name FROM countries") {
            guard let code = row.string(0) else { continue }
            known.insert(code)
            for name in [row.string(1), row.string(2)].compactMap({ $0 }) {
                codes[Self.fold(name)] = code
            }
        }
        for (spelling, code) in Self.spellings where known.contains(code) {
            codes[spelling] = code
        }
    }

    /// The ISO code for a GEM country name, or nil when it is not known.
    func code(for name: String) -> String? {
        codes[Self.fold(name)]
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: .posix)
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .trimmingWhitespace()
    }
}
