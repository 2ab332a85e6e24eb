import ArgumentParser
import Testing
import TestSupport
@testable import dealdb

/// Every command names itself. Without `commandName`, swift-argument-parser
/// derives the name with `String(describing:)`, a reflection that scans all
/// of the binary's protocol conformances on every run: `--version` took
/// 7.5 ms instead of 5.7 (docs/PERFORMANCE.md).
@Suite struct CommandNamesTests {
    private func unnamed(_ command: ParsableCommand.Type, path: String) -> [String] {
        let configuration = command.configuration
        let here = path + " " + (configuration.commandName ?? "\(command)")
        return (configuration.commandName == nil ? [here] : [])
            + configuration.subcommands.flatMap { unnamed($0, path: here) }
    }

    @Test func everyCommandSetsItsName() {
        #expect(unnamed(DealDB.self, path: "").isEmpty)
    }

    /// Every failure speaks with one prefix, usage errors included (they
    /// said "Error:" as ArgumentParser words them, the rest "dealdb:").
    @Test(arguments: [["list", "--nope"], ["query"], ["projects", "--limit", "x"]])
    func usageErrorsSayDealdb(_ arguments: [String]) throws {
        let result = try ProcessRunner.dealdb(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("dealdb: "), "\(result.stderr)")
        #expect(!result.stderr.contains("Error: "), "\(result.stderr)")
    }
}
