import Foundation
import Testing
import TestSupport

extension TimingSensitive {
    /// Analysts run dealdb from scripts in parallel: writers wait for the lock
    /// (BEGIN IMMEDIATE and the busy timeout) and readers never block them
    /// (WAL), so nobody sees "database is locked".
    @Suite struct ConcurrencyTests {
        @Test func eightProcessesImportAndQueryAtOnce() throws {
            let directory = try TemporaryDirectory()
            let database = try Reliability.seededDatabase(in: directory)
            let count = 40
            let dealdb = ProcessRunner.dealdbPath
            var processes: [(Process, String)] = []
            for worker in 0..<8 {
                let document = try Reliability.writeDocument(in: directory, name: "worker-\(worker).json",
                                                             prefix: "worker\(worker)", count: count)
                // Each process reads before and after its write, in the same
                // script, so reads and writes of different workers overlap.
                let script = [
                    "\(dealdb) list --db \(database) --format csv",
                    "\(dealdb) import --db \(database) \(document)",
                    "\(dealdb) query unsourced --db \(database)",
                    "\(dealdb) show --db \(database) worker\(worker)-agreement-1",
                    "\(dealdb) search --db \(database) Report",
                    "\(dealdb) export --db \(database) agreements --format csv",
                ].map { $0 + " >/dev/null" }.joined(separator: " && ")
                let output = directory.file("worker-\(worker)")
                processes.append((try Reliability.start(["sh", "-c", script], output: output), output))
            }
            for (process, output) in processes {
                process.waitUntilExit()
                let stderr = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
                #expect(process.terminationStatus == 0, "\(output): \(stderr)")
                #expect(!stderr.lowercased().contains("locked"), "\(stderr)")
            }
            for worker in 0..<8 {
                for table in ["sources", "parties", "agreements"] {
                    #expect(try Reliability.count(database,
                        "SELECT count(*) FROM \(table) WHERE id LIKE 'worker\(worker)-%'") == count, "\(table) of \(worker)")
                }
            }
            #expect(try Reliability.integrityCheck(database) == "ok\n")
            let doctor = try ProcessRunner.dealdb(["doctor", "--db", database])
            #expect(doctor.status == 0, "\(doctor.stdout)")
        }

        @Test func aWriterWaitsForAnotherWritersLock() throws {
            let directory = try TemporaryDirectory()
            let database = try Reliability.seededDatabase(in: directory)
            let document = try Reliability.writeDocument(in: directory, name: "waiting.json", prefix: "waiting", count: 3)
            // The sqlite3 shell holds the write lock for a while; dealdb waits
            // for it (its busy timeout is far longer) instead of failing.
            let holder = try Reliability.start(["sqlite3", "-cmd", ".timeout 10000", database,
                "BEGIN IMMEDIATE; INSERT INTO sources (id, title) VALUES ('held', 'Held'); SELECT 1 FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3000000) SELECT count(*) FROM c); COMMIT;"])
            let result = try ProcessRunner.dealdb(["import", "--db", database, document])
            holder.waitUntilExit()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Reliability.count(database, "SELECT count(*) FROM sources WHERE id = 'held' OR id LIKE 'waiting-%'") == 4)

            // With no patience at all, the refusal is one clear line. The
            // holder's lock is seen taken before dealdb starts and still held
            // when it has answered, so the refusal cannot be skipped by timing.
            // The holder waits for the lock itself (the shell's busy timeout is
            // 0): a checkpoint by a process closing just before must not make
            // it give up, which left dealdb nothing to wait for.
            let impatient = try Reliability.start(["sqlite3", "-cmd", ".timeout 10000", database,
                "BEGIN IMMEDIATE; SELECT 1 FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 40000000) SELECT count(*) FROM c); COMMIT;"])
            #expect(try Reliability.waitForWriteLock(database), "the holder never took the lock")
            let refused = try ProcessRunner.dealdb(["import", "--db", database, "--busy-timeout", "0",
                                                    try Reliability.writeDocument(in: directory, name: "late.json", prefix: "late", count: 1)])
            let heldThroughout = impatient.isRunning
            impatient.waitUntilExit()
            #expect(heldThroughout, "the holder finished before dealdb answered; the lock may not have been held")
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("dealdb: \(database): another process held the database lock for longer than --busy-timeout; nothing was changed"),
                    "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
            #expect(try Reliability.count(database, "SELECT count(*) FROM sources WHERE id LIKE 'late-%'") == 0)
        }
    }
}
