package import Foundation

/// Buffered UTF-8 text output to a FileHandle (stdout or a file); flushes
/// when its buffer passes ~64 KiB and on `flush()`.
///
/// Writes go straight to the descriptor with `write(2)`, never through
/// `FileHandle.write`, which traps on Linux when the reader has gone away.
/// A failed write is remembered in `writeError` (EPIPE also in `BrokenPipe`)
/// and later output is dropped;
/// the row writers turn it into a thrown error. The sink flushes what is left
/// when it is released, so flush (or end the writer) before closing the handle.
/// Not Sendable: a sink belongs to the code that writes the output.
package final class TextSink {
    package let handle: FileHandle
    /// Why the last write failed (strerror text), or nil while all is well.
    package private(set) var writeError: String?

    private var buffer: [UInt8] = []
    private static let threshold = 64 * 1024

    package init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.threshold + 4096)
    }

    deinit { flush() }

    package func write(_ text: String) {
        // In one copy when the string's bytes are contiguous (nearly always).
        if text.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: text.utf8)
        }
        if buffer.count >= Self.threshold { flush() }
    }

    /// UTF-8 bytes already encoded, such as a whole output line.
    package func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.threshold { flush() }
    }

    package func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard writeError == nil else { return }
        writeError = buffer.withUnsafeBytes { OutputWriting.writeAll($0, to: handle.fileDescriptor) }
    }
}

@available(*, unavailable)
extension TextSink: Sendable {}
