import CSQLite

/// A SQLite result code, primary (`SQLITE_CONSTRAINT`, 19) or extended
/// (`SQLITE_CONSTRAINT_UNIQUE`, 2067). Extended codes are C macros built
/// from the primary ones, which Swift does not import, so they are named
/// here once: nobody else spells a bare number.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(integerLiteral value: Int32) { self.rawValue = value }

    /// The primary code of an extended one (the low byte); itself for a primary code.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }
    public var isExtended: Bool { rawValue > 0xFF }

    public var description: String { String(rawValue) }

    /// An extended code: the primary one in the low byte, a refinement above.
    private static func extended(_ primary: Int32, _ refinement: Int32) -> ResultCode {
        ResultCode(rawValue: primary | (refinement << 8))
    }

    // Primary codes.
    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let authorization = ResultCode(rawValue: SQLITE_AUTH)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)

    // Extended codes (sqlite3.h: `#define SQLITE_CONSTRAINT_CHECK (SQLITE_CONSTRAINT | (1<<8))`).
    public static let constraintCheck = extended(SQLITE_CONSTRAINT, 1)
    public static let constraintForeignKey = extended(SQLITE_CONSTRAINT, 3)
    public static let constraintNotNull = extended(SQLITE_CONSTRAINT, 5)
    public static let constraintPrimaryKey = extended(SQLITE_CONSTRAINT, 6)
    public static let constraintUnique = extended(SQLITE_CONSTRAINT, 8)
    /// The `-shm` file of WAL mode could not be opened, grown, locked or mapped.
    public static let ioErrorSharedMemoryOpen = extended(SQLITE_IOERR, 18)
    public static let ioErrorSharedMemorySize = extended(SQLITE_IOERR, 19)
    public static let ioErrorSharedMemoryLock = extended(SQLITE_IOERR, 20)
    public static let ioErrorSharedMemoryMap = extended(SQLITE_IOERR, 21)

    /// An extended code matches itself; a primary code matches every
    /// extended code it is the primary of:
    /// `catch let error as SQLiteError where ResultCode.constraint ~= error.extendedCode`.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isExtended ? pattern == code : pattern == code.primary
    }
}
