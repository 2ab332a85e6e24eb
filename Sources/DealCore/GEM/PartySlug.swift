import Foundation

/// Readable ids for parties named in any script: Chinese, Cyrillic or Arabic
/// names are transliterated to Latin first (ICU's Any-Latin, then ASCII), so
/// that 国家管网集团 becomes `guo-jia-guan-wang-ji-tuan` instead of an empty
/// slug that used to end up as `party-2`. An id must hold a letter: a slug of
/// digits only (`32-25-25-17-1`, left by shares written into a name) is no
/// id, and the caller names the party otherwise.
enum PartySlug {
    static func make(_ name: String, maxLength: Int = 50) -> String {
        var source = name
        if source.unicodeScalars.contains(where: { $0.properties.isAlphabetic && !isLatin($0) }) {
            source = source.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? source
        }
        let slug = Slug.make(source, maxLength: maxLength)
        return slug.unicodeScalars.contains(where: { $0 >= "a" && $0 <= "z" }) ? slug : ""
    }

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII || (0x00C0...0x024F).contains(scalar.value) || (0x1E00...0x1EFF).contains(scalar.value)
    }
}
