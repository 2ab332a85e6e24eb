/// A word as a POSIX shell reads it back, for the commands dealdb prints
/// for the user to paste (`create it with: dealdb init --db ...`, the
/// Datasette commands): as it is when it holds only safe characters, in
/// single quotes otherwise, and in bash's `$'...'` when it holds a control
/// character (a newline in single quotes would break the pasted line).
enum ShellWord {
    static func quoted(_ word: String) -> String {
        let safe = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }
        if safe { return word }
        guard word.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
        }
        var text = "$'"
        for scalar in word.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            case "\\": text += "\\\\"
            case "'": text += "\\'"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                text += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "'"
    }
}
