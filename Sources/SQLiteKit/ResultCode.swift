import CSQLite

/// A SQLite result code, primary (`SQLITE_CONSTRAINT`, 19) or extended
/// (`SQLITE_CONSTRAINT_UNIQUE`, 2067). Extended codes are C macros built
/// from the primary ones, which Swift does not import, so they are named
/// here once: nobody else spells a bare number.
package struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    package let rawValue: Int32

    package init(rawValue: Int32) { self.rawValue = rawValue }
    package init(integerLiteral value: Int32) { self.rawValue = value }

    /// The primary code of an extended one (the low byte); itself for a primary code.
    package var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }
    package var isExtended: Bool { rawValue > 0xFF }

    package var description: String { String(rawValue) }

    /// An extended code: the primary one in the low byte, a refinement above.
    private static func extended(_ primary: Int32, _ refinement: Int32) -> ResultCode {
        ResultCode(rawValue: primary | (refinement << 8))
    }

    // Primary codes.
    package static let ok = ResultCode(rawValue: SQLITE_OK)
    package static let error = ResultCode(rawValue: SQLITE_ERROR)
    package static let busy = ResultCode(rawValue: SQLITE_BUSY)
    package static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    package static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    package static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    package static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    package static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    package static let full = ResultCode(rawValue: SQLITE_FULL)
    package static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    package static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    package static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    package static let authorization = ResultCode(rawValue: SQLITE_AUTH)
    package static let range = ResultCode(rawValue: SQLITE_RANGE)
    package static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)

    // Extended codes (sqlite3.h: `#define SQLITE_CONSTRAINT_CHECK (SQLITE_CONSTRAINT | (1<<8))`).
    package static let constraintCheck = extended(SQLITE_CONSTRAINT, 1)
    package static let constraintForeignKey = extended(SQLITE_CONSTRAINT, 3)
    package static let constraintNotNull = extended(SQLITE_CONSTRAINT, 5)
    package static let constraintPrimaryKey = extended(SQLITE_CONSTRAINT, 6)
    package static let constraintUnique = extended(SQLITE_CONSTRAINT, 8)
    /// The `-shm` file of WAL mode could not be opened, grown, locked or mapped.
    package static let ioErrorSharedMemoryOpen = extended(SQLITE_IOERR, 18)
    package static let ioErrorSharedMemorySize = extended(SQLITE_IOERR, 19)
    package static let ioErrorSharedMemoryLock = extended(SQLITE_IOERR, 20)
    package static let ioErrorSharedMemoryMap = extended(SQLITE_IOERR, 21)

    /// An extended code matches itself; a primary code matches every
    /// extended code it is the primary of:
    /// `catch let error as SQLiteError where ResultCode.constraint ~= error.extendedCode`.
    package static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isExtended ? pattern == code : pattern == code.primary
    }
}
