import Foundation

/// Turns the records of one GEM file into projects, collecting every
/// problem with its line instead of stopping at the first.
struct GEMRowReader {
    let layout: GEMLayout
    let columns: [GEMLayout.Field: Int]
    let countries: GEMCountries
    let file: String

    /// Read a row whose cells break a rule anyway (GEMFile).
    var lenient = false
    /// Read a pipeline's drawn route (the import tells parts apart by it;
    /// a comparison of releases does not need it).
    var readsGeometry = true
    /// Owner lists already parsed: GEM repeats one list on every unit of a
    /// plant or terminal, and parsing them was a fifth of reading a file.
    private var parsedOwners: [String: (owners: [GEMProject.Owner], problem: String?, dropped: [String]?)] = [:]

    /// Ids already given in this file, so rows without a GEM id that share a
    /// name get `-2`, `-3`... in file order.
    private var usedIDs: [String: Int] = [:]

    init(layout: GEMLayout, columns: [GEMLayout.Field: Int], countries: GEMCountries, file: String) {
        self.layout = layout
        self.columns = columns
        self.countries = countries
        self.file = file
    }

    private func cell(_ field: GEMLayout.Field, _ record: CSVRecord) -> String {
        guard let index = columns[field], index < record.fields.count else { return "" }
        return record.fields[index]
    }

    private func header(_ field: GEMLayout.Field) -> String {
        layout.spellings[field]?.first ?? field.rawValue
    }

    /// The project of one row, or the problems that keep it out.
    mutating func project(from record: CSVRecord) -> Result<GEMProject, GEMRowProblems> {
        var problems: [String] = []
        func problem(_ field: GEMLayout.Field, _ message: String) {
            problems.append("\(file):\(record.line): \(header(field)): \(message)")
        }

        let isPipeline: Bool
        let isPlant = layout.kind == .plants
        switch layout.kind {
        case .map: isPipeline = GEMValue.text(cell(.tracker, record)) != nil || GEMValue.text(cell(.pipelineName, record)) != nil
        case .pipelines: isPipeline = true
        case .lngTerminals, .plants: isPipeline = false
        }
        /// The field a terminal row of the map file keeps in a column of its own.
        func own(_ field: GEMLayout.Field, terminal: GEMLayout.Field) -> GEMLayout.Field {
            isPipeline || columns[terminal] == nil ? field : terminal
        }
        let nameField: GEMLayout.Field = isPipeline ? .pipelineName : isPlant ? .plantName : .terminalName
        let name = GEMValue.text(cell(nameField, record))
        if name == nil { problem(nameField, "empty; every row needs a name") }
        let part = GEMValue.text(cell(isPipeline ? .segmentName : .unitName, record))

        let statusText = cell(.status, record)
        let status: String?
        switch GEMStatus.map(statusText) {
        case .some(let mapped): status = mapped
        case .none:
            status = nil
            problem(.status, "unknown status \"\(statusText)\"; expected \(GEMStatus.accepted)")
        }

        var route: [GEMProject.Stop] = []
        let names = cell(.countries, record).split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingWhitespace() }.filter { !GEMValue.isEmpty($0) }
        var codes: [String] = []
        for country in names {
            if let code = countries.code(for: country) {
                codes.append(code)
            } else {
                problem(.countries, "unknown country \"\(country)\"")
            }
        }
        let facility = isPipeline ? nil : GEMValue.text(cell(.facilityType, record))?.lowercased()
        if codes.count == 1, facility == "import" {
            // Gas arrives in the terminal's country from somewhere GEM does
            // not name; an export terminal's leaves it for somewhere it does
            // not name. Making the one country both ends would count an
            // export terminal's capacity as flowing into its own country.
            route = [.init(country: codes[0], role: "destination")]
        } else if codes.count == 1, facility == "export" {
            route = [.init(country: codes[0], role: "origin")]
        } else if codes.count == 1 {
            route = [.init(country: codes[0], role: "origin"), .init(country: codes[0], role: "destination")]
        } else if codes.count > 1 {
            route = codes.enumerated().map { index, code in
                .init(country: code, role: index == 0 ? "origin" : index == codes.count - 1 ? "destination" : "transit")
            }
        }

        var terms: [GEMProject.Term] = []
        var qualityNotes: [GEMProject.Note] = []
        func amount(_ field: GEMLayout.Field, metric: String, unit: String) {
            let text = cell(field, record)
            guard !GEMValue.isEmpty(text) else { return }
            // "inf", "NaN": the row is kept, the figure stays text and is flagged.
            if let value = Double(text.trimmingWhitespace()), !value.isFinite {
                qualityNotes.append(.init(rule: "non-finite", detail: "\(header(field)) is \"\(text)\", not a number; kept as text",
                                   term: terms.count))
                terms.append(.init(metric: metric, value: nil, unit: unit, text: "GEM gives \"\(text)\""))
                return
            }
            guard let value = GEMValue.number(text), value >= 0 else {
                return problem(field, "expected a number of \(unit) of 0 or more, found \"\(text)\"")
            }
            terms.append(.init(metric: metric, value: value, unit: unit))
        }
        amount(own(.capacityBcm, terminal: .terminalCapacityBcm), metric: "capacity", unit: "bcm/y")
        amount(.capacityMtpa, metric: "capacity", unit: "mtpa")
        // The capacity in the unit GEM was given it in, beside GEM's own
        // conversion to bcm/y (docs/UNITS.md); units we cannot convert
        // (TJ/d, GWh/d) are left to that conversion.
        if let unitText = GEMValue.text(cell(.capacityUnits, record)), let unit = GEMUnits.unit(unitText),
           unit != "bcm/y", !(unit == "mtpa" && columns[.capacityMtpa] != nil) {
            amount(.capacity, metric: "capacity", unit: unit)
        }
        amount(.capacityMW, metric: "capacity", unit: "MW")
        amount(.lengthKm, metric: "length", unit: "km")
        func nonFiniteCost(_ field: GEMLayout.Field, _ text: String, unit: String) -> Bool {
            guard let value = Double(text.trimmingWhitespace()), !value.isFinite else { return false }
            qualityNotes.append(.init(rule: "non-finite", detail: "\(header(field)) is \"\(text)\", not a number; kept as text",
                                      term: terms.count))
            terms.append(.init(metric: "cost", value: nil, unit: unit, text: "GEM gives \"\(text)\""))
            return true
        }
        if let cost = GEMValue.text(cell(.cost, record)) {
            let currency = GEMValue.text(cell(.costUnits, record))?.uppercased()
            let code = currency.flatMap { $0.count == 3 && $0.allSatisfy({ $0 >= "A" && $0 <= "Z" }) ? $0 : nil }
            if nonFiniteCost(.cost, cost, unit: code ?? "USD") {
                // kept as text and flagged above
            } else if let value = GEMValue.number(cost), value >= 0 {
                if let currency, currency.count == 3, currency.allSatisfy({ $0 >= "A" && $0 <= "Z" }) {
                    terms.append(.init(metric: "cost", value: value, unit: currency))
                } else if let usd = GEMValue.text(cell(.costUSD, record)).flatMap(GEMValue.number) {
                    terms.append(.init(metric: "cost", value: usd, unit: "USD"))
                } else {
                    problem(.costUnits, "expected a currency code such as USD or EUR for cost \(cost), found \"\(currency ?? "")\"")
                }
            } else {
                problem(.cost, "expected a number, found \"\(cost)\"")
            }
        } else if let usd = GEMValue.text(cell(.costUSD, record)) {
            if nonFiniteCost(.costUSD, usd, unit: "USD") {
                // kept as text and flagged above
            } else if let value = GEMValue.number(usd), value >= 0 {
                terms.append(.init(metric: "cost", value: value, unit: "USD"))
            } else {
                problem(.costUSD, "expected a number, found \"\(usd)\"")
            }
        }

        var startYear: String?
        if let text = GEMValue.text(cell(.startYear, record)) {
            startYear = GEMValue.year(text)
            if startYear == nil { problem(.startYear, "expected a year such as 2027, found \"\(text)\"") }
        }

        // The plant tracker writes a few shares of 200 % or 10000 %: its
        // holders are kept without a share, flagged, instead of losing the unit.
        func holders(_ field: GEMLayout.Field) -> [GEMProject.Owner] {
            var dropped: [String]? = isPlant ? [] : nil
            let text = cell(field, record)
            let owners: [GEMProject.Owner], failure: String?
            if GEMValue.isEmpty(text) {
                (owners, failure) = ([], nil)
            } else if let known = parsedOwners[text] {
                (owners, failure, dropped) = known
            } else {
                (owners, failure) = GEMOwners.parse(text, dropped: &dropped)
                parsedOwners[text] = (owners, failure, dropped)
            }
            if let failure { problem(field, failure) }
            for message in dropped ?? [] {
                qualityNotes.append(.init(rule: "owner-shares", detail: "\(header(field)): \(message); kept without a share",
                                          term: nil))
            }
            return owners
        }
        let owners = holders(.owner)
        let parents = holders(.parent)

        // A comparison of releases reads rows leniently and without their
        // geometry (it compares no routes); an import reads both.
        let place = readsGeometry ? self.place(record, isPipeline: isPipeline, problem: problem) : nil

        guard problems.isEmpty || lenient, let name else {
            return .failure(GEMRowProblems(line: record.line, messages: problems))
        }

        var notes: [String] = []
        if let url = GEMValue.text(cell(.url, record)) { notes.append(url) }
        if let other = GEMValue.text(cell(own(.otherName, terminal: .terminalOtherName), record)) {
            notes.append("also named \(other)")
        }
        if let type = GEMValue.text(cell(.facilityType, record)) { notes.append("\(type.lowercased()) terminal") }
        let technology = GEMValue.text(cell(.technology, record))
        let fuel = GEMValue.text(cell(.fuel, record))
        if let technology, technology.lowercased() != "unknown" { notes.append(technology) }
        if let fuel { notes.append("fuel: \(fuel)") }

        var project = GEMProject(
            line: record.line, id: makeID(name: name, part: part, record: record), name: name, part: part,
            kind: isPipeline ? "pipeline" : isPlant ? "power_plant" : "lng_terminal",
            commodity: isPipeline ? "gas" : isPlant ? Self.commodity(burning: fuel) : "lng", status: status,
            route: route, terms: terms, startYear: startYear, owners: owners, parents: parents,
            note: notes.isEmpty ? nil : notes.joined(separator: "; "), qualityNotes: qualityNotes)
        project.wiki = GEMValue.text(cell(.url, record))
        project.gemIDs = gemIDs(record)
        project.place = place
        if let lines = place?.shape.lines, !lines.isEmpty { project.geometry = RouteGeometry(lines: lines) }
        project.sourceStatus = GEMStatus.word(statusText)
        project.problems = problems
        if let latitude = GEMValue.text(cell(.latitude, record)).flatMap(GEMValue.number),
           let longitude = GEMValue.text(cell(.longitude, record)).flatMap(GEMValue.number) {
            project.location = .init(lon: longitude, lat: latitude)
        }
        return .success(project)
    }

    /// What a plant burns, as one commodity: gas when any of its fuels is a
    /// gas (natural gas, LNG, a fossil gas), else oil when any is a liquid
    /// fuel, else other (blast furnace gas, biomass, ...).
    static func commodity(burning fuel: String?) -> String {
        let words = (fuel ?? "").lowercased()
        if words.contains("natural gas") || words.contains("fossil gas") || words.contains("lng") { return "gas" }
        if ["fossil liquids", "oil", "diesel", "gasoline", "kerosene", "naphtha"].contains(where: words.contains) {
            return "oil"
        }
        return "other"
    }

    /// The row's route or site: the WKT of `geometry` (`WKTFormat`) as GEM
    /// writes it, else for a terminal `POINT (lng lat)` from its coordinates.
    /// Empty (`--`, `GEOMETRYCOLLECTION EMPTY`) is no geometry; text that is
    /// no WKT, or coordinates off the Earth, are problems of the row.
    private func place(_ record: CSVRecord, isPipeline: Bool,
                       problem: (GEMLayout.Field, String) -> Void) -> (wkt: String, accuracy: String?, shape: Geometry)? {
        let accuracy = GEMValue.text(cell(isPipeline ? .routeAccuracy : .accuracy, record))
        if let wkt = GEMValue.text(cell(.geometry, record)) {
            do {
                guard let shape = try WKT.parse(wkt) else { return nil }
                return (wkt, accuracy, shape)
            } catch {
                problem(.geometry, "not a geometry dealdb reads: \(error)")
                return nil
            }
        }
        guard !isPipeline else { return nil }
        let latText = GEMValue.text(cell(.latitude, record)), lonText = GEMValue.text(cell(.longitude, record))
        guard latText != nil || lonText != nil else { return nil }
        guard let latText, let lonText, let lat = GEMValue.number(latText), let lon = GEMValue.number(lonText),
              abs(lat) <= 90, abs(lon) <= 180 else {
            problem(.latitude, "expected a latitude from -90 to 90 and a longitude from -180 to 180, found "
                + "\"\(latText ?? "")\" and \"\(lonText ?? "")\"")
            return nil
        }
        return ("POINT (\(lonText) \(latText))", accuracy, Geometry(points: [GeoPoint(lon: lon, lat: lat)]))
    }

    /// GEM's ids of the row, as GEM writes them.
    private func gemIDs(_ record: CSVRecord) -> [(scheme: String, value: String)] {
        let fields: [(GEMLayout.Field, String)] = switch layout.kind {
        case .pipelines: [(.projectID, "gem-project")]
        case .lngTerminals: [(.terminalID, "gem-project"), (.comboID, "gem-unit")]
        case .plants: [(.plantID, "gem-project"), (.unitID, "gem-unit")]
        case .map: []
        }
        return fields.compactMap { field, scheme in
            GEMValue.text(cell(field, record)).map { (scheme, $0) }
        }
    }

    /// GEM's own id where the layout has one; else a slug of name and part,
    /// numbered in file order when several rows share them.
    private mutating func makeID(name: String, part: String?, record: CSVRecord) -> String {
        var base: String
        switch layout.kind {
        case .pipelines:
            base = Slug.make(cell(.projectID, record))
        case .lngTerminals:
            base = Slug.make(cell(.comboID, record))
            if base.isEmpty { base = Slug.make(cell(.terminalID, record) + " " + (part ?? "")) }
        case .plants:
            base = Slug.make(cell(.unitID, record))
        case .map:
            base = ""
        }
        if base.isEmpty {
            let slug = Slug.make(name + " " + (part ?? ""), maxLength: 70)
            base = slug.isEmpty ? "unnamed" : slug
        }
        base = "gem-" + base
        var seen = usedIDs[base, default: 0] + 1
        var id = seen == 1 ? base : "\(base)-\(seen)"
        // A numbered id may be another row's own slug ("Line" twice and "Line 2").
        while seen > 1 && usedIDs[id] != nil {
            seen += 1
            id = "\(base)-\(seen)"
        }
        usedIDs[base] = seen
        usedIDs[id, default: 0] += id == base ? 0 : 1
        return id
    }
}

struct GEMRowProblems: Error, Sendable {
    let line: Int
    let messages: [String]
}
