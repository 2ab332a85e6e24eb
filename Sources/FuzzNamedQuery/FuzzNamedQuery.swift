import DealCore
import Foundation
import FuzzSupport

// libFuzzer target for the header parser of named-query files (`-- name:`,
// `-- param:` lines). FuzzSupport says how it is built and replayed.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNamedQuery(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let text = String(decoding: data, as: UTF8.self)
    do {
        let query = try NamedQuery(file: "fuzz.sql", text: text, origin: "fuzz.sql")
        // What the header declared must be usable: defaults convert.
        try? query.checkArguments([:])
    } catch is DealError {
    } catch {
        fatalError("NamedQuery threw something other than a DealError: \(error)")
    }
    return 0
}

@main
enum Main {
    static func main() {
        runFuzzTarget(fuzzNamedQuery)
    }
}
