import Foundation
import Synchronization

extension TemporaryFile {
    /// The temporary files being written, for a signal handler to remove
    /// when it ends the process at once (a read-only command's Ctrl-C used
    /// to leave a 93 MB `.NAME.dealdb-tmp-PID` behind). Two slots (one file
    /// inside another's writing at most) of C strings made before the
    /// handler can run: the handler only loads atomics and calls unlink(2),
    /// both async-signal-safe.
    private static let first = Atomic<Int>(0)
    private static let second = Atomic<Int>(0)

    /// Makes sure the slots exist before a handler can reach them.
    package static func prepareForSignalHandler() {
        _ = first.load(ordering: .relaxed)
        _ = second.load(ordering: .relaxed)
    }

    /// Runs `body` with `path` registered for removal at a signal.
    static func removedAtSignal<T>(_ path: String, _ body: () throws -> T) rethrows -> T {
        guard let copy = strdup(path) else { return try body() }
        let address = Int(bitPattern: copy)
        let slot = first.compareExchange(expected: 0, desired: address, ordering: .sequentiallyConsistent).exchanged ? 1
            : second.compareExchange(expected: 0, desired: address, ordering: .sequentiallyConsistent).exchanged ? 2 : 0
        defer {
            if slot == 1 { first.store(0, ordering: .sequentiallyConsistent) }
            if slot == 2 { second.store(0, ordering: .sequentiallyConsistent) }
            free(copy)
        }
        return try body()
    }

    /// Called from a signal handler just before `_exit`: removes every
    /// registered temporary file.
    package static func removeRegisteredAtSignal() {
        // No array, no allocation: a handler may have interrupted malloc.
        if let path = UnsafePointer<CChar>(bitPattern: first.load(ordering: .sequentiallyConsistent)) { unlink(path) }
        if let path = UnsafePointer<CChar>(bitPattern: second.load(ordering: .sequentiallyConsistent)) { unlink(path) }
    }
}
