import DealCore
import Foundation
import FuzzSupport

// libFuzzer target for the CSV reader. Each input is read twice, from
// memory and from a file in small chunks (the first byte picks the chunk
// size), and both readings must agree: the chunked path has the edge cases
// (a quote, CR or multi-byte character split across a refill). See
// FuzzSupport for how it is built and replayed.

let scratch = FileManager.default.temporaryDirectory.path + "/fuzz-csv-\(getpid()).csv"

/// The records of one reading, or its error.
func read(_ reader: CSVReader) -> Result<[CSVRecord], DealError> {
    var records: [CSVRecord] = []
    do {
        while let record = try reader.next() {
            records.append(record)
            if records.count > 100_000 { break }
        }
        return .success(records)
    } catch let error as DealError {
        return .failure(error)
    } catch {
        fatalError("CSVReader threw something other than a DealError: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let chunkSize = Int(data.first ?? 0) % 16 + 1
    let inMemory = read(CSVReader(data: data, name: scratch))
    guard FileManager.default.createFile(atPath: scratch, contents: data),
          let reader = try? CSVReader(path: scratch, chunkSize: chunkSize) else {
        fatalError("cannot write \(scratch)")
    }
    let chunked = read(reader)
    switch (inMemory, chunked) {
    case let (.success(a), .success(b)) where a == b: break
    case let (.failure(a), .failure(b)) where a.description == b.description: break
    default: fatalError("reading in chunks of \(chunkSize) disagrees: \(inMemory) vs \(chunked)")
    }
    // Every field as a number for a REAL column (issue 15): what is read
    // as a number is finite and is what Swift reads, and Swift's Double
    // never gets past to store Inf, NaN or a silent 0 for 1e-400.
    if case .success(let records) = inMemory {
        for field in records.prefix(1000).flatMap(\.fields) {
            switch DecimalNumber.read(field) {
            case .number(let value):
                guard value.isFinite, Double(field) == value else { fatalError("\(field) read as \(value)") }
            case .tooLarge, .tooSmall, .notANumber:
                if let value = Double(field), value.isFinite, value != 0 || field.allSatisfy({ "0+-.eE".contains($0) }),
                   field.allSatisfy({ "0123456789+-.eE".contains($0) }) {
                    fatalError("\(field) refused, but it is the decimal number \(value)")
                }
            }
        }
    }
    return 0
}

@main
enum Main {
    static func main() {
        runFuzzTarget(fuzzCSV)
        unlink(scratch)
    }
}
