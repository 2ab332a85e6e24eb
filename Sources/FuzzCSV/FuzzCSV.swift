import DealCore
import Foundation

// libFuzzer target for the CSV reader. Each input is read twice, from
// memory and from a file in small chunks (the first byte picks the chunk
// size), and both readings must agree: the chunked path has the edge cases
// (a quote, CR or multi-byte character split across a refill). See
// FuzzDocument for how it is built and replayed.

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
    return 0
}

@main
enum Main {
    static func main() {
        #if FUZZING
        // SwiftPM makes `main` an alias of this function, so libFuzzer's own
        // main() never runs: start its driver here instead.
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzCSV))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read"); continue
            }
            _ = data.withUnsafeBytes { fuzzCSV($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
            print("\(path): ok")
        }
        unlink(scratch)
        #endif
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
