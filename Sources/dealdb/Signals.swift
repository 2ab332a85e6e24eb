import DealCore
import Foundation

/// Ctrl-C and SIGTERM ask the running statement to stop (its transaction
/// rolls back) instead of killing the process mid-write. While input is
/// only being read and checked (`Cancellation.endingAtOnce`), or at a
/// second signal, the process ends at once.
///
/// A plain `sigaction` handler rather than a Dispatch signal source: the
/// handler only touches atomics, `write(2)` and `_exit`, all async-signal-safe, and
/// starting Dispatch's worker thread cost a millisecond on every run.
enum Signals {
    /// What `Cancellation.stopped(by:)` prints, as static storage: a handler
    /// must not allocate. SignalTests check both give the same line.
    private static let stoppedLine: StaticString = "dealdb: interrupted; nothing was changed\n"

    /// Computed, not stored: a C function pointer, and nothing for a
    /// handler to initialise lazily.
    private static var handler: @convention(c) (Int32) -> Void {
        { number in
        if Cancellation.mayEndAtOnce {
            TemporaryFile.removeRegisteredAtSignal()
            _ = write(STDERR_FILENO, Signals.stoppedLine.utf8Start, Signals.stoppedLine.utf8CodeUnitCount)
            _exit(128 + number)
        }
        if Cancellation.requestedSignal != nil {
            TemporaryFile.removeRegisteredAtSignal()
            _exit(128 + number)
        }
        Cancellation.request(signal: number)
        }
    }

    static func install() {
        _ = stoppedLine
        Cancellation.prepareForSignalHandler()
        TemporaryFile.prepareForSignalHandler()
        // A parent may start us with these signals blocked (a test runner's
        // worker thread, say); blocked, they would wait forever.
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM] {
            sigaddset(&signals, number)
            var action = sigaction()
            // The handler's field is named by the C library: glibc's union
            // member on Linux, Darwin's on macOS.
            #if os(Linux)
            action.__sigaction_handler.sa_handler = handler
            #else
            action.__sigaction_u.__sa_handler = handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        // A write to a pipe whose reader is gone fails with EPIPE instead of
        // killing us mid-statement; `DealDB.main` then ends by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }
}
