import Foundation
import ArgumentParser

/// The completion scripts argument-parser writes, with one thing they lack:
/// a value that ends in `=` (`-p party=`, a query parameter's name) wants
/// its value typed straight after it, yet bash and zsh put a space there,
/// and the next word typed becomes an unexpected argument. fish leaves no
/// space already.
enum CompletionScripts {
    /// The shell named by `--generate-completion-script SHELL` (or `=SHELL`)
    /// when that is the whole command line; nil otherwise.
    static func requestedShell(in arguments: [String]) -> CompletionShell? {
        let option = "--generate-completion-script"
        switch arguments.count {
        case 1 where arguments[0].hasPrefix(option + "="):
            return CompletionShell(rawValue: String(arguments[0].dropFirst(option.count + 1)))
        case 2 where arguments[0] == option:
            return CompletionShell(rawValue: arguments[1])
        default:
            return nil
        }
    }

    static func script(for shell: CompletionShell) -> String {
        let generated = DealDB.completionScript(for: shell)
        switch shell {
        case .bash: return patched(generated, after: bashAnchor, adding: bashNoSpace)
        case .zsh: return patched(generated, after: zshAnchor, adding: zshNoSpace)
        default: return generated
        }
    }

    /// Left as generated when the anchor moved in another argument-parser
    /// release: the script still works, with the space.
    private static func patched(_ script: String, after anchor: String, adding lines: String) -> String {
        guard let range = script.range(of: anchor) else { return script }
        return script.replacingCharacters(in: range, with: anchor + lines)
    }

    // bash: the function that fills COMPREPLY from dealdb's answer.
    private static let bashAnchor = """
            done < <(IFS=$'\\n' compgen "${@}" -- "${cur}")

        """
    private static let bashNoSpace = """
            # dealdb: a lone `name=` takes its value straight after it.
            if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
                compopt -o nospace 2>/dev/null
            fi

        """

    // zsh: the function that hands dealdb's answer to _describe.
    private static let zshAnchor = """
        __dealdb_complete() {

        """
    private static let zshNoSpace = """
            # dealdb: a `name=` takes its value straight after it, no space.
            local -a open_ended=("${(M)@:#*=}")
            if [[ ${#open_ended[@]} -gt 0 && ${#open_ended[@]} -eq $# ]]; then
                compadd -S '' -a open_ended
                return
            fi

        """
}
