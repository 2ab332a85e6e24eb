import Foundation
import SQLiteKit

/// The releases a database has imported and what each said (migration
/// 0018, tables releases and release_rows; docs/CHANGES.md, "History"): a
/// GEM import records its release (file name, date, checksum, header) and
/// each row as a comparison reads it, under the project the row was matched
/// to. A stored release can then be compared with another, or with a file,
/// without the old file, and `show` can say since when a project has had
/// its status.
package enum ReleaseHistory {
    /// `dealdb import --from gem`, keeping the release's history.
    package static func importFile(_ store: DealStore, path: String, options: GEMImporter.Options) throws
        -> GEMImporter.Summary {
        var options = options
        options.recorder = { database, file, projects in try record(database, file: file, projects: projects) }
        return try GEMImporter(store: store).run(path: path, options: options)
    }

    static func record(_ database: Database, file: GEMFile, projects: [GEMProject]) throws {
        let id = file.release.sourceID
        let checksum = SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: file.path)))
        let header = String(decoding: try JSONEncoder().encode(file.header), as: UTF8.self)
        let stamp = ISO8601DateFormatter().string(from: Date())
        // The same release imported again replaces what it said.
        try database.execute(sql: "DELETE FROM releases WHERE id = ?", arguments: [.text(id)])
        try database.execute(sql: """
            INSERT INTO releases (id, tracker, layout, file_name, published, checksum, row_count, header, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [.text(id), .text(file.release.tracker.acronym), .text(file.layout.kind.rawValue),
                             .text(file.release.fileName), file.release.published.map { .text($0) } ?? .null,
                             .text(checksum), .integer(Int64(file.rows)), .text(header), .text(stamp)])
        let side = ChangeSide(file: file, projects: projects, label: file.release.fileName)
        let insert = try database.cachedStatement(sql: """
            INSERT OR REPLACE INTO release_rows (release_id, project_id, line, record) VALUES (?, ?, ?, ?)
            """)
        let encoder = JSONEncoder()
        for record in side.records {
            try insert.bind([.text(id), .text(record.id), .integer(Int64(record.line)),
                             .text(String(decoding: try encoder.encode(record), as: UTF8.self))])
            try insert.run()
        }
    }

    /// A stored release named by its id (`gem-gogpt-map-2023-08`), its
    /// file's name, or its date (`2023-08`), when one release has it.
    static func find(_ name: String, database: Database) throws -> String? {
        let rows = try database.fetchAll(sql: """
            SELECT id FROM releases WHERE id = ?1 OR file_name = ?1 OR published = ?1 ORDER BY id
            """, arguments: [.text(name)])
        guard rows.count <= 1 else {
            throw DealError(.usage, "\(rows.count) stored releases answer to \"\(name)\": "
                                + rows.compactMap { $0.string(0) }.joined(separator: ", ") + "; name one by its id")
        }
        return rows.first?.string(0)
    }

    /// The stored releases, oldest first, as `id (file, date)` lines for a message.
    static func list(_ database: Database) throws -> [String] {
        try database.fetchAll(sql: "SELECT id, file_name FROM releases ORDER BY published, id").map {
            "\($0.string(0) ?? "") (\($0.string(1) ?? ""))"
        }
    }

    /// A stored release as one side of a comparison.
    static func side(_ id: String, database: Database) throws -> ChangeSide {
        guard let row = try database.fetchAll(sql: "SELECT layout, file_name, header FROM releases WHERE id = ?",
                                              arguments: [.text(id)]).first,
              let layoutName = row.string(0), let file = row.string(1), let headerText = row.string(2),
              let kind = GEMLayout.Kind(rawValue: layoutName),
              let layout = GEMLayout.all.first(where: { $0.kind == kind }) else {
            throw DealError(.invalidData, "release \(id) is not stored whole; import its file again")
        }
        let header = try JSONDecoder().decode([String].self, from: Data(headerText.utf8))
        let decoder = JSONDecoder()
        var records: [ChangeRecord] = []
        for row in try database.fetchAll(sql: "SELECT record FROM release_rows WHERE release_id = ? ORDER BY line",
                                         arguments: [.text(id)]) {
            records.append(try decoder.decode(ChangeRecord.self, from: Data((row.string(0) ?? "").utf8)))
        }
        let release = GEMRelease(layout: layout, file: file, mapFile: header.contains { $0.lowercased() == "url" })
        return ChangeSide(layout: layout, header: header, release: release, label: id, records: records)
    }

    /// The latest stored release of the tracker and layout `id` belongs to.
    static func latest(after id: String, database: Database) throws -> String? {
        try database.fetchAll(sql: """
            SELECT r.id FROM releases AS r JOIN releases AS o ON o.id = ?
            WHERE r.tracker = o.tracker AND r.layout = o.layout
            ORDER BY r.published DESC, r.imported_at DESC LIMIT 1
            """, arguments: [.text(id)]).first?.string(0)
    }

    /// Each release that gave the project, oldest first, with the status it said.
    static func statuses(of project: String, database: Database) throws -> [(release: String, published: String?, status: String?)] {
        let decoder = JSONDecoder()
        return try database.fetchAll(sql: """
            SELECT r.id, r.published, x.record FROM release_rows AS x JOIN releases AS r ON r.id = x.release_id
            WHERE x.project_id = ? ORDER BY r.published, r.imported_at
            """, arguments: [.text(project)]).map { row in
            let record = try decoder.decode(ChangeRecord.self, from: Data((row.string(2) ?? "").utf8))
            return (row.string(0) ?? "", row.string(1), record.status)
        }
    }

    /// "operating (since the 2024-08-29 release; construction before)", when
    /// the releases a project was imported from say it had another status
    /// before; nil when they never said otherwise.
    static func statusSince(_ project: String, current: String?, database: Database) throws -> String? {
        let said = try statuses(of: project, database: database).map {
            (release: $0.published ?? $0.release, status: $0.status.flatMap { GEMStatus.map($0) ?? nil })
        }
        guard let current, let last = said.last, last.status == current else { return nil }
        var index = said.count - 1
        while index > 0 && said[index - 1].status == current { index -= 1 }
        guard index > 0 else { return nil }
        let before = said[index - 1].status ?? "no status"
        return "\(current) (since the \(said[index].release) release; \(before) before)"
    }
}
