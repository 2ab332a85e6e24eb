import SQLiteKit

extension DealStore {
    /// Puts back what another tool changed of the schema's triggers, views
    /// and indexes (`doctor --repair`): each one missing or different is
    /// made again from the migrations' SQL, a trigger the migrations never
    /// made is dropped (its SQL is in what this returns, so nothing is lost),
    /// and the search indexes are filled anew, since rows written while
    /// their triggers were gone are missing from them. One transaction: all
    /// of it or, on any failure, nothing. Tables are left as they are.
    ///
    /// Returns one line for each thing done; empty when there was nothing to do.
    package func repairSchema() throws -> [String] {
        try translatingSQLiteFailures(path: path) {
            try translatingInterrupts {
                try database.inTransaction(.immediate) {
                    let differences = try SchemaCheck.differences(in: database).filter(\.isRepairable)
                    let searchOutOfStep = try !DatabaseDoctor.searchIndex(database).isEmpty
                    guard !differences.isEmpty || searchOutOfStep else { return [] }
                    var done: [String] = []
                    for difference in differences {
                        switch difference {
                        case .foreignTrigger(let object):
                            try drop(object)
                            done.append("dropped trigger \(object.name) on \(object.table), which dealdb's migrations "
                                        + "never made; it was: \(object.sql)")
                        case .changed(_, let found):
                            try drop(found)
                        default:
                            break
                        }
                    }
                    for difference in differences {
                        switch difference {
                        case .missing(let object):
                            try database.execute(sql: object.sql)
                            done.append("made \(object.type) \(object.name) again (it was missing)")
                        case .changed(let expected, _):
                            try database.execute(sql: expected.sql)
                            done.append("made \(expected.type) \(expected.name) again as the migrations make it")
                        default:
                            break
                        }
                    }
                    try database.execute(sql: "INSERT INTO search_rebuild (requested) VALUES (1)")
                    done.append("filled the search indexes anew")
                    return done
                }
            }
        }
    }

    private func drop(_ object: SchemaCheck.Object) throws {
        // The kind is one of sqlite_schema's three; the name is quoted.
        try database.execute(sql: "DROP \(object.type.uppercased()) IF EXISTS \(SQLText.identifier(object.name))")
    }
}
