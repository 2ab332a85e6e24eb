import Synchronization

/// A request to stop (Ctrl-C, SIGTERM) that every open connection checks
/// while a statement runs, so the statement stops, its transaction rolls
/// back, and the database is left as it was.
package enum Cancellation {
    private static let signal = Atomic<Int32>(0)
    private static let nothingWritten = Atomic<Int>(0)

    /// Makes sure the flags exist before a signal handler can reach them: a
    /// static's first use may allocate and lock, which a handler must not.
    package static func prepareForSignalHandler() {
        _ = requestedSignal
        _ = mayEndAtOnce
    }

    /// Runs `body`, which reads and checks input but writes nothing, with
    /// permission for a signal to end the process at once: parsing a large
    /// document can take seconds, and until it ends no transaction would
    /// notice the request to stop.
    package static func endingAtOnce<T>(_ body: () throws -> T) rethrows -> T {
        nothingWritten.add(1, ordering: .sequentiallyConsistent)
        defer { nothingWritten.subtract(1, ordering: .sequentiallyConsistent) }
        return try body()
    }

    /// For a command that only reads: from now on a signal ends the process
    /// at once, as inside `endingAtOnce`. There is nothing to roll back, and
    /// a loop of ours that runs no SQLite statement (drawing, laying out)
    /// would otherwise notice the request only at its end.
    package static func endAtOnceFromNowOn() {
        nothingWritten.add(1, ordering: .sequentiallyConsistent)
    }

    /// True inside `endingAtOnce`; read by the signal handler (lock-free).
    package static var mayEndAtOnce: Bool {
        nothingWritten.load(ordering: .sequentiallyConsistent) > 0
    }

    /// Called from a signal handler: records the first signal (lock-free).
    package static func request(signal number: Int32) {
        _ = signal.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
    }

    /// The signal that asked us to stop, if any.
    package static var requestedSignal: Int32? {
        let value = signal.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }
}

extension Cancellation {
    /// Throws when a stop was requested: long loops call it between steps,
    /// so that an import stops inside its transaction and rolls back.
    package static func check() throws {
        if let signal = requestedSignal { throw stopped(by: signal) }
    }

    /// The error for a command that a signal stopped before it changed
    /// anything (its transaction, if any, rolled back).
    package static func stopped(by signal: Int32) -> DealError {
        DealError(.interrupted(signal), "interrupted; nothing was changed")
    }
}
