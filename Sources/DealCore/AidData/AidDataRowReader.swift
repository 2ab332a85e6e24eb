import Foundation

/// One AidData record, checked: what the import makes an agreement of.
struct AidDataRecord: Sendable {
    struct Source: Sendable, Equatable {
        var url: String?
        var title: String
        var publisher: String?
        var type: String?
    }

    /// A dated step of the record (implementation, completion, repayment).
    struct Milestone: Sendable, Equatable {
        let suffix: String
        let date: String
        let planned: Bool
        let estimated: Bool
        let title: String
        let column: AidDataColumn
    }

    /// A term and the column it comes from.
    struct Fact: Sendable, Equatable {
        let metric: String
        let value: Double?
        let unit: String?
        let text: String?
        let estimated: Bool
        let column: AidDataColumn
    }

    let line: Int
    var recordID = ""
    var recommended = true
    var parentRecord: String?
    var umbrella = false
    var financierCountry: String?
    var recipient: String?
    var recipientName = ""
    var region: String?
    var commitmentYear: Int?
    var title = ""
    var description: String?
    var staffComments: String?
    var status: String?
    var intent: String?
    var flowType: String?
    var flowTypeSimplified: String?
    var flowClass: String?
    var sectorCode: String?
    var sectorName: String?
    var agencies: [AidDataAgency] = []
    var amount: Double?
    var currency: String?
    var amountEstimated = false
    var usd2021: Double?
    var usdNominal: Double?
    var adjustedAmount: Double?
    var adjustedUSD2021: Double?
    var adjustedUSDNominal: Double?
    /// The commitment date at its precision (estimated: see AidDataValue.estimated).
    var signed: String?
    var dateEstimated = false
    var milestones: [Milestone] = []
    var facts: [Fact] = []
    var collateralized: Bool?
    var sources: [Source] = []

    /// `aiddata-` and the record id as a slug (which a checked id is, lowercased).
    var agreementID = ""
    /// The kind of agreement (AidDataFlow.kind of the flow types).
    var kind = "other"
}

/// Reads the records of one file, every problem with its place
/// (`FILE:LINE:COLUMN: Header: what was expected`).
struct AidDataRowReader {
    let columns: [AidDataColumn: Int]
    let file: String
    let countries: GEMCountries
    /// Country names and flow types already read: a file repeats a few
    /// dozen of each in every row, and reading one takes Foundation's
    /// folding (and a regular expression for "China (People's Republic of)").
    private var countryCodes: [String: String?] = [:]
    private var withoutBrackets: [String: String] = [:]
    private var kinds: [FlowTypes: String] = [:]

    private struct FlowTypes: Hashable {
        let type: String?
        let simplified: String?
    }

    init(columns: [AidDataColumn: Int], file: String, countries: GEMCountries) {
        self.columns = columns
        self.file = file
        self.countries = countries
    }

    /// The record of one row, or its problems.
    mutating func record(from row: CSVRecord) -> Result<AidDataRecord, AidDataRowProblems> {
        var problems: [String] = []
        let columns = columns, file = file
        func cell(_ column: AidDataColumn) -> String {
            guard let index = columns[column], index < row.fields.count else { return "" }
            return row.fields[index]
        }
        func problem(_ column: AidDataColumn, _ message: String) {
            let number = (columns[column] ?? 0) + 1
            problems.append("\(file):\(row.line):\(number): \(column.rawValue): \(message)")
        }
        func text(_ column: AidDataColumn) -> String? { AidDataValue.text(cell(column)) }
        /// The cell as `read` reads it; nil for an empty cell, and for one
        /// `read` rejects, with a problem saying what was `expected`.
        func value<Value>(_ column: AidDataColumn, expected: String, _ read: (String) -> Value?) -> Value? {
            guard let raw = text(column) else { return nil }
            guard let value = read(raw) else {
                problem(column, "expected \(expected), found \"\(raw)\"")
                return nil
            }
            return value
        }
        func flag(_ column: AidDataColumn) -> Bool? { value(column, expected: "Yes or No", AidDataValue.flag) }
        func number(_ column: AidDataColumn, nonNegative: Bool = false) -> Double? {
            value(column, expected: "a number" + (nonNegative ? " of 0 or more" : "")) { raw in
                AidDataValue.number(raw).flatMap { !nonNegative || $0 >= 0 ? $0 : nil }
            }
        }
        func year(_ column: AidDataColumn) -> Int? { value(column, expected: "a year such as 2015", AidDataValue.year) }
        func date(_ column: AidDataColumn) -> String? {
            value(column, expected: "a date YYYY-MM-DD or MM/DD/YYYY", AidDataValue.date)
        }

        var record = AidDataRecord(line: row.line)
        if let id = text(.recordID) {
            // Most ids are numbers: ASCII letters and digits are their own
            // slug, lowercased, without Slug's (Foundation's) folding.
            let plain = id.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
            let slug = plain ? id.lowercased() : Slug.make(id)
            if slug != id.lowercased() || id.count > 40 {
                problem(.recordID, "expected an id of letters, digits and -, found \"\(id)\"")
            }
            record.recordID = id
            record.agreementID = "aiddata-" + slug
        } else {
            problem(.recordID, "empty; every record needs its id")
        }
        if let recommended = flag(.recommended) {
            record.recommended = recommended
        } else if text(.recommended) == nil {
            problem(.recommended, "empty; expected Yes or No (whether the record counts in sums)")
        }
        // A spreadsheet may write the id as a number, 31.0.
        record.parentRecord = text(.parentID).map {
            $0.hasSuffix(".0") && $0.dropLast(2).allSatisfy(\.isNumber) ? String($0.dropLast(2)) : $0
        }
        record.umbrella = flag(.umbrella) ?? false
        if let financier = text(.financierCountry) { record.financierCountry = financierCode(financier) }
        if let name = text(.recipient) { record.recipientName = name } else { problem(.recipient, "empty; every record has a recipient") }
        if let iso3 = text(.recipientISO3) {
            if let code = CountryCodes3.alpha2(iso3) { record.recipient = code } else if iso3.count == 3, iso3.allSatisfy(\.isLetter) {
                // A region or a code of AidData's own: no country, not a problem.
                record.recipient = nil
            } else {
                problem(.recipientISO3, "expected an ISO 3166 alpha-3 code such as MYS, found \"\(iso3)\"")
            }
        }
        if record.recipient == nil, !record.recipientName.isEmpty { record.recipient = countryCode(record.recipientName) }
        record.region = text(.region)
        record.commitmentYear = year(.commitmentYear)
        if let title = text(.title) { record.title = title } else { problem(.title, "empty; every record needs a title") }
        record.description = text(.description)
        record.staffComments = text(.staffComments)
        if let status = text(.status) {
            if AidDataStatus.map(status) == nil {
                problem(.status, "unknown status \"\(status)\"; expected \(AidDataStatus.accepted)")
            } else {
                record.status = status
            }
        }
        record.intent = text(.intent)
        record.flowType = text(.flowType)
        record.flowTypeSimplified = text(.flowTypeSimplified)
        record.flowClass = text(.flowClass)
        record.sectorCode = text(.sectorCode).map { $0.hasSuffix(".0") ? String($0.dropLast(2)) : $0 }
        record.sectorName = text(.sectorName)

        // Amounts.
        record.amount = number(.amount, nonNegative: true)
        if let currency = text(.currency) {
            let code = currency.uppercased()
            if code.count == 3, code.allSatisfy({ $0 >= "A" && $0 <= "Z" }) { record.currency = code } else {
                problem(.currency, "expected a currency code such as USD or CNY, found \"\(currency)\"")
            }
        }
        if record.amount != nil, record.currency == nil, text(.currency) == nil {
            problem(.currency, "empty, but the record gives an amount of \(text(.amount) ?? "")")
        }
        record.amountEstimated = flag(.amountEstimated) ?? false
        record.usd2021 = number(.usd2021, nonNegative: true)
        record.usdNominal = number(.usdNominal, nonNegative: true)
        record.adjustedAmount = number(.adjustedAmount)
        record.adjustedUSD2021 = number(.adjustedUSD2021)
        record.adjustedUSDNominal = number(.adjustedUSDNominal)

        // Dates: estimated ones at the precision the estimate has.
        record.dateEstimated = flag(.commitmentDateEstimated) ?? false
        if let day = date(.commitmentDate) {
            record.signed = record.dateEstimated ? AidDataValue.estimated(day) : day
        } else if let year = record.commitmentYear {
            record.signed = String(year)
        }
        let startEstimated = flag(.actualStartEstimated) ?? false
        let completionEstimated = flag(.actualCompletionEstimated) ?? false
        let milestones: [(AidDataColumn, String, Bool, Bool, String)] = [
            (.plannedStart, "planned-start", true, false, "planned start of implementation"),
            (.actualStart, "start", false, startEstimated, "start of implementation"),
            (.plannedCompletion, "planned-completion", true, false, "planned completion"),
            (.actualCompletion, "completion", false, completionEstimated, "completion"),
            (.firstRepayment, "first-repayment", true, false, "first loan repayment due"),
            (.lastRepayment, "last-repayment", true, false, "last loan repayment due"),
        ]
        for (column, suffix, planned, estimated, title) in milestones {
            guard let day = date(column) else { continue }
            record.milestones.append(.init(suffix: suffix, date: estimated ? AidDataValue.estimated(day) : day,
                                           planned: planned, estimated: estimated, title: title, column: column))
        }

        // Terms of the loan.
        if let amount = record.amount, let currency = record.currency {
            record.facts.append(.init(metric: "financing", value: amount, unit: currency,
                                      text: "amount in the original currency", estimated: record.amountEstimated,
                                      column: .amount))
        }
        if let usd = record.usd2021 {
            record.facts.append(.init(metric: "financing", value: usd, unit: "USD", text: "amount in constant 2021 US dollars",
                                      estimated: record.amountEstimated, column: .usd2021))
        }
        let loanTerms: [(AidDataColumn, String, String?, String, Bool)] = [
            (.interestRate, "financing", "percent", "interest rate, a year", false),
            (.maturity, "duration", "years", "maturity", true),
            (.gracePeriod, "duration", "years", "grace period", true),
            (.managementFee, "financing", "percent", "management fee", false),
            (.commitmentFee, "financing", "percent", "commitment fee", false),
            (.insuranceFeePercent, "financing", "percent", "insurance fee", false),
            (.insuranceFeeUSD, "financing", "USD", "insurance fee, nominal US dollars", true),
            (.defaultInterestRate, "financing", "percent", "default interest rate", false),
        ]
        for (column, metric, unit, words, nonNegative) in loanTerms {
            guard let value = number(column, nonNegative: nonNegative) else { continue }
            record.facts.append(.init(metric: metric, value: value, unit: unit, text: words, estimated: false, column: column))
        }
        record.collateralized = flag(.collateralized)
        if let collateral = text(.collateral) {
            record.facts.append(.init(metric: "other", value: nil, unit: nil, text: "collateral: " + collateral,
                                      estimated: false, column: .collateral))
        } else if record.collateralized == true {
            record.facts.append(.init(metric: "other", value: nil, unit: nil,
                                      text: "collateral: the loan is collateralized (AidData gives no description)",
                                      estimated: false, column: .collateralized))
        }

        // Agencies, in the order of their roles.
        let flow = FlowTypes(type: record.flowType, simplified: record.flowTypeSimplified)
        let kind = kinds.memoized(flow) { AidDataFlow.kind(flow.type, simplified: flow.simplified) }
        record.kind = kind
        let lending = AidDataFlow.isLending(kind)
        let roles: [(AidDataColumn, AidDataColumn, String)] = [
            (.fundingAgencies, .fundingAgenciesType, lending ? "lender" : kind == "other" ? "financier" : "grantor"),
            (.cofinancingAgencies, .cofinancingAgenciesType, "co_financier"),
            (.directReceiving, .directReceivingType, lending ? "borrower" : "recipient"),
            (.indirectReceiving, .indirectReceivingType, "beneficiary"),
            (.implementing, .implementingType, "implementing_agency"),
            (.guarantor, .guarantorType, "guarantor"),
            (.insurer, .insurerType, "insurer"),
            (.collateralProvider, .collateralProviderType, "collateral_provider"),
            (.securityAgent, .securityAgentType, "security_agent"),
        ]
        for (column, typeColumn, role) in roles {
            let names = AidDataValue.list(cell(column))
            let types = AidDataValue.list(cell(typeColumn))
            for (index, name) in names.enumerated() where !name.isEmpty {
                let type = index < types.count && !types[index].isEmpty ? types[index] : nil
                record.agencies.append(AidDataAgency(written: name, type: type, role: role, column: column))
            }
        }

        // Sources: one per address; a title or publisher that holds a `|`
        // of its own is joined back (AidDataValue.rejoined); titles beyond
        // the addresses are kept as sources without one.
        let urls = AidDataValue.list(cell(.sourceURLs))
        let titles = AidDataValue.rejoined(cell(.sourceTitles), count: urls.count)
        let publishers = AidDataValue.rejoined(cell(.sourcePublishers), count: urls.count)
        let types = AidDataValue.rejoined(cell(.sourceTypes), count: urls.count)
        let count = max(urls.count, titles.filter { !$0.isEmpty }.isEmpty ? 0 : titles.count)
        for index in 0..<count {
            let url = index < urls.count && !urls[index].isEmpty ? urls[index] : nil
            let title = index < titles.count && !titles[index].isEmpty ? titles[index] : nil
            guard let shown = title ?? url else { continue }
            record.sources.append(.init(url: url, title: shown,
                                        publisher: index < publishers.count && !publishers[index].isEmpty ? publishers[index] : nil,
                                        type: index < types.count && !types[index].isEmpty ? types[index] : nil))
        }

        guard problems.isEmpty else { return .failure(AidDataRowProblems(line: row.line, messages: problems)) }
        return .success(record)
    }

    /// The code of a country as AidData names it.
    private mutating func countryCode(_ name: String) -> String? {
        let countries = countries
        return countryCodes.memoized(name) { countries.code(for: name) }
    }

    /// The financier's country; AidData writes China as "China (People's Republic of)".
    private mutating func financierCode(_ name: String) -> String? {
        countryCode(name) ?? countryCode(withoutBrackets.memoized(name) {
            name.replacingOccurrences(of: #"\s*\(.*\)\s*$"#, with: "", options: .regularExpression)
        })
    }
}

struct AidDataRowProblems: Error, Sendable {
    let line: Int
    let messages: [String]
}

/// AidData's status, as dealdb's agreement status and binding force.
enum AidDataStatus {
    static let accepted = "Pipeline: Pledge, Pipeline: Commitment, Implementation, Completion, Suspended or Cancelled"

    /// (status, binding, negotiation state of its amounts); nil for a word AidData does not use.
    static func map(_ text: String) -> (status: String, binding: String, negotiation: String)? {
        switch TextFolding.fold(text) {
        // Announced by an official, not yet committed.
        case "pipeline: pledge", "pledge": ("announced", "no", "proposed")
        // A formal commitment: the agreement is signed.
        case "pipeline: commitment", "commitment": ("signed", "yes", "agreed")
        case "implementation": ("in_force", "yes", "agreed")
        case "completion", "completed": ("completed", "yes", "agreed")
        case "suspended": ("suspended", "yes", "agreed")
        case "cancelled", "canceled": ("cancelled", "unknown", "not_stated")
        default: nil
        }
    }
}

/// The kind of agreement a flow type is.
enum AidDataFlow {
    static func kind(_ flowType: String?, simplified: String?) -> String {
        let type = (flowType ?? "").lowercased()
        if type.contains("debt") { return "debt_relief" }
        if type.contains("buyer") || type.contains("seller") || type.contains("export credit") { return "export_credit" }
        if type.contains("loan") { return "loan_agreement" }
        if type.contains("technical assistance") { return "technical_assistance" }
        if type.contains("grant") || type.contains("scholarship") || type.contains("training") { return "grant" }
        switch (simplified ?? "").lowercased() {
        case let other where other.contains("loan"): return "loan_agreement"
        case let other where other.contains("grant"): return "grant"
        default: return "other"
        }
    }

    /// Kinds whose funder lends and whose receiver borrows.
    static func isLending(_ kind: String) -> Bool {
        ["loan_agreement", "export_credit", "debt_relief"].contains(kind)
    }
}
