import Foundation

/// stdout carries results, stderr everything else, so that pipes stay clean.
enum Terminal {
    static func printError(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var text = ""
        for (index, line) in lines.enumerated() {
            text += (index == 0 ? "dealdb: " : "  ") + line + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printNotice(_ message: String) {
        FileHandle.standardError.write(Data("dealdb: \(message)\n".utf8))
    }
}
