/// The GEM file layouts dealdb reads, told apart by their header. Column
/// names are matched case-insensitively, and each field lists every
/// spelling seen across releases.
struct GEMLayout: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        /// The public map file: pipelines and LNG terminal units in one sheet.
        case map
        /// A release's gas pipelines sheet.
        case pipelines
        /// A release's LNG terminals sheet.
        case lngTerminals = "lng-terminals"
        /// The Global Oil and Gas Plant Tracker: one row per unit of a power
        /// plant (its map file, or a release's units sheet).
        case plants
    }

    enum Field: String, Sendable, CaseIterable {
        case tracker, projectID, comboID, terminalID
        case pipelineName, segmentName, terminalName, unitName
        case status, countries, owner, parent, startYear
        case capacityBcm, terminalCapacityBcm, capacityMtpa, capacity, capacityUnits, lengthKm, cost, costUnits, costUSD
        case url, facilityType, otherName, terminalOtherName, lastUpdated, geometry
        case plantName, plantID, unitID, capacityMW, technology, fuel, province, latitude, longitude, accuracy, routeAccuracy
    }

    let kind: Kind
    let description: String
    /// Spellings per field, lowercase; the first is what the error message names.
    let spellings: [Field: [String]]
    let required: [Field]

    static let all: [GEMLayout] = [map, pipelines, lngTerminals, plants]

    static let map = GEMLayout(
        kind: .map, description: "the GEM map file",
        spellings: [
            .tracker: ["tracker-acro"], .pipelineName: ["pipelinename"], .terminalName: ["terminalname"],
            .unitName: ["unitname"], .status: ["status"], .countries: ["areas", "countriesorareas", "countries"],
            .owner: ["owner"], .parent: ["parent"], .startYear: ["startyear1"],
            // A pipeline's capacity and other-language name are in
            // capacitybcm/y and otherlanguageprimarypipelinename, a
            // terminal's in capacityinbcm/y and otherlanguagename (the LNG
            // terminals tracker's own column names).
            .capacityBcm: ["capacitybcm/y", "capacityinbcm/y"], .terminalCapacityBcm: ["capacityinbcm/y"],
            .lengthKm: ["lengthknownkm"],
            .url: ["url", "wiki"], .facilityType: ["type"], .otherName: ["otherlanguageprimarypipelinename"],
            .terminalOtherName: ["otherlanguagename"], .geometry: ["geometry"],
            // A terminal's site: `geometry` holds it as POINT, `lat` and `lng`
            // as numbers, `accuracy` says how exact (exact, approximate).
            .latitude: ["lat"], .longitude: ["lng"], .accuracy: ["accuracy"], .routeAccuracy: ["routeaccuracy"],
        ],
        required: [.tracker, .pipelineName, .terminalName, .unitName, .status, .countries, .owner, .parent,
                   .startYear, .capacityBcm, .url])

    static let pipelines = GEMLayout(
        kind: .pipelines, description: "a GEM gas pipelines release",
        spellings: [
            .projectID: ["projectid"], .pipelineName: ["pipelinename"], .segmentName: ["segmentname"],
            .status: ["status"], .countries: ["countriesorareas", "countries"], .owner: ["owner"],
            .parent: ["parent"], .startYear: ["startyear1"], .capacityBcm: ["capacitybcm/y"],
            .capacity: ["capacity"], .capacityUnits: ["capacityunits"], .lengthKm: ["lengthknownkm"], .cost: ["projectlevelcost", "cost"],
            .costUnits: ["projectlevelcostunits", "costunits"], .costUSD: ["costusd"], .url: ["wiki", "url"],
            .otherName: ["otherlanguageprimarypipelinename"], .lastUpdated: ["lastupdated"],
            .geometry: ["wktformat", "geometry"], .routeAccuracy: ["routeaccuracy"],
        ],
        required: [.projectID, .pipelineName, .segmentName, .status, .countries, .owner, .parent, .startYear,
                   .capacityBcm, .lengthKm])

    static let lngTerminals = GEMLayout(
        kind: .lngTerminals, description: "a GEM LNG terminals release",
        spellings: [
            .terminalID: ["terminalid"], .comboID: ["comboid"], .terminalName: ["terminalname"],
            .unitName: ["unitname"], .facilityType: ["facilitytype"], .status: ["status"],
            .countries: ["country", "countryorarea", "countriesorareas"], .owner: ["owner"], .parent: ["parent"],
            .startYear: ["startyear1"], .capacityBcm: ["capacityinbcm/y", "capacitybcm/y"],
            .capacityMtpa: ["capacityinmtpa"], .capacity: ["capacity"], .capacityUnits: ["capacityunits"],
            .cost: ["cost"], .costUnits: ["costunits"], .costUSD: ["costusd"],
            .url: ["wiki", "url"], .otherName: ["otherlanguagename"], .lastUpdated: ["lastupdated"],
            .latitude: ["latitude"], .longitude: ["longitude"], .accuracy: ["accuracy"],
        ],
        required: [.terminalID, .terminalName, .unitName, .status, .countries, .owner, .parent, .startYear,
                   .capacityBcm])

    /// The oil and gas plant tracker's map file (`project, unit, country,
    /// capacity, status, start_year, owner, parent, url, ...`, columns in any
    /// order) and the spellings of its release sheets (`Plant name, Unit
    /// name, Capacity (MW), GEM unit ID, ...`).
    static let plants = GEMLayout(
        kind: .plants, description: "a GEM oil and gas plant file",
        spellings: [
            .plantName: ["project", "plant name", "project name"], .unitName: ["unit", "unit name"],
            .plantID: ["gem location id"], .unitID: ["gem unit id", "gem unit/phase id"],
            .status: ["status"], .countries: ["country", "country/area", "country/area 1"],
            .owner: ["owner", "owner(s)"], .parent: ["parent", "parent(s)"],
            .startYear: ["start_year", "start year"], .capacityMW: ["capacity", "capacity (mw)"],
            .url: ["url", "wiki url"], .otherName: ["project_loc", "other name(s)", "plant name (local)"],
            .technology: ["technology", "turbine/engine technology"], .fuel: ["fuel_type", "fuel"],
            .province: ["province", "subnational unit (province, state)"],
            .latitude: ["lat", "latitude"], .longitude: ["lng", "longitude"],
        ],
        required: [.plantName, .unitName, .status, .countries, .owner, .parent, .startYear, .capacityMW, .url])

    /// Where each field sits in a header, for this layout.
    func columns(in header: [String]) -> [Field: Int] {
        let folded = header.map { $0.trimmingWhitespace().lowercased() }
        var positions: [Field: Int] = [:]
        for (field, names) in spellings {
            if let index = names.lazy.compactMap({ folded.firstIndex(of: $0) }).first {
                positions[field] = index
            }
        }
        return positions
    }

    /// The required columns a header lacks, named as GEM spells them.
    func missing(in header: [String]) -> [String] {
        let found = columns(in: header)
        return required.filter { found[$0] == nil }.compactMap { field in
            spellings[field].map { $0.count == 1 ? $0[0] : $0.joined(separator: " or ") }
        }
    }

    /// The layout a header matches, or an error naming what the closest one lacks.
    static func detect(header: [String], file: String) throws -> (GEMLayout, [Field: Int]) {
        let ranked = all.map { ($0, $0.missing(in: header)) }
        if let match = ranked.first(where: { $0.1.isEmpty }) {
            return (match.0, match.0.columns(in: header))
        }
        let lines = ranked.map { layout, missing in
            "not \(layout.description): it lacks \(missing.joined(separator: ", "))"
        }
        throw DealError(.invalidData, "\(file):1: the header matches no GEM layout (map file, gas pipelines release, LNG terminals release, oil and gas plant file)",
                        details: lines)
    }
}
