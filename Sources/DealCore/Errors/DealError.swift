/// A failure the user can act on, with the one line they read and the exit
/// status scripts see (sysexits: 65 bad data, 66 unreadable input).
package struct DealError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// Something went wrong that is not the input's fault.
        case failure
        /// Arguments that do not make sense together (64).
        case usage
        /// Input that was read but is wrong (65).
        case invalidData
        /// Input that could not be read at all (66).
        case unreadableInput
        /// Stopped by a signal: 128 + its number (130 for Ctrl-C, 143 for SIGTERM).
        case interrupted(Int32)
    }

    package let kind: Kind
    /// The line the user reads, with the settings it names kept apart so
    /// that the CLI can spell them as its flags.
    package let text: DealMessage
    /// Further lines, such as one per invalid record.
    package let details: [String]

    /// The message in plain words (settings by their `plainName`).
    package var message: String { text.description }

    package init(_ kind: Kind, _ message: String, details: [String] = []) {
        self.kind = kind
        self.text = DealMessage(message)
        self.details = details
    }

    package init(_ kind: Kind, _ text: DealMessage, details: [String] = []) {
        self.kind = kind
        self.text = text
        self.details = details
    }

    package var exitCode: Int32 {
        switch kind {
        case .failure: 1
        case .usage: 64
        case .invalidData: 65
        case .unreadableInput: 66
        case .interrupted(let signal): 128 + signal
        }
    }

    package var description: String { ([message] + details).joined(separator: "\n") }
}
