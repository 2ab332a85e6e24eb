import Foundation
import Testing
import TestSupport

extension TimingSensitive {
    /// SIGKILL cannot be caught: what is left is exactly what SQLite's
    /// transaction and WAL put on disk. An import killed anywhere must leave an
    /// intact database holding none or all of it.
    @Suite struct CrashTests {
        @Test func killedImportsLeaveNoneOrAllOfIt() throws {
            let directory = try TemporaryDirectory()
            let seeded = try Reliability.seededDatabase(in: directory)
            let count = 400
            let document = try Reliability.writeDocument(in: directory, name: "crash.json", prefix: "crash", count: count)

            // How long a whole import takes on this machine, so that the kills
            // below land before, during and after its write, however fast it is.
            let calibration = directory.file("calibration.db")
            try FileManager.default.copyItem(atPath: seeded, toPath: calibration)
            let clock = ContinuousClock()
            let started = clock.now
            let whole = try ProcessRunner.dealdb(["import", "--db", calibration, document])
            #expect(whole.status == 0, "\(whole.stderr)")
            let duration = clock.now - started

            var outcomes: [String] = []
            for (index, fraction) in [0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1.05, 1.5].enumerated() {
                let database = directory.file("killed-\(index).db")
                try FileManager.default.copyItem(atPath: seeded, toPath: database)
                let process = try Reliability.start([ProcessRunner.dealdbPath, "import", "--db", database, document])
                Thread.sleep(forTimeInterval: Reliability.seconds(duration) * fraction)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()

                #expect(try Reliability.integrityCheck(database) == "ok\n", "killed at \(fraction)")
                let held = try ["sources", "parties", "agreements"].map { table in
                    try Reliability.count(database, "SELECT count(*) FROM \(table) WHERE id LIKE 'crash-%'")
                }
                #expect(held == [0, 0, 0] || held == [count, count, count], "killed at \(fraction): \(held)")
                outcomes.append(held[0] == 0 ? "none" : "all")

                let again = try ProcessRunner.dealdb(["import", "--db", database, document])
                #expect(again.status == 0, "\(again.stderr)")
                #expect(try Reliability.count(database, "SELECT count(*) FROM agreements WHERE id LIKE 'crash-%'") == count)
                #expect(try ProcessRunner.dealdb(["doctor", "--db", database]).status == 0)
            }
            print("crash test: import takes \(duration); killed imports left: \(outcomes.joined(separator: ", "))")

            // One kill that surely lands mid-write, whatever the timing: once
            // the import is seen holding the write lock (its transaction is
            // open) and before it has finished.
            // (A larger document, so the write lasts long enough to be seen.)
            let large = try Reliability.writeDocument(in: directory, name: "large.json", prefix: "large", count: 5000)
            let database = directory.file("killed-writing.db")
            try FileManager.default.copyItem(atPath: seeded, toPath: database)
            let process = try Reliability.start([ProcessRunner.dealdbPath, "import", "--db", database, large])
            let writing = try Reliability.waitForWriteLock(database)
            let stillRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(writing && stillRunning, "the import was never seen writing")
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                    "the kill did not land: the import exited with \(process.terminationStatus)")
            #expect(try Reliability.integrityCheck(database) == "ok\n")
            #expect(try Reliability.count(database, "SELECT count(*) FROM agreements WHERE id LIKE 'large-%'") == 0)
        }
    }
}
