/// A number as text, in the two layouts dealdb prints, kept side by side so
/// that neither drifts:
///
/// - `cell`: a stored REAL in a result (`query`, `export`, `sql`, `doctor`),
///   `50.0`, as the sqlite3 shell prints it. The `.0` says the value is a
///   REAL, so CSV read back by sqlite-utils, pandas or the shell keeps its
///   type.
/// - `plain`: a number a reader writes (`show`, the report, YAML and JSON
///   documents, messages), `50`. A document number has no stored type (the
///   field table gives it), so a whole number needs no fraction; it is what
///   the named queries' labels print with `printf('%.15g', ...)` too.
///
/// Both give the shortest digits that read back as the same Double.
enum NumberText {
    /// A REAL laid out the way the sqlite3 shell prints it (`%!.15g`:
    /// `50.0`, `0.1`, `1.0e+20`, `1.5e-05`, scientific from 1e15 and below
    /// 1e-4) but with Swift's shortest round-trip digits instead of 15
    /// significant ones, so that every REAL reads back as exactly the same
    /// Double. For values with up to 15 significant digits the text is the
    /// shell's, character for character. Infinities print as the shell
    /// prints them (`Inf`, `-Inf`); NaN, which SQLite never stores, as `NaN`.
    static func cell(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        var text = Substring(value.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: marker)...]) ?? 0
            text = text[..<marker]
        }
        let integral: Substring, fraction: Substring
        if let point = text.firstIndex(of: ".") {
            integral = text[..<point]
            fraction = text[text.index(after: point)...]
        } else {
            integral = text
            fraction = ""
        }
        // value = 0.d1d2d3... × 10^point, with no leading or trailing zeros.
        var digits = Array(integral.utf8) + Array(fraction.utf8)
        var point = integral.utf8.count + exponent
        let leadingZeros = digits.prefix(while: { $0 == UInt8(ascii: "0") }).count
        digits.removeFirst(leadingZeros)
        point -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }

        let decimalExponent = point - 1
        let zero = UInt8(ascii: "0")
        func string(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        if decimalExponent < -4 || decimalExponent >= 15 {
            let rest = digits.count > 1 ? string(digits[1...]) : "0"
            let magnitude = abs(decimalExponent)
            return sign + string(digits[..<1]) + "." + rest + "e" + (decimalExponent < 0 ? "-" : "+")
                + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if decimalExponent >= 0 {
            var whole = Array(digits.prefix(point))
            whole += Array(repeating: zero, count: max(0, point - whole.count))
            let rest = digits.count > point ? string(digits[point...]) : "0"
            return sign + string(whole) + "." + rest
        }
        return sign + "0." + String(repeating: "0", count: -point) + string(digits)
    }

    /// Integers print without a fraction, so 25000000000 stays readable.
    /// Exponents always have a fraction in the mantissa (`1.0e+20`, not
    /// `1e+20`): a YAML 1.1 reader such as PyYAML takes `1e+20` for text.
    static func plain(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        let text = "\(number)"
        guard let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
              !text[..<exponent].contains(".") else { return text }
        return text[..<exponent] + ".0" + text[exponent...]
    }
}
