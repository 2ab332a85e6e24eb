import Foundation
import PackagePlugin

/// Turns the top-level `migrations/`, `seeds/`, `queries/` and `borders/` folders into one
/// generated Swift source, so that the installed binary needs no files beside
/// it. The target sees the folders through committed symlinks; listing them
/// here on every build is what makes SwiftPM notice added and changed files.
@main
struct EmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folders = ["migrations": "sql", "seeds": "yaml", "queries": "sql", "borders": "txt"]
        var inputs: [URL] = []
        var arguments: [String] = []
        for (folder, fileExtension) in folders.sorted(by: { $0.key < $1.key }) {
            let directory = target.directoryURL.appending(path: folder)
            // A checkout without one of the folders (or with it empty) would
            // build a dealdb without its schema or queries: fail the build instead.
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix("." + fileExtension) }
            guard !names.isEmpty else { throw EmbedError.empty(folder: folder, fileExtension: fileExtension) }
            for name in names.sorted() {
                let file = directory.appending(path: name)
                inputs.append(file)
                arguments.append("\(folder)=\(file.path)")
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding migrations, seeds, queries and borders into \(target.name)",
                executable: try context.tool(named: "EmbedTool").url,
                arguments: [output.path] + arguments,
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}

enum EmbedError: Error, CustomStringConvertible {
    case empty(folder: String, fileExtension: String)

    var description: String {
        switch self {
        case let .empty(folder, fileExtension):
            "\(folder)/ holds no .\(fileExtension) file: dealdb cannot be built without it"
        }
    }
}
