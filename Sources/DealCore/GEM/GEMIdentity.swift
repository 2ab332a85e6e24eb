import SQLiteKit

/// Which stored project a GEM row is (docs/GEM.md, "One project across
/// files"): GEM's own id where the file has one, else the stored row of the
/// same wiki page that is most alike (unit or segment, capacity, length,
/// start year, status, route, and the id an earlier import gave it), else
/// the same name and route. A row without a wiki page keeps the id an
/// earlier import gave it. A row matched by none is a new project. Each
/// stored project is matched at most once per file.
struct GEMIdentity {
    enum Match: String, CaseIterable, Sendable {
        case gemID = "GEM id"
        case sameID = "the id of an earlier import"
        case wikiPage = "wiki page and part"
        case nameAndRoute = "name and route"
    }

    /// What a stored project is compared on.
    private struct Stored {
        let id: String
        let kind: String
        let name: String
        let status: String?
        let capacity: Double?
        let length: Double?
        let startYear: String?
        let route: [String]
        let part: String?
        var identifiers: [ProjectIdentifier] = []
        var analystPart: ProjectPart?
    }

    private var stored: [String: Stored] = [:]
    private var byIdentifier: [String: [String]] = [:]
    private var byWiki: [String: [String]] = [:]
    private var byNameAndRoute: [String: [String]] = [:]
    private var claimed: Set<String> = []

    init(database: Database) throws {
        for row in try database.fetchAll(sql: """
            SELECT p.id, p.kind, p.name, p.status,
                   -- A plant's capacity is in MW (it has no bcm/y).
                   coalesce(o.capacity_bcm_y, (SELECT t.value FROM terms AS t WHERE t.project_id = p.id
                                               AND t.metric = 'capacity' AND t.unit = 'MW' ORDER BY t.position LIMIT 1)),
                   o.length_km, o.start_year,
                   (SELECT group_concat(country, ',') FROM (SELECT country FROM project_route AS r
                    WHERE r.project_id = p.id ORDER BY r.position)),
                   p.note
            FROM projects AS p JOIN project_overview AS o ON o.id = p.id
            WHERE p.id GLOB 'gem-*' OR EXISTS (SELECT 1 FROM project_identifiers AS i
                                               WHERE i.project_id = p.id AND i.evidence = 'source')
            """) {
            guard let id = row.string(0) else { continue }
            let part = row.string(8).flatMap(Self.part(inNote:))
            stored[id] = Stored(id: id, kind: row.string(1) ?? "", name: row.string(2) ?? "", status: row.string(3),
                                capacity: row.double(4), length: row.double(5), startYear: row.int64(6).map { String($0) },
                                route: (row.string(7) ?? "").split(separator: ",").map(String.init), part: part)
            byNameAndRoute[Self.nameKey(row.string(2) ?? "", row.string(1) ?? "", stored[id]!.route), default: []].append(id)
        }
        for row in try database.fetchAll(sql: "SELECT project_id, scheme, value, evidence, source_id FROM project_identifiers") {
            guard let id = row.string(0), stored[id] != nil, let scheme = row.string(1), let value = row.string(2) else { continue }
            stored[id]?.identifiers.append(ProjectIdentifier(scheme: scheme, value: value, evidence: row.string(3) ?? "",
                                                             source: row.string(4)))
            guard row.string(3) == "source" else { continue }
            if scheme == "gem-wiki" { byWiki[GEMValue.wikiKey(value) ?? value, default: []].append(id) } else { byIdentifier[scheme + " " + value, default: []].append(id) }
        }
        for row in try database.fetchAll(sql: """
            SELECT project_id, system_id, part, counted, reason FROM project_parts WHERE decided_by = 'analyst'
            """) {
            guard let id = row.string(0), stored[id] != nil else { continue }
            stored[id]?.analystPart = ProjectPart(system: row.string(1) ?? "", part: row.string(2) ?? "",
                                                  counted: row.int64(3) == 1, decidedBy: "analyst", reason: row.string(4) ?? "")
        }
    }

    /// The import's note keeps a row's segment or unit as `part: ...`.
    private static func part(inNote note: String) -> String? {
        guard note.hasPrefix("part: ") else { return nil }
        return String(note.dropFirst(6).prefix { $0 != ";" })
    }

    private static func nameKey(_ name: String, _ kind: String, _ route: [String]) -> String {
        kind + "|" + TextFolding.fold(name) + "|" + route.joined(separator: ",")
    }

    /// The stored identifiers of a matched project (kept beside the file's:
    /// an id from another release still names it) and an analyst's part.
    func carried(for id: String) -> (identifiers: [ProjectIdentifier], part: ProjectPart?) {
        (stored[id]?.identifiers ?? [], stored[id]?.analystPart)
    }

    /// Gives each row the id of the stored project it is, where there is
    /// one, and says how each was matched.
    mutating func resolve(_ projects: inout [GEMProject]) -> [Match: Int] {
        var matches: [Match: Int] = [:]
        var open: [Int] = []
        for index in projects.indices {
            let project = projects[index]
            if let key = project.rowID, let id = byIdentifier[key.scheme + " " + key.value]?.first(where: free) {
                take(id, for: &projects[index], how: .gemID, into: &matches)
            } else if project.wiki == nil, let found = stored[project.id], free(found.id), found.kind == project.kind {
                take(found.id, for: &projects[index], how: .sameID, into: &matches)
            } else {
                open.append(index)
            }
        }
        // Rows of one wiki page against the stored rows of that page, most
        // alike first; the id an earlier import gave a row counts for much
        // but not all (a release that reorders a page's rows renumbers them).
        // A project stored before identifiers existed is a candidate by its id.
        var pairs: [(score: Int, row: Int, id: String)] = []
        for index in open {
            guard let wiki = projects[index].wiki.flatMap(GEMValue.wikiKey) else { continue }
            var candidates = byWiki[wiki] ?? []
            if let legacy = stored[projects[index].id], legacy.identifiers.isEmpty { candidates.append(legacy.id) }
            for id in candidates where free(id) && stored[id]?.kind == projects[index].kind {
                let sameID = id == projects[index].id ? 5 : 0
                pairs.append((similarity(stored[id]!, projects[index]) + sameID, index, id))
            }
        }
        var placed = Set<Int>()
        for pair in pairs.sorted(by: { $0.score != $1.score ? $0.score > $1.score : ($0.row, $0.id) < ($1.row, $1.id) })
        where !placed.contains(pair.row) && free(pair.id) {
            placed.insert(pair.row)
            let how: Match = pair.id == projects[pair.row].id ? .sameID : .wikiPage
            take(pair.id, for: &projects[pair.row], how: how, into: &matches)
        }
        for index in open where !placed.contains(index) {
            let project = projects[index]
            let key = Self.nameKey(project.name, project.kind, project.route.map(\.country))
            if let id = byNameAndRoute[key]?.first(where: { free($0) && stored[$0].map { wikiAgrees($0, project) } == true }) {
                take(id, for: &projects[index], how: .nameAndRoute, into: &matches)
            } else if stored[project.id] != nil {
                // A new project whose id an unrelated stored project holds.
                var number = 2
                while stored["\(project.id)-\(number)"] != nil || claimed.contains("\(project.id)-\(number)") { number += 1 }
                projects[index].id = "\(project.id)-\(number)"
                claimed.insert(projects[index].id)
            }
        }
        return matches
    }

    private func free(_ id: String) -> Bool { !claimed.contains(id) }

    private mutating func take(_ id: String, for project: inout GEMProject, how: Match, into matches: inout [Match: Int]) {
        claimed.insert(id)
        project.id = id
        matches[how, default: 0] += 1
    }

    /// A stored project of another wiki page is another project, whatever its id.
    private func wikiAgrees(_ found: Stored, _ project: GEMProject) -> Bool {
        let pages = found.identifiers.filter { $0.scheme == "gem-wiki" }.compactMap { GEMValue.wikiKey($0.value) }
        guard let wiki = GEMValue.wikiKey(project.wiki), !pages.isEmpty else { return true }
        return pages.contains(wiki)
    }

    private func similarity(_ found: Stored, _ project: GEMProject) -> Int {
        var score = 0
        if let part = project.part, let other = found.part, TextFolding.fold(part) == TextFolding.fold(other) { score += 4 }
        if let capacity = project.capacityBcm ?? project.capacityMW, let other = found.capacity, abs(capacity - other) <= 0.01 * max(capacity, 0.01) {
            score += 3
        }
        if let length = project.lengthKm, let other = found.length, abs(length - other) <= 0.02 * max(length, 1) { score += 3 }
        if project.startYear != nil && project.startYear == found.startYear { score += 2 }
        if project.status == found.status { score += 1 }
        if project.route.map(\.country) == found.route { score += 1 }
        return score
    }
}
