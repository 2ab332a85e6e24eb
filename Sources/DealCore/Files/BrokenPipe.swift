import Synchronization

/// Whether some output's reader went away (EPIPE: `dealdb export | head`).
/// The command then ends quietly, as other tools do, instead of reporting
/// a write error nobody asked about.
package enum BrokenPipe {
    private static let seen = Atomic<Bool>(false)

    static func record() { seen.store(true, ordering: .sequentiallyConsistent) }

    package static var wasSeen: Bool { seen.load(ordering: .sequentiallyConsistent) }
}
