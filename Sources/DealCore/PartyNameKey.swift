import Foundation

/// The key under which two spellings of one company are one party.
///
/// Global Energy Monitor writes one company several ways in one file:
/// "Qatar Energy" and "QatarEnergy", "Eni" and "Eni S.p.A.", "GAIL" and
/// "GAIL (India) Limited", "TotalEnergies" and "TotalEnergies SE". Taken as
/// written, each spelling became a party of its own, and `--owner "Qatar
/// Energy"` found 50 of QatarEnergy's 79 projects. The key is the name
/// folded (TextFolding: case, accents, width, whitespace) with what does not
/// tell companies apart set aside:
///
/// - legal forms at the end, repeatedly (`S.p.A.`, `SE`, `Limited`,
///   `Company Limited`, `Pty Ltd`, `Corporation`, `有限公司`, ...; the list is
///   `trailingForms`) and Russian and Indonesian ones at the start (`PJSC
///   Gazprom`, `PT Pertamina`);
/// - a bracket at the end (after the legal forms) holding a country or an
///   abbreviation in capitals (`(India)`, `(CNPC)`): it repeats what the
///   name says. Any other bracket stays: "Hong Kong and China Gas (Hebei)"
///   and "(Wonghua)" are two companies, "Shenergy (Group)" is not Shenergy;
/// - punctuation and spaces, so "Qatar Energy" is "QatarEnergy".
///
/// Decided and why:
///
/// - `Corporation` and `Company` count as legal forms: "China National
///   Petroleum Corporation" and "China National Petroleum" are one company,
///   and names that differ by more than the form ("China National Offshore
///   Oil Corporation") keep different keys.
/// - `Group`, `Holding`, `集团` are not legal forms: a group and its operating
///   company are often different parties (CNPC's 中国石油天然气集团有限公司 and
///   PetroChina's 中国石油天然气股份有限公司 must not meet).
/// - Words are never dropped from the middle, and nothing is abbreviated or
///   translated: "Gazprom" and "Gazprom Neft", "Shell" and "Shell Nigeria",
///   "Eni" and "Enel" keep their own keys.
/// - A name that is nothing but legal forms ("Limited") keeps them: a key is
///   never empty.
///
/// Two companies can still share a key (a parent and a subsidiary written
/// with only a country in brackets): the GEM import and lookups treat them
/// as one, the duplicate-party rule shows what it joined, and an analyst's
/// document can keep them apart with ids of their own.
enum PartyNameKey {
    static func make(_ name: String) -> String { parts(name).key }

    /// The key, and the qualifier set aside to make it (`india` for "GAIL
    /// (India) Limited"), which `same` compares when both names have one.
    static func parts(_ name: String) -> (key: String, qualifier: String?) {
        var qualifier: String?
        var words = words(of: name)
        let all = words.map(\.text).joined()
        var changed = true
        while changed && words.count > 1 {
            changed = false
            if let last = words.last, isQualifier(last) || (last.bracketed && trailingForms.contains(last.text)) {
                if isQualifier(last) { qualifier = qualifier ?? last.text }
                words.removeLast()
                changed = true
                continue
            }
            for count in (1...min(3, words.count - 1)).reversed() {
                let tail = words.suffix(count)
                guard !tail.contains(where: \.bracketed) || tail.count == 1 else { continue }
                if trailingForms.contains(tail.map(\.text).joined()) {
                    words.removeLast(count)
                    changed = true
                    break
                }
            }
            if !changed, let first = words.first, !first.bracketed, leadingForms.contains(first.text) {
                words.removeFirst()
                changed = true
            }
        }
        if var last = words.last, !last.bracketed {
            // Chinese legal forms are written onto the name without a space.
            for suffix in chineseForms where last.text.hasSuffix(suffix) && last.text.count > suffix.count {
                last.text = String(last.text.dropLast(suffix.count))
                words[words.count - 1] = last
                break
            }
        }
        let key = words.map(\.text).joined()
        return (key.isEmpty ? (all.isEmpty ? TextFolding.fold(name) : all) : key, qualifier)
    }

    /// Whether two names are one party's: the same key, and not two
    /// different qualifiers ("Trans Thai-Malaysia (Malaysia) Sdn Bhd" and
    /// "Trans Thai-Malaysia (Thailand) Limited" are two companies).
    static func same(_ a: String, _ b: String) -> Bool { compatible(parts(a), parts(b)) }

    static func compatible(_ a: (key: String, qualifier: String?), _ b: (key: String, qualifier: String?)) -> Bool {
        a.key == b.key && (a.qualifier == nil || b.qualifier == nil || a.qualifier == b.qualifier)
    }

    /// Legal forms that end a company's name, without their punctuation or
    /// spaces ("S. p. A." is `spa`, "Sdn Bhd" is `sdnbhd`).
    static let trailingForms: Set<String> = [
        "spa", "sa", "sas", "sarl", "srl", "se", "ag", "kg", "gmbh", "nv", "bv", "ab", "asa", "as", "oy", "oyj",
        "pjsc", "ojsc", "cjsc", "jsc", "oao", "pao", "zao", "ooo", "llc", "lp", "llp", "ltd", "limited", "plc",
        "inc", "incorporated", "corp", "corporation", "co", "company", "companylimited", "coltd",
        "bhd", "berhad", "sdnbhd", "pty", "ptyltd", "pte", "pteltd", "kk", "tbk", "sab", "sabdecv", "sadecv",
    ]

    /// Legal forms written before the name (Russian and Indonesian usage).
    static let leadingForms: Set<String> = ["pjsc", "ojsc", "cjsc", "jsc", "oao", "pao", "zao", "ooo", "pt"]

    /// Longest first, so that `股份有限公司` goes whole.
    static let chineseForms = ["股份有限公司", "有限责任公司", "有限公司", "公司"]

    /// A bracketed word at the end that is a country (ICU's English names
    /// of regions: "(India)", "(Myanmar)") or an abbreviation in capitals
    /// ("(CNPC)", "(KPC)") says nothing that tells the company apart. Other
    /// bracketed words do: "(Gas)", "(Hebei)", "(Group)" stay in the key.
    static func isQualifier(_ word: Word) -> Bool {
        word.bracketed && !word.text.isEmpty && (word.capitals || countryNames.contains(word.text))
    }

    /// The English names of ICU's regions, folded ("india", "myanmar", "myanmar (burma)").
    static let countryNames: Set<String> = {
        let english = Locale(identifier: "en")
        var names = Set<String>()
        for region in Locale.Region.isoRegions {
            guard let name = english.localizedString(forRegionCode: region.identifier) else { continue }
            let folded = TextFolding.fold(name)
            names.insert(folded)
            // "Myanmar (Burma)" is also "myanmar".
            if let open = folded.firstIndex(of: "(") { names.insert(String(folded[..<open]).trimmingWhitespace()) }
        }
        return names
    }()

    struct Word {
        /// Folded, without punctuation; a bracket's words joined by spaces.
        var text: String
        /// Written in brackets: `(India)`.
        var bracketed: Bool
        /// Written in capitals only (`CNPC`), before folding.
        var capitals = false
    }

    /// The name's words, folded and without punctuation (`S.p.A.` is `spa`,
    /// `TotalEnergies,` is `totalenergies`), a bracket as one word.
    private static func words(of name: String) -> [Word] {
        var words: [Word] = []
        var current = "", inBracket = false, bracket: [String] = [], bracketCapitals = true
        func endWord() {
            guard !current.isEmpty else { return }
            let capitals = current.count >= 2 && current.contains { $0.isUppercase } && !current.contains { $0.isLowercase }
            let folded = TextFolding.fold(current)
            if inBracket {
                bracket.append(folded)
                bracketCapitals = bracketCapitals && capitals
            } else {
                words.append(Word(text: folded, bracketed: false))
            }
            current = ""
        }
        let text = name.precomposedStringWithCompatibilityMapping  // full-width brackets as ( )
        for character in text {
            switch character {
            case "(", "[":
                endWord()
                inBracket = true
                bracket = []
                bracketCapitals = true
            case ")", "]":
                endWord()
                if inBracket, !bracket.isEmpty {
                    words.append(Word(text: bracket.joined(separator: " "), bracketed: true,
                                      capitals: bracketCapitals && bracket.count == 1))
                }
                inBracket = false
                bracket = []
            case _ where character.isWhitespace || character == "," || character == "/" || character == "&"
                || character == "-" || character == "+":
                endWord()
            case _ where character.isLetter || character.isNumber:
                current.append(character)
            default:
                break  // periods, apostrophes: "S.p.A." is one word
            }
        }
        endWord()
        for word in bracket { words.append(Word(text: word, bracketed: false)) }  // an unclosed bracket
        return words
    }
}

extension PartyNameKey {
    /// False when a name of these UTF-8 bytes cannot have the key: an ASCII
    /// name's key is a run of its lowercased letters and digits, so a byte
    /// search rules out most names without building the key (and without
    /// allocating: it runs for every name of a database on each lookup).
    static func mayHave(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = key.first else { return true }
        if bytes.contains(where: { $0 >= 0x80 }) { return true }  // not ASCII: the key decides
        guard key.allSatisfy({ $0 < 0x80 }) else { return false }
        func letter(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x41...0x5A: byte + 0x20
            case 0x61...0x7A, 0x30...0x39: byte
            default: nil
            }
        }
        var start = 0
        while start < bytes.count {
            defer { start += 1 }
            guard letter(bytes[start]) == first else { continue }
            var matched = 1, index = start + 1
            while matched < key.count && index < bytes.count {
                if let next = letter(bytes[index]) {
                    guard next == key[matched] else { break }
                    matched += 1
                }
                index += 1
            }
            if matched == key.count { return true }
        }
        return false
    }

    static func mayHave(_ key: [UInt8], _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { mayHave(key, $0) }
    }
}
