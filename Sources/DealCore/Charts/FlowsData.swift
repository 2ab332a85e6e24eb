import Foundation
import SQLiteKit

/// One project's share of the capacity into a destination.
package struct FlowSegment: Sendable, Equatable {
    package let project: String
    package let name: String
    /// The project's status (operating, construction, proposed, ...), or nil.
    package let status: String?
    package let bcmPerYear: Double
    /// How many projects the block stands for: 1, or more for the block a
    /// chart draws for the smaller projects of a bar (then `project` is "").
    package var projectCount = 1
}

/// The capacity into one destination country, as `volumes-by-destination`
/// reports it, split by project.
package struct FlowDestination: Sendable, Equatable {
    /// The ISO code, or nil for projects whose route names no destination.
    package let code: String?
    package let name: String
    /// The query's own total for this destination.
    package let total: Double
    package let segments: [FlowSegment]
    /// Values the data-quality rules flagged and the query left out of the
    /// total, as it names them (`gem-okaz-gas-pipeline 620563.69 bcm/y
    /// (capacity-outlier)`); empty when they were included or there are none.
    package var leftOut: [String] = []
    /// True for the bar a chart draws for the destinations beyond its limit.
    package var isOther = false
}

extension FlowDestination {
    /// Reads the built-in `volumes-by-destination` query. Its totals are the
    /// query's output itself; the split by project comes from the same
    /// query's `destined` step (its WITH clauses with a final SELECT of our
    /// own), and must add up to those totals or the chart is refused.
    ///
    /// With a `filter`, only the projects it selects count, and a
    /// destination's total is what they add up to (the query itself takes
    /// no filter); destinations keep the query's order of largest first.
    ///
    /// Capacity into a country is what crosses its border (the query's
    /// bcm_per_year); pipelines within the country are added, as a block of
    /// their own status `domestic`, only with `includeDomestic`.
    package static func load(from store: DealStore, destination: String? = nil, asOf: String? = nil,
                            states: [String] = [], includeFlagged: Bool = false, includeDomestic: Bool = false,
                            filter: ProjectFilter = ProjectFilter()) throws -> [FlowDestination] {
        try store.translatingFailures {
            try DateText.check(asOf, .asOf)
            let wanted = try destination.map { try NameResolver(database: store.database).country(matching: $0) }
            let selection = try filter.resolve(in: store, alias: "p")
            let query = try QueryCatalog.builtIn().query(named: "volumes-by-destination")
            var parameters: [String: String] = [:]
            if let asOf { parameters["as_of"] = asOf }
            if !states.isEmpty { parameters["state"] = states.joined(separator: ",") }
            if includeFlagged { parameters["include_flagged"] = "true" }
            // The split by project: the rows the totals add up, from the query
            // of their own, kept for the projects the filter selects. Read
            // first, so that a capacity another tool stored as Inf is named
            // by its project (QueryRunner refuses every value that is not finite).
            let perProject = try QueryRows.builtIn("volumes-by-project", parameters: parameters, store: store)
            let totals = try QueryRows.run(query, parameters: parameters, store: store)
            let selected = try Self.selectedProjects(store, selection)
            var byDestination: [String?: [FlowSegment]] = [:]
            for index in perProject.rows.indices {
                let id = perProject[index, "project"].string ?? ""
                guard let project = selected[id] else { continue }
                let domestic = perProject[index, "domestic"].int64 == 1
                if domestic && !includeDomestic { continue }
                let segment = FlowSegment(project: id, name: project.name, status: domestic ? "domestic" : project.status,
                                          bcmPerYear: perProject[index, "bcm_per_year"].double ?? 0)
                byDestination[perProject[index, "destination"].string, default: []].append(segment)
            }

            var result: [FlowDestination] = []
            for index in totals.rows.indices {
                let code = totals[index, "destination"].string
                if let wanted, code != wanted { continue }
                let segments = (byDestination[code] ?? []).sorted {
                    (statusOrder($0.status), -$0.bcmPerYear, $0.project) < (statusOrder($1.status), -$1.bcmPerYear, $1.project)
                }
                let sum = segments.reduce(0) { $0 + $1.bcmPerYear }
                if !selection.isEmpty && segments.isEmpty { continue }
                let crossing = totals[index, "bcm_per_year"].double ?? 0
                let total = selection.isEmpty ? crossing + (includeDomestic ? totals[index, "domestic"].double ?? 0 : 0) : sum
                // A country with only domestic pipelines has no bar unless they are asked for.
                if total == 0 && segments.isEmpty { continue }
                guard abs(sum - total) <= 1e-9 * max(1, abs(total)) else {
                    throw DealError(.failure, "volumes-by-destination: the projects into \(code ?? "no destination") add up to "
                        + "\(sum) bcm/y but the query says \(total); the chart would not match the query")
                }
                let name = totals[index, "destination_name"].string
                var flow = FlowDestination(code: code, name: code.map { "\(name ?? $0) (\($0))" } ?? "No destination recorded",
                                           total: total, segments: segments)
                if let leftOut = totals[index, "left_out"].string {
                    flow.leftOut = leftOut.components(separatedBy: "; ")
                }
                result.append(flow)
            }
            // Filtered totals and domestic capacity can change the order; the
            // query's is by what crosses a border.
            if !selection.isEmpty || includeDomestic {
                result = result.enumerated().sorted {
                    $0.element.total != $1.element.total ? $0.element.total > $1.element.total : $0.offset < $1.offset
                }.map(\.element)
            }
            return result
        }
    }

    /// Operating capacity sits at the bottom of a bar, then what is being
    /// built, then what is only proposed.
    static func statusOrder(_ status: String?) -> Int {
        ["operating", "construction", "proposed", "idle", "mothballed", "shelved", "domestic"].firstIndex(of: status ?? "") ?? 9
    }

    /// The projects `selection` keeps, by id, with their name and status.
    private static func selectedProjects(_ store: DealStore, _ selection: ProjectSelection)
        throws -> [String: (name: String, status: String?)] {
        let statement = try store.database.makeStatement(
            sql: "SELECT p.id, p.name, p.status FROM projects AS p WHERE " + selection.condition)
        try statement.bind(named: selection.namedArguments)
        var projects: [String: (name: String, status: String?)] = [:]
        var cursor = statement.rows()
        while let row = try cursor.next() {
            projects[row.string(0) ?? ""] = (row.string(1) ?? "", row.string(2))
        }
        return projects
    }
}
