import SQLiteKit

/// Writes the database, or the part around one record, as a deal document.
package struct DocumentExporter {
    package enum Selection: Sendable, Equatable {
        case all
        case agreement(String)
        case project(String)
        case party(String)
        case source(String)
        case event(String)
    }

    package enum Format: String, Sendable, CaseIterable {
        case yaml, json
    }

    let database: Database
    /// The database as the user named it, for messages.
    let path: String?

    package init(store: DealStore) {
        self.init(database: store.database, path: store.path)
    }

    init(database: Database, path: String? = nil) {
        self.database = database
        self.path = path
    }

    package func export(_ selection: Selection, format: Format) throws -> String {
        let document = try self.document(selection)
        let value = DocumentEncoder.value(document)
        if let path = value.firstNonFinite() {
            throw DealError(.failure, "cannot export: \(path) is infinite, which a document cannot hold "
                + "(JSON has no such number, and import refuses it); `dealdb doctor` lists every such value")
        }
        switch format {
        case .yaml: return try value.yaml()
        case .json: return value.json() + "\n"
        }
    }

    /// The selected records together with everything they refer to, so that
    /// importing the result into an empty database succeeds.
    package func document(_ selection: Selection) throws -> DealDocument {
        try translatingSQLiteFailures(path: path) {
            let reader = DocumentReader(database: database)
            guard selection != .all else { return try reader.all() }

            var agreements: Set<String> = [], projects: Set<String> = [], parties: Set<String> = []
            var events: Set<String> = [], sources = Set<String>()
            switch selection {
            case .all:
                break
            case .agreement(let id):
                try requireExisting(.agreement, id, reader: reader)
                agreements = [id]
                events = try ids("SELECT id FROM events WHERE agreement_id = ?", id)
            case .project(let id):
                try requireExisting(.project, id, reader: reader)
                projects = [id]
                agreements = try ids("SELECT id FROM agreements WHERE project_id = ?", id)
                events = try ids("SELECT id FROM events WHERE project_id = ?", id)
            case .party(let id):
                try requireExisting(.party, id, reader: reader)
                parties = [id]
                agreements = try ids("SELECT DISTINCT agreement_id FROM agreement_parties WHERE party_id = ?", id)
                events = try ids("SELECT event_id FROM event_parties WHERE party_id = ?", id)
                // The projects it owns, directly or as a parent company.
                projects = try ids("SELECT DISTINCT project_id FROM project_owners WHERE party_id = ?", id)
            case .source(let id):
                try requireExisting(.source, id, reader: reader)
                sources = [id]
            case .event(let id):
                guard try reader.event(id) != nil else {
                    throw DealError(.failure, "no event with id \"\(id)\"" + Suggestions.hint(for: id, in: try reader.eventIDs()))
                }
                events = [id]
            }

            var document = DealDocument()
            document.events = try reader.inOrder(events.sorted(), reader.events)
            agreements.formUnion(document.events.compactMap(\.agreement))
            document.agreements = try reader.inOrder(agreements.sorted(), reader.agreements)
            projects.formUnion(document.agreements.compactMap(\.project))
            projects.formUnion(document.events.compactMap(\.project))
            document.projects = try reader.inOrder(projects.sorted(), reader.projects)
            parties.formUnion(document.agreements.flatMap { $0.parties.map(\.party) })
            parties.formUnion(document.events.flatMap(\.parties))
            parties.formUnion(document.projects.flatMap { ($0.owners + $0.parents).compactMap(\.party) })
            document.parties = try reader.inOrder(parties.sorted(), reader.parties)

            func cite(_ citations: [Citation]) { sources.formUnion(citations.map(\.source)) }
            for project in document.projects {
                cite(project.sources)
                project.terms.forEach { cite($0.sources) }
                sources.formUnion((project.owners + project.parents).map(\.source))
                if let drawn = project.geometry?.source { sources.insert(drawn) }
            }
            for agreement in document.agreements {
                cite(agreement.sources)
                agreement.terms.forEach { cite($0.sources) }
                agreement.parties.forEach { cite($0.sources) }
            }
            document.events.forEach { cite($0.sources) }
            document.sources = try reader.inOrder(sources.sorted(), reader.sources)
            document.agreements.sort { ($0.signed ?? "", $0.id) < ($1.signed ?? "", $1.id) }
            document.events.sort { ($0.date, $0.id) < ($1.date, $1.id) }
            return document
        }
    }

    private func requireExisting(_ kind: DocumentReference.Kind, _ id: String, reader: DocumentReader) throws {
        guard try !reader.exists(kind, id) else { return }
        let known: [String]
        switch kind {
        case .agreement: known = try reader.agreementIDs()
        case .project: known = try reader.projectIDs()
        case .party: known = try reader.partyIDs()
        case .source: known = try reader.sourceIDs()
        }
        throw DealError(.failure, "no \(kind.rawValue) with id \"\(id)\"" + Suggestions.hint(for: id, in: known))
    }

    private func ids(_ sql: String, _ id: String) throws -> Set<String> {
        Set(try database.fetchAll(sql: sql, arguments: [.text(id)]).compactMap { $0.string(0) })
    }
}
