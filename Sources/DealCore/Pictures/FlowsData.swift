import Foundation
import SQLiteKit

/// One project's share of the capacity into a destination.
public struct FlowSegment: Sendable, Equatable {
    public let project: String
    public let name: String
    /// The project's status (operating, construction, proposed, ...), or nil.
    public let status: String?
    public let bcmPerYear: Double
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
}

extension FlowDestination {
    /// Reads the built-in `volumes-by-destination` query. Its totals are the
    /// query's output itself; the split by project comes from the same
    /// query's `destined` step (its WITH clauses with a final SELECT of our
    /// own), and must add up to those totals or the chart is refused.
    public static func load(from store: DealStore, destination: String? = nil, asOf: String? = nil) throws -> [FlowDestination] {
        if let asOf, !DateText.isValid(asOf) {
            throw DealError(.usage, "--as-of: invalid date \"\(asOf)\"; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
        let wanted = try destination.map { try NameResolver(database: store.database).country(matching: $0) }
        let query = try QueryCatalog.builtIn().query(named: "volumes-by-destination")
        let totals = try QueryRows.run(query, parameters: asOf.map { ["as_of": $0] } ?? [:], store: store)

        guard let steps = withClauses(of: query.sql) else {
            throw DealError(.failure, "the volumes-by-destination query has no WITH clauses to split by project")
        }
        let database = try store.readOnlyConnection()
        database.denyAttachAndExtensions()
        let split: Statement
        do {
            split = try database.makeStatement(sql: steps + "\nSELECT d.project_id, d.value, d.destination, p.name, p.status"
                + " FROM destined AS d JOIN projects AS p ON p.id = d.project_id ORDER BY d.project_id")
        } catch let error as SQLiteError {
            throw DealError(.failure, "volumes-by-destination: cannot split by project (\(error.message))")
        }
        if split.parameterNames.contains(":as_of") { try split.bind(named: ["as_of": SQLiteValue(asOf)]) }
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
            let total = totals[index, "bcm_per_year"].double ?? 0
            let segments = (byDestination[code] ?? []).sorted {
                (statusOrder($0.status), -$0.bcmPerYear, $0.project) < (statusOrder($1.status), -$1.bcmPerYear, $1.project)
            }
            let sum = segments.reduce(0) { $0 + $1.bcmPerYear }
            guard abs(sum - total) <= 1e-9 * max(1, abs(total)) else {
                throw DealError(.failure, "volumes-by-destination: the projects into \(code ?? "no destination") add up to "
                    + "\(sum) bcm/y but the query says \(total); the chart would not match the query")
            }
            let name = totals[index, "destination_name"].string
            result.append(FlowDestination(code: code, name: code.map { "\(name ?? $0) (\($0))" } ?? "No destination recorded",
                                          total: total, segments: segments))
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
