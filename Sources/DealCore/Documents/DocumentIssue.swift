/// One thing wrong with a document, located by file, line, column and the
/// path of the key: `deals.yaml:14:9: agreements[2].parties[0].role: ...`.
package struct DocumentIssue: Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int
    package var path: String
    package var message: String

    package var description: String {
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
