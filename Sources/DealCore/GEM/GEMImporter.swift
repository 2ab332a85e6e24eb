import Foundation
import SQLiteKit

/// Imports a Global Energy Monitor gas infrastructure file (docs/GEM.md):
/// each row becomes a project with its route, terms, start event and
/// owners, every fact citing one source record for the release.
package struct GEMImporter {
    package struct Options: Sendable {
        package var dryRun = false
        /// Write the good rows and report the bad ones, instead of writing nothing.
        package var skipBadRows = false
        /// Match rows to stored projects and tell a pipeline's parts apart
        /// (docs/GEM.md). Off only to measure what that costs (`make bench`):
        /// rows are then written as the rows of an older dealdb were.
        package var entities = true
        package init(dryRun: Bool = false, skipBadRows: Bool = false, entities: Bool = true) {
            self.dryRun = dryRun
            self.skipBadRows = skipBadRows
            self.entities = entities
        }
    }

    package struct Summary: Sendable {
        package var layout = ""
        package var source = ""
        package var rows = 0
        package var projectsCreated = 0
        package var projectsUpdated = 0
        /// Projects already there that the file left as they were.
        package var projectsUnchanged = 0
        package var partiesCreated = 0
        package var terms = 0
        package var events = 0
        package var owners = 0
        /// Findings of the data-quality rules about this file's projects
        /// (and about parties), per rule; details with `dealdb doctor`.
        package var quality: [(rule: QualityRule, count: Int)] = []
        /// One line per problem of a rejected row (only with `skipBadRows`).
        package var rejected: [String] = []
        package var rejectedRows = 0
        /// Rows matched to projects already stored, by how (docs/GEM.md).
        package var matched: [(how: String, count: Int)] = []
        /// Systems of several rows, and the rows in them.
        package var systems = 0
        package var systemRows = 0
        /// Rows with a route or site, of each shape.
        package var routes = 0
        package var sites = 0
        /// The lines of the rows without a geometry (none is dropped silently).
        package var withoutGeometry: [Int] = []
        /// The route checks' findings, one line each (docs/QUALITY.md).
        package var routeFindings: [String] = []

        package var lines: [String] {
            ["\(layout): \(rows) rows, source \(source)",
             "projects: \(projectsCreated) created, \(projectsUpdated) updated, \(projectsUnchanged) unchanged",
             "parties: \(partiesCreated) created",
             "matched to stored projects: " + (matched.isEmpty ? "none"
                 : matched.map { "\($0.count) by \($0.how)" }.joined(separator: ", ")),
             "pipelines and terminals of several rows: \(systems) (from \(systemRows) rows; each counted once in sums)",
             "terms: \(terms), start events: \(events), ownership stakes: \(owners)",
             "geometry: \(Self.count(routes, "route")) and \(Self.count(sites, "site")) drawn; "
                 + (withoutGeometry.isEmpty ? "every row has one"
                    : "\(Self.count(withoutGeometry.count, "row")) without one, not drawn (line"
                        + (withoutGeometry.count == 1 ? " " : "s ") + Self.ranges(withoutGeometry) + ")")]
                + routeFindings.map { "route check: " + $0 }
                + [
             "data quality: " + (quality.isEmpty ? "no findings"
                 : quality.map { "\($0.count) \($0.rule.rawValue)" }.joined(separator: ", ")
                   + "; flagged values are kept but left out of sums (details: dealdb doctor)")]
                + (rejected.isEmpty ? [] : ["rejected rows: \(rejectedRows)"])
        }

        static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)" + (number == 1 ? "" : "s") }

        /// `2, 5-7, 12`: line numbers in ascending runs.
        static func ranges(_ lines: [Int]) -> String {
            var parts: [String] = []
            var start: Int?, end = 0
            for line in lines.sorted() {
                if start != nil, line == end + 1 {
                    end = line
                } else {
                    if let first = start { parts.append(first == end ? "\(first)" : "\(first)-\(end)") }
                    start = line
                    end = line
                }
            }
            if let first = start { parts.append(first == end ? "\(first)" : "\(first)-\(end)") }
            return parts.joined(separator: ", ")
        }
    }

    let database: Database

    package init(store: DealStore) {
        self.init(database: store.database)
    }

    init(database: Database) {
        self.database = database
    }

    package func run(path: String, options: Options = Options()) throws -> Summary {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else {
            throw DealError(.invalidData, "\(path): empty file; expected a GEM header line")
        }
        let (layout, columns) = try GEMLayout.detect(header: header.fields, file: path)
        let countries = try GEMCountries(database: database)
        var rowReader = GEMRowReader(layout: layout, columns: columns, countries: countries, file: path)

        var projects: [GEMProject] = []
        /// The first line of each distinct row, to tell a row that repeats
        /// another word for word (its capacity would be counted twice).
        var firstLines: [[String]: Int] = [:]
        var problems: [String] = []
        var badRows = 0
        var rows = 0
        try Cancellation.endingAtOnce {
            while let record = try reader.next() {
                rows += 1
                if record.fields.count != header.fields.count {
                    problems.append("\(path):\(record.line): \(record.fields.count) fields, but the header has \(header.fields.count)")
                    badRows += 1
                    continue
                }
                switch rowReader.project(from: record) {
                case .success(var project):
                    if let first = firstLines[record.fields] {
                        let capacities = project.terms.indices.filter { project.terms[$0].metric == "capacity" }
                        for index in capacities.isEmpty ? [nil] : capacities.map(Optional.some) {
                            project.qualityNotes.append(.init(
                                rule: "duplicate-row", detail: "repeats line \(first) word for word; counted once",
                                term: index))
                        }
                    } else {
                        firstLines[record.fields] = record.line
                    }
                    projects.append(project)
                case .failure(let failure):
                    problems += failure.messages
                    badRows += 1
                }
            }
        }
        if !problems.isEmpty && !options.skipBadRows {
            throw DealError(.invalidData, "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path); nothing was imported",
                            details: problems)
        }

        let release = GEMRelease(layout: layout, file: path)
        var base = Summary(layout: layout.description, source: release.sourceID, rows: rows, rejected: problems,
                           rejectedRows: badRows)
        for project in projects {
            switch project.place?.shape.shape {
            case "line"?: base.routes += 1
            case "point"?: base.sites += 1
            default: base.withoutGeometry.append(project.line)
            }
        }
        base.routeFindings = GEMRouteChecks.run(&projects)
        let entities = options.entities
        var options = WritePolicy.Options(dryRun: options.dryRun, tables: DocumentImporter.tables)
        options.bulkSearch = true
        return try WritePolicy.run(database, options) { _ in
            var summary = base
            let writer = try RecordWriter(database: database)
            var records = try GEMRecords(reader: DocumentReader(database: database), sourceID: release.sourceID)
            _ = try writer.upsert([release.record])
            var projects = projects
            var identity = entities ? try GEMIdentity(database: database) : nil
            let matches = identity?.resolve(&projects) ?? [:]
            summary.matched = GEMIdentity.Match.allCases.compactMap { how in matches[how].map { (how.rawValue, $0) } }
            let parts = entities ? GEMSystems.parts(of: projects) : [:]
            summary.systems = Set(parts.values.map(\.system)).count
            summary.systemRows = parts.count
            for (index, var project) in projects.enumerated() {
                if index & 0xFF == 0 { try Cancellation.check() }
                if !entities { (project.wiki, project.gemIDs) = (nil, []) }
                let carried = identity?.carried(for: project.id)
                records.add(project, summary: &summary, identifiers: carried?.identifiers ?? [],
                            part: carried?.part ?? parts[project.id])
            }
            try records.write(with: writer, summary: &summary)
            summary.quality = DataQuality.counts(try DataQuality.findings(in: database, source: release.sourceID))
            return summary
        }
    }
}

/// The source record one GEM file's facts cite.
struct GEMRelease {
    let sourceID: String
    let title: String
    let published: String?
    let fileName: String

    init(layout: GEMLayout, file: String) {
        fileName = (file as NSString).lastPathComponent
        published = Self.date(in: fileName)
        let sheet: String
        switch layout.kind {
        case .map: sheet = "map file"
        case .pipelines: sheet = "Gas Pipelines"
        case .lngTerminals: sheet = "LNG Terminals"
        }
        title = "Global Energy Monitor, Global Gas Infrastructure Tracker - \(sheet)"
            + (published.map { ", \($0) release" } ?? "")
        sourceID = "gem-ggit-\(layout.kind.rawValue)" + (published.map { "-\($0)" } ?? "")
    }

    /// GEM names its files by release date (`...-2024-10-06.csv`,
    /// `...-2023-12.csv`); the first such date in the name is the release.
    static func date(in name: String) -> String? {
        let characters = Array(name)
        var index = 0
        while index + 7 <= characters.count {
            let candidate = String(characters[index..<min(index + 10, characters.count)])
            for length in [10, 7] where candidate.count >= length {
                let text = String(candidate.prefix(length))
                if DateText.isValid(text), index == 0 || !characters[index - 1].isNumber,
                   index + length == characters.count || !characters[index + length].isNumber {
                    return text
                }
            }
            index += 1
        }
        return nil
    }

    /// The source record, written like any other (RecordWriter).
    var record: SourceRecord {
        SourceRecord(id: sourceID, title: title, kind: "dataset", publisher: "Global Energy Monitor", published: published,
                     url: "https://globalenergymonitor.org/projects/global-gas-infrastructure-tracker/",
                     note: "Copyright Global Energy Monitor, licensed under CC BY 4.0 "
                         + "(https://creativecommons.org/licenses/by/4.0/); imported from \(fileName)")
    }
}

