import SQLiteKit

/// How a scalar field of a record is read from a document, checked, and
/// stored: the parser picks its check by this, the reader and the writer
/// store every one of them as one column.
enum FieldType: Sendable {
    /// The record's own id (a slug), defined here; the kind names it in duplicate checks.
    case id(kind: String)
    case text
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    case date
    /// A decimal number, optionally within a range (said as `rangeText` when not).
    case number(range: ClosedRange<Double>?, rangeText: String)
    /// One of an enumeration (a list of Vocabulary), named `noun` in messages.
    case choice(values: [String], noun: String)
    /// true/false/unknown (or yes/no), stored as yes, no or unknown.
    case tristate
    /// The id of another record, checked once the whole import is read.
    case reference(DocumentReference.Kind)
    /// An ISO 3166-1 alpha-2 code of the country list.
    case country
    /// A unit of Vocabulary.units or an ISO 4217 currency code.
    case unit
}

/// Where the value of a field lives in its Swift record.
enum FieldSlot<Record> {
    /// Always present: required, or filled with the field's default.
    case text(WritableKeyPath<Record, String>)
    case optionalText(WritableKeyPath<Record, String?>)
    case number(WritableKeyPath<Record, Double?>)
}

/// One scalar field of a record kind: its document key, its column, its
/// type (with its enumeration), whether it is required and its default.
struct RecordField<Record> {
    let key: String
    let column: String
    let type: FieldType
    var required = false
    /// What an absent value is, in the document and in the database alike;
    /// nil: absent stays absent (a default never claims more than the source).
    var defaultValue: String?
    let slot: FieldSlot<Record>

    /// The values the field may take, when it is an enumeration.
    var enumeration: [String]? {
        switch type {
        case .choice(let values, _): values
        case .tristate: ["yes", "no", "unknown"]
        default: nil
        }
    }
}

/// A key of a record in its documented place: a scalar field of the table,
/// or a key whose value is a list (child rows, citations, aliases). Lists
/// stay explicit in the parser, encoder, reader and writer: each has its
/// own checks (duplicates, positions, levels, citables) that a generic
/// entry would only hide.
enum FieldEntry<Record> {
    case field(RecordField<Record>)
    case list(String)
    /// A key whose value is one mapping of its own (a project's `part`),
    /// explicit for the same reasons as a list.
    case nested(String)
}

/// The field table of one record kind (docs/FORMAT.md, "Adding a field"):
/// the parser takes its accepted keys, checks, enumerations and defaults
/// from it, the encoder its key order, the reader its SELECT columns and
/// the writer its INSERT/UPDATE columns. Columns that are not document keys
/// (citable_id, positions, the owner's id of a child row) stay with the
/// reader and writer.
///
/// Key paths are immutable values; the tables are constants, read by any thread.
struct FieldTable<Record>: @unchecked Sendable {
    let table: String
    /// A record with every field empty or at its default, for the parser to fill.
    let blank: Record
    /// In the documented key order (the encoder's order).
    let entries: [FieldEntry<Record>]
    // Worked out once: the parser, reader and writer use them for every record.
    /// The scalar fields, in entry order.
    let fields: [RecordField<Record>]
    /// Every key a document may give, in the documented order.
    let keys: [String]
    /// The table's columns of the scalar fields, in entry order (the id first, where there is one).
    let columns: [String]
    /// `columns` for a SELECT or INSERT (constants of this file, never input).
    let columnList: String

    init(table: String, blank: Record, entries: [FieldEntry<Record>]) {
        self.table = table
        self.blank = blank
        self.entries = entries
        fields = entries.compactMap { if case .field(let field) = $0 { field } else { nil } }
        keys = entries.map {
            switch $0 {
            case .field(let field): field.key
            case .list(let key), .nested(let key): key
            }
        }
        columns = fields.map(\.column)
        columnList = columns.joined(separator: ", ")
    }

    /// The record's values for `columns`, in the same order.
    func values(_ record: Record) -> [SQLiteValue] {
        fields.map { field in
            switch field.slot {
            case .text(let path): .text(record[keyPath: path])
            case .optionalText(let path): SQLiteValue(record[keyPath: path])
            case .number(let path): SQLiteValue(record[keyPath: path])
            }
        }
    }

    /// Fills the record's fields from a row selected with `columns` starting at `offset`.
    func read(_ row: Row, from offset: Int, into record: inout Record) {
        for (index, field) in fields.enumerated() {
            switch field.slot {
            case .text(let path): record[keyPath: path] = row.string(offset + index) ?? field.defaultValue ?? ""
            case .optionalText(let path): record[keyPath: path] = row.string(offset + index)
            case .number(let path): record[keyPath: path] = row.double(offset + index)
            }
        }
    }

    /// A record read from a row selected with `columns` starting at `offset`.
    func record(_ row: Row, from offset: Int = 0) -> Record {
        var record = blank
        read(row, from: offset, into: &record)
        return record
    }
}

/// The field tables of the record kinds of docs/FORMAT.md.
enum FieldTables {
    static let source = FieldTable<SourceRecord>(table: "sources", blank: SourceRecord(id: "", title: ""), entries: [
        .field(.init(key: "id", column: "id", type: .id(kind: "source"), required: true, slot: .text(\.id))),
        .field(.init(key: "title", column: "title", type: .text, required: true, slot: .text(\.title))),
        .field(.init(key: "kind", column: "kind", type: .choice(values: Vocabulary.sourceKinds, noun: "source kind"),
                     defaultValue: "other", slot: .text(\.kind))),
        .field(.init(key: "publisher", column: "publisher", type: .text, slot: .optionalText(\.publisher))),
        .field(.init(key: "published", column: "published", type: .date, slot: .optionalText(\.published))),
        .field(.init(key: "url", column: "url", type: .text, slot: .optionalText(\.url))),
        .field(.init(key: "note", column: "note", type: .text, slot: .optionalText(\.note))),
    ])

    static let party = FieldTable<PartyRecord>(table: "parties", blank: PartyRecord(id: "", name: "", kind: ""), entries: [
        .field(.init(key: "id", column: "id", type: .id(kind: "party"), required: true, slot: .text(\.id))),
        .field(.init(key: "name", column: "name", type: .text, required: true, slot: .text(\.name))),
        .field(.init(key: "kind", column: "kind", type: .choice(values: Vocabulary.partyKinds, noun: "party kind"),
                     required: true, slot: .text(\.kind))),
        .field(.init(key: "country", column: "country", type: .country, slot: .optionalText(\.country))),
        .list("aliases"),  // party_aliases
        .list("identifiers"),  // party_identifiers (evidence analyst)
        .list("merged"),   // party_merges
        .field(.init(key: "note", column: "note", type: .text, slot: .optionalText(\.note))),
    ])

    static let project = FieldTable<ProjectRecord>(table: "projects", blank: ProjectRecord(id: "", name: ""), entries: [
        .field(.init(key: "id", column: "id", type: .id(kind: "project"), required: true, slot: .text(\.id))),
        .field(.init(key: "name", column: "name", type: .text, required: true, slot: .text(\.name))),
        .field(.init(key: "kind", column: "kind", type: .choice(values: Vocabulary.projectKinds, noun: "project kind"),
                     defaultValue: "other", slot: .text(\.kind))),
        .field(.init(key: "commodity", column: "commodity",
                     type: .choice(values: Vocabulary.commodities, noun: "commodity"), slot: .optionalText(\.commodity))),
        .field(.init(key: "status", column: "status",
                     type: .choice(values: Vocabulary.projectStatuses, noun: "project status"),
                     slot: .optionalText(\.status))),
        .list("identifiers"),  // project_identifiers, evidence source
        .list("same_as"),      // project_identifiers, evidence analyst
        .nested("part"),       // project_parts
        .list("route"),    // project_route (FieldTables.routeStop)
        .list("terms"),    // terms (FieldTables.term)
        .list("sources"),  // citations
        .field(.init(key: "note", column: "note", type: .text, slot: .optionalText(\.note))),
        .list("owners"),   // project_owners, level owner
        .list("parents"),  // project_owners, level parent
        .nested("geometry"),   // project_geometry
    ])

    static let routeStop = FieldTable<RouteStop>(
        table: "project_route", blank: RouteStop(country: "", role: ""), entries: [
        .field(.init(key: "country", column: "country", type: .country, required: true, slot: .text(\.country))),
        .field(.init(key: "role", column: "role", type: .choice(values: Vocabulary.routeRoles, noun: "route role"),
                     required: true, slot: .text(\.role))),
    ])

    static let agreement = FieldTable<AgreementRecord>(
        table: "agreements", blank: AgreementRecord(id: "", title: ""), entries: [
        .field(.init(key: "id", column: "id", type: .id(kind: "agreement"), required: true, slot: .text(\.id))),
        .field(.init(key: "title", column: "title", type: .text, required: true, slot: .text(\.title))),
        .field(.init(key: "kind", column: "kind",
                     type: .choice(values: Vocabulary.agreementKinds, noun: "agreement kind"),
                     defaultValue: "other", slot: .text(\.kind))),
        .field(.init(key: "binding", column: "binding", type: .tristate, defaultValue: "unknown", slot: .text(\.binding))),
        .field(.init(key: "status", column: "status",
                     type: .choice(values: Vocabulary.agreementStatuses, noun: "agreement status"),
                     slot: .optionalText(\.status))),
        .field(.init(key: "signed", column: "signed", type: .date, slot: .optionalText(\.signed))),
        .field(.init(key: "ended", column: "ended", type: .date, slot: .optionalText(\.ended))),
        .field(.init(key: "project", column: "project_id", type: .reference(.project), slot: .optionalText(\.project))),
        .list("parties"),  // agreement_parties (FieldTables.agreementParty)
        .list("terms"),    // terms (FieldTables.term)
        .list("sources"),  // citations
        .field(.init(key: "summary", column: "summary", type: .text, slot: .optionalText(\.summary))),
    ])

    static let agreementParty = FieldTable<AgreementParty>(
        table: "agreement_parties", blank: AgreementParty(party: "", role: ""), entries: [
        .field(.init(key: "party", column: "party_id", type: .reference(.party), required: true, slot: .text(\.party))),
        .field(.init(key: "role", column: "role", type: .choice(values: Vocabulary.partyRoles, noun: "role"),
                     required: true, slot: .text(\.role))),
        .field(.init(key: "confirmed", column: "confirmed", type: .tristate, defaultValue: "unknown",
                     slot: .text(\.confirmed))),
        .field(.init(key: "share", column: "share",
                     type: .number(range: 0...100, rangeText: "a percentage from 0 to 100"), slot: .number(\.share))),
        .list("sources"),  // citations
    ])

    static let event = FieldTable<EventRecord>(table: "events", blank: EventRecord(id: "", date: "", title: ""), entries: [
        .field(.init(key: "id", column: "id", type: .id(kind: "event"), required: true, slot: .text(\.id))),
        .field(.init(key: "date", column: "date", type: .date, required: true, slot: .text(\.date))),
        .field(.init(key: "date_kind", column: "date_kind", type: .choice(values: Vocabulary.dateKinds, noun: "date kind"),
                     defaultValue: "actual", slot: .text(\.dateKind))),
        .field(.init(key: "title", column: "title", type: .text, required: true, slot: .text(\.title))),
        .field(.init(key: "agreement", column: "agreement_id", type: .reference(.agreement),
                     slot: .optionalText(\.agreement))),
        .field(.init(key: "project", column: "project_id", type: .reference(.project), slot: .optionalText(\.project))),
        .field(.init(key: "marks", column: "marks", type: .choice(values: Vocabulary.eventMarks, noun: "event mark"),
                     slot: .optionalText(\.marks))),
        .list("parties"),  // event_parties
        .list("sources"),  // citations
    ])

    static let term = FieldTable<TermRecord>(table: "terms", blank: TermRecord(metric: ""), entries: [
        .field(.init(key: "metric", column: "metric", type: .choice(values: Vocabulary.metrics, noun: "metric"),
                     required: true, slot: .text(\.metric))),
        .field(.init(key: "value", column: "value", type: .number(range: nil, rangeText: ""), slot: .number(\.value))),
        .field(.init(key: "unit", column: "unit", type: .unit, slot: .optionalText(\.unit))),
        .field(.init(key: "text", column: "text", type: .text, slot: .optionalText(\.text))),
        .field(.init(key: "status", column: "status",
                     type: .choice(values: Vocabulary.negotiationStates, noun: "negotiation status"),
                     defaultValue: "not_stated", slot: .text(\.status))),
        .field(.init(key: "evidence", column: "evidence",
                     type: .choice(values: Vocabulary.evidenceLevels, noun: "evidence"),
                     defaultValue: "reported", slot: .text(\.evidence))),
        .field(.init(key: "disclosure", column: "disclosure",
                     type: .choice(values: Vocabulary.disclosures, noun: "disclosure"),
                     defaultValue: "public", slot: .text(\.disclosure))),
        .field(.init(key: "valid_from", column: "valid_from", type: .date, slot: .optionalText(\.validFrom))),
        .field(.init(key: "valid_to", column: "valid_to", type: .date, slot: .optionalText(\.validTo))),
        .list("sources"),  // citations
    ])

    static let financeLink = FieldTable<FinanceLinkRecord>(
        table: "finance_links", blank: FinanceLinkRecord(agreement: "", project: "", decision: ""), entries: [
        .field(.init(key: "agreement", column: "agreement_id", type: .reference(.agreement), required: true,
                     slot: .text(\.agreement))),
        .field(.init(key: "project", column: "project_id", type: .reference(.project), required: true,
                     slot: .text(\.project))),
        .field(.init(key: "decision", column: "state",
                     type: .choice(values: ["accepted", "rejected"], noun: "decision"), required: true,
                     slot: .text(\.decision))),
        .field(.init(key: "note", column: "evidence", type: .text, slot: .optionalText(\.note))),
    ])
}
