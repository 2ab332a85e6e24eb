/// Dates as the sources give them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
/// stored as ISO-8601 text of that precision.
package enum DateText {
    /// True when `text` is a real date of one of the three precisions.
    package static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { return false }
        var numbers: [Int] = []
        for (part, width) in zip(parts, widths) {
            guard part.count == width, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else {
                return false
            }
            numbers.append(number)
        }
        if numbers.count >= 2, !(1...12).contains(numbers[1]) { return false }
        if numbers.count == 3 {
            let (year, month, day) = (numbers[0], numbers[1], numbers[2])
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if !(1...days).contains(day) { return false }
        }
        return true
    }

    /// What a date must look like, for messages.
    package static let expected = "expected YYYY, YYYY-MM or YYYY-MM-DD"

    /// Throws a usage error naming `setting` when `text` is given and is not
    /// a date: the one check behind every date a caller hands the domain.
    package static func check(_ text: String?, _ setting: Setting) throws {
        guard let text, !isValid(text) else { return }
        throw DealError(.usage, "\(setting: setting): invalid date \"\(text)\"; \(expected)")
    }

    /// Orders two dates of possibly different precision by their common
    /// prefix: `2019` and `2019-12` compare equal, since one contains the other.
    package static func compare(_ lhs: String, _ rhs: String) -> Int {
        let length = min(lhs.count, rhs.count)
        let left = lhs.prefix(length), right = rhs.prefix(length)
        return left < right ? -1 : (left > right ? 1 : 0)
    }
}
