import DealCore
import Foundation

/// The one way out for everything a command prints on stdout. Results and
/// human-readable lines share one buffered sink, so they stay in order;
/// every write is checked (`DealDB.main` turns a failure into "cannot
/// write output: <reason>" and exit 1, or ends quietly on EPIPE).
enum Console {
    /// Standard output. The CLI runs on one thread.
    nonisolated(unsafe) static let standardOutput = TextSink(handle: FileHandle.standardOutput)

    /// Text for people: control and bidi characters made visible (`DisplayText`).
    static func write(_ text: String) {
        standardOutput.write(DisplayText.escaped(text))
    }

    /// Bytes for programs (help text, machine formats), exactly as given.
    static func write(raw text: String) {
        standardOutput.write(text)
    }

    /// Flushes stdout and throws if anything written to it was lost.
    static func finish() throws {
        standardOutput.flush()
        if let reason = standardOutput.writeError {
            throw DealError(.failure, "cannot write output: \(reason)")
        }
    }
}

/// `print` in this module is this one, not the standard library's: what a
/// command prints for people (show, doctor, import summaries, `queries
/// show`) goes through `Console`, escaped and checked. The standard
/// `print` writes through stdio, drops errors, and passes escape sequences
/// from the data straight to the terminal. Defined here so that no command
/// file has to remember it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Console.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// Where a command's output goes: stdout (no `-o`, or `-o -`) or a file by
/// `AtomicFile`'s rules (a regular file replaced whole, a device or FIFO
/// written directly). Every write is checked.
enum Output {
    static func withSink<T>(to path: String?, _ body: (TextSink) throws -> T) throws -> T {
        guard let path, path != "-" else {
            let result = try body(Console.standardOutput)
            try Console.finish()
            return result
        }
        return try AtomicFile.withOutput(to: path) { handle in
            let sink = TextSink(handle: handle)
            let result = try body(sink)
            sink.flush()
            if let reason = sink.writeError { throw DealError(.failure, "cannot write output: \(path): \(reason)") }
            return result
        }
    }

    /// A whole text (a document, a chart, the report) to stdout or a file.
    static func write(_ text: String, to path: String?) throws {
        try withSink(to: path) { $0.write(text) }
    }
}
