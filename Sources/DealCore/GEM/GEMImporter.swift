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
        /// Called in the import's transaction once its records are written,
        /// with the file and its rows under the ids they were matched to:
        /// how the release's history is kept (Changes/ReleaseHistory).
        var recorder: (@Sendable (_ database: Database, _ file: GEMFile, _ projects: [GEMProject]) throws -> Void)?
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
        /// Finance records (AidData's) now proposed as paying for projects.
        package var financeLinks = FinanceLinker.Outcome()

        /// Finance stored before these projects, and the links now proposed for it.
        private var financeLine: [String] {
            financeLinks.energyRecords == 0 ? [] : ["finance stored before: " + financeLinks.summary]
        }
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
                + financeLine
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
    /// The database as the user named it, for errors (nil: the caller words them).
    private let databasePath: String?

    package init(store: DealStore) {
        database = store.database
        databasePath = store.path
    }

    init(database: Database) {
        self.database = database
        databasePath = nil
    }

    package func run(path: String, options: Options = Options()) throws -> Summary {
        try translatingSQLiteFailures(ifNamed: databasePath) { try importing(path: path, options: options) }
    }

    private func importing(path: String, options: Options) throws -> Summary {
        let file = try GEMFile(path: path, countries: try GEMCountries(database: database),
                               keepCells: options.recorder != nil)
        let (problems, badRows, rows, release) = (file.problems, file.badRows, file.rows, file.release)
        var projects = file.projects
        if !problems.isEmpty && !options.skipBadRows {
            throw DealError(.invalidData, "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path); nothing was imported",
                            details: problems)
        }

        var base = Summary(layout: file.layout.description, source: release.sourceID, rows: rows, rejected: problems,
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
        let recorder = options.recorder
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
            try recorder?(database, file, projects)
            summary.quality = DataQuality.counts(try DataQuality.findings(in: database, source: release.sourceID))
            // Finance stored before these projects may pay for them (docs/AIDDATA.md).
            summary.financeLinks = try FinanceLinker(database: database).proposeAll()
            return summary
        }
    }
}

/// The source record one GEM file's facts cite.
struct GEMRelease: Sendable {
    let sourceID: String
    let title: String
    let published: String?
    let fileName: String

    let tracker: GEMTracker

    /// `mapFile`: for the plant tracker, whether the file is its map file
    /// (lowercase `project, unit, url` columns) rather than a release's sheet.
    init(layout: GEMLayout, file: String, mapFile: Bool = true) {
        fileName = (file as NSString).lastPathComponent
        published = Self.date(in: fileName)
        tracker = GEMTracker(layout.kind)
        let sheet: String, slug: String
        switch layout.kind {
        case .map: (sheet, slug) = ("map file", "map")
        case .pipelines: (sheet, slug) = ("Gas Pipelines", "pipelines")
        case .lngTerminals: (sheet, slug) = ("LNG Terminals", "lng-terminals")
        case .plants: (sheet, slug) = mapFile ? ("map file", "map") : ("Units", "units")
        }
        title = "Global Energy Monitor, \(tracker.name) - \(sheet)" + (published.map { ", \($0) release" } ?? "")
        sourceID = "gem-\(tracker.acronym)-\(slug)" + (published.map { "-\($0)" } ?? "")
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
                     url: tracker.url,
                     note: "Copyright Global Energy Monitor, licensed under CC BY 4.0 "
                         + "(https://creativecommons.org/licenses/by/4.0/); imported from \(fileName)")
    }
}


/// The GEM tracker a layout belongs to.
struct GEMTracker: Sendable, Equatable {
    let acronym: String
    let name: String
    let url: String

    init(_ kind: GEMLayout.Kind) {
        switch kind {
        case .map, .pipelines, .lngTerminals:
            (acronym, name, url) = ("ggit", "Global Gas Infrastructure Tracker",
                                    "https://globalenergymonitor.org/projects/global-gas-infrastructure-tracker/")
        case .plants:
            (acronym, name, url) = ("gogpt", "Global Oil and Gas Plant Tracker",
                                    "https://globalenergymonitor.org/projects/global-oil-gas-plant-tracker/")
        }
    }
}
