import Foundation

/// What a finished process printed and how it exited.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutData: Data
}

/// Runs real programs: the built `dealdb`, the `sqlite3` shell, `python3`.
public enum ProcessRunner {
    /// Runs `executable` with output captured in files rather than pipes,
    /// so that large output can never deadlock the test.
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil,
        environment: [String: String] = [:], currentDirectory: String? = nil
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
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close(); try input.close()
        let outData = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let errData = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             stdoutData: outData)
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
        currentDirectory: String? = nil
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
                       currentDirectory: currentDirectory)
    }

    /// The sqlite3 shell, as an independent reader of what we write.
    public static func sqlite3(_ database: String, _ sql: String, options: [String] = []) throws -> ProcessResult {
        try run("/usr/bin/env", ["sqlite3"] + options + [database, sql])
    }

    /// python3 running `script`, as an independent parser of our output.
    public static func python(_ script: String, arguments: [String] = [], stdin: Data? = nil) throws -> ProcessResult {
        try run("/usr/bin/env", ["python3", "-c", script] + arguments, stdin: stdin)
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
