import DealCore

/// The command line's words for what DealCore's messages name: a setting
/// is the flag that carries it, the way to make a database is `dealdb init`.
/// The domain never spells a flag; this is the one place that does.
enum FlagNames {
    static func words(_ part: DealMessage.Part) -> String? {
        switch part {
        case .text: nil
        case .setting(let setting): flag(setting)
        case .settingValue(let setting, let value): "\(flag(setting)) \(value)"
        case .initializeCommand(let path): "dealdb init --db \(ShellWord.quoted(path))"
        case .migrateCommand(let path): "dealdb migrate --db \(ShellWord.quoted(path))"
        case .repairCommand: "dealdb doctor --repair"
        }
    }

    static func flag(_ setting: Setting) -> String {
        switch setting {
        case .database: "--db"
        case .busyTimeout: "--busy-timeout"
        case .force: "--force"
        case .write: "--write"
        case .timeout: "--timeout"
        case .queries: "--queries"
        case .limit: "--limit"
        case .name: "--name"
        case .owner: "--owner"
        case .minimumCapacity: "--min-capacity"
        case .since: "--since"
        case .until: "--until"
        case .asOf: "--as-of"
        case .depth: "--depth"
        case .format: "--format"
        case .parameter: "-p"
        }
    }
}

extension DealError {
    /// The message as the command line says it, flags spelled: the message
    /// and each detail one line, whatever line breaks the paths and values
    /// they quote hold.
    var commandLineText: String {
        ([text.rendered(FlagNames.words)] + details).map(DisplayText.oneLine).joined(separator: "\n")
    }
}

extension DoctorFinding {
    /// `schema: trigger x: missing ...; re-create it with: dealdb doctor --repair`.
    var commandLineText: String { "\(check.rawValue): \(subject): \(message.rendered(FlagNames.words))" }
}
