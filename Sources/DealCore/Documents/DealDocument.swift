/// The records of a deal document (the YAML/JSON format in docs/FORMAT.md),
/// with every default filled in, so that a record read from a file and the
/// same record read from the database compare equal.
package struct DealDocument: Sendable, Equatable {
    package var sources: [SourceRecord] = []
    package var parties: [PartyRecord] = []
    package var projects: [ProjectRecord] = []
    package var agreements: [AgreementRecord] = []
    package var events: [EventRecord] = []
    /// An analyst's decisions on which project a finance record pays for (docs/AIDDATA.md).
    package var financeLinks: [FinanceLinkRecord] = []

    package init() {}

    package var isEmpty: Bool {
        sources.isEmpty && parties.isEmpty && projects.isEmpty && agreements.isEmpty && events.isEmpty
            && financeLinks.isEmpty
    }

    mutating func append(_ other: DealDocument) {
        sources += other.sources
        parties += other.parties
        projects += other.projects
        agreements += other.agreements
        events += other.events
        financeLinks += other.financeLinks
    }
}

/// An analyst's decision that a finance record (an agreement) pays for a
/// project, or does not (a row of `finance_links` decided by an analyst).
package struct FinanceLinkRecord: Sendable, Equatable {
    package var agreement: String
    package var project: String
    /// accepted or rejected.
    package var decision: String
    /// Why, in the analyst's words.
    package var note: String?
}

/// A source cited for a fact, with where in it (page, paragraph, figure).
package struct Citation: Sendable, Equatable {
    package var source: String
    package var locator: String?
}

package struct SourceRecord: Sendable, Equatable {
    package var id: String
    package var title: String
    package var kind: String = "other"
    package var publisher: String?
    package var published: String?
    package var url: String?
    package var note: String?
}

package struct PartyRecord: Sendable, Equatable {
    package var id: String
    package var name: String
    package var kind: String
    package var country: String?
    package var aliases: [String] = []
    /// What identifies it outside dealdb, as an analyst gives it (table
    /// party_identifiers, evidence analyst).
    package var identifiers: [PartyIdentifier] = []
    /// Ids of parties merged into this one (table party_merges): the same
    /// company, once a party of its own.
    package var merged: [String] = []
    package var note: String?
}

/// An identifier of a party in a scheme outside dealdb: `lei`, `wikidata`, ...
package struct PartyIdentifier: Sendable, Equatable {
    package var scheme: String
    package var value: String
}

package struct RouteStop: Sendable, Equatable {
    package var country: String
    package var role: String
}

package struct ProjectRecord: Sendable, Equatable {
    package var id: String
    package var name: String
    package var kind: String = "other"
    package var commodity: String?
    package var status: String?
    package var route: [RouteStop] = []
    package var terms: [TermRecord] = []
    package var sources: [Citation] = []
    package var note: String?
    /// Direct owners, as a tracker lists them.
    package var owners: [ProjectOwner] = []
    /// The parent (ultimate) companies behind the owners.
    package var parents: [ProjectOwner] = []
    /// What identifies the project outside dealdb (GEM's ids and wiki
    /// page); a document's `same_as` says another source's record is this one.
    package var identifiers: [ProjectIdentifier] = []
    /// The system this row is a part of, when a source gives one pipeline
    /// or terminal as several rows (docs/GEM.md, "One pipeline, one project").
    package var part: ProjectPart?
    /// Its route or site, as the source draws it (a row of `project_geometry`).
    package var geometry: ProjectGeometry?
}

/// A project's route (a pipeline) or site (a terminal) as well-known text,
/// exactly as the source gives it, with how exact the source says it is
/// (GEM's `exact`, `approximate`) and the citation of whoever drew it.
package struct ProjectGeometry: Sendable, Equatable {
    package var wkt: String
    package var accuracy: String?
    package var source: String?
    package var locator: String?

    package init(wkt: String, accuracy: String? = nil, source: String? = nil, locator: String? = nil) {
        self.wkt = wkt
        self.accuracy = accuracy
        self.source = source
        self.locator = locator
    }
}

/// An identifier of a project in another source's scheme (a row of
/// `project_identifiers`): records that share one are the same project.
package struct ProjectIdentifier: Sendable, Equatable, Hashable {
    package var scheme: String
    package var value: String
    /// `source`: the source gives the record this id; `analyst`: a
    /// document says the record is the one the id names.
    package var evidence: String
    package var source: String?

    package init(scheme: String, value: String, evidence: String, source: String?) {
        self.scheme = scheme
        self.value = value
        self.evidence = evidence
        self.source = source
    }
}

/// A row's place in its system (a row of `project_parts`).
package struct ProjectPart: Sendable, Equatable {
    package var system: String
    /// whole, section, string, expansion, branch, unit or repeat.
    package var part: String
    /// Whether its capacity is added to the system's.
    package var counted: Bool
    /// `rule` (the import's, docs/GEM.md) or `analyst`.
    package var decidedBy: String
    package var reason: String
}

/// A stake in a project (a row of `project_owners`): who, the percent when
/// the source gives one, and the source that lists it. The holder is a party,
/// or, when the source does not name it, the word the source uses instead.
package struct ProjectOwner: Sendable, Equatable {
    package enum Holder: Sendable, Equatable {
        /// A party's id.
        case party(String)
        /// What the source calls a holder it does not name ("unknown", "other").
        case unnamed(String)
    }

    package var holder: Holder
    package var share: Double?
    package var source: String

    package init(party: String, share: Double?, source: String) {
        self.init(holder: .party(party), share: share, source: source)
    }

    package init(unnamed: String, share: Double?, source: String) {
        self.init(holder: .unnamed(unnamed), share: share, source: source)
    }

    package init(holder: Holder, share: Double?, source: String) {
        self.holder = holder
        self.share = share
        self.source = source
    }

    /// The holder's party id; nil for a holder the source does not name.
    package var party: String? {
        if case .party(let id) = holder { id } else { nil }
    }

    /// The source's word for a holder it does not name; nil for a party.
    package var unnamed: String? {
        if case .unnamed(let word) = holder { word } else { nil }
    }
}

package struct AgreementParty: Sendable, Equatable {
    package var party: String
    package var role: String
    package var confirmed: String = "unknown"
    package var share: Double?
    package var sources: [Citation] = []
}

package struct AgreementRecord: Sendable, Equatable {
    package var id: String
    package var title: String
    package var kind: String = "other"
    package var binding: String = "unknown"
    package var status: String?
    package var signed: String?
    /// When it stopped being in force (terminated, superseded, expired).
    package var ended: String?
    package var project: String?
    package var parties: [AgreementParty] = []
    package var terms: [TermRecord] = []
    package var sources: [Citation] = []
    package var summary: String?
}

package struct EventRecord: Sendable, Equatable {
    package var id: String
    package var date: String
    package var dateKind: String = "actual"
    package var title: String
    package var agreement: String?
    package var project: String?
    /// What the event marks for its project: `start_of_operation`, from
    /// which its capacity is in force (migration 0017).
    package var marks: String?
    package var parties: [String] = []
    package var sources: [Citation] = []
}

/// A fact about an agreement or a project, with its three separate states.
package struct TermRecord: Sendable, Equatable {
    package var metric: String
    package var value: Double?
    package var unit: String?
    package var text: String?
    /// What the source says about it being agreed; nothing said is `not_stated`.
    package var status: String = "not_stated"
    package var evidence: String = "reported"
    package var disclosure: String = "public"
    package var validFrom: String?
    package var validTo: String?
    package var sources: [Citation] = []
}
