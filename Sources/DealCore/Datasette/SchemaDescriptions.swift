/// What every user-facing table and column holds, in the words a reader of
/// the file needs. One place: `dealdb datasette` writes these into Datasette's
/// metadata, and docs/FORMAT.md's schema reference is checked against them
/// by a test (SchemaDescriptionTests), so neither can drift.
package enum SchemaDescriptions {
    package struct Table: Sendable {
        package let name: String
        package let description: String
        /// Columns in the table's order, each with what it holds.
        package let columns: [(key: String, value: String)]
        /// Columns worth faceting on in Datasette.
        package let facets: [String]
        /// The column that names a row (Datasette shows it for foreign keys).
        package let label: String?
        /// Kept out of Datasette's table list: bookkeeping, not data.
        package let isInternal: Bool

        init(_ name: String, _ description: String, facets: [String] = [], label: String? = nil,
             hidden: Bool = false, columns: KeyValuePairs<String, String>) {
            self.init(name, description, facets: facets, label: label, hidden: hidden, columnList: Array(columns))
        }

        init(_ name: String, _ description: String, facets: [String] = [], label: String? = nil,
             hidden: Bool = false, columnList columns: [(key: String, value: String)]) {
            self.name = name
            self.description = description
            self.columns = columns
            self.facets = facets
            self.label = label
            self.isInternal = hidden
        }
    }

    /// Tables that only implement something else (SQLite's own, the search
    /// index's shadow tables) and need no description of their own.
    package static func isImplementationDetail(_ name: String) -> Bool {
        name.hasPrefix("sqlite_") || name.hasPrefix("search_index_") || name.hasSuffix("_fts")
            || ["_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content"].contains { name.hasSuffix($0) }
    }

    /// finance_records' columns, which the view counted_finance shows as they are.
    static let financeRecordColumns: KeyValuePairs<String, String> = [
        "agreement_id": "The agreement the record is.",
        "dataset": "Which dataset gives it: aiddata-gcdf-3 (AidData's Global Chinese Development Finance Dataset, version 3.0).",
        "record_id": "The dataset's id of the record (AidData Record ID).",
        "source_id": "The dataset's source record, which every fact of the record cites.",
        "recommended": "1 when the dataset recommends the record for aggregates (sums add it), 0 when sums leave it out.",
        "parent_record": "The dataset's id of the record this one is part of (AidData Parent ID), if any.",
        "umbrella": "1 for an umbrella record over others (a framework whose tranches are records too).",
        "financier_country": "The financier's country (ISO code).",
        "recipient": "The recipient country's ISO code; empty for a recipient that is no country (a region).",
        "recipient_name": "The recipient as the dataset names it.",
        "region": "The recipient's region, as the dataset gives it.",
        "commitment_year": "The year of the commitment.",
        "date_estimated": "1 when the commitment date (agreements.signed) is the dataset's estimate.",
        "flow_type": "The flow type as given: Loan, Grant, Export Buyer's Credit, ...",
        "flow_class": "ODA-like, OOF-like or Vague (Official Finance), as given.",
        "intent": "Development, Commercial, Representational or Mixed, as given.",
        "status": "The dataset's status as given (Pipeline: Pledge, Implementation, Completion, ...).",
        "sector_code": "The sector's code (230 for energy), as given.",
        "sector": "The sector's name (ENERGY, ...), as given.",
        "amount": "The amount in the original currency.",
        "currency": "The original currency (ISO 4217 code).",
        "amount_estimated": "1 when the dataset estimated the amount.",
        "usd_2021": "The amount in constant 2021 US dollars (what finance-by-lender adds).",
        "usd_nominal": "The amount in nominal US dollars.",
        "adjusted_amount": "The amount after cancellations and changes, in the original currency.",
        "adjusted_usd_2021": "The adjusted amount in constant 2021 US dollars.",
        "adjusted_usd_nominal": "The adjusted amount in nominal US dollars.",
    ]

    /// The columns of search_documents and the views it is made from.
    static func searchDocumentColumns(body: String = "Its other searchable text.") -> [(key: String, value: String)] {
        [("kind", "agreement, project, party, source, event or term."), ("ref", "The record's id."),
         ("title", "The record's title or name."), ("body", body), ("term_id", "For a term, its row id.")]
    }

    static let foldedText = "Title and text with those forms made plain; NULL when the record has none."

    /// The columns of project_overview, which entity_overview repeats for
    /// an entity (view entity_overview): the same route and status, its own
    /// id, capacity, length and owners.
    static func overviewColumns(id: String, capacity: String, length: String, owners: String)
        -> [(key: String, value: String)] {
        [("id", id),
         ("name", "Its name."),
         ("kind", "pipeline, lng_terminal, ..."),
         ("status", "proposed, construction, operating, ..."),
         ("commodity", "gas, lng, ..."),
         ("origin", "Origin countries, in route order."),
         ("transit", "Transit countries, in route order."),
         ("destination", "Destination countries, in route order."),
         ("capacity_bcm_y", capacity),
         ("length_km", length),
         ("start_year", "The year it started or is planned to start operating."),
         ("owners", owners),
         ("note", "Anything else worth knowing about it.")]
    }

    package static let tables: [Table] = [
        Table("agreements", "Agreements, contracts, memoranda and other deals, one row each.",
              facets: ["kind", "status", "binding"], label: "title", columns: [
                "id": "The agreement's id (a slug such as pos2-gazprom-cnpc-2025).",
                "citable_id": "Its entry in citables: the key its citations hang on.",
                "title": "A short descriptive title.",
                "kind": "memorandum, supply_contract, transit_agreement, intergovernmental_agreement, loan_agreement, grant, ...",
                "binding": "Whether it binds the parties: yes, no, or unknown (not stated).",
                "status": "announced, negotiating, signed, ratified, in_force, ..., superseded; empty when not stated.",
                "signed": "When it was signed, to the precision known: YYYY, YYYY-MM or YYYY-MM-DD.",
                "project_id": "The project it is about, if any.",
                "summary": "What it says, in a sentence or two.",
                "ended": "When it stopped being in force (terminated, superseded, expired), when the source says.",
              ]),
        Table("agreement_parties", "Who takes part in each agreement, in which role, and whether they confirm it.",
              facets: ["role", "confirmed"], columns: [
                "id": "Row id.",
                "citable_id": "Its entry in citables: a party's part in a deal can be cited on its own.",
                "agreement_id": "The agreement.",
                "position": "Order of the party within the agreement (1, 2, ...).",
                "party_id": "The party.",
                "role": "seller, buyer, transit, lender, borrower, signatory, ...",
                "confirmed": "Whether the party itself has confirmed the deal: yes, no, unknown.",
                "share": "The party's share in percent, when the agreement gives one.",
              ]),
        Table("finance_records", "What a finance dataset (AidData's) says of each loan or grant it gives as an agreement, beyond the agreement, its parties and terms: its id, whether sums count it, its parent, recipient, sector and amounts.",
              facets: ["recommended", "sector", "flow_type", "recipient", "status"], columns: financeRecordColumns),
        Table("counted_finance", "A view: the finance records that sums add, those the dataset recommends for aggregates; the finance queries read this one rule.",
              facets: ["sector", "recipient"], columns: financeRecordColumns),
        Table("finance_parents", "A view: each finance record that names a parent record, with the parent's agreement when it is stored.",
              columns: [
                "agreement_id": "The record's agreement.",
                "parent_id": "The parent record's agreement; empty when the parent is not stored.",
                "parent_record": "The dataset's id of the parent record.",
              ]),
        Table("finance_links", "Which project a finance record pays for: proposed by the matcher with its confidence and evidence, or accepted or rejected by an analyst in a document.",
              facets: ["state", "decided_by"], columns: [
                "agreement_id": "The finance record's agreement.",
                "project_id": "The project it pays for.",
                "state": "proposed (by the matcher), accepted or rejected (by an analyst).",
                "decided_by": "rule (the matcher) or analyst (a document's finance_links).",
                "confidence": "The matcher's confidence, from 0 to 1; empty for an analyst's decision.",
                "evidence": "Why, in words: the name in the record's title, the kind of facility, the place, the parties.",
              ]),
        Table("project_finance", "A view: the finance behind each project (every link not rejected), with the entity the project belongs to.",
              columns: [
                "project_id": "The project the link names.",
                "entity_id": "The project that stands for its entity (project_entities).",
                "agreement_id": "The finance record's agreement.",
                "state": "proposed or accepted.",
                "decided_by": "rule or analyst.",
                "confidence": "The matcher's confidence, when proposed.",
                "evidence": "Why, in words.",
              ]),
        Table("parties", "Companies, governments, banks and organisations that take part in deals or own projects.",
              facets: ["kind", "country"], label: "name", columns: [
                "id": "The party's id (a slug such as gazprom).",
                "name": "Its usual name.",
                "kind": "company, state_company, government, development_bank, ...",
                "country": "The ISO 3166-1 code of its home country, when it has one.",
                "note": "Anything else worth knowing about it.",
              ]),
        Table("party_aliases", "Other names of parties (translations, former names, abbreviations), searched like names.",
              columns: [
                "party_id": "The party.",
                "position": "Order of the alias (1, 2, ...).",
                "alias": "The other name, as written in its source (any script).",
              ]),
        Table("party_merges", "Parties merged into another (`dealdb parties merge`, or a document's `merged:`): one company "
              + "that was two parties. An import that brings the merged party back merges it again.", columns: [
                "merged_id": "The id the merged party had; no party has it now.",
                "party_id": "The party it was merged into.",
              ]),
        Table("party_identifiers", "What identifies a party outside dealdb: its GEM entity id, LEI, Wikidata item, "
              + "company register number. Two parties with the same identifier are one (rule duplicate-party).",
              facets: ["scheme", "evidence"], columns: [
                "party_id": "The party.",
                "scheme": "gem-entity, lei, wikidata, register or other.",
                "value": "The identifier, as the scheme writes it.",
                "evidence": "Who says so: source (the source gives it) or analyst (a document's decision).",
                "source_id": "The source that gives it, when there is one.",
              ]),
        Table("projects", "Infrastructure that deals are about: pipelines, LNG terminals, fields, ...",
              facets: ["kind", "status", "commodity"], label: "name", columns: [
                "id": "The project's id (a slug such as pos-2, or gem-... for Global Energy Monitor's).",
                "citable_id": "Its entry in citables: the key its citations hang on.",
                "name": "Its usual name.",
                "kind": "pipeline, lng_terminal, field, power_plant, storage, bank, other.",
                "commodity": "What it carries or produces: gas, lng, oil, ...; empty when not stated.",
                "status": "proposed, construction, operating, idle, shelved, cancelled, mothballed, retired; empty when not stated.",
                "note": "Anything else worth knowing about it.",
              ]),
        Table("project_route", "The countries a project runs through, in order, each as origin, transit or destination.",
              facets: ["country", "role"], columns: [
                "project_id": "The project.",
                "position": "Order along the route, from the origin (1, 2, ...).",
                "country": "ISO 3166-1 code of the country.",
                "role": "origin, transit or destination.",
              ]),
        Table("project_owners", "Who owns a project, as trackers such as Global Energy Monitor list it: direct owners and parent companies.",
              facets: ["level"], columns: [
                "project_id": "The project.",
                "level": "owner (a direct owner) or parent (an ultimate owner behind the owners).",
                "position": "Order within the level (1, 2, ...).",
                "party_id": "The owner; empty when the source does not name it (see unnamed).",
                "unnamed": "What the source calls an owner it does not name (GEM's unknown, other); empty when party_id is set.",
                "share": "Its share in percent; empty when the source gives none.",
                "source_id": "The source that lists this ownership.",
              ]),
        Table("project_identifiers", "What identifies a project in other sources (GEM's ids and wiki page); records "
                + "that share one are the same project.",
              facets: ["scheme", "evidence"], columns: [
                "project_id": "The project.",
                "scheme": "gem-project (GEM's ProjectID or TerminalID), gem-unit (GEM's ComboID), gem-wiki (GEM's wiki page), wikidata, other.",
                "value": "The identifier, as the source writes it.",
                "evidence": "source (the source gives the project this id) or analyst (a document says the project is the one it names).",
                "source_id": "The source that gives it; empty for an analyst's word without one.",
              ]),
        Table("project_parts", "Rows that are parts of one pipeline or terminal (docs/GEM.md, One pipeline, one project): "
                + "what each is and whether its capacity is added.",
              facets: ["part", "counted", "decided_by"], columns: [
                "project_id": "The row.",
                "system_id": "The project that heads the system: its whole line, or its first counted row.",
                "part": "whole, section, string, expansion, branch, unit (of a terminal) or repeat.",
                "counted": "1 when its capacity is added to the system's, 0 when another row already carries it.",
                "decided_by": "rule (the import's rule, docs/GEM.md) or analyst (a document; the rule never overwrites it).",
                "reason": "Why, in words.",
              ]),
        Table("releases", "Each GEM release an import read (docs/CHANGES.md, History): the file, its date and checksum, "
                + "so that a later release can be compared with it without the old file.",
              facets: ["tracker", "layout"], columns: [
                "id": "The source its facts cite (gem-gogpt-map-2024-08-29).",
                "tracker": "ggit (Global Gas Infrastructure Tracker) or gogpt (Global Oil and Gas Plant Tracker).",
                "layout": "map, pipelines, lng-terminals or plants.",
                "file_name": "The file's name as imported.",
                "published": "The release date in the file's name.",
                "checksum": "SHA-256 of the file, in hex.",
                "row_count": "Rows of the file.",
                "header": "The file's header, as a JSON array.",
                "imported_at": "When it was imported (UTC).",
              ]),
        Table("release_rows", "What a GEM release said of each project it gave, as a comparison of releases reads it.",
              columns: [
                "release_id": "The release.",
                "project_id": "The project the import matched the row to (by id; no foreign key, so the row stays).",
                "line": "The row's line in the file.",
                "record": "The row's values, parsed and normalised, as JSON.",
              ]),
        Table("project_geometry", "Where each project is: a pipeline's route or a terminal's site as well-known text "
                + "(WGS 84, longitude first), exactly as the source gives it (docs/MAPS.md).",
              facets: ["shape", "accuracy", "source_id"], columns: [
                "project_id": "The project.",
                "shape": "line (a route, one or several pieces) or point (a site).",
                "wkt": "The geometry as the source gives it: LINESTRING, MULTILINESTRING, POINT or MULTIPOINT.",
                "accuracy": "How exact the source says it is (GEM: exact, approximate), if it says.",
                "west": "Westmost longitude, worked out from wkt.",
                "south": "Southmost latitude, worked out from wkt.",
                "east": "Eastmost longitude, worked out from wkt.",
                "north": "Northmost latitude, worked out from wkt.",
                "source_id": "Who drew it: the source cited.",
                "locator": "Where in the source, or how it was drawn.",
              ]),
        Table("terms", "Facts about an agreement or a project: volumes, capacities, prices, costs, financing, ... with how sure each is.",
              facets: ["metric", "status", "evidence"], columns: [
                "id": "Row id.",
                "citable_id": "Its entry in citables: the key its citations hang on.",
                "agreement_id": "The agreement the term belongs to (or empty, for a project's).",
                "project_id": "The project the fact belongs to (or empty, for an agreement's).",
                "position": "Order within its agreement or project (1, 2, ...).",
                "metric": "volume, capacity, price, price_formula, cost, value, duration, financing, length, share, other.",
                "value": "The number, in unit; empty when only text is known.",
                "unit": "As the source gives it: bcm/y, bcm, mtpa, MMcf/d, bcf/d, MMscmd, km, years, percent, MW (a power plant's capacity), or a currency code (USD).",
                "text": "The term in words, as the source puts it.",
                "status": "Negotiation state: agreed, proposed, negotiating, unresolved, disputed; not_stated when the source "
                    + "does not say; not_applicable for facts nobody negotiates (an estimate, a length, a tracker's figure).",
                "evidence": "How it is known: official, reported, estimated, inferred.",
                "disclosure": "public, or undisclosed (agreed but not published).",
                "valid_from": "From when it holds (YYYY, YYYY-MM or YYYY-MM-DD); empty when not stated.",
                "valid_to": "Until when it holds; empty when open-ended or not stated.",
                "bcm_per_year": "A gas volume or capacity converted to bcm per year (docs/UNITS.md); what sums add up.",
              ]),
        Table("events", "Dated happenings: signings, first gas, tenders, summits, planned milestones.",
              facets: ["date_kind"], label: "title", columns: [
                "id": "The event's id.",
                "citable_id": "Its entry in citables: the key its citations hang on.",
                "date": "When, to the precision known: YYYY, YYYY-MM or YYYY-MM-DD.",
                "date_kind": "actual, or planned (a target date).",
                "title": "What happened.",
                "agreement_id": "The agreement it concerns, if any.",
                "project_id": "The project it concerns, if any.",
                "marks": "start_of_operation when it is the project's start of operation (capacity counts from it), else empty.",
              ]),
        Table("event_parties", "The parties involved in each event.", columns: [
                "event_id": "The event.",
                "position": "Order within the event (1, 2, ...).",
                "party_id": "The party.",
              ]),
        Table("sources", "Where facts come from: articles, statements, datasets, graphics; every fact cites at least one.",
              facets: ["kind", "publisher"], label: "title", columns: [
                "id": "The source's id.",
                "title": "Its title, or a description when it has none.",
                "kind": "agreement_text, official_statement, press_release, news, analysis, dataset, graphic, report, other.",
                "publisher": "Who published it.",
                "published": "When (YYYY, YYYY-MM or YYYY-MM-DD).",
                "url": "Where to read it.",
                "note": "What it is, and its licence where it states one.",
              ]),
        Table("citations", "Which sources back which fact: a fact's citable_id, the source, and where in it.",
              columns: [
                "citable_id": "The fact cited (see citables: a project, agreement, agreement party, term or event).",
                "position": "Order of the citation for that fact (1, 2, ...).",
                "source_id": "The source.",
                "locator": "Where in the source: a page, section or paragraph.",
              ]),
        Table("citables", "The registry of facts that can be cited. Every project, agreement, agreement party, term and "
                + "event owns one row here, so that citations can refer to any of them with a real foreign key.",
              hidden: true, columns: [
                "id": "The key that citations.citable_id refers to.",
                "kind": "Which table owns it: project, agreement, agreement_party, term or event.",
              ]),
        Table("agreement_overview", "A view: each agreement with its parties and roles, its binding force and who "
                + "asserts it, and the sources it cites, in one row.", facets: ["kind", "status"], label: "title", columns: [
                "id": "The agreement's id.",
                "title": "Its title.",
                "kind": "memorandum, supply_contract, ...",
                "status": "announced, signed, in_force, ...",
                "signed": "When it was signed.",
                "ended": "When it stopped being in force, if it did.",
                "binding": "Its binding force, naming who asserts it when a party has not confirmed.",
                "project_id": "The project it is about.",
                "parties": "Its parties with their roles, in order: Gazprom (seller); ...",
                "summary": "What it says.",
                "sources": "The sources it cites, with their locators.",
              ]),
        Table("term_overview", "A view: each term with its three states (negotiation, evidence, disclosure), "
                + "its value in bcm/y, the rules that flag it and the sources it cites as text.",
              facets: ["metric", "negotiation", "evidence"], columns: [
                "term_id": "The term's row id.",
                "agreement_id": "The agreement it belongs to.",
                "project_id": "The project it belongs to.",
                "metric": "volume, capacity, price, cost, financing, ...",
                "value": "The number, in unit.",
                "unit": "As the source gives it.",
                "text": "The term in words.",
                "negotiation": "agreed, proposed, negotiating, unresolved, disputed, not_stated or not_applicable.",
                "evidence": "official, reported, estimated or inferred.",
                "disclosure": "public or undisclosed.",
                "valid_from": "From when it holds.",
                "valid_to": "Until when it holds.",
                "bcm_per_year": "A gas volume or capacity in bcm per year.",
                "flagged": "The data-quality rules that flag the value, if any (sums leave it out).",
                "sources": "The sources it cites, with their locators.",
              ]),
        // Hidden in Datasette, which shows terms.bcm_per_year itself.
        Table("term_rows", "A view: every column of terms, the generated bcm_per_year among them, for tools that "
                + "list a table's columns with PRAGMA table_info and so miss it (DuckDB's SQLite scanner).",
              hidden: true, columns: [
                "id": "As in terms.", "citable_id": "As in terms.", "agreement_id": "As in terms.",
                "project_id": "As in terms.", "position": "As in terms.", "metric": "As in terms.",
                "value": "As in terms.", "unit": "As in terms.", "text": "As in terms.", "status": "As in terms.",
                "evidence": "As in terms.", "disclosure": "As in terms.", "valid_from": "As in terms.",
                "valid_to": "As in terms.",
                "bcm_per_year": "A gas volume or capacity converted to bcm per year (docs/UNITS.md).",
              ]),
        Table("project_overview", "A view: each project with its route by role (ISO codes), capacity in bcm/y, "
                + "length, start year and owners, as `dealdb projects` lists them.",
              facets: ["kind", "status", "commodity"], label: "name", columnList: overviewColumns(
                id: "The project's id.",
                capacity: "The latest recorded capacity, in bcm per year.",
                length: "The latest recorded length in km.",
                owners: "Direct owners with their shares: BOTAŞ (100%); ... (an owner the source does not name: "
                    + "unnamed \"unknown\" (25.5%))")),
        Table("project_entities", "A view: each project with the entity it belongs to (its system, or the analyst's record "
                + "it is linked to) and whether sums count its capacity.",
              facets: ["part", "counted"], columns: [
                "project_id": "The project.",
                "entity_id": "The project that stands for the entity.",
                "part": "What the row is in its system (project_parts.part); empty for a project of its own.",
                "counted": "1 when sums add its capacity.",
                "linked_by": "The identifier an analyst's record shares with it (scheme and value), when linked.",
              ]),
        Table("counted_projects", "A view: the projects whose capacity sums add: each pipeline and terminal once "
                + "(project_entities.counted), none cancelled, shelved, mothballed or retired.",
              facets: ["kind", "status"], columns: [
                "id": "The project.",
                "kind": "pipeline, lng_terminal, ...",
                "status": "proposed, construction, operating, idle, or empty.",
              ]),
        Table("project_destinations", "A view: where each project's gas goes (the last destination of its route) and "
                + "whether it runs within that country, so that sums keep domestic capacity apart.",
              columns: [
                "project_id": "The project.",
                "destination": "The ISO code of its destination, or empty (an LNG export terminal).",
                "domestic": "1 when it starts in its destination country and leaves it nowhere, else 0.",
              ]),
        Table("project_starts", "A view: each project's start of operation, the earliest event marking it.",
              columns: [
                "project_id": "The project.",
                "date": "When it started or is planned to start operating.",
                "date_kind": "actual, or planned.",
                "event_id": "The event that marks it.",
                "first_day": "The first day its date covers (a year's 1 January), for comparing dates "
                    + "of any precision (view date_precisions).",
              ]),
        Table("entity_candidates", "A view: the projects that may belong to an entity, by the way they are reached "
                + "(its system's rows, records linked by an analyst's identifier); project_entities decides.",
              hidden: true, columns: [
                "entity_id": "The project that would stand for the entity.",
                "project_id": "A project that may belong to it.",
              ]),
        Table("entity_overview", "A view: one row per entity (a pipeline given as several rows counted once), "
                + "with project_overview's columns, as `dealdb projects` lists them.",
              facets: ["kind", "status", "commodity"], label: "name", columnList: overviewColumns(
                id: "The project that stands for the entity.",
                capacity: "The analyst's record's capacity, else the sum of the counted parts that have its status, in bcm per year.",
                length: "The latest recorded length in km of the row that stands for it.",
                owners: "Direct owners with their shares.")
                + [("rows", "How many rows (and linked records) it stands for.")]),
        Table("agreement_party_labels", "A view: each party to an agreement as the lists name it, `Name (role)`.",
              hidden: true, columns: [
                "agreement_id": "The agreement.",
                "position": "The party's place in the agreement's list.",
                "party_id": "The party.",
                "role": "Its role in the agreement.",
                "confirmed": "Whether its taking part is confirmed: yes, no or unknown.",
                "citable_id": "What citations of this party's taking part point at.",
                "label": "`Name (role)`.",
              ]),
        Table("party_names", "A view: every name a party is found by (its id, its name and each alias); match "
                + "with `name = ? COLLATE NOCASE`.", hidden: true, columns: [
                "party_id": "The party.",
                "name": "One of its names.",
              ]),
        Table("project_names", "A view: every name a project is found by (its id and its name); match "
                + "with `name = ? COLLATE NOCASE`.", hidden: true, columns: [
                "project_id": "The project.",
                "name": "One of its names.",
              ]),
        Table("term_periods", "A view: from when to when each term is in force, its agreement's signing and end "
                + "dates included (the as-of rule of docs/FORMAT.md).", columns: [
                "term_id": "The term.",
                "starts": "When it comes into force; empty when unknown.",
                "ends": "When it stops; empty when open-ended.",
              ]),
        Table("date_precisions", "A view: the span of days a date of each precision covers (2025: its whole "
                + "year; 2025-09: its month), the one rule by which dates of any precisions compare: A is on or "
                + "before B when A's first day is on or before B's last.", hidden: true, columns: [
                "length": "The date's length: 4 (a year), 7 (a month) or 10 (a day).",
                "first_suffix": "What makes it its first day (`-01-01`, `-01`, nothing).",
                "step": "The date() modifier to the first day after it (`+1 year`, ...): its last day is the day before.",
              ]),
        Table("term_spans", "A view: term_periods as days, for comparing with a date of any precision.",
              hidden: true, columns: [
                "term_id": "The term.",
                "starts": "When it comes into force, as the source gives it.",
                "ends": "When it stops, as the source gives it.",
                "first_day": "The first day of starts; empty when unknown.",
                "last_day": "The last day of ends; empty when open-ended.",
              ]),
        Table("agreement_spans", "A view: each agreement's signing and end as days (view date_precisions).",
              hidden: true, columns: [
                "agreement_id": "The agreement.",
                "signed_first_day": "The first day its signing date covers.",
                "signed_last_day": "The last day its signing date covers.",
                "ended_first_day": "The first day its end date covers.",
                "ended_last_day": "The last day its end date covers.",
              ]),
        Table("event_spans", "A view: each event's date as days (view date_precisions).", hidden: true, columns: [
                "event_id": "The event.",
                "first_day": "The first day its date covers.",
                "last_day": "The last day its date covers.",
              ]),
        Table("capacity_terms", "A view: each project's capacity terms in bcm/y, ranked: the one that stands for "
                + "the project is, among those a question admits, the one with the largest preference (in force "
                + "from the latest date, a figure given in bcm/y before a converted one, then the last listed).",
              columns: [
                "project_id": "The project.",
                "term_id": "The term.",
                "bcm_per_year": "Its capacity in bcm/y.",
                "unit": "The unit the source gave.",
                "status": "Its negotiation state.",
                "evidence": "How it is known.",
                "first_day": "The first day it is in force; empty when unknown.",
                "last_day": "The last day it is in force; empty when open-ended.",
                "preference": "Its rank as one sortable text: order by it, descending.",
                "flag": "The data-quality rules that keep it out of sums (docs/QUALITY.md); empty when none.",
              ]),
        Table("capacity_candidates", "A view: each counted project (view counted_projects) with each of its capacity "
                + "terms (view capacity_terms); the volume queries keep those a question admits and take the one "
                + "with the largest preference per project.", columns: [
                "project_id": "The project.",
                "project_status": "The project's status.",
                "term_id": "The term.",
                "bcm_per_year": "Its capacity in bcm/y.",
                "status": "Its negotiation state.",
                "flag": "The data-quality rules that keep it out of sums (docs/QUALITY.md); empty when none.",
                "first_day": "The first day it is in force; empty when unknown.",
                "last_day": "The last day it is in force; empty when open-ended.",
                "preference": "Its rank as one sortable text: order by it, descending.",
              ]),
        Table("operating_starts", "A view: the counted projects operating or idle, whose capacity counts only from "
                + "their start of operation (view project_starts).", columns: [
                "project_id": "The project.",
                "date": "When it started or is planned to start operating.",
                "first_day": "The first day that date covers.",
              ]),
        Table("search_rebuild", "A view to insert into: `INSERT INTO search_rebuild (requested) VALUES (1)` "
                + "fills the whole search index anew from search_documents (after a bulk load or a migration).",
              hidden: true, columns: [
                "requested": "Anything; the insert is the request.",
              ]),
        Table("agreement_binding", "A view: each agreement's binding force and who stands behind it "
                + "(\"yes, per Gazprom; ... unconfirmed\").", columns: [
                "agreement_id": "The agreement.",
                "binding": "yes, no or unknown, as recorded.",
                "asserted_by": "The parties that confirmed their part.",
                "unconfirmed": "The parties that have not confirmed.",
                "description": "The binding force in words, naming who asserts it when a side has not confirmed.",
              ]),
        Table("flagged_terms", "A view: values that sums and charts leave out unless asked, kept as the source says "
                + "but not believed (docs/QUALITY.md).", columns: [
                "term_id": "The term.",
                "rule": "The data-quality rule that flags it.",
                "detail": "Why, in words.",
              ]),
        Table("quality_limits", "The largest believable value per project kind, metric and unit (rule "
                + "capacity-outlier); tune it with any SQLite tool.", columns: [
                "project_kind": "pipeline, lng_terminal, ...",
                "metric": "capacity, length, ...",
                "unit": "The unit the limit is in.",
                "max_value": "Values above it are flagged.",
                "why": "Where the limit comes from.",
              ]),
        Table("quality_notes", "What the data-quality rules found on import that the stored rows cannot show by "
                + "themselves, with the source row.", facets: ["rule"], columns: [
                "id": "Row id.",
                "rule": "The rule's name (docs/QUALITY.md).",
                "project_id": "The project concerned.",
                "term_id": "The term concerned, if one.",
                "source_id": "The source whose row it is.",
                "locator": "Where in the source: a file's line, a GEM id.",
                "detail": "What was found.",
                "country": "The route country concerned, for the route checks (route-misses-country, route-crosses-country).",
              ]),
        Table("flagged_route_countries", "A view: route countries the route checks flag (a route that never comes near a "
                + "country it names), kept as the source says but left out of transit-countries unless asked.",
              facets: ["rule", "country"], columns: [
                "project_id": "The project.",
                "country": "The country of its route that the check flags.",
                "rule": "The rule's name (docs/QUALITY.md).",
                "detail": "What was found, with the distance.",
              ]),
        Table("countries", "Every ISO 3166-1 country (and Kosovo as XK), so that routes and parties refer to real codes.",
              label: "name", columns: [
                "code": "The ISO 3166-1 alpha-2 code.",
                "name": "The English short name.",
                "common_name": "The everyday English name where it differs (Russia, Türkiye, ...).",
              ]),
        Table("country_names", "Other English names of countries (Turkey, Russia, Czech Republic, UK, ...), so that "
                + "any of them finds the country; matched ignoring case and accents.", facets: ["code"], columns: [
                "name": "The other name.",
                "code": "The country's ISO 3166-1 code.",
              ]),
        Table("search_refresh", "A view that only takes inserts: inserting (kind, ref, term_id) rebuilds that "
                + "record's rows of the search indexes. The record tables' triggers use it.", hidden: true, columns: [
                "kind": "agreement, project, party, source, event or term.",
                "ref": "The record's id.",
                "term_id": "For a term, its row id.",
              ]),
        Table("schema_migrations", "Which schema migrations have been applied to this file, with their checksums.",
              hidden: true, columns: [
                "version": "The migration's number.",
                "name": "Its file name.",
                "checksum": "SHA-256 of the migration as applied; a changed file is refused.",
                "applied_at": "When it was applied (UTC).",
              ]),
        Table("search_index", "The full-text index behind `dealdb search` (FTS5): one row per record, kept by triggers.",
              hidden: true, columns: [
                "kind": "agreement, project, party, source, event or term.",
                "ref": "The record's id (for a term: its agreement's or project's).",
                "title": "The record's title or name.",
                "body": "Its other searchable text.",
              ]),
        Table("search_documents", "A view of what the search index should hold, one row per record.", hidden: true,
              columnList: searchDocumentColumns(body: "Its other searchable text; for a record with ligatures or "
                + "full-width letters or digits, a last line with its title and text in their plain forms (ﬁ as fi, "
                + "Ａ as A).")),
        Table("search_documents_text", "A view of each record's searchable text as stored (search_documents "
                + "adds the plain forms).", hidden: true, columnList: searchDocumentColumns()),
        Table("search_documents_folding", "A step of search_documents: the records' text with ligatures and "
                + "full-width digits in their plain forms.", hidden: true,
              columnList: searchDocumentColumns() + [(key: "folded", value: foldedText)]),
        Table("search_documents_folded", "A step of search_documents: full-width capitals made plain as well.",
              hidden: true, columnList: searchDocumentColumns() + [(key: "folded", value: foldedText)]),
        Table("search_box_documents", "A view of what the search boxes of projects and parties (projects_search_fts, "
                + "parties_search_fts) should hold: search_documents' text and the runs of 2 to 6 Chinese, Japanese or "
                + "Korean characters in it.", hidden: true, columns: [
                "kind": "project or party.",
                "ref": "The record's id.",
                "name": "Its name.",
                "body": "Its other searchable text: route countries and owners, or aliases, and the note.",
              ]),
    ]

    package static func table(named name: String) -> Table? {
        tables.first { $0.name == name }
    }
}
