import DealCore
import Foundation
import SQLiteKit

// libFuzzer target for deal documents: decoding, the YAML shape check,
// parsing, validation and a dry-run write. Built for fuzzing by `make fuzz`
// (with -D FUZZING, where libFuzzer supplies main); an ordinary build makes
// a replayer that runs the files named on its command line through the
// same function, so that crashers can be checked without the fuzzer.

/// One in-memory database with the schema, shared by every run: building
/// it per input would leave no time for fuzzing.
nonisolated(unsafe) let database: Database = {
    do {
        let database = try Database(path: ":memory:", mode: .create)
        try DealSchema.migrator().migrate(database)
        return database
    } catch {
        fatalError("cannot set up the fuzzing database: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    guard let input = try? DocumentInput.decode(data, name: "fuzz.yaml") else { return 0 }
    do {
        // A dry run validates, writes inside a transaction and rolls back:
        // the database refusing what validation accepted is a bug.
        _ = try DocumentImporter(database: database).run([input], dryRun: true)
    } catch let error as DealError {
        if case .invalidData = error.kind { return 0 }
        fatalError("unexpected refusal: \(error)")
    } catch {
        fatalError("validation accepted a document the database refused: \(error)")
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
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzDocument))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read"); continue
            }
            _ = data.withUnsafeBytes { fuzzDocument($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
            print("\(path): ok")
        }
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
