import Foundation

/// Owner and parent lists as GEM writes them, in every spelling its files
/// use:
///
///     Name [50.00%]; Name [unknown %]; Name
///     Name ［50％］； Name ［50％］                  (full-width brackets and separators)
///     甲公司（60%），乙公司(40%) [100.00%]           (Chinese owners inside one entry)
///
/// Entries are separated by `;` or `；`. An entry may end with a share in
/// brackets (`[ ]`, `［ ］`). Inside one entry, Chinese lists separate
/// companies with `，` or `、` and give each its own share in parentheses
/// (`( )`, `（ ）`, mixed): such an entry becomes one owner per company with
/// its own share, and the bracketed share of the whole entry (GEM's
/// `[100.00%]` for the group) is not given to any one of them. In an entry
/// written in Chinese, a plain `,` separates companies too (GEM mixes both);
/// in a Western one it never splits (`Company, Inc.`). A note after the
/// share (`公司(65%)（Major owner)`) is dropped with its parentheses.
enum GEMOwners {
    static func parse(_ text: String) -> (owners: [GEMProject.Owner], problem: String?) {
        var dropped: [String]?
        return parse(text, dropped: &dropped)
    }

    /// With `dropped` set, a share that is no percentage (`[10000%]`, GEM's
    /// `[100.00%]` without its point) does not stop the list: its holder is
    /// kept without a share and the problem is added to `dropped`.
    static func parse(_ text: String, dropped: inout [String]?) -> (owners: [GEMProject.Owner], problem: String?) {
        var owners: [GEMProject.Owner] = []
        let cleaned = text.replacingOccurrences(of: "\u{200B}", with: "")
        for part in splitTopLevel(cleaned, separators: [";", "；"]) {
            var entry = part.trimmingWhitespace()
            guard !entry.isEmpty else { continue }
            var outer: Double?
            switch trailingShare(&entry, open: ["[", "［"], close: ["]", "］"], requirePercent: false) {
            case .failure(let problem):
                guard dropped != nil, let open = entry.lastIndex(where: { $0 == "[" || $0 == "［" }) else {
                    return (owners, problem.message)
                }
                dropped?.append(problem.message)
                entry = String(entry[..<open]).trimmingWhitespace()
            case .success(let share): outer = share
            }
            let separators: Set<Character> = entry.unicodeScalars.contains(where: isHan) ? ["，", "、", ","] : ["，", "、"]
            let companies = splitTopLevel(entry, separators: separators)
                .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            if companies.count > 1 {
                for company in companies {
                    var name = company
                    let inner = ownShare(&name)
                    guard !name.isEmpty, !GEMValue.isEmpty(name) else { continue }
                    owners.append(GEMProject.Owner(name: name, share: inner))
                }
                continue
            }
            var name = entry
            let inner = ownShare(&name)
            guard !name.isEmpty, !GEMValue.isEmpty(name) else { continue }
            owners.append(GEMProject.Owner(name: name, share: inner ?? outer))
        }
        return (owners, nil)
    }

    /// The words GEM writes where it does not name a holder ("unknown
    /// [25.50%]", "other"): the stake is kept without a party. Migration
    /// 0012 turned the parties older imports made of them into such stakes.
    static let unnamedWords: Set<String> = [
        "unknown", "other", "others", "undisclosed", "not known", "not disclosed", "unnamed", "various", "not found",
    ]

    static func isUnnamed(_ name: String) -> Bool {
        unnamedWords.contains(name.trimmingWhitespace().lowercased())
    }

    /// A company's own share in parentheses at the end of its name, after
    /// dropping a note that follows it (`(65%)（Major owner)`).
    static func ownShare(_ name: inout String) -> Double? {
        let open: Set<Character> = ["(", "（"], close: Set<Character> = [")", "）"]
        if let share = (try? trailingShare(&name, open: open, close: close, requirePercent: true).get()) ?? nil {
            return share
        }
        guard let last = name.last, close.contains(last), let start = name.lastIndex(where: { open.contains($0) }) else {
            return nil
        }
        var shorter = String(name[..<start]).trimmingWhitespace()
        guard let share = (try? trailingShare(&shorter, open: open, close: close, requirePercent: true).get()) ?? nil else {
            return nil
        }
        name = shorter
        return share
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// Splits on the separators outside any bracket or parenthesis. When
    /// the brackets do not pair up (a stray `[`), none counts: one typo
    /// must not fold every owner after it into one name.
    static func splitTopLevel(_ text: String, separators: Set<Character>) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        let balanced = isBalanced(text)
        for character in text {
            switch character {
            case "[", "［", "(", "（": depth += 1
            case "]", "］", ")", "）": depth = max(0, depth - 1)
            default: break
            }
            if (depth == 0 || !balanced) && separators.contains(character) {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Every bracket and parenthesis closed, and none closed before it opened.
    static func isBalanced(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            switch character {
            case "[", "［", "(", "（": depth += 1
            case "]", "］", ")", "）":
                depth -= 1
                if depth < 0 { return false }
            default: break
            }
        }
        return depth == 0
    }

    struct ShareProblem: Error { let message: String }

    /// Removes a share at the end of `entry` (`[50%]`, `（49%)`, `[unknown %]`)
    /// and returns it; nil when there is none or it is unknown. With
    /// `requirePercent`, parentheses count only when they hold a percentage,
    /// so `(Pty)` stays part of the name.
    static func trailingShare(_ entry: inout String, open: Set<Character>, close: Set<Character>,
                              requirePercent: Bool) -> Result<Double?, ShareProblem> {
        guard let last = entry.last, close.contains(last),
              let openIndex = entry.lastIndex(where: { open.contains($0) }) else { return .success(nil) }
        let inside = String(entry[entry.index(after: openIndex)..<entry.index(before: entry.endIndex)])
        let hadPercent = inside.contains("%") || inside.contains("％")
        let number = inside.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "％", with: "")
            .applyingWidthFolding().trimmingWhitespace()
        if requirePercent && !hadPercent { return .success(nil) }
        let rest = String(entry[..<openIndex]).trimmingWhitespace()
        if number.lowercased() == "unknown" || number.isEmpty {
            entry = rest
            return .success(nil)
        }
        // Decimal only: Swift's Double("0x10") is 16, and `[0x10%]` is no share.
        guard case .number(let value) = DecimalNumber.read(number), (0...100).contains(value) else {
            if requirePercent { return .success(nil) }
            return .failure(ShareProblem(message: "share \"\(entry[openIndex...])\" is not a percentage from 0 to 100"))
        }
        entry = rest
        return .success(value)
    }
}
