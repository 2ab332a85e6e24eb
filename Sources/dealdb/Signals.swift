import DealCore
import Dispatch
import Foundation

/// Ctrl-C and SIGTERM ask the running statement to stop (its transaction
/// rolls back) instead of killing the process mid-write. A second signal
/// exits at once, for when nothing is running that would notice.
enum Signals {
    static func install() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if Cancellation.requestedSignal != nil { _exit(128 + number) }
                Cancellation.request(signal: number)
            }
            source.resume()
            return source
        }
    }
}
