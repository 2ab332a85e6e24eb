import SQLiteKit

/// One mark on the timeline: a row of the built-in `timeline` query.
package struct TimelineItem: Sendable, Equatable {
    package enum Kind: String, Sendable { case event, signing, planned }

    package let date: String
    package let kind: Kind
    package let title: String
    package let agreement: String?
    package let project: String?

    /// The stretch of time the date stands for, in fractional years: a whole
    /// year or month for dates known only that far, a point for a day.
    var span: (start: Double, end: Double, isPoint: Bool) {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let year = Double(parts[0])
        switch parts.count {
        case 1: return (year, year + 1, false)
        case 2: return (year + Double(parts[1] - 1) / 12, year + Double(parts[1]) / 12, false)
        default:
            let leap = parts[0] % 4 == 0 && (parts[0] % 100 != 0 || parts[0] % 400 == 0)
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let dayOfYear = lengths.prefix(parts[1] - 1).reduce(0, +) + parts[2] - 1
            let point = year + (Double(dayOfYear) + 0.5) / Double(leap ? 366 : 365)
            return (point, point, true)
        }
    }
}

/// A horizontal band of the timeline: one project's or one party's items.
package struct TimelineLane: Sendable, Equatable {
    package let name: String
    package let items: [TimelineItem]
}

/// What `dealdb chart timeline` was asked for.
package struct TimelineOptions: Sendable {
    package var projects: [String]
    package var parties: [String]
    package var since: String?
    /// Only these projects' items (the filters of `dealdb projects`); with
    /// any filter set, items tied to no project are left out.
    package var filter: ProjectFilter

    package init(projects: [String] = [], parties: [String] = [], since: String? = nil,
                filter: ProjectFilter = ProjectFilter()) {
        self.projects = projects
        self.parties = parties
        self.since = since
        self.filter = filter
    }
}

extension TimelineLane {
    /// The lanes for `options`, each read through the built-in `timeline`
    /// query with that lane's party or project, so that the chart shows
    /// exactly what `dealdb query timeline -p ...` lists.
    package static func load(from store: DealStore, options: TimelineOptions) throws -> [TimelineLane] {
        try store.translatingFailures {
            try DateText.check(options.since, .since)
            let resolver = NameResolver(database: store.database)
            var projectIDs: [String] = []
            for text in options.projects {
                let id = try resolver.project(matching: text)
                if !projectIDs.contains(id) { projectIDs.append(id) }
            }
            var selected: Set<String>?
            if !options.filter.isEmpty {
                let selection = try options.filter.resolve(in: store, alias: "p")
                selected = Set(try store.database.fetchAll(sql: selection.ids, named: selection.namedArguments)
                    .compactMap { $0.string(0) })
            }
            func wanted(_ project: String?) -> Bool {
                guard let selected else { return true }
                return project.map(selected.contains) ?? false
            }
            var lanes: [TimelineLane] = []
            if !options.parties.isEmpty {
                var seen = Set<String>()
                for text in options.parties {
                    for id in try resolver.parties(matching: text) where seen.insert(id).inserted {
                        var items = try items(store: store, parameters: ["party": id])
                        if !projectIDs.isEmpty { items = items.filter { $0.project.map(projectIDs.contains) ?? false } }
                        items = items.filter { wanted($0.project) }
                        lanes.append(TimelineLane(name: try displayName(of: "parties", id, store: store), items: items))
                    }
                }
            } else if !projectIDs.isEmpty {
                for id in projectIDs where wanted(id) {
                    lanes.append(TimelineLane(name: try displayName(of: "projects", id, store: store),
                                              items: try items(store: store, parameters: ["project": id])))
                }
            } else {
                // One pass, grouped by project in the order of each one's first
                // item: a tracker's thousands of projects make a lane each.
                var order: [String?] = []
                var grouped: [String?: [TimelineItem]] = [:]
                for item in try items(store: store, parameters: [:]) where wanted(item.project) {
                    if grouped[item.project] == nil { order.append(item.project) }
                    grouped[item.project, default: []].append(item)
                }
                // Items tied to no project go last, under their own heading.
                order.sort { ($0 == nil ? 1 : 0) < ($1 == nil ? 1 : 0) }
                let names = try projectNames(store: store)
                for project in order {
                    let name = project.map { "\(names[$0] ?? $0) (\($0))" } ?? "Not tied to a project"
                    lanes.append(TimelineLane(name: name, items: grouped[project] ?? []))
                }
            }
            guard let since = options.since else { return lanes }
            return lanes.map { lane in
                TimelineLane(name: lane.name, items: lane.items.filter { DateText.compare($0.date, since) >= 0 })
            }
        }
    }

    private static func items(store: DealStore, parameters: [String: String]) throws -> [TimelineItem] {
        let result = try QueryRows.builtIn("timeline", parameters: parameters, store: store)
        return result.rows.indices.compactMap { index in
            guard let date = result[index, "date"].string, DateText.isValid(date),
                  let kind = result[index, "kind"].string.flatMap(TimelineItem.Kind.init(rawValue:)) else { return nil }
            return TimelineItem(date: date, kind: kind, title: result[index, "title"].string ?? "",
                                agreement: result[index, "agreement"].string, project: result[index, "project"].string)
        }
    }

    private static func projectNames(store: DealStore) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try store.database.fetchAll(sql: "SELECT id, name FROM projects") {
            if let id = row.string(0) { names[id] = row.string(1) }
        }
        return names
    }

    /// "Power of Siberia 2 (pos-2)": the name a reader knows and the id to type.
    private static func displayName(of table: String, _ id: String, store: DealStore) throws -> String {
        let sql = table == "parties" ? "SELECT name FROM parties WHERE id = ?" : "SELECT name FROM projects WHERE id = ?"
        let name = try store.database.scalar(sql: sql, arguments: [.text(id)]).string ?? id
        return "\(name) (\(id))"
    }
}
