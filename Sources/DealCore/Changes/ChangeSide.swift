import Foundation

/// One side of a comparison: a GEM file read as the import reads it, each
/// row a ChangeRecord, with what its layout can say (a field its layout has
/// no column for is not compared, and the layout report names it).
struct ChangeSide {
    let label: String
    let layout: GEMLayout
    let release: GEMRelease
    /// The header as written, and lowercased.
    let header: [String]
    let columns: [String]
    var records: [ChangeRecord] = []
    /// The fields this side's layout gives, by name.
    let fields: Set<String>
    /// Whether the layout names a row's unit or segment (for the map file:
    /// a pipeline's segment; `terminalsHavePart`: a terminal's unit).
    let hasPart: Bool
    let terminalsHavePart: Bool

    /// Whether the layout names the unit or segment of rows of this kind.
    func hasPart(_ kind: String) -> Bool {
        kind == "lng_terminal" ? terminalsHavePart : hasPart
    }
    /// The columns no field reads, compared as text under their own name.
    let otherColumns: [String]
    let problems: [String]

    /// Columns that follow from others (a region from the country, GEM's
    /// oil-equivalent from the capacity, a parent's country from the parent)
    /// or that change with any edit: comparing them would report one change
    /// twice, or none. The layout report names them.
    static let derived: [String: String] = [
        "region": "follows the country", "startregion": "follows the route", "endregion": "follows the route",
        "startsubregion": "follows the route", "endsubregion": "follows the route",
        "parenthqcountry": "follows the parents", "capacityboed": "GEM's conversion of the capacity",
        "lengthmergedkm": "the known length, else the estimate", "lastupdated": "GEM's date of its last edit",
        "geometry": "the drawn route (the route's countries are compared)",
        "wktformat": "the drawn route (the route's countries are compared)",
        "tracker-acro": "tells a pipeline row from a terminal's",
    ]

    /// Fields the import reads into values of their own.
    private static let read: Set<GEMLayout.Field> = [
        .tracker, .projectID, .comboID, .terminalID, .plantID, .unitID, .pipelineName, .segmentName, .terminalName,
        .unitName, .plantName, .status, .countries, .owner, .parent, .startYear, .capacityBcm, .terminalCapacityBcm,
        .capacityMtpa, .capacity, .capacityUnits, .capacityMW, .lengthKm, .cost, .costUnits, .costUSD, .url,
        .latitude, .longitude, .geometry, .lastUpdated,
    ]

    init(path: String, label: String, countries: GEMCountries) throws {
        let file = try GEMFile(path: path, countries: countries, lenient: true, keepCells: true)
        self.init(file: file, projects: file.projects, label: label)
    }

    /// A file read, its rows as `projects` (the import's, with the ids it
    /// matched them to).
    init(file: GEMFile, projects: [GEMProject], label: String) {
        self.init(layout: file.layout, columns: file.columns, header: file.header, release: file.release, label: label,
                  problems: file.problems)
        var keys: [String: String] = [:]
        records = projects.map { Self.record($0, kind: layout.kind, others: otherIndexes, columns: columns, keys: &keys) }
    }

    /// A stored release (ReleaseHistory): its header and its rows as the
    /// import recorded them.
    init(layout: GEMLayout, header: [String], release: GEMRelease, label: String, records: [ChangeRecord]) {
        self.init(layout: layout, columns: layout.columns(in: header), header: header, release: release, label: label,
                  problems: [])
        self.records = records
        isStored = true
    }

    /// A release the database stored, whose records carry its projects' ids.
    private(set) var isStored = false

    private let otherIndexes: [Int]

    private init(layout: GEMLayout, columns fieldColumns: [GEMLayout.Field: Int], header: [String], release: GEMRelease,
                 label: String, problems: [String]) {
        self.label = label
        self.layout = layout
        self.release = release
        self.header = header
        let lowered = header.map { $0.trimmingWhitespace().lowercased() }
        columns = lowered
        self.problems = problems
        let has = { (field: GEMLayout.Field) in fieldColumns[field] != nil }
        // The map file names a terminal's units but not a pipeline's segments.
        hasPart = layout.kind == .map ? false : has(.segmentName) || has(.unitName)
        terminalsHavePart = has(.unitName)
        var fields: Set<String> = ["name", "status", "owners", "parents", "start year"]
        if has(.capacityBcm) || has(.terminalCapacityBcm) { fields.insert("capacity") }
        if has(.capacityMW) { fields.insert("capacity") }
        if has(.capacityMtpa) { fields.insert("capacity (mtpa)") }
        if has(.capacity) && has(.capacityUnits) { fields.insert("capacity (as given)") }
        if has(.lengthKm) { fields.insert("length") }
        if has(.cost) || has(.costUSD) { fields.insert("cost") }
        if has(.latitude) && has(.longitude) { fields.insert("location") }
        if has(.countries) { fields.insert(layout.kind == .plants ? "country" : "route") }
        if hasPart { fields.insert("part") }
        let readIndexes = Set(Self.read.compactMap { fieldColumns[$0] })
        let others = lowered.indices.filter { !readIndexes.contains($0) && Self.derived[lowered[$0]] == nil }
        otherIndexes = others
        otherColumns = others.map { lowered[$0] }
        fields.formUnion(others.map { lowered[$0] })
        self.fields = fields
    }

    /// One row as a comparison reads it.
    static func record(_ project: GEMProject, kind tracker: GEMLayout.Kind, others: [Int], columns: [String],
                       keys: inout [String: String]) -> ChangeRecord {
        func stakes(_ owners: [GEMProject.Owner]) -> [ChangeValue.Stake] {
            owners.map { owner in
                let key: String
                if GEMOwners.isUnnamed(owner.name) {
                    key = "unnamed " + owner.name.lowercased()
                } else if let known = keys[owner.name] {
                    key = known
                } else {
                    let made = PartyNameKey.make(owner.name)
                    key = made.isEmpty ? TextFolding.fold(owner.name) : made
                    keys[owner.name] = key
                }
                return .init(key: key, name: owner.name, share: owner.share)
            }
        }
        var values: [String: ChangeValue] = [:]
        values["name"] = .text(project.name)
        if let part = project.part { values["part"] = .text(part) }
        if let status = project.sourceStatus { values["status"] = .text(status) }
        for term in project.terms {
            guard let value = term.value else { continue }
            switch (term.metric, term.unit) {
            case ("capacity", "MW"), ("capacity", "bcm/y"): values["capacity"] = .number(value, unit: term.unit)
            case ("capacity", "mtpa"): values["capacity (mtpa)"] = .number(value, unit: term.unit)
            case ("capacity", _): values["capacity (as given)"] = .number(value, unit: term.unit)
            case ("length", _): values["length"] = .number(value, unit: term.unit)
            case ("cost", _): values["cost"] = .number(value, unit: term.unit)
            default: break
            }
        }
        if let year = project.startYear { values["start year"] = .text(year) }
        let owners = stakes(project.owners), parents = stakes(project.parents)
        if !owners.isEmpty { values["owners"] = .stakes(owners) }
        if !parents.isEmpty { values["parents"] = .stakes(parents) }
        let countries = project.route.map(\.country).reduce(into: [String]()) { list, code in
            if list.last != code { list.append(code) }
        }
        if !countries.isEmpty {
            values[tracker == .plants ? "country" : "route"] = .route(countries)
        }
        if let location = project.location { values["location"] = .point(location) }
        for index in others where index < project.cells.count {
            if let text = GEMValue.text(project.cells[index]) {
                values[columns[index]] = .text(text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            }
        }
        return ChangeRecord(
            id: project.id, line: project.line, kind: project.kind, name: project.name.trimmingWhitespace(),
            part: project.part, wiki: GEMValue.wikiKey(project.wiki),
            rowID: project.rowID.map { "\($0.scheme) \($0.value)" }, countries: countries, location: project.location,
            capacity: project.capacityMW ?? project.capacityBcm, capacityUnit: project.kind == "power_plant" ? "MW" : "bcm/y",
            values: values)
    }

    /// The kinds of record the layout holds.
    var kinds: Set<String> {
        switch layout.kind {
        case .map: ["pipeline", "lng_terminal"]
        case .pipelines: ["pipeline"]
        case .lngTerminals: ["lng_terminal"]
        case .plants: ["power_plant"]
        }
    }

    /// The tracker's name, for the page and for messages.
    var trackerName: String { release.tracker.name }
}
