import Foundation
import SQLiteKit

/// One project's share of the capacity into a destination.
public struct FlowSegment: Sendable, Equatable {
    public let project: String
    public let name: String
    /// The project's status (operating, construction, proposed, ...), or nil.
    public let status: String?
    public let bcmPerYear: Double
    /// How many projects the block stands for: 1, or more for the block a
    /// chart draws for the smaller projects of a bar (then `project` is "").
    public var projectCount = 1
}

/// The capacity into one destination country, as `volumes-by-destination`
/// reports it, split by project.
public struct FlowDestination: Sendable, Equatable {
    /// The ISO code, or nil for projects whose route names no destination.
    public let code: String?
    public let name: String
    /// The query's own total for this destination.
    public let total: Double
    public let segments: [FlowSegment]
    /// Values the data-quality rules flagged and the query left out of the
    /// total, as it names them (`gem-okaz-gas-pipeline 620563.69 bcm/y
    /// (capacity-outlier)`); empty when they were included or there are none.
    public var leftOut: [String] = []
    /// True for the bar a chart draws for the destinations beyond its limit.
    public var isOther = false
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
    public static func load(from store: DealStore, destination: String? = nil, asOf: String? = nil,
                            states: [String] = [], includeFlagged: Bool = false,
                            filter: ProjectFilter = ProjectFilter()) throws -> [FlowDestination] {
        try DateText.check(asOf, .asOf)
        let wanted = try destination.map { try NameResolver(database: store.database).country(matching: $0) }
        let selection = try filter.resolve(in: store, alias: "p")
        let query = try QueryCatalog.builtIn().query(named: "volumes-by-destination")
        var parameters: [String: String] = [:]
        if let asOf { parameters["as_of"] = asOf }
        if !states.isEmpty { parameters["state"] = states.joined(separator: ",") }
        if includeFlagged { parameters["include_flagged"] = "true" }
        let totals = try QueryRows.run(query, parameters: parameters, store: store)

        guard let steps = withClauses(of: query.sql) else {
            throw DealError(.failure, "the volumes-by-destination query has no WITH clauses to split by project")
        }
        let database = try store.readOnlyConnection()
        database.denyAttachAndExtensions()
        let split: Statement
        do {
            split = try database.makeStatement(sql: steps + "\nSELECT d.project_id, d.value, d.destination, p.name, p.status"
                + " FROM counted AS d JOIN projects AS p ON p.id = d.project_id WHERE " + selection.condition
                + " ORDER BY d.project_id")
        } catch let error as SQLiteError {
            throw DealError(.failure, "volumes-by-destination: cannot split by project (\(error.message))")
        }
        // The same values the query bound, checked by it above.
        var bound: [String: SQLiteValue] = [:]
        for parameter in query.parameters {
            guard split.parameterNames.contains(":" + parameter.name) else { continue }
            if let text = parameters[parameter.name] {
                bound[parameter.name] = try parameter.value(from: text)
            } else if case .defaultValue(let text) = parameter.requirement {
                bound[parameter.name] = try parameter.value(from: text)
            } else {
                bound[parameter.name] = .null
            }
        }
        try split.bind(named: bound)
        try split.bind(named: selection.namedArguments)
        var byDestination: [String?: [FlowSegment]] = [:]
        var cursor = split.rows()
        while let row = try cursor.next() {
            let segment = FlowSegment(project: row.string(0) ?? "", name: row.string(3) ?? "", status: row.string(4),
                                      bcmPerYear: row.double(1) ?? 0)
            // Only another tool can have stored one (import refuses them); say which.
            guard segment.bcmPerYear.isFinite else {
                throw DealError(.failure, "project \(segment.project): its capacity is \(CellText.real(segment.bcmPerYear)), "
                    + "not a number that can be drawn; `dealdb doctor` lists such values")
            }
            byDestination[row.string(2), default: []].append(segment)
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
            let total = selection.isEmpty ? totals[index, "bcm_per_year"].double ?? 0 : sum
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
        // Filtered totals can change the order; the query's is by total.
        if !selection.isEmpty {
            result = result.enumerated().sorted {
                $0.element.total != $1.element.total ? $0.element.total > $1.element.total : $0.offset < $1.offset
            }.map(\.element)
        }
        return result
    }

    /// Operating capacity sits at the bottom of a bar, then what is being
    /// built, then what is only proposed.
    static func statusOrder(_ status: String?) -> Int {
        ["operating", "construction", "proposed", "idle", "mothballed", "shelved"].firstIndex(of: status ?? "") ?? 9
    }

    /// The text of `sql` before its last top-level SELECT: the `WITH ...`
    /// part, which can then be given another final SELECT. Nil when the
    /// statement does not start with WITH.
    static func withClauses(of sql: String) -> String? {
        let bytes = Array(sql.utf8)
        var depth = 0, index = 0, lastSelect: Int?
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // Quoted text or identifier; a doubled quote stays inside.
                index += 1
                while index < bytes.count {
                    if bytes[index] == byte {
                        if index + 1 < bytes.count, bytes[index + 1] == byte { index += 2; continue }
                        break
                    }
                    index += 1
                }
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            default:
                if depth == 0, index + 6 <= bytes.count, (index == 0 || !isWordByte(bytes[index - 1])),
                   String(decoding: bytes[index..<index + 6], as: UTF8.self).uppercased() == "SELECT",
                   index + 6 == bytes.count || !isWordByte(bytes[index + 6]) {
                    lastSelect = index
                }
            }
            index += 1
        }
        guard let lastSelect else { return nil }
        let head = String(decoding: bytes[..<lastSelect], as: UTF8.self)
        return head.trimmingWhitespaceAndNewlines().uppercased().hasPrefix("WITH") ? head : nil
    }
}
