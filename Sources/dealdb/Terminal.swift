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
        printLines(message)
    }

    /// A message of several lines: the first after "dealdb: ", the others indented.
    static func printLines(_ message: String) {
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

    /// `width(of:)` for stdout.
    static var outputWidth: Int? { width(of: STDOUT_FILENO) }

    /// The width to fit output to when `descriptor` is a terminal: the
    /// terminal's own (TIOCGWINSZ), else `$COLUMNS`, else 80. Nil when it
    /// is not a terminal (a pipe or a file): those get every character.
    static func width(of descriptor: Int32) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            return columns
        }
        return 80
    }
}
