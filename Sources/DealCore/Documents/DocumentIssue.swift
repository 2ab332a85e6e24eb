/// One thing wrong with a document, located by file, line, column and the
/// path of the key: `deals.yaml:14:9: agreements[2].parties[0].role: ...`.
public struct DocumentIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var path: String
    public var message: String

    public var description: String {
        "\(file):\(line):\(column): " + (path.isEmpty ? "" : "\(path): ") + message
    }
}

/// Where a value stood in its file, kept with references that can only be
/// checked once every file has been read.
struct DocumentLocation: Sendable, Equatable {
    var file: String
    var line: Int
    var column: Int
    var path: String

    func issue(_ message: String) -> DocumentIssue {
        DocumentIssue(file: file, line: line, column: column, path: path, message: message)
    }
}
