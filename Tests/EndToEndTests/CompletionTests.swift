import Foundation
import Testing
import TestSupport

/// The completion scripts that argument-parser generates, run in a real
/// bash: they call dealdb back for values that live in the database and the
/// query folders.
@Suite struct CompletionTests {
    /// What bash offers for the command line `words` (the last one is being
    /// completed), as `complete -F` would call the script's function.
    private func bashCompletions(_ words: [String], in directory: borrowing TemporaryDirectory,
                                 home: String) throws -> [String] {
        let script = directory.file("dealdb.bash")
        if !FileManager.default.fileExists(atPath: script) {
            let generated = try ProcessRunner.dealdb(["--generate-completion-script", "bash"])
            #expect(generated.status == 0, "\(generated.stderr)")
            try generated.stdout.write(toFile: script, atomically: true, encoding: .utf8)
        }
        let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let harness = """
            source "$1" || exit 3
            # An empty answer must mean "no values", not "no completion ran".
            type _dealdb >/dev/null || exit 4
            COMP_WORDS=(\(quoted)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            _dealdb dealdb "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let bin = URL(fileURLWithPath: ProcessRunner.dealdbPath).deletingLastPathComponent().path
        let result = try ProcessRunner.run("/bin/bash", ["-c", harness, "bash", script],
                                           environment: ["PATH": bin + ":/usr/bin:/bin", "XDG_DATA_HOME": home,
                                                         "XDG_CONFIG_HOME": home, "DEALDB_PATH": ""],
                                           currentDirectory: directory.path)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func valuesFromTheDatabaseAndTheQueries() throws {
        let directory = try TemporaryDirectory()
        let home = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)

        let queries = try bashCompletions(["dealdb", "query", ""], in: directory, home: home.path)
        #expect(queries.contains("unresolved-pricing") && queries.contains("deals-by-party"), "\(queries)")
        #expect(try bashCompletions(["dealdb", "query", "un"], in: directory, home: home.path)
            == ["unconfirmed", "undisclosed-pricing", "unresolved-pricing", "unsourced"])
        #expect(try bashCompletions(["dealdb", "query", "deals-by-party", "-p", ""], in: directory, home: home.path)
            .contains("party="))

        let parties = try bashCompletions(["dealdb", "list", "--db", db, "--party", ""], in: directory, home: home.path)
        #expect(parties.contains("gazprom") && parties.contains("cnpc"), "\(parties)")
        #expect(try bashCompletions(["dealdb", "list", "--db", db, "--party", "gov-"], in: directory, home: home.path)
            == ["gov-cn", "gov-mn", "gov-ru"])
        #expect(try bashCompletions(["dealdb", "projects", "--db", db, "--owner", "gaz"], in: directory, home: home.path)
            == ["gazprom"])
        #expect(try bashCompletions(["dealdb", "chart", "timeline", "--db", db, "--project", "pos-"], in: directory,
                                    home: home.path) == ["pos-1", "pos-2"])
        let shown = try bashCompletions(["dealdb", "show", "--db", db, "pos-"], in: directory, home: home.path)
        #expect(shown == ["pos-1", "pos-2"], "\(shown)")
        let tables = try bashCompletions(["dealdb", "export", "--db", db, "pro"], in: directory, home: home.path)
        #expect(tables == ["project_geometry", "project_identifiers", "project_owners", "project_parts", "project_route", "projects"], "\(tables)")
        let importing = try bashCompletions(["dealdb", "import", "--db", db, "--table", "ag"], in: directory,
                                            home: home.path)
        #expect(importing == ["agreement_parties", "agreements"], "\(importing)")
    }

    /// The red team's attack: a value in the database reaching bash's
    /// `compgen -W`, which expands `$(...)` and backquotes, ran code on TAB.
    /// Such values are never offered; the others still are.
    @Test func noValueIsEverEvaluated() throws {
        let directory = try TemporaryDirectory()
        let home = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        let made = try ProcessRunner.sqlite3(db, """
            CREATE TABLE "$(touch PWNED)" (a); CREATE TABLE "`touch PWNED2`" (a); CREATE TABLE "p;touch PWNED3" (a);
            """)
        #expect(made.status == 0, "\(made.stderr)")
        let offered = try bashCompletions(["dealdb", "export", "--db", db, ""], in: directory, home: home.path)
        let again = try bashCompletions(["dealdb", "export", "--db", db, "p"], in: directory, home: home.path)
        for name in ["PWNED", "PWNED2", "PWNED3"] {
            #expect(!FileManager.default.fileExists(atPath: directory.file(name)), "TAB ran code: \(name) exists")
        }
        #expect(offered.contains("agreements") && !offered.contains { $0.contains("touch") }, "\(offered)")
        #expect(again.contains("projects") && !again.contains { $0.contains("touch") }, "\(again)")
    }

    /// The user's own queries complete too, from the config folder.
    @Test func usersQueries() throws {
        let directory = try TemporaryDirectory()
        let home = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: home.path + "/dealdb/queries", withIntermediateDirectories: true)
        try "-- name: my-own\n-- title: Mine\n-- param: region text optional  A region\nSELECT :region AS region\n"
            .write(toFile: home.path + "/dealdb/queries/my-own.sql", atomically: true, encoding: .utf8)
        #expect(try bashCompletions(["dealdb", "query", "my"], in: directory, home: home.path) == ["my-own"])
        #expect(try bashCompletions(["dealdb", "query", "my-own", "-p", ""], in: directory, home: home.path)
            == ["region="])
    }

    /// Completing never creates a database, the default one included.
    @Test func noDatabaseIsCreated() throws {
        let directory = try TemporaryDirectory()
        let home = try TemporaryDirectory()
        #expect(try bashCompletions(["dealdb", "list", "--db", "missing.db", "--party", ""], in: directory,
                                    home: home.path).isEmpty)
        #expect(try bashCompletions(["dealdb", "show", ""], in: directory, home: home.path).isEmpty)
        let left = (FileManager.default.subpaths(atPath: directory.path) ?? []).filter { $0 != "dealdb.bash" }
        #expect(left.isEmpty, "\(left)")
        #expect((FileManager.default.subpaths(atPath: home.path) ?? []).isEmpty)
    }

    @Test func everyShellGetsAScript() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try ProcessRunner.dealdb(["--generate-completion-script", shell])
            #expect(result.status == 0, "\(shell): \(result.stderr)")
            #expect(result.stdout.contains("---completion"), "\(shell): the script does not call dealdb back")
        }
    }

    /// The red team's finding, typed into a real interactive bash through a
    /// pseudo-terminal: `-p part<TAB>gazprom<Enter>`. With a space after
    /// `party=` the query fails with an unexpected argument; without it,
    /// it runs with party=gazprom.
    @Test func aParameterNameTakesItsValueWithoutASpace() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("deals.db")
        #expect(try ProcessRunner.dealdb(["init", "--db", db, "--seed"]).status == 0)
        let script = directory.file("dealdb.bash")
        try ProcessRunner.dealdb(["--generate-completion-script", "bash"]).stdout
            .write(toFile: script, atomically: true, encoding: .utf8)
        let typed = try ProcessRunner.python("""
            import os, pty, select, sys, time
            script, line = sys.argv[1], sys.argv[2]
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
            def read_until(marker, seconds):
                # Keys typed are read in order, however slow the completion;
                # the output is read until the marker, with room for a busy machine.
                out, end = b"", time.time() + seconds
                while marker not in out and time.time() < end:
                    ready, _, _ = select.select([fd], [], [], 0.1)
                    if ready:
                        try:
                            chunk = os.read(fd, 65536)
                        except OSError:
                            break
                        if not chunk:
                            break
                        out += chunk
                return out
            os.write(fd, f"PS1='ready> '; source {script}; echo SOURCED-$((1+1))\\n".encode())
            read_until(b"SOURCED-2", 20)
            os.write(fd, line.encode() + b"\\tgazprom\\n")
            # The marker as typed differs from the marker printed.
            os.write(fd, b"echo END-OF-$((1+1))\\n")
            out = read_until(b"END-OF-2", 45)
            os.write(fd, b"exit\\n")
            sys.stdout.write(out.decode(errors="replace"))
            """, arguments: [script, "dealdb query deals-by-party --db '\(db)' --format csv -p part"],
            environment: ["PATH": URL(fileURLWithPath: ProcessRunner.dealdbPath).deletingLastPathComponent().path
                                  + ":/usr/bin:/bin", "HOME": directory.path])
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(typed.stdout.contains("pos2-gazprom-cnpc-2025,"), "\(typed.stdout)")
        #expect(!typed.stdout.contains("Usage:"), "\(typed.stdout)")
    }

    /// bash and zsh get the patch (fish leaves no space already); the script
    /// is the same whichever way the shell is named.
    @Test func theScriptsLeaveNoSpaceAfterAnEqualsSign() throws {
        let bash = try ProcessRunner.dealdb(["--generate-completion-script", "bash"]).stdout
        #expect(bash.contains("compopt -o nospace"))
        #expect(try ProcessRunner.dealdb(["--generate-completion-script=bash"]).stdout == bash)
        #expect(try ProcessRunner.dealdb(["--generate-completion-script", "zsh"]).stdout.contains("compadd -S ''"))
    }
}
