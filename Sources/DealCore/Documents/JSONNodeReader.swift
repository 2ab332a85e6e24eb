import Yams

/// Reads a JSON document straight into the node tree `Yams.compose` makes
/// of the same text, in one pass over its bytes.
///
/// JSON is YAML, and until this reader every JSON document went through
/// libyaml's tokenizer, a shape check over its events, and Yams' composer:
/// three passes and a retained Tag per node, most of a large import's time.
/// The tree built here is the same (quoted strings double-quoted, numbers,
/// `true`, `false` and `null` plain scalars with their text as written,
/// marks at the same line and column, counted in Unicode scalars as libyaml
/// counts them), so the document parser and its located messages see no
/// difference.
///
/// Anything this reader does not take on exactly as Yams would, it leaves to
/// Yams by returning nil, so every message about a broken document stays
/// Yams' own: any syntax error, a duplicate key, nesting past the shape
/// check's limit, a UTF-16 surrogate escape (libyaml refuses those), a raw
/// control character in a string, a byte order mark, text that is not a
/// single JSON value.
enum JSONNodeReader {
    static func read(_ text: String) -> Node? {
        read(text, streaming: []) { _, _, _ in }
    }

    /// The same, handing each item of the lists under the root's
    /// `streaming` keys to `item` (key, index, node) as soon as it is read,
    /// instead of keeping it: those lists are empty in the tree returned.
    /// A document's records then never all exist as nodes at once (a node
    /// tree is many times the size of its text). When this returns nil,
    /// `item` may have been called for part of the text.
    static func read(_ text: String, streaming: Set<String>, item: (String, Int, Node) -> Void) -> Node? {
        var text = text
        return withoutActuallyEscaping(item) { item in
          text.withUTF8 { bytes -> Node? in
            var reader = Reader(bytes: bytes)
            reader.streaming = streaming
            reader.item = item
            reader.skipSpace()
            guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "{") || bytes[reader.index] == UInt8(ascii: "[")
            else { return nil }
            guard let root = reader.value(depth: 1) else { return nil }
            reader.skipSpace()
            return reader.index == bytes.count ? root : nil
          }
        }
    }

    /// A Yams mark. Yams gives `Mark` no public initializer; its layout (two
    /// Ints, line then column) is checked against `Yams.compose` by
    /// JSONNodeReaderTests, and a mismatch of size leaves JSON to Yams.
    static func mark(line: Int, column: Int) -> Mark? {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size else { return nil }
        return unsafeBitCast((line, column), to: Mark.self)
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// One of each for the whole tree: a Tag made afresh per node brings
        /// its own Constructor and its tables, megabytes for a large document.
        let text = Tag(.str)
        let implicit = Tag(.implicit)
        var streaming: Set<String> = []
        var item: ((String, Int, Node) -> Void)?
        var index = 0
        var line = 1
        /// The column at `counted`; columns past it are counted on demand,
        /// so that a document on one line is still read in linear time.
        var column = 1
        var counted = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func here() -> Mark? {
            while counted < index {
                // A UTF-8 continuation byte is part of the scalar before it.
                if bytes[counted] & 0xC0 != 0x80 { column += 1 }
                counted += 1
            }
            return JSONNodeReader.mark(line: line, column: column)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "):
                    index += 1
                // A tab is left to Yams: libyaml refuses tabs in some places JSON allows them.
                case UInt8(ascii: "\n"):
                    newLine(after: index + 1)
                case UInt8(ascii: "\r"):
                    // CR LF is one line break, as is a lone CR.
                    newLine(after: index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? index + 2 : index + 1)
                default:
                    return
                }
            }
        }

        private mutating func newLine(after next: Int) {
            index = next
            line += 1
            column = 1
            counted = next
        }

        mutating func value(depth: Int) -> Node? {
            // The shape check's limit: deeper documents get its message.
            guard depth <= YAMLShapeCheck.maximumDepth, index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return mapping(depth: depth)
            case UInt8(ascii: "["): return sequence(depth: depth)
            case UInt8(ascii: "\""):
                let mark = here()
                guard let string = string() else { return nil }
                return .scalar(.init(string, text, .doubleQuoted, mark))
            default:
                let mark = here()
                guard let text = plain() else { return nil }
                return .scalar(.init(text, implicit, .plain, mark))
            }
        }

        private mutating func mapping(depth: Int) -> Node? {
            let mark = here()
            var pairs: [(Node, Node)] = []
            var keys: [String] = []
            let read = eachItem(closing: UInt8(ascii: "}")) { reader in
                guard let pair = reader.pair(depth: depth, keys: &keys) else { return false }
                pairs.append(pair)
                return true
            }
            return read ? .mapping(.init(pairs, implicit, .flow, mark)) : nil
        }

        /// One `"key": value` of a mapping at `depth`, whose keys so far are
        /// `keys`; nil for a key repeated or not a string.
        private mutating func pair(depth: Int, keys: inout [String]) -> (Node, Node)? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let keyMark = here()
            let keyStart = index
            // A deal document's mappings hold a dozen keys at most: a
            // linear search is cheaper than hashing each key.
            guard let key = string(), !keys.contains(key) else { return nil }
            keys.append(key)
            skipSpace()
            // libyaml takes a key of at most 1,024 characters up to its colon.
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":"), index - keyStart < 1000 else { return nil }
            index += 1
            skipSpace()
            let value: Node?
            if depth == 1, streaming.contains(key), index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                value = stream(key, depth: depth + 1)
            } else {
                value = self.value(depth: depth + 1)
            }
            return value.map { (.scalar(.init(key, text, .doubleQuoted, keyMark)), $0) }
        }

        /// A list whose items go to `item` one by one; an empty list in the tree.
        private mutating func stream(_ key: String, depth: Int) -> Node? {
            let mark = here()
            var count = 0
            let read = eachItem(closing: UInt8(ascii: "]")) { reader in
                guard let node = reader.value(depth: depth + 1) else { return false }
                reader.item?(key, count, node)
                count += 1
                return true
            }
            return read ? .sequence(.init([], implicit, .flow, mark)) : nil
        }

        private mutating func sequence(depth: Int) -> Node? {
            let mark = here()
            var items: [Node] = []
            let read = eachItem(closing: UInt8(ascii: "]")) { reader in
                guard let item = reader.value(depth: depth + 1) else { return false }
                items.append(item)
                return true
            }
            return read ? .sequence(.init(items, implicit, .flow, mark)) : nil
        }

        /// The items of a mapping or list, from its opening bracket past the
        /// `closing` one, each read by `item` (false: not read). False when
        /// an item is not read or is followed by anything but a `,` or the
        /// closing bracket, which Yams then reports with its own message.
        private mutating func eachItem(closing: UInt8, _ item: (inout Reader) -> Bool) -> Bool {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == closing {
                index += 1
                return true
            }
            while true {
                skipSpace()
                guard item(&self) else { return false }
                skipSpace()
                guard index < bytes.count else { return false }
                switch bytes[index] {
                case UInt8(ascii: ","):
                    index += 1
                case closing:
                    index += 1
                    return true
                default:
                    return false
                }
            }
        }

        /// A number, `true`, `false` or `null`, as its text.
        private mutating func plain() -> String? {
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: " "), UInt8(ascii: "\t"),
                     UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    return ["true", "false", "null"].contains(text) || Self.isNumber(text.utf8) ? text : nil
                default:
                    index += 1
                }
            }
            return nil
        }

        /// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        private static func isNumber(_ text: String.UTF8View) -> Bool {
            var bytes = text.makeIterator()
            var next = bytes.next()
            func digits() -> Int {
                var count = 0
                while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    count += 1
                    next = bytes.next()
                }
                return count
            }
            if next == UInt8(ascii: "-") { next = bytes.next() }
            if next == UInt8(ascii: "0") {
                next = bytes.next()
            } else if digits() == 0 {
                return false
            }
            if next == UInt8(ascii: ".") {
                next = bytes.next()
                guard digits() > 0 else { return false }
            }
            if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
                next = bytes.next()
                if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
                guard digits() > 0 else { return false }
            }
            return next == nil
        }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }

        /// A quoted string, unescaped; `index` is at its opening quote.
        private mutating func string() -> String? {
            index += 1
            let start = index
            // The common case: no escape, copied as is.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { return nil }
                index += 1
            }
            var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { return nil }
                    let escape = bytes[index + 1]
                    index += 2
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count,
                              bytes[index..<index + 4].allSatisfy({ Self.isHexDigit($0) }),
                              let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + 4]),
                                                       as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(code) else { return nil }  // surrogates: Yams refuses them
                        index += 4
                        scalars += Array(String(Character(scalar)).utf8)
                    default:
                        return nil
                    }
                default:
                    if byte < 0x20 { return nil }
                    scalars.append(byte)
                    index += 1
                }
            }
            return nil
        }
    }
}
