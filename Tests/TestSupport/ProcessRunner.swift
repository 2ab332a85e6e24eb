import Foundation

/// What a finished process printed and how it exited.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutData: Data
}

/// A child that did not finish in time: it was killed, and the test fails
/// with its command line instead of holding CI until CI's own limit.
public struct ProcessTimeout: Error, CustomStringConvertible {
    public let command: [String]
    public let seconds: Int
    public var description: String {
        "\(command.joined(separator: " ")) did not finish within \(seconds) s and was killed"
    }
}

/// Runs real programs: the built `dealdb`, the `sqlite3` shell, `python3`.
public enum ProcessRunner {
    /// How long any one child may run. The slowest honest run in the suite
    /// (a report of GEM's whole map file in Chromium, under a loaded CI
    /// machine) takes a fraction of it; a hung one fails within a minute.
    public static let timeoutSeconds = 60

    /// Runs `executable` with output captured in files rather than pipes,
    /// so that large output can never deadlock the test. A child still
    /// running after `timeout` seconds gets SIGTERM, then SIGKILL, and the
    /// run throws ProcessTimeout.
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil,
        environment: [String: String] = [:], currentDirectory: String? = nil,
        timeout: Int = timeoutSeconds
    ) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.path + "/proc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/out", errPath = scratch + "/err", inPath = scratch + "/in"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: stdin ?? Data())

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged.filter { !$0.value.isEmpty }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + .seconds(timeout)) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + .seconds(2)) == .timedOut {
                // Its children too: Foundation sees the end only when every
                // holder of the child's descriptors is gone.
                for pid in descendants(of: process.processIdentifier) + [process.processIdentifier] {
                    kill(pid, SIGKILL)
                }
                finished.wait()
            }
            try? out.close(); try? err.close(); try? input.close()
            throw ProcessTimeout(command: [executable] + arguments, seconds: timeout)
        }
        try out.close(); try err.close(); try input.close()
        let outData = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let errData = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             stdoutData: outData)
    }

    /// Every process below `pid`, from /proc (Linux), children first.
    static func descendants(of pid: Int32) -> [Int32] {
        var children: [Int32: [Int32]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (name) state": the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { children[parent, default: []].append(child) }
        }
        var found: [Int32] = []
        var pending = children[pid] ?? []
        while let next = pending.popLast() {
            found.append(next)
            pending += children[next] ?? []
        }
        return found.reversed()
    }

    /// The `dealdb` built beside the test bundle.
    public static var dealdbPath: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On macOS the runner sits inside the .xctest bundle.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("dealdb").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("dealdb").path
    }

    /// Runs dealdb with a private data home, so no test touches the user's database.
    public static func dealdb(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        currentDirectory: String? = nil, timeout: Int = timeoutSeconds
    ) throws -> ProcessResult {
        var environment = environment
        if environment["XDG_DATA_HOME"] == nil {
            environment["XDG_DATA_HOME"] = FileManager.default.temporaryDirectory.path + "/dealdb-nohome-" + UUID().uuidString
        }
        if environment["XDG_CONFIG_HOME"] == nil {
            environment["XDG_CONFIG_HOME"] = environment["XDG_DATA_HOME"]
        }
        environment["DEALDB_PATH"] = environment["DEALDB_PATH"] ?? ""
        return try run(dealdbPath, arguments, stdin: stdin, environment: environment,
                       currentDirectory: currentDirectory, timeout: timeout)
    }

    /// The sqlite3 shell, as an independent reader of what we write.
    public static func sqlite3(_ database: String, _ sql: String, options: [String] = []) throws -> ProcessResult {
        try run("/usr/bin/env", ["sqlite3"] + options + [database, sql])
    }

    /// The python3 of the tests' virtual environment (`make test-deps`
    /// gives it PyYAML), else the one on the PATH.
    public static var python3: String {
        let venv = SharedData.packageRoot + "/.build/venv/bin/python3"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// python3 running `script`, as an independent parser of our output.
    public static func python(_ script: String, arguments: [String] = [], stdin: Data? = nil,
                              environment: [String: String] = [:]) throws -> ProcessResult {
        try run("/usr/bin/env", [python3, "-c", script] + arguments, stdin: stdin, environment: environment)
    }
}

/// The shared test data beside the project (`../shared`), when present.
public enum SharedData {
    public static var root: String? {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: shared) ? shared : nil
    }

    /// The package root, for fixtures kept in the project.
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
