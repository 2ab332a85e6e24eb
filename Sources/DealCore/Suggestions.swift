import Foundation

/// "Did you mean" for names the user mistyped.
package enum Suggestions {
    /// Up to `limit` candidates closest to `text` by edit distance, ignoring
    /// case, that are close enough to be a plausible typo (or contain it).
    /// Candidates whose length alone puts them out of reach skip the edit
    /// distance: `show` offers every id, name and alias (200,000 at scale 1).
    package static func closest(to text: String, in candidates: [String], limit: Int = 3) -> [String] {
        let lowerText = text.lowercased()
        let needle = Array(lowerText)
        let bare = letters(text)
        let threshold = max(2, needle.count / 3)
        var scored: [(String, Int)] = []
        for candidate in Set(candidates) {
            // The same letters and digits but for case, accents and punctuation
            // (`pos2` for `pos-2`, `botas` for `BOTAŞ`) rank before any other.
            if !bare.isEmpty && letters(candidate) == bare {
                scored.append((candidate, -1))
                continue
            }
            let lowered = candidate.lowercased()
            if !text.isEmpty && lowered.contains(lowerText) {
                scored.append((candidate, 0))
                continue
            }
            // Another form of the same word (`finance` for `financing`):
            // the text but its last letter begins the candidate.
            if needle.count >= 5, lowered.hasPrefix(String(needle.dropLast())) {
                scored.append((candidate, 1))
                continue
            }
            let other = Array(lowered)
            guard abs(other.count - needle.count) <= threshold else { continue }
            let distance = editDistance(needle, other)
            if distance <= threshold { scored.append((candidate, distance)) }
        }
        var seen = Set<String>()
        return scored
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
            .filter { seen.insert($0.lowercased()).inserted }
            .prefix(limit).map { $0 }
    }

    /// ", did you mean a or b?" or nothing.
    package static func hint(for text: String, in candidates: [String]) -> String {
        let found = closest(to: text, in: candidates)
        return found.isEmpty ? "" : "; did you mean \(found.map { "\"\($0)\"" }.joined(separator: " or "))?"
    }

    /// Letters and digits only, without case or accents.
    static func letters(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let kept = text.utf8.compactMap { byte -> UInt8? in
                switch byte {
                case 0x30...0x39, 0x61...0x7A: byte
                case 0x41...0x5A: byte + 0x20
                default: nil
                }
            }
            return String(decoding: kept, as: UTF8.self)
        }
        return String(text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
