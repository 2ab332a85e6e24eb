import Foundation
import SQLiteKit

/// A column as `pragma_table_info` describes it, and how a CSV cell becomes
/// a value of its declared type.
struct TableColumn: Sendable {
    enum Affinity: Sendable { case integer, real, text, blob, any }

    let name: String
    let declaredType: String
    let notNull: Bool
    let primaryKey: Bool
    let affinity: Affinity

    init(name: String, declaredType: String, notNull: Bool, primaryKey: Bool) {
        self.name = name
        self.declaredType = declaredType
        self.notNull = notNull
        self.primaryKey = primaryKey
        // Our tables are STRICT, so the declared type is one of these words.
        switch declaredType.uppercased() {
        case "INTEGER", "INT": affinity = .integer
        case "REAL": affinity = .real
        case "TEXT": affinity = .text
        case "BLOB": affinity = .blob
        default: affinity = .any
        }
    }

    /// An INTEGER PRIMARY KEY left empty takes the next rowid, as in SQL.
    private var acceptsNull: Bool { !notNull || (primaryKey && affinity == .integer) }

    /// The value of one cell. A bare empty cell is NULL; a quoted empty one
    /// (`""`, as our writer prints an empty string) is the empty text.
    /// Returns nil with `problem` set when the cell does not fit the column.
    func value(of cell: String, quoted: Bool, problem: inout String?) -> SQLiteValue {
        if cell.isEmpty && !quoted {
            if acceptsNull { return .null }
            problem = "\(name): empty, but the column needs a value (NOT NULL)"
            return .null
        }
        switch affinity {
        case .integer:
            if let number = Int64(cell) { return .integer(number) }
            problem = "\(name): expected an integer, found \(Self.quote(cell))"
        case .real:
            // Never Inf or NaN: SQLite would keep +Inf, and JSON cannot carry it.
            let reading = DecimalNumber.read(cell)
            if case .number(let number) = reading { return .real(number) }
            problem = "\(name): " + (DecimalNumber.problem(reading, text: cell) ?? "")
        case .text, .any:
            return .text(cell)
        case .blob:
            if let data = Self.data(hex: cell) { return .blob(data) }
            problem = "\(name): expected hexadecimal bytes, found \(Self.quote(cell))"
        }
        return .null
    }

    /// Binds one cell, read as bytes, at `position` of `statement`: the
    /// same conversion as `value(of:quoted:problem:)`, with integers and
    /// text taken straight from the bytes (a bulk load spent a third of its
    /// time making a String of every cell). Returns the problem, if any.
    func bind(_ cell: UnsafeBufferPointer<UInt8>, quoted: Bool, to statement: Statement,
              at position: Int32) throws -> String? {
        if !cell.isEmpty || quoted {
            switch affinity {
            case .text, .any:
                try statement.bindText(cell, at: position)
                return nil
            case .integer:
                if let number = Self.integer(cell) {
                    try statement.bindInteger(number, at: position)
                    return nil
                }
            case .real, .blob:
                break
            }
        }
        var problem: String?
        let value = value(of: String(decoding: cell, as: UTF8.self), quoted: quoted, problem: &problem)
        if problem == nil { try statement.bindValue(value, at: position) }
        return problem
    }

    /// Decimal digits with an optional sign, as `Int64(String)` reads them;
    /// nil for anything else or on overflow.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        var number: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            // Accumulate negatively so that Int64.min fits.
            let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times.subtractingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            number = next
            index += 1
        }
        if negative { return number }
        let (positive, overflow) = (0 as Int64).subtractingReportingOverflow(number)
        return overflow ? nil : positive
    }

    static func quote(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
        return "\"" + shown + "\""
    }

    /// Lowercase or uppercase hex, as the writer prints blobs.
    static func data(hex: String) -> Data? {
        let bytes = Array(hex.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
        var data = Data(capacity: bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    /// The columns of `table`, in order.
    static func columns(of table: String, in database: Database) throws -> [TableColumn] {
        try database.fetchAll(sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid",
                              arguments: [.text(table)]).map { row in
            TableColumn(name: row.string(0) ?? "", declaredType: row.string(1) ?? "",
                        notNull: (row.int64(2) ?? 0) != 0, primaryKey: (row.int64(3) ?? 0) != 0)
        }
    }
}
