/// The records of a deal document (the YAML/JSON format in docs/FORMAT.md),
/// with every default filled in, so that a record read from a file and the
/// same record read from the database compare equal.
public struct DealDocument: Sendable, Equatable {
    public var sources: [SourceRecord] = []
    public var parties: [PartyRecord] = []
    public var projects: [ProjectRecord] = []
    public var agreements: [AgreementRecord] = []
    public var events: [EventRecord] = []

    public init() {}

    public var isEmpty: Bool {
        sources.isEmpty && parties.isEmpty && projects.isEmpty && agreements.isEmpty && events.isEmpty
    }

    mutating func append(_ other: DealDocument) {
        sources += other.sources
        parties += other.parties
        projects += other.projects
        agreements += other.agreements
        events += other.events
    }
}

/// A source cited for a fact, with where in it (page, paragraph, figure).
public struct Citation: Sendable, Equatable {
    public var source: String
    public var locator: String?
}

public struct SourceRecord: Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: String = "other"
    public var publisher: String?
    public var published: String?
    public var url: String?
    public var note: String?
}

public struct PartyRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    public var country: String?
    public var aliases: [String] = []
    /// What identifies it outside dealdb, as an analyst gives it (table
    /// party_identifiers, evidence analyst).
    public var identifiers: [PartyIdentifier] = []
    /// Ids of parties merged into this one (table party_merges): the same
    /// company, once a party of its own.
    public var merged: [String] = []
    public var note: String?
}

/// An identifier of a party in a scheme outside dealdb: `lei`, `wikidata`, ...
public struct PartyIdentifier: Sendable, Equatable {
    public var scheme: String
    public var value: String
}

public struct RouteStop: Sendable, Equatable {
    public var country: String
    public var role: String
}

public struct ProjectRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String = "other"
    public var commodity: String?
    public var status: String?
    public var route: [RouteStop] = []
    public var terms: [TermRecord] = []
    public var sources: [Citation] = []
    public var note: String?
    /// Direct owners, as a tracker lists them.
    public var owners: [ProjectOwner] = []
    /// The parent (ultimate) companies behind the owners.
    public var parents: [ProjectOwner] = []
    /// What identifies the project outside dealdb (GEM's ids and wiki
    /// page); a document's `same_as` says another source's record is this one.
    public var identifiers: [ProjectIdentifier] = []
    /// The system this row is a part of, when a source gives one pipeline
    /// or terminal as several rows (docs/GEM.md, "One pipeline, one project").
    public var part: ProjectPart?
    /// Its route or site, as the source draws it (a row of `project_geometry`).
    public var geometry: ProjectGeometry?
}

/// A project's route (a pipeline) or site (a terminal) as well-known text,
/// exactly as the source gives it, with how exact the source says it is
/// (GEM's `exact`, `approximate`) and the citation of whoever drew it.
public struct ProjectGeometry: Sendable, Equatable {
    public var wkt: String
    public var accuracy: String?
    public var source: String?
    public var locator: String?

    public init(wkt: String, accuracy: String? = nil, source: String? = nil, locator: String? = nil) {
        self.wkt = wkt
        self.accuracy = accuracy
        self.source = source
        self.locator = locator
    }
}

/// An identifier of a project in another source's scheme (a row of
/// `project_identifiers`): records that share one are the same project.
public struct ProjectIdentifier: Sendable, Equatable, Hashable {
    public var scheme: String
    public var value: String
    /// `source`: the source gives the record this id; `analyst`: a
    /// document says the record is the one the id names.
    public var evidence: String
    public var source: String?

    public init(scheme: String, value: String, evidence: String, source: String?) {
        self.scheme = scheme
        self.value = value
        self.evidence = evidence
        self.source = source
    }
}

/// A row's place in its system (a row of `project_parts`).
public struct ProjectPart: Sendable, Equatable {
    public var system: String
    /// whole, section, string, expansion, branch, unit or repeat.
    public var part: String
    /// Whether its capacity is added to the system's.
    public var counted: Bool
    /// `rule` (the import's, docs/GEM.md) or `analyst`.
    public var decidedBy: String
    public var reason: String
}

/// A stake in a project (a row of `project_owners`): who, the percent when
/// the source gives one, and the source that lists it. The holder is a party,
/// or, when the source does not name it, the word the source uses instead.
public struct ProjectOwner: Sendable, Equatable {
    public enum Holder: Sendable, Equatable {
        /// A party's id.
        case party(String)
        /// What the source calls a holder it does not name ("unknown", "other").
        case unnamed(String)
    }

    public var holder: Holder
    public var share: Double?
    public var source: String

    public init(party: String, share: Double?, source: String) {
        self.init(holder: .party(party), share: share, source: source)
    }

    public init(unnamed: String, share: Double?, source: String) {
        self.init(holder: .unnamed(unnamed), share: share, source: source)
    }

    public init(holder: Holder, share: Double?, source: String) {
        self.holder = holder
        self.share = share
        self.source = source
    }

    /// The holder's party id; nil for a holder the source does not name.
    public var party: String? {
        if case .party(let id) = holder { id } else { nil }
    }

    /// The source's word for a holder it does not name; nil for a party.
    public var unnamed: String? {
        if case .unnamed(let word) = holder { word } else { nil }
    }
}

public struct AgreementParty: Sendable, Equatable {
    public var party: String
    public var role: String
    public var confirmed: String = "unknown"
    public var share: Double?
    public var sources: [Citation] = []
}

public struct AgreementRecord: Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: String = "other"
    public var binding: String = "unknown"
    public var status: String?
    public var signed: String?
    /// When it stopped being in force (terminated, superseded, expired).
    public var ended: String?
    public var project: String?
    public var parties: [AgreementParty] = []
    public var terms: [TermRecord] = []
    public var sources: [Citation] = []
    public var summary: String?
}

public struct EventRecord: Sendable, Equatable {
    public var id: String
    public var date: String
    public var dateKind: String = "actual"
    public var title: String
    public var agreement: String?
    public var project: String?
    /// What the event marks for its project: `start_of_operation`, from
    /// which its capacity is in force (migration 0017).
    public var marks: String?
    public var parties: [String] = []
    public var sources: [Citation] = []
}

/// A fact about an agreement or a project, with its three separate states.
public struct TermRecord: Sendable, Equatable {
    public var metric: String
    public var value: Double?
    public var unit: String?
    public var text: String?
    /// What the source says about it being agreed; nothing said is `not_stated`.
    public var status: String = "not_stated"
    public var evidence: String = "reported"
    public var disclosure: String = "public"
    public var validFrom: String?
    public var validTo: String?
    public var sources: [Citation] = []
}
