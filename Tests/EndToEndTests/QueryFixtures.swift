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
