import Foundation
import Testing
import TestSupport

/// The runner every end-to-end test uses cannot hang the suite: a child
/// that does not finish in time is killed and its test fails, naming it.
@Suite struct ProcessRunnerTests {
    @Test func aHungChildIsKilledAndFailsItsTest() throws {
        let started = ContinuousClock.now
        let error = #expect(throws: ProcessTimeout.self) {
            try ProcessRunner.run("/usr/bin/env", ["sleep", "30"], timeout: 1)
        }
        #expect(error?.description == "/usr/bin/env sleep 30 did not finish within 1 s and was killed")
        // The bound is generous (a loaded machine): what matters is not 30 s.
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func aChildIgnoringSIGTERMIsKilledToo() throws {
        let started = ContinuousClock.now
        #expect(throws: ProcessTimeout.self) {
            try ProcessRunner.run("/bin/sh", ["-c", "trap '' TERM; sleep 30"], timeout: 1)
        }
        #expect(ContinuousClock.now - started < .seconds(15))
    }
}
