/// The enumerations of the schema, for validating documents with messages
/// that list what is allowed. A test checks each list against the CHECK
/// constraints in migrations/, so the two cannot drift apart.
package enum Vocabulary {
    /// Whether `text` is a valid id (of a record or a named query):
    /// lowercase letters, digits and `-`, not starting with `-`.
    static func isSlug(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    package static let sourceKinds = [
        "agreement_text", "official_statement", "press_release", "news", "analysis", "dataset",
        "graphic", "report", "other",
    ]
    package static let partyKinds = [
        "company", "state_company", "government", "intergovernmental_organization",
        "development_bank", "bank", "fund", "analyst", "person", "other",
    ]
    package static let projectKinds = [
        "pipeline", "lng_terminal", "field", "power_plant", "storage", "bank", "other",
    ]
    package static let commodities = [
        "gas", "lng", "oil", "coal", "electricity", "hydrogen", "finance", "other",
    ]
    package static let projectStatuses = [
        "proposed", "construction", "operating", "idle", "shelved", "cancelled", "mothballed", "retired",
    ]
    package static let routeRoles = ["origin", "transit", "destination"]
    /// Schemes of `project_identifiers` (docs/FORMAT.md, "Same project, other sources").
    package static let projectIdentifierSchemes = ["gem-project", "gem-unit", "gem-wiki", "wikidata", "other"]
    /// What a row is within its system (docs/GEM.md, "One pipeline, one project").
    package static let projectParts = ["whole", "section", "string", "expansion", "branch", "unit", "repeat"]
    /// A geometry's shape (project_geometry.shape), worked out from its WKT.
    package static let geometryShapes = ["point", "line"]
    /// What an event marks for its project (events.marks, migration 0017).
    package static let eventMarks = ["start_of_operation"]
    /// The GEM trackers and layouts of a stored release (releases, migration 0020).
    static let releaseTrackers = ["ggit", "gogpt"]
    static let releaseLayouts = ["map", "pipelines", "lng-terminals", "plants"]
    /// Who placed a row in its system.
    package static let partDeciders = ["rule", "analyst"]
    package static let agreementKinds = [
        "contract", "supply_contract", "transit_agreement", "memorandum", "intergovernmental_agreement",
        "framework_agreement", "heads_of_agreement", "tender", "loan_agreement",
        "joint_venture_agreement", "concession", "amendment", "promise", "announcement",
        "unilateral_measure", "grant", "export_credit", "debt_relief", "technical_assistance", "other",
    ]
    package static let tristate = ["yes", "no", "unknown"]
    package static let agreementStatuses = [
        "announced", "negotiating", "signed", "ratified", "in_force", "stalled", "suspended",
        "expired", "terminated", "cancelled", "superseded", "completed",
    ]
    package static let partyRoles = [
        "seller", "buyer", "shipper", "transit", "operator", "owner", "contractor", "client", "lender",
        "borrower", "investor", "financier", "guarantor", "signatory", "beneficiary", "grantor",
        "initiator", "recipient", "co_financier", "insurer", "collateral_provider", "security_agent",
        "implementing_agency",
    ]
    /// finance_records.dataset (migration 0019): AidData's Global Chinese Development Finance Dataset 3.0.
    package static let financeDatasets = ["aiddata-gcdf-3"]
    /// finance_links.state (migration 0019): proposed by the matcher, or an analyst's decision.
    package static let financeLinkStates = ["proposed", "accepted", "rejected"]
    package static let metrics = [
        "volume", "capacity", "price", "price_formula", "cost", "value", "duration", "financing",
        "length", "share", "other",
    ]
    package static let units = ["bcm/y", "bcm", "mtpa", "MMcf/d", "MMscmd", "bcf/d", "km", "years", "percent", "MW"]
    /// `not_stated`: the source gives the fact without a state (the default,
    /// so that no default claims agreement); `not_applicable`: the fact is not
    /// negotiated at all (an estimate, a length, a tracker's design figure).
    package static let negotiationStates = [
        "agreed", "proposed", "negotiating", "unresolved", "disputed", "not_stated", "not_applicable",
    ]
    package static let evidenceLevels = ["official", "reported", "estimated", "inferred"]
    package static let disclosures = ["public", "undisclosed"]
    package static let dateKinds = ["actual", "planned"]
    /// project_owners.level (migration 0004): direct owner or ultimate parent.
    package static let ownerLevels = ["owner", "parent"]
    /// party_identifiers.scheme (migration 0015): GEM's entity ids, LEI, Wikidata, a company register.
    package static let partyIdentifierSchemes = ["gem-entity", "lei", "wikidata", "register", "other"]
    /// Who says an identifier is a record's: the source itself or an analyst (migration 0015).
    package static let identifierEvidence = ["source", "analyst"]
    /// Metrics whose value is an amount that cannot be negative.
    package static let nonNegativeMetrics: Set<String> = ["volume", "capacity", "length", "duration", "cost"]
}
