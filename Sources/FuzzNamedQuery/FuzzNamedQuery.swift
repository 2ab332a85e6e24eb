import DealCore
import Foundation

// libFuzzer target for the header parser of named-query files (`-- name:`,
// `-- param:` lines). See FuzzDocument for how it is built and replayed.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNamedQuery(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let text = String(decoding: data, as: UTF8.self)
    do {
        let query = try NamedQuery(file: "fuzz.sql", text: text, origin: "fuzz.sql")
        // What the header declared must be usable: defaults convert.
        _ = try? query.arguments([:])
    } catch is DealError {
    } catch {
        fatalError("NamedQuery threw something other than a DealError: \(error)")
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
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzNamedQuery))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read"); continue
            }
            _ = data.withUnsafeBytes { fuzzNamedQuery($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
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
