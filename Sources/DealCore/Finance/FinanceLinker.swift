import Foundation
import SQLiteKit

/// Proposes the project an energy finance record pays for (docs/AIDDATA.md,
/// "Which project a loan pays for"), over every project of any kind: GEM's
/// pipelines, terminals and plants, the seed's, an analyst's.
///
/// A project is proposed when its name, with the words every project has
/// set aside (gas, pipeline, power, plant, project, ...), stands whole in
/// the record's title: "Trans Sabah" in "... loan for Trans-Sabah Gas
/// Pipeline and ...", but not "Sabah" there, whose neighbour "Trans" makes
/// it another name. What else agrees weighs in: the kind of facility the
/// title names beside it (a pipeline is no power plant: that rules it
/// out), the place (the recipient must be a country of the project's
/// route, when it has one), and the parties (a party of the record that
/// owns the project). Each proposal keeps its confidence and the evidence
/// in words; an entity of several rows is proposed once, by its head.
/// Proposals are the rule's (finance_links.decided_by 'rule'), replaced on
/// every run; an analyst's decision is never touched.
package struct FinanceLinker {
    /// What one run changed.
    package struct Outcome: Sendable, Equatable {
        /// Records looked at, and those that name energy infrastructure.
        package var records = 0
        package var energyRecords = 0
        /// Proposals standing for the records looked at.
        package var proposals = 0
        package var added = 0
        package var removed = 0
        package var updated = 0

        package init() {}

        package var changed: Int { added + removed + updated }

        package var summary: String {
            "\(proposals) link\(proposals == 1 ? "" : "s") proposed for \(energyRecords) energy record"
                + "\(energyRecords == 1 ? "" : "s") (\(added) new, \(removed) withdrawn, \(updated) revised)"
        }
    }

    /// The confidence from which a link is proposed.
    static let threshold = 0.65

    let database: Database

    package init(store: DealStore) {
        self.init(database: store.database)
    }

    init(database: Database) {
        self.database = database
    }

    /// Proposals for every finance record stored (after a new GEM file).
    package func proposeAll() throws -> Outcome {
        let ids = try database.fetchAll(sql: "SELECT agreement_id FROM finance_records ORDER BY agreement_id")
            .compactMap { $0.string(0) }
        guard !ids.isEmpty else { return Outcome() }
        return try propose(for: ids)
    }

    /// Replaces the rule's proposals for these agreements with what the
    /// rule finds now.
    package func propose(for agreements: [String]) throws -> Outcome {
        try propose(agreements) { try FinanceRecordText.read(Array(agreements[$0]), database: database) }
    }

    /// The same for records the caller has just written and still holds
    /// (the AidData import): what `FinanceRecordText.read` would read back
    /// of them, without reading it.
    func propose(for records: [FinanceRecordText]) throws -> Outcome {
        try propose(records.map(\.agreementID)) { Array(records[$0]) }
    }

    /// `texts` gives the records of a range of `agreements`, 500 at a time.
    private func propose(_ agreements: [String], texts: (Range<Int>) throws -> [FinanceRecordText]) throws -> Outcome {
        var outcome = Outcome()
        outcome.records = agreements.count
        let catalog = try ProjectCatalog(database: database)
        var wanted: [String: [Proposal]] = [:]
        var start = 0
        while start < agreements.count {
            try Cancellation.check()
            let chunk = start..<min(start + 500, agreements.count)
            for record in try texts(chunk) {
                guard record.isEnergy else { continue }
                outcome.energyRecords += 1
                wanted[record.agreementID] = catalog.proposals(for: record)
            }
            start = chunk.upperBound
        }
        try write(wanted, for: agreements, outcome: &outcome)
        return outcome
    }

    struct Proposal: Equatable {
        let project: String
        let confidence: Double
        let evidence: String
    }

    private func write(_ wanted: [String: [Proposal]], for agreements: [String], outcome: inout Outcome) throws {
        let stored = try database.makeStatement(sql: """
            SELECT project_id, state, confidence, evidence FROM finance_links WHERE agreement_id = ?
            """)
        let delete = try database.makeStatement(sql: """
            DELETE FROM finance_links WHERE agreement_id = ? AND project_id = ? AND decided_by = 'rule'
            """)
        let upsert = try database.makeStatement(sql: """
            INSERT OR REPLACE INTO finance_links (agreement_id, project_id, state, decided_by, confidence, evidence)
            VALUES (?, ?, 'proposed', 'rule', ?, ?)
            """)
        for agreement in agreements {
            try stored.bind([.text(agreement)])
            var rule: [String: (Double?, String?)] = [:]
            var decided: Set<String> = []
            while try stored.step() {
                let project = stored.value(at: 0).string ?? ""
                if stored.value(at: 1).string == "proposed" {
                    rule[project] = (stored.value(at: 2).double, stored.value(at: 3).string)
                } else {
                    decided.insert(project)
                }
            }
            stored.reset()
            let proposals = (wanted[agreement] ?? []).filter { !decided.contains($0.project) }
            outcome.proposals += proposals.count
            let keep = Set(proposals.map(\.project))
            for project in rule.keys.sorted() where !keep.contains(project) {
                try delete.bind([.text(agreement), .text(project)])
                try delete.run()
                outcome.removed += 1
            }
            for proposal in proposals {
                let confidence = (proposal.confidence * 100).rounded() / 100
                if let old = rule[proposal.project] {
                    if old.0 == confidence && old.1 == proposal.evidence { continue }
                    outcome.updated += 1
                } else {
                    outcome.added += 1
                }
                try upsert.bind([.text(agreement), .text(proposal.project), .real(confidence), .text(proposal.evidence)])
                try upsert.run()
            }
        }
    }
}

/// What the linker reads of a finance record.
struct FinanceRecordText {
    let agreementID: String
    let title: String
    let recipient: String?
    let sector: String?
    let sectorCode: String?
    let parties: Set<String>

    /// The sector is energy, or the title names energy infrastructure.
    var isEnergy: Bool {
        if let code = sectorCode, code.hasPrefix("23") { return true }
        if let sector, sector.lowercased().contains("energy") { return true }
        let tokens = Set(NameTokens(title).tokens.map(\.text))
        return !tokens.isDisjoint(with: NameTokens.energyWords)
    }

    static func read(_ ids: [String], database: Database) throws -> [FinanceRecordText] {
        let list = SQLiteValue.text(JSONList.of(ids))
        var parties: [String: Set<String>] = [:]
        for row in try database.fetchAll(sql: """
            SELECT agreement_id, party_id FROM agreement_parties WHERE agreement_id IN (SELECT value FROM json_each(?))
            """, arguments: [list]) {
            parties[row.string(0) ?? "", default: []].insert(row.string(1) ?? "")
        }
        return try database.fetchAll(sql: """
            SELECT a.id, a.title, f.recipient, f.sector, f.sector_code
            FROM agreements AS a JOIN finance_records AS f ON f.agreement_id = a.id
            WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id
            """, arguments: [list]).map { row in
            let id = row.string(0) ?? ""
            return FinanceRecordText(agreementID: id, title: row.string(1) ?? "", recipient: row.string(2),
                                     sector: row.string(3), sectorCode: row.string(4), parties: parties[id] ?? [])
        }
    }
}

/// The stored projects, indexed by the words that tell their names apart.
struct ProjectCatalog {
    struct Project {
        let id: String
        let name: String
        let kind: String
        let entity: String
        let countries: Set<String>
        /// Owners and parent companies, by party id.
        let owners: Set<String>
        /// The words of its name that tell it apart, in order.
        let words: [String]
    }

    private var projects: [Project] = []
    private var byWord: [String: [Int]] = [:]
    private var partyNames: [String: String] = [:]
    private var countryWords: [String: Set<String>] = [:]

    init(database: Database) throws {
        var countries: [String: Set<String>] = [:]
        for row in try database.fetchAll(sql: "SELECT project_id, country FROM project_route") {
            countries[row.string(0) ?? "", default: []].insert(row.string(1) ?? "")
        }
        var owners: [String: Set<String>] = [:]
        for row in try database.fetchAll(sql: "SELECT project_id, party_id FROM project_owners WHERE party_id IS NOT NULL") {
            owners[row.string(0) ?? "", default: []].insert(row.string(1) ?? "")
        }
        var entities: [String: String] = [:]
        for row in try database.fetchAll(sql: """
            SELECT project_id, system_id FROM project_parts
            UNION ALL
            SELECT g.project_id, a.project_id FROM project_identifiers AS g
            JOIN project_identifiers AS a ON a.scheme = g.scheme AND a.value = g.value AND a.project_id <> g.project_id
            WHERE a.evidence = 'analyst'
            """) {
            entities[row.string(0) ?? ""] = row.string(1)
        }
        for row in try database.fetchAll(sql: "SELECT code, name, common_name FROM countries") {
            var words = Set<String>()
            for name in [row.string(1), row.string(2)].compactMap({ $0 }) {
                words.formUnion(NameTokens(name).tokens.map(\.text))
            }
            countryWords[row.string(0) ?? ""] = words
        }
        for row in try database.fetchAll(sql: "SELECT id, name FROM parties") {
            partyNames[row.string(0) ?? ""] = row.string(1)
        }
        for row in try database.fetchAll(sql: "SELECT id, name, kind FROM projects ORDER BY id") {
            let id = row.string(0) ?? "", name = row.string(1) ?? ""
            let places = countries[id] ?? []
            let placeWords = places.reduce(into: Set<String>()) { $0.formUnion(countryWords[$1] ?? []) }
            let words = NameTokens(name).tokens.map(\.text).filter {
                !NameTokens.stopWords.contains($0) && !NameTokens.genericWords.contains($0) && !placeWords.contains($0)
            }
            guard !words.isEmpty else { continue }
            // An entity's head: its system, or the analyst's record it is linked to.
            var entity = id
            var hops = 0
            while let next = entities[entity], next != entity, hops < 8 { entity = next; hops += 1 }
            let project = Project(id: id, name: name, kind: row.string(2) ?? "other", entity: entity, countries: places,
                                  owners: owners[id] ?? [], words: words)
            for word in Set(words) { byWord[word, default: []].append(projects.count) }
            projects.append(project)
        }
    }

    /// The projects the record pays for, by the rule of FinanceLinker, one per entity.
    func proposals(for record: FinanceRecordText) -> [FinanceLinker.Proposal] {
        let title = NameTokens(record.title)
        let recipientWords = record.recipient.flatMap { countryWords[$0] } ?? []
        var candidates = Set<Int>()
        for token in title.tokens { candidates.formUnion(byWord[token.text] ?? []) }
        var best: [String: FinanceLinker.Proposal] = [:]
        for index in candidates.sorted() {
            let project = projects[index]
            let words = project.words.filter { !recipientWords.contains($0) }
            guard !words.isEmpty, let match = title.phrase(words) else { continue }
            var confidence = words.count >= 2 || words[0].count >= 7 ? 0.5 : 0.35
            var evidence = ["name: \"\(match.text)\" in the title, \"\(project.name)\" (\(project.id))"]
            let named = match.facility
            let kind = Self.facility(ofProjectKind: project.kind)
            if let named, let kind {
                guard named == kind else { continue }
                confidence += 0.2
                evidence.append("kind: \(named.replacingOccurrences(of: "_", with: " ")) in both")
            }
            if !project.countries.isEmpty {
                guard let recipient = record.recipient, project.countries.contains(recipient) else { continue }
                confidence += 0.15
                evidence.append("place: \(recipient), the recipient, is on its route")
            }
            let shared = record.parties.intersection(project.owners).sorted()
            if !shared.isEmpty {
                confidence += shared.count == 1 ? 0.1 : 0.15
                evidence.append("parties: " + shared.map { partyNames[$0] ?? $0 }.joined(separator: ", ")
                    + ", named by the record, own\(shared.count == 1 ? "s" : "") it")
            }
            confidence = min(confidence, 0.99)
            guard confidence >= FinanceLinker.threshold else { continue }
            let proposal = FinanceLinker.Proposal(project: project.entity, confidence: confidence,
                                                  evidence: evidence.joined(separator: "; "))
            if let other = best[project.entity], other.confidence >= confidence { continue }
            best[project.entity] = proposal
        }
        return best.values.sorted { ($1.confidence, $0.project) < ($0.confidence, $1.project) }
    }

    /// The facility a project kind is, as a title names one.
    static func facility(ofProjectKind kind: String) -> String? {
        switch kind {
        case "pipeline": "pipeline"
        case "lng_terminal": "lng_terminal"
        case "power_plant", "plant": "plant"
        case "field": "field"
        case "storage": "storage"
        default: nil
        }
    }
}

/// A name or title as words: folded (case, accents), split at anything
/// that is not a letter or digit. A hyphen or apostrophe joins two words
/// of one name ("Trans-Sabah"); other punctuation ends a phrase.
struct NameTokens {
    struct Token {
        let text: String
        /// Punctuation other than a hyphen stands before it: a phrase starts here.
        let afterBreak: Bool
    }

    let tokens: [Token]

    init(_ text: String) {
        let folded = TextFolding.fold(text)
        // Most titles are ASCII, where each byte is a character: read by
        // bytes, without Character's property lookups (every finance
        // record's title is read).
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            tokens = Self.tokens(of: folded, units: folded.utf8) { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"): .word
                case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "'"): .joiner
                default: .breaker
                }
            }
        } else {
            tokens = Self.tokens(of: folded, units: folded) { character in
                if character.isLetter || character.isNumber { return .word }
                if character.isWhitespace || character == "-" || character == "'" || character == "\u{2019}" || character == "–" {
                    return .joiner
                }
                return .breaker
            }
        }
    }

    /// What a character is to the words around it.
    private enum Unit {
        /// A letter or digit: part of a word.
        case word
        /// Space, hyphen, apostrophe: between two words of one phrase.
        case joiner
        /// Other punctuation: a phrase starts after it.
        case breaker
    }

    /// The words of `folded`, read as `units` (its characters or its bytes).
    private static func tokens<Units: Collection>(of folded: String, units: Units, unit: (Units.Element) -> Unit) -> [Token]
    where Units.Index == String.Index {
        var tokens: [Token] = []
        var start: String.Index?
        var pendingBreak = true
        for index in units.indices {
            let kind = unit(units[index])
            if kind == .word {
                if start == nil { start = index }
                continue
            }
            if let first = start {
                tokens.append(Token(text: String(folded[first..<index]), afterBreak: pendingBreak))
                start = nil
                pendingBreak = false
            }
            if kind == .breaker { pendingBreak = true }
        }
        if let first = start { tokens.append(Token(text: String(folded[first...]), afterBreak: pendingBreak)) }
        return tokens
    }

    /// Where `words` stand as a whole phrase among the title's words that
    /// are not stop words: nothing but a stop word, a generic word, a
    /// number or punctuation on either side. With the phrase as written
    /// and the facility the generic words after it name.
    func phrase(_ words: [String]) -> (text: String, facility: String?)? {
        let kept = tokens.enumerated().filter { !Self.stopWords.contains($0.element.text) }
        guard kept.count >= words.count else { return nil }
        for start in 0...(kept.count - words.count) {
            guard (0..<words.count).allSatisfy({ kept[start + $0].element.text == words[$0] }) else { continue }
            // No phrase across punctuation.
            guard (1..<words.count).allSatisfy({ !kept[start + $0].element.afterBreak }) else { continue }
            let first = kept[start].offset, last = kept[start + words.count - 1].offset
            if first > 0, !tokens[first].afterBreak {
                let before = tokens[first - 1].text
                guard Self.stopWords.contains(before) || Self.genericWords.contains(before) || Self.isNumber(before)
                else { continue }
            }
            var facility: String?
            if last + 1 < tokens.count, !tokens[last + 1].afterBreak {
                let after = tokens[last + 1].text
                guard Self.stopWords.contains(after) || Self.genericWords.contains(after) || Self.isNumber(after)
                else { continue }
            }
            // The generic words after the name, up to the next break or stop word.
            var index = last + 1
            var following: [String] = []
            while index < tokens.count, !tokens[index].afterBreak,
                  Self.genericWords.contains(tokens[index].text) || Self.isNumber(tokens[index].text) {
                following.append(tokens[index].text)
                index += 1
            }
            facility = Self.facility(named: following)
            return (tokens[first...last].map(\.text).joined(separator: " "), facility)
        }
        return nil
    }

    static func isNumber(_ word: String) -> Bool {
        word.allSatisfy(\.isNumber) || ["i", "ii", "iii", "iv", "v", "vi"].contains(word)
            || (word.first?.isNumber == true && ["mw", "gw", "km", "kv", "bcm"].contains(where: word.hasSuffix))
    }

    /// The facility generic words name: "gas pipeline", "gas fired power plant", "lng terminal".
    static func facility(named words: [String]) -> String? {
        let set = Set(words)
        if set.contains("pipeline") || set.contains("pipelines") { return "pipeline" }
        if set.contains("terminal") || set.contains("fsru") || set.contains("regasification") || set.contains("liquefaction") {
            return "lng_terminal"
        }
        if set.contains("plant") || set.contains("station") || set.contains("fired") || set.contains("ccgt")
            || (set.contains("power") && !set.contains("line")) {
            return "plant"
        }
        if set.contains("storage") { return "storage" }
        return nil
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "for", "and", "to", "in", "at", "on", "by", "with", "from", "de", "da", "do", "del", "la",
        "el", "le", "les", "des", "du", "y", "e", "et",
    ]

    /// Words any number of projects share: kinds of facility, fuels, phases.
    static let genericWords: Set<String> = [
        "gas", "natural", "pipeline", "pipelines", "line", "lines", "power", "plant", "plants", "station", "stations",
        "project", "projects", "construction", "fired", "combined", "cycle", "ccgt", "cc", "lng", "terminal", "terminals",
        "fsru", "regasification", "liquefaction", "thermal", "energy", "electricity", "electric", "generation", "unit",
        "units", "phase", "expansion", "section", "segment", "system", "network", "transmission", "field", "fields", "oil",
        "refinery", "hydropower", "hydroelectric", "hydro", "dam", "solar", "wind", "farm", "coal", "storage",
        "facility", "complex", "import", "export", "floating", "multi", "product", "products", "cogeneration", "ipp",
        "trunk", "main", "gasfield", "offshore", "onshore", "upgrade", "extension", "loop", "looping", "interconnector",
    ]

    /// Words that make a record's title one about energy infrastructure.
    static let energyWords: Set<String> = [
        "pipeline", "pipelines", "gas", "lng", "fsru", "regasification", "refinery", "oil", "oilfield", "coal",
        "hydropower", "hydroelectric", "power", "ccgt", "thermal", "electricity", "substation",
    ]
}
