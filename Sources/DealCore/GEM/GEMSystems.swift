/// One pipeline or terminal that GEM gives as several rows (docs/GEM.md,
/// "One pipeline, one project"): the rows that share a wiki page are one
/// system, and each row is told apart as what it is, so that a sum adds the
/// system's capacity once:
///
/// - an **expansion** (length 0: compressors, looping) adds its capacity;
/// - a **whole** line contains rows drawn on its route (its **sections**),
///   which are not added again (China–Russia East: 5,111 km, 38 bcm/y, and
///   three sections of 38);
/// - rows drawn **end to end** are sections in series: one counts, the one
///   that crosses most borders (Power of Siberia 2's Russian section and the
///   Soyuz Vostok section into China), then the larger;
/// - a row that starts on another's route, shorter and smaller, is a
///   **branch** of it: its gas is the main line's, not added;
/// - anything else is a **string** or line of its own, added (Central
///   Asia–China's lines A, B, C side by side and line D by its own route;
///   TurkStream's two strings);
/// - an LNG terminal's rows are its **units** (trains), each added.
///
/// Rows without a drawn route are strings unless their length is 0: where
/// GEM does not draw them, nothing tells a section from a parallel string.
enum GEMSystems {
    /// How far apart two drawings of one pipe may lie: GEM's routes are
    /// drawn from maps of differing accuracy.
    static let toleranceKm = 25.0

    /// The part each row of `projects` plays, for rows in a system of two or
    /// more (others are systems of their own and get none).
    static func parts(of projects: [GEMProject]) -> [String: ProjectPart] {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, project) in projects.enumerated() {
            guard let wiki = project.wiki else { continue }
            let key = project.kind + " " + wiki
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        var parts: [String: ProjectPart] = [:]
        for key in order {
            guard let members = groups[key], members.count > 1 else { continue }
            let rows = members.map { projects[$0] }
            let decided = rows[0].kind == "pipeline" ? pipeline(rows) : terminal(rows)
            for (id, part) in decided { parts[id] = part }
        }
        return parts
    }

    /// A repeated row stays counted here: the data-quality rule flags its
    /// capacity, and sums leave flagged values out unless asked for them.
    private static let repeatReason = "repeats another row word for word; its capacity is flagged duplicate-row, "
        + "so sums leave it out unless flagged values are asked for"

    private static func isRepeat(_ row: GEMProject) -> Bool {
        row.qualityNotes.contains { $0.rule == "duplicate-row" }
    }

    private static func terminal(_ rows: [GEMProject]) -> [String: ProjectPart] {
        let head = rows[0].id
        var parts: [String: ProjectPart] = [:]
        for row in rows {
            parts[row.id] = isRepeat(row)
                ? ProjectPart(system: head, part: "repeat", counted: true, decidedBy: "rule", reason: repeatReason)
                : ProjectPart(system: head, part: "unit", counted: true, decidedBy: "rule",
                              reason: "a unit of the \(row.kind == "power_plant" ? "plant" : "terminal") \(head) "
                                  + "(same wiki page); its capacity is added")
        }
        return parts
    }

    /// Sections in series that the route and lengths show where the drawing
    /// does not (GEM leaves gaps of hundreds of km between sections): a
    /// section within one country that feeds a row of the page starting or
    /// ending there (Power of Siberia 2's Russian section and the Soyuz
    /// Vostok section), or rows of one route and one capacity whose
    /// lengths differ (Power of Siberia's 2,200 and 800 km), where strings
    /// laid side by side have one length (TurkStream's 930 km twice).
    private static func inSeries(_ a: GEMProject, _ b: GEMProject) -> Bool {
        let ra = a.route.map(\.country), rb = b.route.map(\.country)
        for (inner, outer) in [(ra, rb), (rb, ra)] where Set(inner).count == 1 && Set(outer).count > 1 {
            if inner.first == outer.first || inner.first == outer.last { return true }
        }
        guard ra == rb, !ra.isEmpty, let ca = a.capacityBcm, ca == b.capacityBcm,
              let la = a.lengthKm, let lb = b.lengthKm, la > 0, lb > 0 else { return false }
        return min(la, lb) < 0.9 * max(la, lb)
    }

    private static func pipeline(_ rows: [GEMProject]) -> [String: ProjectPart] {
        var decided: [String: (part: String, counted: Bool, reason: String)] = [:]
        var lines: [Int] = []
        for (index, row) in rows.enumerated() {
            if isRepeat(row) {
                decided[row.id] = ("repeat", true, repeatReason)
            } else if row.lengthKm == 0 || row.part?.lowercased().contains("expansion") == true {
                decided[row.id] = ("expansion", true, "an expansion (length 0) of the pipeline; its capacity is added")
            } else {
                lines.append(index)
            }
        }

        // A whole line: rows of its capacity whose lengths fit within its own
        // (China–Russia East: 1,067 + 1,110 + 1,480 km of a 5,111 km line;
        // GEM draws the whole line as one of them, so only lengths tell),
        // or rows drawn on its route, shorter than it.
        var inside: [Int: Int] = [:]
        // Whether `b` lies (through sections of sections) inside `a`: a row
        // is never put inside one it contains, so the chains have an end.
        func contains(_ a: Int, _ b: Int) -> Bool {
            var current = inside[b], steps = 0
            while let next = current, steps <= lines.count {
                if next == a { return true }
                current = inside[next]
                steps += 1
            }
            return false
        }
        for a in lines {
            guard let length = rows[a].lengthKm, let capacity = rows[a].capacityBcm else { continue }
            let parts = lines.filter { b in
                b != a && rows[b].capacityBcm == capacity && (rows[b].lengthKm ?? .infinity) < 0.6 * length
            }
            let total = parts.reduce(0) { $0 + (rows[$1].lengthKm ?? 0) }
            guard parts.count >= 2, total <= 1.1 * length else { continue }
            for b in parts where inside[b] == nil && !contains(b, a) { inside[b] = a }
        }
        for a in lines {
            guard let route = rows[a].geometry else { continue }
            for b in lines where b != a && inside[b] == nil && !contains(b, a) {
                guard let other = rows[b].geometry, other.lengthKm <= 0.85 * route.lengthKm,
                      route.shareNear(other, toleranceKm: toleranceKm) >= 0.8 else { continue }
                inside[b] = a
            }
        }
        // Follow a row inside a section up to the whole line it lies on.
        func outermost(_ index: Int) -> Int {
            var current = index
            while let next = inside[current] { current = next }
            return current
        }
        var wholes: [Int] = []
        for a in lines where inside[a] == nil && inside.values.contains(a) {
            wholes.append(a)
            decided[rows[a].id] = ("whole", true, "the whole line; rows drawn on its route are its sections, not added again")
        }
        for b in lines where inside[b] != nil {
            decided[rows[b].id] = ("section", false,
                                   "a section of the whole line \(rows[outermost(b)].id) (its length fits within the "
                                       + "line's, or it is drawn on the line's route); not added again")
        }

        // The rest: branches, sections in series, strings.
        let rest = lines.filter { decided[rows[$0].id] == nil }
        var chain = Array(rest.indices)  // union-find over sections in series
        func root(_ i: Int) -> Int { chain[i] == i ? i : root(chain[i]) }
        for (i, a) in rest.enumerated() {
            for (j, b) in rest.enumerated() where j > i {
                if inSeries(rows[a], rows[b]) {
                    chain[root(j)] = root(i)
                    continue
                }
                guard let ra = rows[a].geometry, let rb = rows[b].geometry else { continue }
                let tol = toleranceKm
                let sideBySide = ra.shareNear(rb, toleranceKm: tol) >= 0.8 && rb.shareNear(ra, toleranceKm: tol) >= 0.8
                if sideBySide { continue }
                let endToEnd = RouteGeometry.distanceKm(ra.last, rb.first) <= tol || RouteGeometry.distanceKm(rb.last, ra.first) <= tol
                if endToEnd { chain[root(j)] = root(i) }
            }
        }
        // A branch starts (or ends) on another row's route, away from its
        // ends, and is shorter and smaller (a section of a whole line may
        // be the main one: China–Russia East's 109 km branch).
        for side in rest {
            guard let s = rows[side].geometry else { continue }
            for main in lines where main != side && decided[rows[side].id] == nil {
                guard let m = rows[main].geometry, s.lengthKm < m.lengthKm,
                      (rows[side].capacityBcm ?? 0) < (rows[main].capacityBcm ?? .infinity),
                      [s.first, s.last].contains(where: { point in
                          m.distanceKm(to: point) <= toleranceKm
                              && RouteGeometry.distanceKm(point, m.first) > toleranceKm
                              && RouteGeometry.distanceKm(point, m.last) > toleranceKm
                      }) else { continue }
                decided[rows[side].id] = ("branch", false,
                                          "a branch off \(rows[main].id), smaller and starting on its route; its gas is the main line's, not added")
            }
        }
        var chains: [Int: [Int]] = [:]
        for (i, index) in rest.enumerated() where decided[rows[index].id] == nil { chains[root(i), default: []].append(index) }
        for members in chains.values {
            guard members.count > 1 else {
                let row = rows[members[0]]
                decided[row.id] = ("string", true, row.geometry == nil
                    ? "a line of the pipeline's wiki page; GEM draws no route that would show it to be a section, so its capacity is added"
                    : "a string or line of its own (not on another row's route, not end to end with one); its capacity is added")
                continue
            }
            let counting = members.max { a, b in
                let key = { (row: GEMProject) in (Set(row.route.map(\.country)).count, row.capacityBcm ?? 0) }
                let (ka, kb) = (key(rows[a]), key(rows[b]))
                return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 != kb.1 ? ka.1 < kb.1 : a > b
            }!
            for member in members {
                decided[rows[member].id] = member == counting
                    ? ("section", true, "a section in series with the others (end to end by route, lengths or drawing); it crosses the most borders, so it counts for the line")
                    : ("section", false, "a section in series with \(rows[counting].id), which counts for the line; not added")
            }
        }

        let head = wholes.first.map { rows[$0].id }
            ?? rows.first { decided[$0.id]?.counted == true }?.id ?? rows[0].id
        return decided.mapValues { ProjectPart(system: head, part: $0.part, counted: $0.counted, decidedBy: "rule", reason: $0.reason) }
    }
}
