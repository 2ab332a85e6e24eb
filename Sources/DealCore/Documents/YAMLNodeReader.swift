import CYaml
import Yams

/// Composes a YAML document from libyaml's events into the node tree
/// `Yams.compose` makes of it, handing the items of the root's `streaming`
/// lists to `item` as they are read instead of keeping them, as
/// JSONNodeReader does for JSON.
///
/// Yams composes the whole document before any record is read: some twenty
/// times the text in nodes (478 MB for a 24 MB export). Here one record's
/// nodes exist at a time. The nodes are built as Yams' Parser builds them
/// (its tags, styles, marks, a list's or mapping's style taken from its end
/// event), but for a key's tag: Yams resolves it (to `str`, mostly) as a side
/// effect of hashing the key for its duplicate check, a regular expression
/// per key; here it stays as written, and the parser reads only a key's
/// text. Anything this reader does not take on exactly as Yams would, it
/// leaves to Yams by returning nil, so that every message stays Yams' own:
/// a syntax error, an anchor or alias, a key that is not a scalar, a key
/// given twice, a document that is not one mapping. Run it after
/// YAMLShapeCheck, which bounds the nesting it recurses through.
enum YAMLNodeReader {
    static func read(_ text: String, streaming: Set<String>, item: (String, Int, Node) -> Void) -> Node? {
        var text = text
        return withoutActuallyEscaping(item) { item in
            text.withUTF8 { bytes -> Node? in
                var reader = Reader()
                guard yaml_parser_initialize(&reader.parser) == 1 else { return nil }
                defer { yaml_parser_delete(&reader.parser) }
                yaml_parser_set_encoding(&reader.parser, YAML_UTF8_ENCODING)
                yaml_parser_set_input_string(&reader.parser, bytes.baseAddress, bytes.count)
                reader.streaming = streaming
                reader.item = item
                return reader.document()
            }
        }
    }

    /// One libyaml event, deleted when dropped.
    private final class Event {
        var event = yaml_event_t()
        deinit { yaml_event_delete(&event) }
        var type: yaml_event_type_t { event.type }
        var mark: Mark? { JSONNodeReader.mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1) }
    }

    private struct Reader {
        var parser = yaml_parser_t()
        var streaming: Set<String> = []
        var item: ((String, Int, Node) -> Void)?
        /// One Tag per name, as JSONNodeReader shares its two.
        var tags: [String: Tag] = [:]
        let implicit = Tag(.implicit)

        mutating func next() -> Event? {
            let event = Event()
            return yaml_parser_parse(&parser, &event.event) == 1 ? event : nil
        }

        /// Yams' `singleRoot`: a stream of exactly one document, its root a mapping here.
        mutating func document() -> Node? {
            guard next()?.type == YAML_STREAM_START_EVENT, next()?.type == YAML_DOCUMENT_START_EVENT,
                  let first = next(), first.type == YAML_MAPPING_START_EVENT,
                  let root = mapping(first, depth: 1),
                  next()?.type == YAML_DOCUMENT_END_EVENT, next()?.type == YAML_STREAM_END_EVENT else { return nil }
            return root
        }

        mutating func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> Tag {
            guard let pointer else { return implicit }
            return named(String(cString: pointer))
        }

        mutating func named(_ name: String) -> Tag {
            if let tag = tags[name] { return tag }
            let tag = Tag(Tag.Name(rawValue: name))
            tags[name] = tag
            return tag
        }

        mutating func node(_ event: Event, depth: Int) -> Node? {
            switch event.type {
            case YAML_SCALAR_EVENT: return scalar(event)
            case YAML_SEQUENCE_START_EVENT: return sequence(event, depth: depth)
            case YAML_MAPPING_START_EVENT: return mapping(event, depth: depth)
            default: return nil  // an alias
            }
        }

        mutating func scalar(_ event: Event) -> Node? {
            let data = event.event.data.scalar
            guard data.anchor == nil else { return nil }
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            // Yams gives a quoted scalar without a tag of its own `!!str`.
            let tag = data.quoted_implicit == 1 ? named(Tag.Name.str.rawValue) : tag(data.tag)
            guard let style = Node.Scalar.Style(rawValue: numericCast(data.style.rawValue)) else { return nil }
            return .scalar(.init(value, tag, style, event.mark))
        }

        mutating func sequence(_ first: Event, depth: Int, streamAs key: String? = nil) -> Node? {
            let start = first.event.data.sequence_start
            guard start.anchor == nil, depth <= YAMLShapeCheck.maximumDepth else { return nil }
            var items: [Node] = []
            var count = 0
            while true {
                guard let event = next() else { return nil }
                if event.type == YAML_SEQUENCE_END_EVENT {
                    // Yams takes the style from the end event, as here.
                    guard let style = Node.Sequence.Style(rawValue: numericCast(event.event.data.sequence_start.style.rawValue))
                    else { return nil }
                    return .sequence(.init(items, start.implicit != 0 ? implicit : tag(start.tag), style, first.mark))
                }
                guard let node = node(event, depth: depth + 1) else { return nil }
                if let key {
                    item?(key, count, node)
                    count += 1
                } else {
                    items.append(node)
                }
            }
        }

        mutating func mapping(_ first: Event, depth: Int) -> Node? {
            let start = first.event.data.mapping_start
            guard start.anchor == nil, depth <= YAMLShapeCheck.maximumDepth else { return nil }
            var pairs: [(Node, Node)] = []
            var keys: Set<String> = []
            while true {
                guard let event = next() else { return nil }
                if event.type == YAML_MAPPING_END_EVENT {
                    guard let style = Node.Mapping.Style(rawValue: numericCast(event.event.data.mapping_start.style.rawValue))
                    else { return nil }
                    // Yams reads a mapping's tag where a list's is.
                    let tag = start.implicit != 0 ? implicit : tag(first.event.data.sequence_start.tag)
                    return .mapping(.init(pairs, tag, style, first.mark))
                }
                // Keys are scalars, each once: Yams' duplicate check then finds nothing.
                guard event.type == YAML_SCALAR_EVENT, let key = scalar(event), let name = key.scalar?.string,
                      keys.insert(name).inserted, let valueEvent = next() else { return nil }
                let value: Node?
                if depth == 1, streaming.contains(name), valueEvent.type == YAML_SEQUENCE_START_EVENT {
                    value = sequence(valueEvent, depth: depth + 1, streamAs: name)
                } else {
                    value = node(valueEvent, depth: depth + 1)
                }
                guard let value else { return nil }
                pairs.append((key, value))
            }
        }
    }
}
