import Foundation

/// libFuzzer's entry point: one input in, 0 out.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Runs a fuzz target. Built by `make fuzz` (with -D FUZZING) it hands the
/// target to libFuzzer's driver and never returns: SwiftPM makes `main` an
/// alias of the executable's own main, so libFuzzer's main() never runs.
/// An ordinary build replays the files named on the command line through
/// the same function, so that a crasher can be checked without the fuzzer.
public func runFuzzTarget(_ target: FuzzTarget) {
    #if FUZZING
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
    #else
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            print("\(path): cannot read")
            continue
        }
        _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        print("\(path): ok")
    }
    #endif
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzTarget
) -> Int32
#endif
