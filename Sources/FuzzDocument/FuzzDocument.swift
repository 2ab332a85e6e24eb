import DealCore
import Foundation
import FuzzSupport

// libFuzzer target for deal documents: decoding, the YAML shape check,
// parsing, validation and a dry-run write. FuzzSupport says how it is built
// and replayed.

/// One in-memory database with the schema, shared by every run: building
/// it per input would leave no time for fuzzing.
nonisolated(unsafe) let store: DealStore = {
    do {
        return try DealStore.inMemory()
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
        _ = try DocumentImporter(store: store).run([input], dryRun: true)
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
        runFuzzTarget(fuzzDocument)
    }
}
