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
        return .map(pairs)
    }

    static func value(_ record: SourceRecord) -> DocumentValue {
        var map = Fields()
        map["id"] = record.id
        map["title"] = record.title
        map["kind"] = record.kind
        map["publisher"] = record.publisher
        map["published"] = record.published
        map["url"] = record.url
        map["note"] = record.note
        return map.value
    }

    static func value(_ record: PartyRecord) -> DocumentValue {
        var map = Fields()
        map["id"] = record.id
        map["name"] = record.name
        map["kind"] = record.kind
        map["country"] = record.country
        map.list("aliases", record.aliases.map(DocumentValue.string))
        map["note"] = record.note
        return map.value
    }

    static func value(_ record: ProjectRecord) -> DocumentValue {
        var map = Fields()
        map["id"] = record.id
        map["name"] = record.name
        map["kind"] = record.kind
        map["commodity"] = record.commodity
        map["status"] = record.status
        map.list("route", record.route.map { .map([("country", .string($0.country)), ("role", .string($0.role))]) })
        map.list("terms", record.terms.map(value))
        map.list("sources", record.sources.map(value))
        map["note"] = record.note
        map.list("owners", record.owners.map(value))
        map.list("parents", record.parents.map(value))
        return map.value
    }

    static func value(_ owner: ProjectOwner) -> DocumentValue {
        var map = Fields()
        map["party"] = owner.party
        map.number("share", owner.share)
        map["source"] = owner.source
        return map.value
    }

    static func value(_ record: AgreementRecord) -> DocumentValue {
        var map = Fields()
        map["id"] = record.id
        map["title"] = record.title
        map["kind"] = record.kind
        map["binding"] = record.binding
        map["status"] = record.status
        map["signed"] = record.signed
        map["ended"] = record.ended
        map["project"] = record.project
        map.list("parties", record.parties.map { party in
            var item = Fields()
            item["party"] = party.party
            item["role"] = party.role
            item["confirmed"] = party.confirmed
            item.number("share", party.share)
            item.list("sources", party.sources.map(value))
            return item.value
        })
        map.list("terms", record.terms.map(value))
        map.list("sources", record.sources.map(value))
        map["summary"] = record.summary
        return map.value
    }

    static func value(_ record: EventRecord) -> DocumentValue {
        var map = Fields()
        map["id"] = record.id
        map["date"] = record.date
        map["date_kind"] = record.dateKind
        map["title"] = record.title
        map["agreement"] = record.agreement
        map["project"] = record.project
        map.list("parties", record.parties.map(DocumentValue.string))
        map.list("sources", record.sources.map(value))
        return map.value
    }

    static func value(_ term: TermRecord) -> DocumentValue {
        var map = Fields()
        map["metric"] = term.metric
        map.number("value", term.value)
        map["unit"] = term.unit
        map["text"] = term.text
        map["status"] = term.status
        map["evidence"] = term.evidence
        map["disclosure"] = term.disclosure
        map["valid_from"] = term.validFrom
        map["valid_to"] = term.validTo
        map.list("sources", term.sources.map(value))
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
