import ArgumentParser
import DealCore
import Foundation

@main
struct DealDB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dealdb",
        abstract: "A database and query tool for international energy deals.",
        discussion: """
            Keeps agreements, parties, projects, terms and their sources in one \
            SQLite file that any SQLite tool can open.

            The database is --db PATH, else $DEALDB_PATH, else \
            $XDG_DATA_HOME/dealdb/deals.db (~/.local/share/dealdb/deals.db); \
            the default one is created and seeded on first use.
            """,
        version: DealVersion.string,
        groupedSubcommands: [
            CommandGroup(name: "Database", subcommands: [Init.self, Migrate.self, Doctor.self, Backup.self]),
            CommandGroup(name: "Import and export", subcommands: [Import.self, Export.self, Check.self, Diff.self, Changes.self, Datasette.self]),
            CommandGroup(name: "Browsing", subcommands: [
                List.self, Projects.self, Parties.self, Show.self, Search.self,
            ]),
            CommandGroup(name: "Query", subcommands: [Queries.self, Query.self, SQL.self]),
            CommandGroup(name: "Chart and report", subcommands: [Chart.self, Graph.self, Report.self]),
        ]
    )

    /// Runs the command and turns failures into one line on stderr and the
    /// exit status that scripts rely on. Output that cannot be written is
    /// "cannot write output: <reason>" and exit 1; a reader that went away
    /// (`| head`) ends us quietly, by SIGPIPE, as it ends other tools.
    static func main() {
        StandardDescriptors.reopenClosed()
        Signals.install()
        do {
            if let invalid = ArgumentEncoding.check() { throw invalid }
            if let shell = CompletionScripts.requestedShell(in: Array(CommandLine.arguments.dropFirst())) {
                Console.write(raw: CompletionScripts.script(for: shell))
                try Console.finish()
                Foundation.exit(0)
            }
            var command = try parseAsRoot()
            try command.run()
            do {
                try Console.finish()
            } catch let error as DealError {
                guard let saved = (command as? SavesWork)?.savedWork else { throw error }
                throw DealError(.failure, "\(error.message); \(saved)")
            }
            if let signal = Cancellation.requestedSignal {
                // The signal came after the work was done (during the last
                // checkpoint, say): what was saved stays saved.
                let saved = (command as? SavesWork)?.savedWork
                Terminal.printError(saved.map { "interrupted, but only after the work was done: \($0)" } ?? "interrupted")
                Foundation.exit(128 + signal)
            }
            Foundation.exit(0)
        } catch {
            fail(error)
        }
    }

    private static func fail(_ error: any Error) -> Never {
        if BrokenPipe.wasSeen { endByBrokenPipe() }
        if let error = DealError(anyFailure: error) {
            // Output lost on the way out matters more than what the command
            // was about to say (doctor's "N problems found" after its list).
            Console.standardOutput.flush()
            if BrokenPipe.wasSeen { endByBrokenPipe() }
            if let reason = Console.standardOutput.writeError, !error.message.hasPrefix("cannot write output") {
                Terminal.printError("cannot write output: \(reason)")
                Foundation.exit(1)
            }
            Terminal.printError(error.commandLineText)
            Foundation.exit(error.exitCode)
        }
        // Help, --version and usage errors, as ArgumentParser words them.
        let message = OptionSynonyms.rewrite(fullMessage(for: error), arguments: Array(CommandLine.arguments.dropFirst()))
        let code = exitCode(for: error)
        if code == .success {
            Console.write(raw: message.isEmpty ? "" : message + "\n")
            do { try Console.finish() } catch { fail(error) }
        } else {
            Console.standardOutput.flush()
            // ArgumentParser words usage errors "Error: ..."; every other
            // failure says "dealdb: ...". One voice, as other tools have.
            let voiced = message.hasPrefix("Error: ") ? "dealdb: " + message.dropFirst("Error: ".count) : message
            if !voiced.isEmpty { Terminal.writeToStandardError(DisplayText.message(voiced) + "\n") }
        }
        Foundation.exit(code.rawValue)
    }

    private static func endByBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        Foundation._exit(128 + SIGPIPE)
    }
}

/// Descriptors 0, 1 and 2 as a process should find them. Started with one
/// closed (`dealdb list >&-`), the next file opened (the database!) would
/// take its number, and our output would land in it. A closed stdin or
/// stdout is reopened read-only on /dev/null, so reading finds nothing and
/// writing fails (EBADF) as it would have; a closed stderr writes to /dev/null.
enum StandardDescriptors {
    static func reopenClosed() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            // open() takes the lowest free number, which is this one.
            _ = open("/dev/null", descriptor == STDERR_FILENO ? O_WRONLY : O_RDONLY)
        }
    }
}
