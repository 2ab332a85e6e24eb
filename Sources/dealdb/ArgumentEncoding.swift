import DealCore
import Foundation

/// The arguments as the kernel passed them. Swift's `CommandLine.arguments`
/// turns bytes that are not UTF-8 into U+FFFD without a word, so a Latin-1
/// file name would name another file and a Latin-1 party name would find
/// nobody; such an argument is refused instead, by its position.
enum ArgumentEncoding {
    /// A usage error for the first argument that is not valid UTF-8, if any.
    static func check() -> DealError? {
        // A shell asking for completions gets them, never a message on the
        // line being typed; it only reads the words.
        guard CommandLine.arguments.dropFirst().first != "---completion" else { return nil }
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                            count: strlen(pointer))
            guard String(validating: bytes, as: UTF8.self) == nil else { continue }
            let shown = String(decoding: bytes, as: UTF8.self)
            return DealError(.usage, "argument \(index) is not valid UTF-8 text: \"\(shown)\" "
                + "(U+FFFD marks the bytes that are not); use UTF-8 for file names and values")
        }
        return nil
    }
}
