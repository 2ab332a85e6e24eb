import SQLiteKit

/// An agreement's binding force with who asserts it, as the view
/// `agreement_binding` of migration 0008 says it.
enum AgreementBinding {
    /// `yes, per Gazprom; China National Petroleum Corporation unconfirmed`,
    /// or the plain value when no side can be named.
    static func describe(_ database: Database, agreement id: String) throws -> String? {
        try database.scalar(sql: "SELECT description FROM agreement_binding WHERE agreement_id = ?",
                            arguments: [.text(id)]).string
    }
}
