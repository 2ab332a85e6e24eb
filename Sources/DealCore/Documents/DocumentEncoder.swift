/// Turns records into the document format, keys in the documented order,
/// leaving out what is empty.
enum DocumentEncoder {
    static func value(_ document: DealDocument) -> DocumentValue {
        var pairs: [(String, DocumentValue)] = []
        if !document.sources.isEmpty { pairs.append(("sources", .list(document.sources.map(value)))) }
        if !document.parties.isEmpty { pairs.append(("parties", .list(document.parties.map(value)))) }
        if !document.projects.isEmpty { pairs.append(("projects", .list(document.projects.map(value)))) }
        if !document.agreements.isEmpty { pairs.append(("agreements", .list(document.agreements.map(value)))) }
        if !document.events.isEmpty { pairs.append(("events", .list(document.events.map(value)))) }
        if !document.financeLinks.isEmpty { pairs.append(("finance_links", .list(document.financeLinks.map(value)))) }
        return .map(pairs)
    }

    // Keys in each record kind's field table order; the lists (explicit)
    // are given by key.

    static func value(_ record: SourceRecord) -> DocumentValue {
        fields(FieldTables.source, record) { _ in [] }
    }

    static func value(_ record: PartyRecord) -> DocumentValue {
        fields(FieldTables.party, record) { key in
            switch key {
            case "aliases": record.aliases.map(DocumentValue.string)
            case "identifiers": record.identifiers.map { .map([("scheme", .string($0.scheme)), ("value", .string($0.value))]) }
            case "merged": record.merged.map(DocumentValue.string)
            default: []
            }
        }
    }

    static func value(_ record: ProjectRecord) -> DocumentValue {
        fields(FieldTables.project, record) { key in
            switch key {
            case "route": record.route.map(value)
            case "terms": record.terms.map(value)
            case "sources": record.sources.map(value)
            case "owners": record.owners.map(value)
            case "parents": record.parents.map(value)
            case "identifiers": record.identifiers.filter { $0.evidence == "source" }.map(value)
            case "same_as": record.identifiers.filter { $0.evidence == "analyst" }.map(value)
            case "part": record.part.map { [value($0)] } ?? []
            case "geometry": record.geometry.map { [value($0)] } ?? []
            default: []
            }
        }
    }

    static func value(_ identifier: ProjectIdentifier) -> DocumentValue {
        texts(["scheme": identifier.scheme, "value": identifier.value, "source": identifier.source])
    }

    static func value(_ part: ProjectPart) -> DocumentValue {
        texts(["of": part.system, "as": part.part, "counted": part.counted ? "yes" : "no",
               "decided_by": part.decidedBy, "reason": part.reason])
    }

    static func value(_ geometry: ProjectGeometry) -> DocumentValue {
        texts(["wkt": geometry.wkt, "accuracy": geometry.accuracy, "source": geometry.source, "locator": geometry.locator])
    }

    /// A mapping of text values in the order given, skipping absent ones.
    private static func texts(_ pairs: KeyValuePairs<String, String?>) -> DocumentValue {
        var map = Fields()
        for (key, text) in pairs { map[key] = text }
        return map.value
    }

    static func value(_ stop: RouteStop) -> DocumentValue {
        fields(FieldTables.routeStop, stop) { _ in [] }
    }

    /// A project owner stays explicit: its parser reads the required source after the share.
    static func value(_ owner: ProjectOwner) -> DocumentValue {
        var map = Fields()
        if let party = owner.party { map["party"] = party }
        if let unnamed = owner.unnamed { map["unnamed"] = unnamed }
        map.number("share", owner.share)
        map["source"] = owner.source
        return map.value
    }

    static func value(_ record: AgreementRecord) -> DocumentValue {
        fields(FieldTables.agreement, record) { key in
            switch key {
            case "parties": record.parties.map { party in
                fields(FieldTables.agreementParty, party) { $0 == "sources" ? party.sources.map(value) : [] }
            }
            case "terms": record.terms.map(value)
            case "sources": record.sources.map(value)
            default: []
            }
        }
    }

    static func value(_ record: EventRecord) -> DocumentValue {
        fields(FieldTables.event, record) { key in
            switch key {
            case "parties": record.parties.map(DocumentValue.string)
            case "sources": record.sources.map(value)
            default: []
            }
        }
    }

    static func value(_ record: FinanceLinkRecord) -> DocumentValue {
        fields(FieldTables.financeLink, record) { _ in [] }
    }

    static func value(_ term: TermRecord) -> DocumentValue {
        fields(FieldTables.term, term) { $0 == "sources" ? term.sources.map(value) : [] }
    }

    /// The record's keys in table order, skipping absent values and empty
    /// lists; `list` gives the items of each list key.
    private static func fields<Record>(_ table: FieldTable<Record>, _ record: Record,
                                       list: (String) -> [DocumentValue]) -> DocumentValue {
        var map = Fields()
        for entry in table.entries {
            switch entry {
            case .field(let field):
                switch field.slot {
                case .text(let path): map[field.key] = record[keyPath: path]
                case .optionalText(let path): map[field.key] = record[keyPath: path]
                case .number(let path): map.number(field.key, record[keyPath: path])
                }
            case .list(let key):
                map.list(key, list(key))
            case .nested(let key):
                if let value = list(key).first { map.pairs.append((key, value)) }
            }
        }
        return map.value
    }

    static func value(_ citation: Citation) -> DocumentValue {
        guard let locator = citation.locator else { return .string(citation.source) }
        return .map([("source", .string(citation.source)), ("locator", .string(locator))])
    }

    /// Ordered keys, skipping absent values and empty lists.
    private struct Fields {
        var pairs: [(String, DocumentValue)] = []

        subscript(key: String) -> String? {
            get { nil }
            set { if let newValue { pairs.append((key, .string(newValue))) } }
        }

        mutating func number(_ key: String, _ number: Double?) {
            if let number { pairs.append((key, .number(number))) }
        }

        mutating func list(_ key: String, _ items: [DocumentValue]) {
            if !items.isEmpty { pairs.append((key, .list(items))) }
        }

        var value: DocumentValue { .map(pairs) }
    }
}
