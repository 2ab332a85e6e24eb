import Foundation

/// The columns of AidData's Global Chinese Development Finance Dataset,
/// version 3.0 (the `GCDF_3.0` sheet, 126 columns) that the import reads
/// (docs/AIDDATA.md). The header names them; their order does not matter,
/// and the columns not listed here are left unread.
enum AidDataColumn: String, CaseIterable, Sendable {
    case recordID = "AidData Record ID"
    case recommended = "Recommended For Aggregates"
    case parentID = "AidData Parent ID"
    case umbrella = "Umbrella"
    case financierCountry = "Financier Country"
    case recipient = "Recipient"
    case recipientISO3 = "Recipient ISO-3"
    case region = "Recipient Region"
    case commitmentYear = "Commitment Year"
    case title = "Title"
    case description = "Description"
    case staffComments = "Staff Comments"
    case status = "Status"
    case intent = "Intent"
    case flowType = "Flow Type"
    case flowTypeSimplified = "Flow Type Simplified"
    case flowClass = "Flow Class"
    case sectorCode = "Sector Code"
    case sectorName = "Sector Name"
    case fundingAgencies = "Funding Agencies"
    case fundingAgenciesType = "Funding Agencies Type"
    case cofinancingAgencies = "Co-financing Agencies"
    case cofinancingAgenciesType = "Co-financing Agencies Type"
    case directReceiving = "Direct Receiving Agencies"
    case directReceivingType = "Direct Receiving Agencies Type"
    case indirectReceiving = "Indirect Receiving Agencies"
    case indirectReceivingType = "Indirect Receiving Agencies Type"
    case implementing = "Implementing Agencies"
    case implementingType = "Implementing Agencies Type"
    case guarantor = "Guarantor"
    case guarantorType = "Guarantor Agency Type"
    case insurer = "Insurance Provider"
    case insurerType = "Insurance Provider Agency Type"
    case collateralized = "Collateralized"
    case collateralProvider = "Collateral Provider"
    case collateralProviderType = "Collateral Provider Agency Type"
    case securityAgent = "Security Agent/Collateral Agent"
    case securityAgentType = "Security Agent/Collateral Agent Type"
    case collateral = "Collateral"
    case amount = "Amount (Original Currency)"
    case currency = "Original Currency"
    case amountEstimated = "Amount Estimated"
    case usd2021 = "Amount (Constant USD 2021)"
    case usdNominal = "Amount (Nominal USD)"
    case adjustedAmount = "Adjusted Amount (Original Currency)"
    case adjustedUSD2021 = "Adjusted Amount (Constant USD 2021)"
    case adjustedUSDNominal = "Adjusted Amount (Nominal USD)"
    case commitmentDate = "Commitment Date (MM/DD/YYYY)"
    case commitmentDateEstimated = "Commitment Date Estimated"
    case plannedStart = "Planned Implementation Start Date (MM/DD/YYYY)"
    case actualStart = "Actual Implementation Start Date (MM/DD/YYYY)"
    case actualStartEstimated = "Actual Implementation Start Date Estimated"
    case plannedCompletion = "Planned Completion Date (MM/DD/YYYY)"
    case actualCompletion = "Actual Completion Date (MM/DD/YYYY)"
    case actualCompletionEstimated = "Actual Completion Date Estimated"
    case maturity = "Maturity"
    case interestRate = "Interest Rate"
    case gracePeriod = "Grace Period"
    case managementFee = "Management Fee"
    case commitmentFee = "Commitment Fee"
    case insuranceFeePercent = "Insurance Fee (Percent)"
    case insuranceFeeUSD = "Insurance Fee (Nominal USD)"
    case defaultInterestRate = "Default Interest Rate"
    case firstRepayment = "First Loan Repayment Date"
    case lastRepayment = "Last Loan Repayment Date"
    case sourceURLs = "Source URLs"
    case sourceTitles = "Source Titles"
    case sourcePublishers = "Source Publishers"
    case sourceTypes = "Source Resource Types"

    /// The header's words compared: case, spacing, curly apostrophes and a
    /// date column's "(MM/DD/YYYY)" set aside, so a sheet saved by another
    /// program still matches.
    static func key(_ header: String) -> String {
        var text = header.replacingOccurrences(of: "\u{2019}", with: "'")
        if let range = text.range(of: "(MM/DD/YYYY)", options: .caseInsensitive) { text.removeSubrange(range) }
        return TextFolding.fold(text)
    }

    /// Where each column is in `header`; the columns it lacks, by name.
    static func locate(_ header: [String]) -> (columns: [AidDataColumn: Int], missing: [AidDataColumn]) {
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() where positions[key(name)] == nil { positions[key(name)] = index }
        var columns: [AidDataColumn: Int] = [:]
        var missing: [AidDataColumn] = []
        for column in allCases {
            if let index = positions[key(column.rawValue)] { columns[column] = index } else { missing.append(column) }
        }
        return (columns, missing)
    }
}

/// Reading AidData's cells: empty means no value; numbers as a spreadsheet
/// writes them (`2020.0`, `1,200.5`); Yes and No; dates in ISO form or as
/// MM/DD/YYYY (the header's promise, kept by a sheet saved from Excel).
enum AidDataValue {
    static func text(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    static func number(_ text: String) -> Double? {
        var cleaned = text.trimmingWhitespace()
        // Thousands separators only in their places: "1,200.5", never "1,2".
        if cleaned.contains(",") {
            let whole = cleaned.split(separator: ".", maxSplits: 1)[0]
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), let first = groups.first, (1...3).contains(first.count)
            else { return nil }
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// A year as a spreadsheet writes it: `2020` or `2020.0`.
    static func year(_ text: String) -> Int? {
        guard let value = number(text), value == value.rounded(), (1900...2200).contains(value) else { return nil }
        return Int(value)
    }

    /// Yes or No (also true/false, 1/0), any case; nil when it is neither.
    static func flag(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "yes", "true", "1", "y": true
        case "no", "false", "0", "n": false
        default: nil
        }
    }

    /// YYYY-MM-DD (with a time after it, as pandas writes), or MM/DD/YYYY.
    static func date(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        var candidate: String?
        if trimmed.count >= 10, trimmed.prefix(4).allSatisfy(\.isNumber), trimmed.dropFirst(4).first == "-" {
            let day = String(trimmed.prefix(10))
            let rest = trimmed.dropFirst(10)
            if rest.isEmpty || rest.first == " " || rest.first == "T" { candidate = day }
        } else {
            let parts = trimmed.split(separator: " ", maxSplits: 1)[0].split(separator: "/")
            if parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
               parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
                func two(_ part: Substring) -> String { part.count == 1 ? "0" + part : String(part) }
                candidate = "\(parts[2])-\(two(parts[0]))-\(two(parts[1]))"
            }
        }
        guard let candidate, DateText.isValid(candidate) else { return nil }
        return candidate
    }

    /// A date the dataset estimated, at the precision the estimate has:
    /// 1 January stands for the year and the first of a month for the
    /// month (how AidData writes a date it could not pin down); any other
    /// day stays a day.
    static func estimated(_ day: String) -> String {
        if day.hasSuffix("-01-01") { return String(day.prefix(4)) }
        if day.hasSuffix("-01") { return String(day.prefix(7)) }
        return day
    }

    /// A cell of several values separated by `|`, each trimmed; empty
    /// entries are kept, so that names and their types line up.
    static func list(_ text: String) -> [String] {
        guard !text.trimmingWhitespace().isEmpty else { return [] }
        return pieces(text).map { $0.trimmingWhitespace() }
    }

    /// The text split at every `|`. In ASCII text every byte is a
    /// character, so the split goes by bytes, without telling characters
    /// apart (most cells are ASCII, and a record has a dozen lists).
    private static func pieces(_ text: String) -> [Substring] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(separator: "|", omittingEmptySubsequences: false) }
        var pieces: [Substring] = []
        var start = text.startIndex
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "|") {
            pieces.append(text[start..<index])
            start = text.utf8.index(after: index)
        }
        pieces.append(text[start...])
        return pieces
    }

    /// `pieces` brought down to `count` entries where a text itself holds a
    /// `|` ("AsambleaSV | Twitter"): a piece that starts with a space joins
    /// the one before it, while there are more pieces than `count`.
    static func rejoined(_ raw: String, count: Int) -> [String] {
        var pieces = Self.pieces(raw).map(String.init)
        var index = pieces.count - 1
        while pieces.count > count, index > 0 {
            if pieces[index].first == " " {
                pieces[index - 1] += "|" + pieces[index]
                pieces.remove(at: index)
            }
            index -= 1
        }
        return pieces.map { $0.trimmingWhitespace() }
    }
}
