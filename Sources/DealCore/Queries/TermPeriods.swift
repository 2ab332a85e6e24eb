import SQLiteKit

/// When terms are in force, as the view `term_periods` of migration 0008
/// defines it (docs/FORMAT.md, "When a term is in force"), for the pages
/// that show one record.
enum TermPeriods {
    struct Period: Sendable, Equatable {
        let starts: String?
        let ends: String?

        /// In force on `date`, compared at the coarser precision: a term that
        /// ends on 2025-09-02 is in force "as of 2025", and so is the one
        /// that starts that day.
        func contains(_ date: String) -> Bool {
            let started = starts.map { DateText.compare($0, date) <= 0 } ?? true
            let over = ends.map { DateText.compare($0, date) < 0 } ?? false
            return started && !over
        }
    }

    /// The periods of the terms of one agreement or project, in position
    /// order (the order DocumentReader gives its terms in).
    static func of(_ database: Database, agreement id: String) throws -> [Period] {
        try read(database, sql: """
            SELECT p.starts, p.ends FROM terms AS t JOIN term_periods AS p ON p.term_id = t.id
            WHERE t.agreement_id = ? ORDER BY t.position
            """, id)
    }

    static func of(_ database: Database, project id: String) throws -> [Period] {
        try read(database, sql: """
            SELECT p.starts, p.ends FROM terms AS t JOIN term_periods AS p ON p.term_id = t.id
            WHERE t.project_id = ? ORDER BY t.position
            """, id)
    }

    private static func read(_ database: Database, sql: String, _ id: String) throws -> [Period] {
        try database.fetchAll(sql: sql, arguments: [.text(id)]).map { Period(starts: $0.string(0), ends: $0.string(1)) }
    }
}
