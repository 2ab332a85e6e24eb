import DealCore
import Foundation

/// stdout carries results, stderr everything else, so that pipes stay clean.
///
/// Messages are escaped (`DisplayText.message`: no control sequence from
/// the data or the arguments reaches the terminal, a huge argument is cut)
/// and written with write(2), whose failure is ignored: with stderr full
/// or closed there is nowhere left to complain, and the exit status still
/// tells.
enum Terminal {
    static func printError(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var text = ""
        for (index, line) in lines.enumerated() {
            text += (index == 0 ? "dealdb: " : "  ") + DisplayText.message(String(line)) + "\n"
        }
        writeToStandardError(text)
    }

    static func printNotice(_ message: String) {
        writeToStandardError("dealdb: " + DisplayText.message(message) + "\n")
    }

    /// Text already made safe, written as it is.
    static func writeToStandardError(_ text: String) {
        _ = OutputWriting.writeAll(Data(text.utf8), to: STDERR_FILENO)
    }
}
