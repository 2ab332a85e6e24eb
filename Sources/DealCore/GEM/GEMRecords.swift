import Foundation
import SQLiteKit

/// What is the GEM import's own: turning checked rows into records (owner
/// names matched to parties, new parties named) and telling an updated
/// project from one that came back the same. The records are written by
/// RecordWriter, as a deal document's are; a newer release replaces what an
/// older one said about a project: its route, terms, start event, owners,
/// quality notes and citations.
struct GEMRecords {
    let sourceID: String
    /// Folded party names and aliases to party ids, grown as parties are created.
    private var partiesByName: [String: String] = [:]
    /// The same by PartyNameKey: another spelling of a known company.
    private var partiesByKey: [String: (id: String, qualifier: String?)] = [:]
    /// Spellings matched by key to a party already in the database, to add as its aliases.
    private var newAliases: [String: [String]] = [:]
    private var partyIDs: Set<String> = []
    private let reader: DocumentReader

    /// Projects, their notes and start events, the parties they need, and
    /// the start events that are no more (a project without a start year).
    var parties: [PartyRecord] = []
    var projects: [ProjectRecord] = []
    var notes: [String: [ProjectNote]] = [:]
    var events: [EventRecord] = []
    var goneEvents: [String] = []

    init(reader: DocumentReader, sourceID: String) throws {
        self.sourceID = sourceID
        self.reader = reader
        for (id, name) in try reader.partyNamesAndAliases() {
            partyIDs.insert(id)
            partiesByName[Self.fold(name)] = partiesByName[Self.fold(name)] ?? id
            let parts = PartyNameKey.parts(name)
            partiesByKey[parts.key] = partiesByKey[parts.key] ?? (id, parts.qualifier)
        }
        // A merged party's id stays its: a new party under it would split the company again.
        partyIDs.formUnion(try reader.mergedPartyIDs())
    }

    /// The one name rule of every lookup (TextFolding).
    static func fold(_ name: String) -> String { TextFolding.fold(name) }

    /// The records of one row; counts what the summary reports of it.
    mutating func add(_ project: GEMProject, summary: inout GEMImporter.Summary,
                      identifiers stored: [ProjectIdentifier] = [], part: ProjectPart? = nil) {
        let citation = [Citation(source: sourceID, locator: "line \(project.line)")]
        var record = ProjectRecord(id: project.id, name: project.name, kind: project.kind, commodity: project.commodity,
                                   status: project.status, note: noteText(project))
        record.route = project.route.map { RouteStop(country: $0.country, role: $0.role) }
        record.terms = project.terms.map {
            TermRecord(metric: $0.metric, value: $0.value, unit: $0.unit, text: $0.text, status: project.termStatus,
                       evidence: "reported", sources: citation)
        }
        summary.terms += record.terms.count
        record.sources = citation
        record.owners = owners(project.owners, project: project.id, summary: &summary)
        record.parents = owners(project.parents, project: project.id, summary: &summary)
        record.identifiers = identifiers(of: project, stored: stored)
        record.part = part
        record.geometry = project.place.map {
            ProjectGeometry(wkt: $0.wkt, accuracy: $0.accuracy, source: sourceID, locator: "line \(project.line)")
        }
        projects.append(record)
        notes[project.id] = project.qualityNotes.map {
            ProjectNote(rule: $0.rule, detail: $0.detail, source: sourceID, locator: "line \(project.line)", term: $0.term,
                        country: $0.country)
        }
        let eventID = project.id + "-start"
        if let year = project.startYear {
            summary.events += 1
            events.append(EventRecord(id: eventID, date: year, dateKind: project.startDateKind,
                                      title: "\(project.displayName): start of operation", project: project.id,
                                      marks: "start_of_operation", sources: citation))
        } else {
            goneEvents.append(eventID)
        }
    }

    /// Writes everything and counts projects: created, updated (the project
    /// or its start event changed), unchanged.
    func write(with writer: RecordWriter, summary: inout GEMImporter.Summary) throws {
        _ = try writer.upsert(parties + partiesWithNewAliases())
        let written = try writer.upsert(projects, notes: notes)
        let events = try writer.upsert(events)
        let gone = try writer.deleteEvents(goneEvents)
        summary.projectsCreated = written.created.count
        for project in projects where !written.created.contains(project.id) {
            let event = project.id + "-start"
            if written.written.contains(project.id) || events.written.contains(event) || gone.contains(event) {
                summary.projectsUpdated += 1
            } else {
                summary.projectsUnchanged += 1
            }
        }
    }

    /// The file's ids of the row, and those an earlier release gave it (an
    /// id GEM has since changed still names the project), in the order the
    /// reader lists them, so that an unchanged project compares equal.
    private func identifiers(of project: GEMProject, stored: [ProjectIdentifier]) -> [ProjectIdentifier] {
        var own = project.gemIDs.map { ProjectIdentifier(scheme: $0.scheme, value: $0.value, evidence: "source", source: sourceID) }
        if let wiki = project.wiki { own.append(ProjectIdentifier(scheme: "gem-wiki", value: wiki, evidence: "source", source: sourceID)) }
        let keys = Set(own.map { $0.scheme + " " + $0.value })
        return (own + stored.filter { !keys.contains($0.scheme + " " + $0.value) }).sorted {
            ($1.evidence, $0.scheme, $0.value) < ($0.evidence, $1.scheme, $1.value)
        }
    }

    private func noteText(_ project: GEMProject) -> String? {
        let parts = [project.part.map { "part: \($0)" }, project.note].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private mutating func owners(_ owners: [GEMProject.Owner], project: String,
                                 summary: inout GEMImporter.Summary) -> [ProjectOwner] {
        var placed: [ProjectOwner] = []
        var seen = Set<String>()
        for owner in owners {
            // "unknown [25.50%]": a stake whose holder GEM does not name, not a party.
            if GEMOwners.isUnnamed(owner.name) {
                placed.append(ProjectOwner(unnamed: owner.name, share: owner.share, source: sourceID))
                summary.owners += 1
                continue
            }
            let party = partyID(for: owner.name, project: project, summary: &summary)
            // GEM sometimes lists one company twice; the first share stands.
            guard seen.insert(party).inserted else { continue }
            placed.append(ProjectOwner(party: party, share: owner.share, source: sourceID))
            summary.owners += 1
        }
        return placed
    }

    /// An existing party with this name or alias (under the one name rule),
    /// else one whose name or alias has the same PartyNameKey ("QatarEnergy"
    /// for Qatar Energy), which keeps this spelling as an alias, else a new one.
    private mutating func partyID(for name: String, project: String, summary: inout GEMImporter.Summary) -> String {
        let key = Self.fold(name)
        if let id = partiesByName[key] { return id }
        let nameKey = PartyNameKey.parts(name)
        if let (id, qualifier) = partiesByKey[nameKey.key], PartyNameKey.compatible((nameKey.key, qualifier), nameKey) {
            partiesByName[key] = id
            if let index = parties.firstIndex(where: { $0.id == id }) {
                parties[index].aliases.append(name)
            } else {
                newAliases[id, default: []].append(name)
            }
            return id
        }
        var base = PartySlug.make(name)
        // A name with no letter to spell ("100%", "—") is named after the
        // project it owns, never a bare number or "party-N".
        if base.isEmpty { base = "owner-of-" + Slug.make(String(project.dropFirst(project.hasPrefix("gem-") ? 4 : 0)), maxLength: 40) }
        var id = base, number = 1
        while partyIDs.contains(id) {
            number += 1
            id = "\(base)-\(number)"
        }
        parties.append(PartyRecord(id: id, name: name, kind: Self.kind(of: name),
                                   note: "created by the GEM import (\(sourceID))"))
        partyIDs.insert(id)
        partiesByName[key] = id
        partiesByKey[nameKey.key] = partiesByKey[nameKey.key] ?? (id, nameKey.qualifier)
        summary.partiesCreated += 1
        return id
    }

    /// The database's parties that gained aliases, as they will be.
    private func partiesWithNewAliases() throws -> [PartyRecord] {
        let stored = try reader.parties(Array(newAliases.keys))
        return newAliases.keys.sorted().compactMap { id in
            guard var record = stored[id] else { return nil }
            record.aliases += newAliases[id] ?? []
            return record
        }
    }

    /// Company unless the name says otherwise.
    static func kind(of name: String) -> String {
        let lower = " " + name.lowercased() + " "
        if ["ministry", "government", "republic of", "state of ", "kingdom of", "federal "].contains(where: lower.contains) {
            return "government"
        }
        if lower.contains("development bank") || lower.contains("investment bank") { return "development_bank" }
        if lower.contains(" bank ") { return "bank" }
        if lower.contains(" fund ") || lower.contains(" swf ") { return "fund" }
        return "company"
    }
}
