/// Vocabulary recodings between two releases, found as rules: a word of the
/// old release's vocabulary that the new one no longer uses at all, and
/// that the matched rows mostly turned into one new word (`CC` -> `combined
/// cycle`, `natural gas` -> `fossil gas: natural gas`). A list of words (a
/// plant's fuels) is compared word by word, in order. The rules translate
/// the old values before they are compared, so a recoding is reported once
/// as a rule instead of as thousands of changed cells; a row that went
/// elsewhere than the rule says (`GT` -> `internal combustion` where the
/// rule is `GT` -> `gas turbine`) is still a change.
package struct Recodings: Sendable {
    package struct Rule: Sendable, Equatable {
        package let field: String
        package let old: String
        package let new: String
        /// Matched rows whose value the rule translated.
        package var rows = 0
    }

    /// The word a value has when it has none, so that `` -> `unknown` can be a rule.
    static let none = ""

    private(set) var rules: [String: [String: Rule]] = [:]

    /// `pairs`: the words of each matched pair's old and new value, in order.
    /// `newWords`: every word of the new release's values of the field.
    mutating func learn(field: String, pairs: [([String], [String])], newWords: Set<String>) {
        var counts: [String: [String: Int]] = [:]
        for (old, new) in pairs {
            let onlyOld = old.filter { !new.contains($0) && !newWords.contains($0) }
            let onlyNew = new.filter { !old.contains($0) }
            guard !onlyOld.isEmpty, onlyOld.count == onlyNew.count else { continue }
            for (from, to) in zip(onlyOld, onlyNew) { counts[from, default: [:]][to, default: 0] += 1 }
        }
        for (from, targets) in counts {
            guard let best = targets.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value >= 2 else { continue }
            rules[field, default: [:]][from] = Rule(field: field, old: from, new: best.key)
        }
    }

    /// The old words as the new vocabulary spells them; counts the rows a rule translated.
    mutating func translate(field: String, _ words: [String]) -> [String] {
        guard let table = rules[field] else { return words }
        var used = false
        let translated = words.map { word -> String in
            guard let rule = table[word] else { return word }
            used = true
            return rule.new
        }
        if used {
            for word in Set(words) where table[word] != nil { rules[field]?[word]?.rows += 1 }
        }
        return translated
    }

    var all: [Rule] {
        rules.values.flatMap(\.values).sorted { ($0.field, $1.rows, $0.old) < ($1.field, $0.rows, $1.old) }
    }
}
