import Foundation

/// Independent readers of what dealdb prints: Python's csv and json modules.
public enum Parsers {
    /// Rows of a CSV text as Python's csv module reads them.
    public static func csv(_ text: String, delimiter: String = ",") throws -> [[String]] {
        let script = """
            import csv, io, json, sys
            text = sys.stdin.buffer.read().decode('utf-8-sig')
            rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=sys.argv[1]))
            print(json.dumps(rows))
            """
        let result = try ProcessRunner.python(script, arguments: [delimiter], stdin: Data(text.utf8))
        guard result.status == 0 else { throw ParseFailure(message: result.stderr) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]] ?? []
    }

    /// CSV rows as dictionaries keyed by the header.
    public static func csvRecords(_ text: String) throws -> [[String: String]] {
        let rows = try csv(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    /// A JSON text as Python's json module reads it, re-encoded for Foundation
    /// (so that both parsers must accept it).
    public static func json(_ text: String) throws -> Any {
        let script = "import json, sys; print(json.dumps(json.loads(sys.stdin.read())))"
        let result = try ProcessRunner.python(script, stdin: Data(text.utf8))
        guard result.status == 0 else { throw ParseFailure(message: result.stderr) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    public struct ParseFailure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
