import Foundation

/// One GEM file read whole: its layout, its header, and its rows as
/// projects, every problem collected with its line. The import writes what
/// it reads; a comparison of two releases (Changes/) reads it the same way,
/// so that both see one parsing of every number, status and owner list.
struct GEMFile {
    let path: String
    let layout: GEMLayout
    let header: [String]
    let columns: [GEMLayout.Field: Int]
    let release: GEMRelease
    var projects: [GEMProject] = []
    var problems: [String] = []
    var badRows = 0
    var rows = 0

    /// `lenient`: a row whose cells break a rule is still read, without the
    /// values it could not read and with its problems in `project.problems`
    /// (a comparison must not lose a row to one bad share); only a row
    /// without a name or of the wrong width is left out.
    /// `keepCells`: each project keeps its row's cells. A lenient reading
    /// (a comparison) leaves the drawn routes out.
    init(path: String, countries: GEMCountries, lenient: Bool = false, keepCells: Bool = false) throws {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else {
            throw DealError(.invalidData, "\(path): empty file; expected a GEM header line")
        }
        (layout, columns) = try GEMLayout.detect(header: header.fields, file: path)
        self.path = path
        self.header = header.fields
        release = GEMRelease(layout: layout, file: path,
                             mapFile: header.fields.contains { $0.trimmingWhitespace().lowercased() == "url" })
        var rowReader = GEMRowReader(layout: layout, columns: columns, countries: countries, file: path)
        rowReader.lenient = lenient
        // Only the import tells a pipeline's parts apart by its drawn route.
        rowReader.readsGeometry = !lenient
        /// The first line of each distinct row, to tell a row that repeats
        /// another word for word (its capacity would be counted twice).
        var firstLines: [[String]: Int] = [:]
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
                    if keepCells { project.cells = record.fields }
                    if !project.problems.isEmpty {
                        problems += project.problems
                        badRows += 1
                    }
                    projects.append(project)
                case .failure(let failure):
                    problems += failure.messages
                    badRows += 1
                }
            }
        }
    }
}
