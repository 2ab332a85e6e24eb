import Foundation

// dealdb-bench-data: a deterministic synthetic dataset for `make bench`,
// written as CSV files in the layout `dealdb export --all DIR` writes.
//
//     dealdb-bench-data --scale 1 --out DIR
//
// Scale 1 is about 1.1 million rows: 20k parties with 40k aliases, 10k
// projects with 30k route stops, 40k agreements with 120k parties and 120k
// terms, 40k events with 40k event parties, 1k sources, and a citable and a
// citation for every project, agreement, agreement party, term and event.
// The same scale always gives the same bytes (a fixed-seed generator), and
// every nullable column is filled except where the schema demands NULL
// (a term has an agreement or a project, never both), so that the sqlite3
// shell, which cannot write NULL from CSV, can load the same files.

struct Generator {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64: small, fast and the same everywhere.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

final class CSVFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(_ path: String, header: [String]) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 17)
        write(header)
        rows = 0
    }

    /// Fields are generated without commas, quotes or line breaks, except
    /// where noted, so most need no quoting; those that might are quoted.
    func write(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                buffer.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == 0x22 { buffer.append(0x22) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        rows += 1
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

func main() throws {
    var scale = 1.0
    var out = "bench-data"
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--scale": scale = Double(arguments.popFirst() ?? "") ?? -1
        case "--out": out = arguments.popFirst() ?? out
        case "--aiddata":
            // AidData's GCDF 3.0 layout: --aiddata RECORDS --out FILE.csv
            let records = Int(arguments.popFirst() ?? "") ?? 0
            try writeAidData(records: records, to: arguments.first == "--out" ? Array(arguments)[1] : "aiddata.csv")
            return
        default:
            printToStandardError("usage: dealdb-bench-data [--scale N] [--out DIR] | --aiddata RECORDS --out FILE.csv\n")
            exit(64)
        }
    }
    guard scale > 0 else {
        printToStandardError("dealdb-bench-data: --scale must be a number above 0\n")
        exit(64)
    }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var random = Generator()
    func count(_ base: Int) -> Int { max(1, Int((Double(base) * scale).rounded())) }

    let countries = ["RU", "CN", "MN", "KZ", "TR", "DE", "IT", "DZ", "NG", "QA", "US", "GB", "FR", "NO", "AZ",
                     "TM", "UZ", "IR", "IN", "PK", "JP", "KR", "EG", "IL", "GR", "BG", "RO", "PL", "UA", "BY"]
    let partyKinds = ["company", "state_company", "government", "development_bank", "bank", "fund"]
    let words = ["Northern", "Eastern", "Siberian", "Caspian", "Pacific", "Atlantic", "Arctic", "Gulf", "Trans",
                 "Blue", "Golden", "Silk", "Steppe", "Delta", "Coastal", "Highland", "Union", "Grand"]
    let nouns = ["Gas", "Energy", "Petroleum", "Pipeline", "Holdings", "Resources", "Power", "Transit", "LNG", "Oil"]
    let agreementKinds = ["supply_contract", "memorandum", "intergovernmental_agreement", "framework_agreement",
                          "transit_agreement", "loan_agreement", "joint_venture_agreement", "heads_of_agreement"]
    let agreementStatuses = ["announced", "negotiating", "signed", "ratified", "in_force", "stalled"]
    let roles = ["seller", "buyer", "shipper", "transit", "operator", "lender", "borrower", "investor"]
    let metrics: [(String, String, ClosedRange<Int>)] = [("volume", "bcm/y", 1...60), ("price", "USD", 100...400),
                                                         ("duration", "years", 5...30)]
    let termStatuses = ["agreed", "proposed", "negotiating", "unresolved", "disputed"]
    let evidences = ["official", "reported", "estimated", "inferred"]
    func date(_ random: inout Generator) -> String {
        let year = 1995 + random.below(31), month = 1 + random.below(12), day = 1 + random.below(28)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    let sourceCount = count(1_000), partyCount = count(20_000), projectCount = count(10_000)
    let agreementCount = count(40_000), eventCount = count(40_000)
    let path = { (table: String) in out + "/" + table + ".csv" }

    let sources = try CSVFile(path("sources"), header: ["id", "title", "kind", "publisher", "published", "url", "note"])
    for index in 1...sourceCount {
        sources.write(["src-\(index)", "Report \(index) on \(random.pick(words)) energy", random.pick(["news", "analysis", "report", "dataset"]),
                       "Publisher \(index % 50)", date(&random), "https://example.org/\(index)", "synthetic"])
    }
    try sources.close()

    let parties = try CSVFile(path("parties"), header: ["id", "name", "kind", "country", "note"])
    let aliases = try CSVFile(path("party_aliases"), header: ["party_id", "position", "alias"])
    for index in 1...partyCount {
        let name = "\(random.pick(words)) \(random.pick(nouns)) \(index)"
        parties.write(["party-\(index)", name, random.pick(partyKinds), random.pick(countries), "synthetic party"])
        aliases.write(["party-\(index)", "1", "P\(index)"])
        aliases.write(["party-\(index)", "2", name.uppercased() + " LTD"])
    }
    try parties.close()
    try aliases.close()

    let citables = try CSVFile(path("citables"), header: ["id", "kind"])
    let citations = try CSVFile(path("citations"), header: ["citable_id", "position", "source_id", "locator"])
    var nextCitable = 0
    func citable(_ kind: String, _ random: inout Generator) -> String {
        nextCitable += 1
        citables.write([String(nextCitable), kind])
        citations.write([String(nextCitable), "1", "src-\(1 + random.below(sourceCount))", "p. \(1 + random.below(200))"])
        return String(nextCitable)
    }

    let projects = try CSVFile(path("projects"), header: ["id", "citable_id", "name", "kind", "commodity", "status", "note"])
    let route = try CSVFile(path("project_route"), header: ["project_id", "position", "country", "role"])
    for index in 1...projectCount {
        let id = citable("project", &random)
        projects.write(["project-\(index)", id, "\(random.pick(words)) \(random.pick(["Pipeline", "LNG Terminal", "Field"])) \(index)",
                        random.pick(["pipeline", "lng_terminal", "field"]), random.pick(["gas", "lng", "oil"]),
                        random.pick(["proposed", "construction", "operating", "shelved"]), "synthetic project"])
        for (position, role) in ["origin", "transit", "destination"].enumerated() {
            route.write(["project-\(index)", String(position + 1), random.pick(countries), role])
        }
    }
    try projects.close()
    try route.close()

    let agreements = try CSVFile(path("agreements"), header: ["id", "citable_id", "title", "kind", "binding", "status",
                                                              "signed", "project_id", "summary"])
    let agreementParties = try CSVFile(path("agreement_parties"), header: ["id", "citable_id", "agreement_id", "position",
                                                                           "party_id", "role", "confirmed", "share"])
    let terms = try CSVFile(path("terms"), header: ["id", "citable_id", "agreement_id", "project_id", "position", "metric",
                                                    "value", "unit", "text", "status", "evidence", "disclosure",
                                                    "valid_from", "valid_to"])
    var apID = 0, termID = 0
    for index in 1...agreementCount {
        let id = citable("agreement", &random)
        let agreement = "agreement-\(index)"
        agreements.write([agreement, id, "\(random.pick(agreementKinds).replacingOccurrences(of: "_", with: " ")) \(index), \(random.pick(words)) deal",
                          random.pick(agreementKinds), random.pick(["yes", "no", "unknown"]), random.pick(agreementStatuses),
                          date(&random), "project-\(1 + random.below(projectCount))", "Synthetic agreement \(index)."])
        var used = Set<Int>()
        for position in 1...(2 + random.below(3)) {
            var party = 1 + random.below(partyCount)
            while !used.insert(party).inserted { party = 1 + random.below(partyCount) }
            apID += 1
            agreementParties.write([String(apID), citable("agreement_party", &random), agreement, String(position),
                                    "party-\(party)", roles[(position - 1 + index) % roles.count],
                                    random.pick(["yes", "no", "unknown"]), String(random.below(101))])
        }
        for (position, metric) in metrics.enumerated() {
            termID += 1
            let from = 2000 + random.below(25)
            terms.write([String(termID), citable("term", &random), agreement, "", String(position + 1), metric.0,
                         String(Double(metric.2.lowerBound + random.below(metric.2.count))), metric.1,
                         "synthetic \(metric.0)", random.pick(termStatuses), random.pick(evidences),
                         random.pick(["public", "undisclosed"]), String(from), String(from + 1 + random.below(20))])
        }
    }
    try agreements.close()
    try agreementParties.close()
    try terms.close()

    let events = try CSVFile(path("events"), header: ["id", "citable_id", "date", "date_kind", "title", "agreement_id", "project_id"])
    let eventParties = try CSVFile(path("event_parties"), header: ["event_id", "position", "party_id"])
    for index in 1...eventCount {
        events.write(["event-\(index)", citable("event", &random), date(&random), random.pick(["actual", "planned"]),
                      "Synthetic event \(index)", "agreement-\(1 + random.below(agreementCount))",
                      "project-\(1 + random.below(projectCount))"])
        eventParties.write(["event-\(index)", "1", "party-\(1 + random.below(partyCount))"])
    }
    try events.close()
    try eventParties.close()
    try citables.close()
    try citations.close()

    let total = [sources, parties, aliases, projects, route, agreements, agreementParties, terms, events, eventParties,
                 citables, citations].reduce(0) { $0 + $1.rows }
    print("wrote \(total) rows at scale \(scale) into \(out)")
}

try main()

/// write(2), whose failure (a full or closed stderr) is ignored: `FileHandle.write` traps on it.
func printToStandardError(_ message: String) {
    var text = message
    text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

/// A file in AidData's Global Chinese Development Finance 3.0 layout (126
/// columns, docs/AIDDATA.md), with what the real dataset has in about its
/// proportions: a few hundred funding agencies, thousands of receiving and
/// implementing agencies, several sources per record (some shared), parent
/// records, estimated amounts and dates.
func writeAidData(records: Int, to path: String) throws {
    let header = "AidData Record ID,Recommended For Aggregates,AidData Parent ID,Umbrella,Financier Country,Recipient,Recipient ISO-3,Recipient Region,Commitment Year,Implementation Start Year,Completion Year,Title,Description,Staff Comments,Status,Intent,Flow Type,Flow Type Simplified,OECD ODA Concessionality Threshold,Flow Class,Sector Code,Sector Name,Infrastructure,COVID,Funding Agencies,Funding Agencies Type,Co-financed,Co-financing Agencies,Co-financing Agencies Type,Direct Receiving Agencies,Direct Receiving Agencies Type,Indirect Receiving Agencies,Indirect Receiving Agencies Type,On-lending,Implementing Agencies,Implementing Agencies Type,Guarantee Provided,Guarantor,Guarantor Agency Type,Insurance Provided,Insurance Provider,Insurance Provider Agency Type,Collateralized,Collateral Provider,Collateral Provider Agency Type,Security Agent/Collateral Agent,Security Agent/Collateral Agent Type,Collateral,Amount (Original Currency),Original Currency,Amount Estimated,Amount (Constant USD 2021),Amount (Nominal USD),Adjusted Amount (Original Currency),Adjusted Amount (Constant USD 2021),Adjusted Amount (Nominal USD),Financial Distress,Commitment Date (MM/DD/YYYY),Commitment Date Estimated,Planned Implementation Start Date (MM/DD/YYYY),Actual Implementation Start Date (MM/DD/YYYY),Actual Implementation Start Date Estimated,Deviation from Planned Implementation Start Date,Planned Completion Date (MM/DD/YYYY),Actual Completion Date (MM/DD/YYYY),Actual Completion Date Estimated,Deviation from Planned Completion Date,Maturity,Interest Rate,Grace Period,Management Fee,Commitment Fee,Insurance Fee (Percent),Insurance Fee (Nominal USD),Default Interest Rate,First Loan Repayment Date,Last Loan Repayment Date,Grant Element (OECD Cash-Flow),Grant Element (OECD Grant-Equiv),Grant Element (IMF),Number of Lenders,Export Buyer's Credit,Supplier’s Credit/Export Seller’s Credit,Interest-Free Loan,Refinancing,Investment Project Loan,M&A,Working Capital,EPCF,Lease,FXSL/BOP,CC IRS,RCF,GCL,PBC,PxF/Commodity Prepayment,Inter-Bank Loan,Overseas Project Contracting Loan,DPA,Project Finance,Involving Multilateral,Non-Chinese Financier,Short-Term,Rescue,Project JV/SPV Host Government Ownership,Project JV/SPV Chinese Government Ownership,Level of Public Liability,Total Source Count,Official Source Count,Source URLs,Source Titles,Source Publishers,Source Resource Types,Contact Name,Contact Position,ODA Eligible Recipient,OECD ODA Income Group,Location Narrative,Geographic Level of Precision Available,ADM1 Level Available,ADM2 Level Available,Geospatial Feature Available,Source Quality Score,Data Completeness Score,Implementation Detail Score,Loan Detail Score".split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let file = try CSVFile(path, header: header)
    var random = Generator()
    let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    let recipients = [("Malaysia", "MYS", "Asia"), ("Pakistan", "PAK", "Asia"), ("Kenya", "KEN", "Africa"),
                      ("Angola", "AGO", "Africa"), ("Brazil", "BRA", "America"), ("Ecuador", "ECU", "America"),
                      ("Indonesia", "IDN", "Asia"), ("Egypt", "EGY", "Middle East"), ("Serbia", "SRB", "Europe"),
                      ("Zambia", "ZMB", "Africa"), ("Laos", "LAO", "Asia"), ("Venezuela", "VEN", "America")]
    let funders = (0..<300).map { index -> (String, String) in
        switch index % 6 {
        case 0: ("Export-Import Bank of China (China Eximbank)", "State-owned Policy Bank")
        case 1: ("China Development Bank (CDB)", "State-owned Policy Bank")
        case 2: ("Provincial Bank \(index) of China (PB\(index))", "State-owned Commercial Bank")
        case 3: ("Chinese Embassy", "Government Agency")
        case 4: ("Construction Group \(index) Co., Ltd.", "State-owned Company")
        default: ("Trading Company \(index) Limited", "State-owned Company")
        }
    }
    let sectors = [("230", "ENERGY"), ("210", "TRANSPORT AND STORAGE"), ("120", "HEALTH"), ("110", "EDUCATION"),
                   ("320", "INDUSTRY, MINING, CONSTRUCTION"), ("240", "BANKING AND FINANCIAL SERVICES")]
    let statuses = ["Completion", "Implementation", "Pipeline: Commitment", "Pipeline: Pledge", "Cancelled"]
    let flows = [("Loan", "Loan"), ("Grant", "Grant"), ("Loan", "Loan"), ("Free-standing technical assistance", "Grant")]
    let resourceTypes = ["Media Report", "Donor/Recipient Official Source", "Implementing/Intermediary Organization Source",
                         "Other"]
    for index in 0..<records {
        var row = Array(repeating: "", count: header.count)
        func set(_ name: String, _ value: String) { if let at = column[name] { row[at] = value } }
        let id = 100_000 + index
        let recipient = random.pick(recipients)
        let sector = random.pick(sectors)
        let flow = random.pick(flows)
        let year = 2000 + random.below(22)
        let (funder, funderType) = funders[random.below(funders.count)]
        let borrower = "\(recipient.0) Agency \(random.below(3000))"
        let amount = Double(random.below(900_000_000) + 10_000)
        let estimated = random.below(3) == 0
        set("AidData Record ID", String(id))
        set("Recommended For Aggregates", random.below(10) == 0 ? "No" : "Yes")
        if index > 10, random.below(8) == 0 { set("AidData Parent ID", String(id - 1 - random.below(10))) }
        set("Umbrella", "No")
        set("Financier Country", "China (People's Republic of)")
        set("Recipient", recipient.0)
        set("Recipient ISO-3", recipient.1)
        set("Recipient Region", recipient.2)
        set("Commitment Year", String(year))
        set("Title", "\(funder) provides \(Int(amount / 1e6)) million \(flow.0.lowercased()) for project \(id) in \(recipient.0)")
        set("Description", "On a day of \(year), \(funder) and \(borrower) signed an agreement for project \(id). "
            + "The project is described in several sources, with its purpose, its parties and its terms.")
        set("Status", random.pick(statuses))
        set("Intent", "Development")
        set("Flow Type", flow.0)
        set("Flow Type Simplified", flow.1)
        set("Flow Class", flow.1 == "Loan" ? "OOF-like" : "ODA-like")
        set("Sector Code", sector.0)
        set("Sector Name", sector.1)
        set("Funding Agencies", funder)
        set("Funding Agencies Type", funderType)
        set("Co-financed", "No")
        set("Direct Receiving Agencies", borrower)
        set("Direct Receiving Agencies Type", "Recipient Government Agency")
        if random.below(2) == 0 {
            set("Implementing Agencies", "Contractor \(random.below(4000)) Co., Ltd.|\(recipient.0) Works \(random.below(500))")
            set("Implementing Agencies Type", "Chinese State-owned Company|Recipient Private Sector")
        }
        if flow.1 == "Loan", random.below(4) == 0 {
            set("Guarantee Provided", "Yes")
            set("Guarantor", "Ministry of Finance of \(recipient.0)")
            set("Guarantor Agency Type", "Recipient Government Agency")
        }
        if flow.1 == "Loan", random.below(10) == 0 {
            set("Collateralized", "Yes")
            set("Collateral Provider", "\(recipient.0) Oil Company")
            set("Collateral Provider Agency Type", "Recipient State-owned Company")
            set("Collateral", "future revenues from oil sales")
        }
        set("Amount (Original Currency)", String(amount))
        set("Original Currency", "USD")
        set("Amount Estimated", estimated ? "Yes" : "")
        set("Amount (Constant USD 2021)", String(amount * 1.2))
        set("Amount (Nominal USD)", String(amount))
        set("Adjusted Amount (Original Currency)", String(amount))
        set("Adjusted Amount (Constant USD 2021)", String(amount * 1.2))
        set("Adjusted Amount (Nominal USD)", String(amount))
        let dateEstimated = random.below(2) == 0
        let month = 1 + random.below(12), day = 1 + random.below(28)
        set("Commitment Date (MM/DD/YYYY)", dateEstimated ? "\(year)-01-01"
            : "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)")
        set("Commitment Date Estimated", dateEstimated ? "Yes" : "No")
        if random.below(2) == 0 {
            set("Actual Implementation Start Date (MM/DD/YYYY)", "\(min(year + 1, 2021))-03-15")
            set("Actual Completion Date (MM/DD/YYYY)", "\(min(year + 3, 2023))-06-30")
        }
        if flow.1 == "Loan" {
            set("Maturity", String(5 + random.below(20)))
            set("Interest Rate", String(Double(random.below(600)) / 100))
            set("Grace Period", String(random.below(8)))
        }
        let sourceCount = 2 + random.below(7)
        var urls: [String] = [], titles: [String] = [], publishers: [String] = [], types: [String] = []
        for number in 0..<sourceCount {
            // A quarter of the sources are shared with other records.
            let shared = random.below(4) == 0
            let key = shared ? "shared/\(random.below(2000))" : "\(id)/\(number)"
            urls.append("https://news.example.org/\(key).html")
            titles.append(shared ? "Report \(key)" : "Article \(number) on project \(id)")
            publishers.append("Publisher \(random.below(400))")
            types.append(random.pick(resourceTypes))
        }
        set("Source URLs", urls.joined(separator: "|"))
        set("Source Titles", titles.joined(separator: "|"))
        set("Source Publishers", publishers.joined(separator: "|"))
        set("Source Resource Types", types.joined(separator: "|"))
        set("Total Source Count", String(sourceCount))
        file.write(row)
    }
    try file.close()
    print("wrote \(records) AidData records into \(path)")
}
