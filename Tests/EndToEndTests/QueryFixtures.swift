import Foundation
import TestSupport

/// Databases for the query tests: the seed, and the made-up second dataset
/// in Tests/Fixtures/queries, each in its own temporary directory.
final class QueryDatabase {
    let directory: TemporaryDirectory
    let path: String

    enum Content { case seed, secondDataset, empty }

    init(_ content: Content) throws {
        directory = try TemporaryDirectory()
        path = directory.file("deals.db")
        switch content {
        case .seed:
            let result = try ProcessRunner.dealdb(["init", "--db", path, "--seed"])
            guard result.status == 0 else { throw Failure(message: result.stderr) }
        case .empty:
            let result = try ProcessRunner.dealdb(["init", "--db", path])
            guard result.status == 0 else { throw Failure(message: result.stderr) }
        case .secondDataset:
            let created = try ProcessRunner.dealdb(["init", "--db", path])
            guard created.status == 0 else { throw Failure(message: created.stderr) }
            let fixture = SharedData.packageRoot + "/Tests/Fixtures/queries/second-dataset.yaml"
            let imported = try ProcessRunner.dealdb(["import", "--db", path, fixture])
            guard imported.status == 0 else { throw Failure(message: imported.stderr) }
        }
    }

    /// `content` with GEM's real map file imported, and what that import
    /// printed. The import takes about 14 s in a debug build and some ten
    /// suites want the same one, so it runs once per test run for each
    /// content and each test gets a copy of the file (GEMMapImport).
    static func withGEMMap(_ content: Content) throws -> (database: QueryDatabase, imported: ProcessResult) {
        let cached = try GEMMapImport.cached(content)
        let database = try QueryDatabase(copying: cached.path)
        return (database, cached.imported)
    }

    private init(copying file: String) throws {
        directory = try TemporaryDirectory()
        path = directory.file("deals.db")
        try FileManager.default.copyItem(atPath: file, toPath: path)
    }

    func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.dealdb(arguments + ["--db", path], stdin: stdin, environment: environment)
    }

    /// A command's CSV output, read by Python's csv module.
    func records(_ arguments: [String]) throws -> [[String: String]] {
        let result = try run(arguments + ["--format", "csv"])
        guard result.status == 0 else { throw Failure(message: "\(arguments): \(result.stderr)") }
        return try Parsers.csvRecords(result.stdout)
    }

    func dump() throws -> String { try ProcessRunner.sqlite3(path, ".dump").stdout }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// One import of GEM's map file (../shared) into the seed and one into an
/// empty database per test run, kept in a directory of this process's that
/// is removed when it exits. Swift runs a static's initializer once, however
/// many tests ask at the same time.
enum GEMMapImport {
    struct Cached: Sendable {
        let path: String
        let imported: ProcessResult
    }

    static let map = SharedData.root.map { $0 + "/test-data/gem/ggit-map-2024-10-06.csv" }
    private static let directory = FileManager.default.temporaryDirectory.path + "/dealdb-gem-map-\(getpid())"
    private static let seed = Result { try build(.seed) }
    private static let empty = Result { try build(.empty) }

    static func cached(_ content: QueryDatabase.Content) throws -> Cached {
        switch content {
        case .seed: try seed.get()
        case .empty: try empty.get()
        case .secondDataset: throw QueryDatabase.Failure(message: "GEM's map file is cached on the seed or an empty database only")
        }
    }

    private static func build(_ content: QueryDatabase.Content) throws -> Cached {
        guard let map else { throw QueryDatabase.Failure(message: "../shared not found, so GEM's map file is not read") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: GEMMapImport.directory) }
        let path = directory + "/\(content).db"
        let created = try ProcessRunner.dealdb(["init", "--db", path] + (content == .seed ? ["--seed"] : []))
        guard created.status == 0 else { throw QueryDatabase.Failure(message: created.stderr) }
        let imported = try ProcessRunner.dealdb(["import", "--db", path, "--from", "gem", map])
        guard imported.status == 0 else { throw QueryDatabase.Failure(message: "\(map): \(imported.stderr)") }
        return Cached(path: path, imported: imported)
    }
}
