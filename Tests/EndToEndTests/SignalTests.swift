import Foundation
import Testing
import TestSupport

extension TimingSensitive {
    /// Ctrl-C (SIGINT) or SIGTERM during a write: the statement stops, the
    /// transaction rolls back, dealdb says so in one line and exits 130 / 143.
    @Suite struct SignalTests {
        enum Outcome { case interrupted, tooEarly, tooLate }

        struct Signalled {
            let status: Int32
            let stderr: String
        }

        /// Runs dealdb with `arguments`, sends it `signal` after `delay`
        /// seconds, and says how that went.
        private func interrupt(_ arguments: [String], signal: Int32, after delay: Double,
                               directory: borrowing TemporaryDirectory) throws -> (Outcome, Signalled?) {
            let output = directory.file("signalled-\(UUID().uuidString)")
            let process = try Reliability.start([ProcessRunner.dealdbPath] + arguments, output: output)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            // Killed before dealdb installed its handlers: the default action.
            if process.terminationReason == .uncaughtSignal { return (.tooEarly, nil) }
            let stderr = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
            let result = Signalled(status: process.terminationStatus, stderr: stderr)
            // Finished (committed) before the signal arrived or noticed it.
            if result.status == 0 || result.stderr == "dealdb: interrupted\n"
                || result.stderr.hasPrefix("dealdb: interrupted, but only after the work was done: ") {
                return (.tooLate, result)
            }
            return (.interrupted, result)
        }

        @Test(arguments: [SIGINT, SIGTERM])
        func aSignalDuringAnImportRollsItBack(_ signal: Int32) throws {
            let directory = try TemporaryDirectory()
            let seeded = try Reliability.seededDatabase(in: directory)
            let before = try Reliability.dump(seeded)
            // The signal must land while the import runs; on a fast machine a
            // small import may finish first, so the document grows until one is
            // caught mid-way.
            var caught = false
            for (attempt, count) in [150, 300, 600, 1200].enumerated() where !caught {
                let database = directory.file("attempt-\(attempt).db")
                try FileManager.default.copyItem(atPath: seeded, toPath: database)
                let document = try Reliability.writeDocument(in: directory, name: "signal-\(attempt).json",
                                                             prefix: "signal", count: count)
                let calibration = directory.file("calibration-\(attempt).db")
                try FileManager.default.copyItem(atPath: seeded, toPath: calibration)
                let clock = ContinuousClock()
                let started = clock.now
                _ = try ProcessRunner.dealdb(["import", "--db", calibration, document])
                let duration = Reliability.seconds(clock.now - started)

                let (outcome, result) = try interrupt(["import", "--db", database, document], signal: signal,
                                                      after: duration * 0.6, directory: directory)
                guard outcome == .interrupted, let result else { continue }
                caught = true
                #expect(result.status == 128 + signal)
                #expect(result.stderr == "dealdb: interrupted; nothing was changed\n")
                #expect(try Reliability.integrityCheck(database) == "ok\n")
                #expect(try Reliability.dump(database) == before)
            }
            #expect(caught, "no attempt was interrupted mid-import")
        }

        /// While a document is parsed nothing has been written, so a signal
        /// ends the process at once instead of when parsing is over. Shown
        /// without timing: the document's last record is invalid, so a run that
        /// parsed to the end fails with 65 before any write could notice the
        /// signal; a run ended at once says it was interrupted.
        @Test func aSignalWhileADocumentIsParsedEndsAtOnce() throws {
            let directory = try TemporaryDirectory()
            let database = try Reliability.seededDatabase(in: directory)
            let before = try Reliability.dump(database)
            var caught = false
            for (attempt, count) in [1000, 4000, 16000].enumerated() where !caught {
                var text = Reliability.document(prefix: "parse", count: count)
                let last = try #require(text.range(of: #""kind":"memorandum""#, options: .backwards))
                text.replaceSubrange(last, with: #""kind":"bogus""#)
                let document = directory.file("parse-\(attempt).json")
                try text.write(toFile: document, atomically: false, encoding: .utf8)
                let clock = ContinuousClock()
                let started = clock.now
                let calibration = try ProcessRunner.dealdb(["import", "--db", database, document])
                #expect(calibration.status == 65)
                let duration = Reliability.seconds(clock.now - started)

                let (_, result) = try interrupt(["import", "--db", database, document], signal: SIGINT,
                                                after: duration * 0.5, directory: directory)
                guard let result, result.status != 65 else { continue }
                caught = true
                #expect(result.status == 130)
                #expect(result.stderr == "dealdb: interrupted; nothing was changed\n")
            }
            #expect(caught, "every signal arrived after parsing had ended")
            #expect(try Reliability.dump(database) == before)
        }

        /// A read-only command ends at once on SIGTERM: the temporary file
        /// of its `-o` goes with it (a 93 MB `.NAME.dealdb-tmp-PID` stayed),
        /// and the file it was to replace is as it was.
        @Test func sigtermDuringAStreamingOutputLeavesNoTemporaryFile() throws {
            let directory = try TemporaryDirectory()
            let database = try Reliability.seededDatabase(in: directory)
            let target = directory.file("rows.csv")
            try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
            let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000000) SELECT i, 'text' FROM n"
            let process = try Reliability.start([ProcessRunner.dealdbPath, "sql", "--db", database, sql, "-o", target],
                                                output: directory.file("signalled"))
            // Wait until the temporary file is being written, then stop it.
            let deadline = Date().addingTimeInterval(30)
            func temporaries() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.contains(".dealdb-tmp-") }
            }
            while temporaries().isEmpty && Date() < deadline && process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
            #expect(!temporaries().isEmpty, "the temporary file never appeared")
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            #expect(process.terminationStatus == 143)
            #expect(temporaries().isEmpty, "\(temporaries())")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        }

        @Test func sigtermDuringALongSQLWriteRollsItBack() throws {
            let directory = try TemporaryDirectory()
            let database = try Reliability.seededDatabase(in: directory)
            let before = try Reliability.dump(database)
            var caught = false
            for rows in [2_000_000, 20_000_000, 200_000_000] where !caught {
                let sql = """
                    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT \(rows))
                    INSERT INTO sources (id, title) SELECT 'generated-' || x, 'Generated' FROM c
                    """
                let (outcome, result) = try interrupt(["sql", "--db", database, "--write", sql], signal: SIGTERM,
                                                      after: 0.5, directory: directory)
                if outcome == .tooLate {
                    _ = try ProcessRunner.sqlite3(database, "DELETE FROM sources WHERE id LIKE 'generated-%'")
                }
                guard outcome == .interrupted, let result else { continue }
                caught = true
                #expect(result.status == 143)
                #expect(result.stderr == "dealdb: interrupted; nothing was changed\n")
                #expect(try Reliability.dump(database) == before)
            }
            #expect(caught)
        }
    }
}
