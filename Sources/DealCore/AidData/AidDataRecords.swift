import Foundation
import SQLiteKit

/// Turns checked AidData records into dealdb's records: an agreement per
/// record with its parties, terms and citations, events for its dates, the
/// sources it cites, and its finance_records row. Agency names are matched
/// to parties under the one name rule (TextFolding, then PartyNameKey), so
/// "China Harbour Engineering Co., Ltd." and "... (CHEC)" are one party;
/// a name AidData writes with another in brackets ("Export-Import Bank of
/// China (China Eximbank)") is the party of the first, the other its alias.
struct AidDataRecords {
    static let datasetSourceID = "aiddata-gcdf-3"

    /// The dataset's own source record, which every fact cites; its note
    /// states the licence, which credits read (SourceCredits).
    static func datasetSource(fileName: String) -> SourceRecord {
        SourceRecord(id: datasetSourceID, title: "AidData's Global Chinese Development Finance Dataset, Version 3.0",
                     kind: "dataset", publisher: "AidData", published: "2023",
                     url: "https://www.aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0",
                     note: "AidData at William & Mary; licensed under ODC-By "
                         + "(https://opendatacommons.org/licenses/by/1-0/); credit \"AidData's Global Chinese "
                         + "Development Finance Dataset, Version 3.0\"")
    }

    private let reader: DocumentReader
    private var partiesByName: [String: String] = [:]
    private var partiesByKey: [String: (id: String, qualifier: String?)] = [:]
    private var partyIDs: Set<String> = []
    /// Folded spellings each party is known by (name and aliases).
    private var spellings: [String: Set<String>] = [:]
    private var newAliases: [String: [String]] = [:]
    /// The ids of the sources stored and of those this import creates.
    private var sourceIDs: Set<String> = []
    /// Where each party this import creates is in `parties`.
    private var createdIndex: [String: Int] = [:]
    /// Names and addresses already resolved in this file: most repeat.
    private var resolvedNames: [String: String] = [:]
    private var resolvedSources: [String: String] = [:]
    /// PartyNameKey.parts of the spellings met so far: a new name is keyed
    /// when it is matched and again when it is registered, and the name
    /// before its brackets recurs under other spellings.
    private var nameParts: [String: (key: String, qualifier: String?)] = [:]
    /// Source kinds by AidData's resource type, and what agency types say
    /// of a party's kind: a file has a few dozen of each.
    private var sourceKinds: [String: String] = [:]
    private var agencyRules: [String: AidDataAgencyType.Rule] = [:]

    var parties: [PartyRecord] = []
    var sources: [SourceRecord] = []
    var agreements: [AgreementRecord] = []
    var events: [EventRecord] = []
    var goneEvents: [String] = []
    var finance: [[SQLiteValue]] = []
    /// What FinanceLinker reads of each record, as it will be stored.
    var financeTexts: [FinanceRecordText] = []

    init(database: Database) throws {
        reader = DocumentReader(database: database)
        for (id, name) in try reader.partyNamesAndAliases() {
            partyIDs.insert(id)
            let folded = TextFolding.fold(name)
            partiesByName[folded] = partiesByName[folded] ?? id
            spellings[id, default: []].insert(folded)
            let parts = PartyNameKey.parts(name)
            partiesByKey[parts.key] = partiesByKey[parts.key] ?? (id, parts.qualifier)
        }
        partyIDs.formUnion(try reader.mergedPartyIDs())
        sourceIDs = Set(try reader.sourceIDs())
    }

    /// The records of one AidData record.
    mutating func add(_ record: AidDataRecord) {
        let id = record.agreementID
        let dataset = Self.datasetSourceID
        func cite(_ column: AidDataColumn) -> [Citation] {
            [Citation(source: dataset, locator: "record \(record.recordID): \(column.rawValue)")]
        }
        let kind = record.kind
        let mapped = record.status.flatMap(AidDataStatus.map)
        var agreement = AgreementRecord(id: id, title: record.title)
        agreement.kind = kind
        agreement.binding = mapped?.binding ?? "unknown"
        agreement.status = mapped?.status
        agreement.signed = record.signed
        var summary = [record.description].compactMap { $0 }
        if let comments = record.staffComments { summary.append("AidData's staff comments: " + comments) }
        agreement.summary = summary.isEmpty ? nil : summary.joined(separator: "\n\n")

        var seen = Set<String>()
        for agency in record.agencies {
            let country = AidDataAgencyType.country(agency.type, column: agency.column, financier: record.financierCountry,
                                                    recipient: record.recipient)
            let party = partyID(for: agency, country: country, record: record.recordID)
            // One party in one role once, however many spellings name it there.
            guard seen.insert(party + " " + agency.role).inserted else { continue }
            agreement.parties.append(AgreementParty(party: party, role: agency.role, sources: cite(agency.column)))
        }

        let negotiation = mapped?.negotiation ?? "not_stated"
        agreement.terms = record.facts.map { fact in
            // The constant-dollar figure is AidData's conversion: not a term anyone negotiated.
            let state = fact.column == .usd2021 ? "not_applicable" : negotiation
            return TermRecord(metric: fact.metric, value: fact.value, unit: fact.unit, text: fact.text, status: state,
                              evidence: fact.estimated ? "estimated" : "reported", sources: cite(fact.column))
        }

        agreement.sources = [Citation(source: dataset, locator: "record \(record.recordID)")]
        for source in record.sources {
            agreement.sources.append(Citation(source: sourceID(for: source), locator: nil))
        }
        agreements.append(agreement)

        let kinds = Set(record.milestones.map(\.suffix))
        for suffix in ["planned-start", "start", "planned-completion", "completion", "first-repayment", "last-repayment"]
        where !kinds.contains(suffix) {
            goneEvents.append("\(id)-\(suffix)")
        }
        for milestone in record.milestones {
            events.append(EventRecord(
                id: "\(id)-\(milestone.suffix)", date: milestone.date, dateKind: milestone.planned ? "planned" : "actual",
                title: "AidData \(record.recordID): \(milestone.title)" + (milestone.estimated ? " (date estimated)" : ""),
                agreement: id, sources: cite(milestone.column)))
        }

        finance.append(AidDataRecords.financeRow(record, agreement: id))
        financeTexts.append(FinanceRecordText(agreementID: id, title: agreement.title, recipient: record.recipient,
                                              sector: record.sectorName, sectorCode: record.sectorCode,
                                              parties: Set(agreement.parties.map(\.party))))
    }

    /// finance_records' columns, in the order of `financeRow`.
    static let financeColumns = [
        "agreement_id", "dataset", "record_id", "source_id", "recommended", "parent_record", "umbrella",
        "financier_country", "recipient", "recipient_name", "region", "commitment_year", "date_estimated", "flow_type",
        "flow_class", "intent", "status", "sector_code", "sector", "amount", "currency", "amount_estimated", "usd_2021",
        "usd_nominal", "adjusted_amount", "adjusted_usd_2021", "adjusted_usd_nominal",
    ]

    static func financeRow(_ record: AidDataRecord, agreement: String) -> [SQLiteValue] {
        func flag(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
        return [
            .text(agreement), .text("aiddata-gcdf-3"), .text(record.recordID), .text(datasetSourceID),
            flag(record.recommended), SQLiteValue(record.parentRecord), flag(record.umbrella),
            SQLiteValue(record.financierCountry), SQLiteValue(record.recipient), .text(record.recipientName),
            SQLiteValue(record.region), record.commitmentYear.map { .integer(Int64($0)) } ?? .null,
            flag(record.dateEstimated), SQLiteValue(record.flowType), SQLiteValue(record.flowClass),
            SQLiteValue(record.intent), SQLiteValue(record.status), SQLiteValue(record.sectorCode),
            SQLiteValue(record.sectorName), SQLiteValue(record.amount), SQLiteValue(record.currency),
            flag(record.amountEstimated), SQLiteValue(record.usd2021), SQLiteValue(record.usdNominal),
            SQLiteValue(record.adjustedAmount), SQLiteValue(record.adjustedUSD2021), SQLiteValue(record.adjustedUSDNominal),
        ]
    }

    // MARK: Sources

    /// A source per address (the same address cited by several records is
    /// one source), or per title where there is none. A source already
    /// stored is left as it is.
    private mutating func sourceID(for source: AidDataRecord.Source) -> String {
        let key = source.url ?? ("title: " + source.title)
        if let id = resolvedSources[key] { return id }
        let hash = String(SHA256.hex(Array(key.utf8)).prefix(10))
        var words = source.url.map { url -> String in
            var text = url
            for prefix in ["https://", "http://", "www."] where text.lowercased().hasPrefix(prefix) {
                text.removeFirst(prefix.count)
            }
            return text
        } ?? source.title
        if words.isEmpty { words = "source" }
        let slug = Slug.make(words, maxLength: 40)
        let id = "src-" + (slug.isEmpty ? "" : slug + "-") + hash
        if sourceIDs.insert(id).inserted {
            let kind = sourceKinds.memoized(source.type ?? "") { Self.sourceKind(source.type) }
            sources.append(SourceRecord(id: id, title: source.title, kind: kind,
                                        publisher: source.publisher, url: source.url,
                                        note: "cited by AidData's Global Chinese Development Finance Dataset, Version 3.0"
                                            + (source.type.map { " (\($0))" } ?? "")))
        }
        resolvedSources[key] = id
        return id
    }

    /// AidData's resource type, as a source kind.
    static func sourceKind(_ type: String?) -> String {
        let lower = (type ?? "").lowercased()
        if lower.hasPrefix("media") { return "news" }
        if lower.contains("official source") { return "official_statement" }
        if lower.contains("academic") || lower.contains("working paper") { return "analysis" }
        if lower.contains("implementing") || lower.contains("ngo") || lower.contains("report") { return "report" }
        return "other"
    }

    // MARK: Parties

    /// An existing party by any spelling AidData gives (the name as
    /// written, the name before its brackets, each other name that is not
    /// a bare abbreviation), first under the one name rule, then by
    /// PartyNameKey; else a new party. Every spelling becomes an alias.
    private mutating func partyID(for agency: AidDataAgency, country: String?, record: String) -> String {
        // The same spelling again finds the same party: every spelling is registered below.
        if let id = resolvedNames[agency.written] { return id }
        let id = resolvePartyID(for: agency, country: country, record: record)
        resolvedNames[agency.written] = id
        return id
    }

    private mutating func resolvePartyID(for agency: AidDataAgency, country: String?, record: String) -> String {
        let name = AidDataName(agency.written)
        var candidates = [agency.written, name.name]
        candidates += name.alternates.filter { !AidDataName.isAbbreviation($0) }
        let every = [agency.written, name.name] + name.alternates
        var found: String?
        for candidate in candidates {
            if let id = partiesByName[TextFolding.fold(candidate)] { found = id; break }
        }
        if found == nil {
            for candidate in candidates {
                let parts = nameParts(candidate)
                if let (id, qualifier) = partiesByKey[parts.key], PartyNameKey.compatible((parts.key, qualifier), parts) {
                    found = id
                    break
                }
            }
        }
        if let found {
            remember(every, for: found)
            return found
        }
        var base = PartySlug.make(name.name)
        if base.isEmpty { base = "agency-of-aiddata-" + Slug.make(record) }
        var id = base, number = 1
        while partyIDs.contains(id) {
            number += 1
            id = "\(base)-\(number)"
        }
        partyIDs.insert(id)
        var aliases: [String] = []
        var known: Set<String> = [TextFolding.fold(name.name)]
        for spelling in every where known.insert(TextFolding.fold(spelling)).inserted { aliases.append(spelling) }
        createdIndex[id] = parties.count
        let rule = agencyRules.memoized(agency.type ?? "") { AidDataAgencyType.rule(agency.type) }
        parties.append(PartyRecord(
            id: id, name: name.name, kind: AidDataAgencyType.kind(rule, name: name.name), country: country,
            aliases: aliases,
            note: "created by the AidData import (\(Self.datasetSourceID))" + (agency.type.map { "; AidData agency type: \($0)" } ?? "")))
        spellings[id] = known
        for spelling in every { register(spelling, id: id) }
        return id
    }

    private mutating func register(_ spelling: String, id: String) {
        let folded = TextFolding.fold(spelling)
        partiesByName[folded] = partiesByName[folded] ?? id
        guard !AidDataName.isAbbreviation(spelling) else { return }
        let parts = nameParts(spelling)
        partiesByKey[parts.key] = partiesByKey[parts.key] ?? (id, parts.qualifier)
    }

    private mutating func nameParts(_ spelling: String) -> (key: String, qualifier: String?) {
        nameParts.memoized(spelling) { PartyNameKey.parts(spelling) }
    }

    /// The spellings a party found by another one does not have yet, as its aliases.
    private mutating func remember(_ names: [String], for id: String) {
        for spelling in names {
            let folded = TextFolding.fold(spelling)
            guard !(spellings[id]?.contains(folded) ?? false) else { continue }
            spellings[id, default: []].insert(folded)
            register(spelling, id: id)
            if let index = createdIndex[id] {
                parties[index].aliases.append(spelling)
            } else {
                newAliases[id, default: []].append(spelling)
            }
        }
    }

    /// The stored parties that gained aliases, as they will be.
    func partiesWithNewAliases() throws -> [PartyRecord] {
        let stored = try reader.parties(Array(newAliases.keys))
        return newAliases.keys.sorted().compactMap { id in
            guard var record = stored[id] else { return nil }
            record.aliases += newAliases[id] ?? []
            return record
        }
    }
}
