import Yams

extension DocumentParser {
    /// A record of `table`'s kind read from the mapping `node`, or nil when
    /// it is not a mapping or a required field is missing or invalid (the
    /// messages are in `issues`). `after` reads what the table leaves to
    /// code (lists, checks across fields), with the record's fields.
    mutating func record<Record>(_ table: FieldTable<Record>, _ node: Node, _ path: String,
                                 after: (inout DocumentParser, Fields, String, inout Record) -> Void = { _, _, _, _ in })
        -> Record? {
        guard let f = fields(of: node, path: path, allowed: table.keys) else { return nil }
        var record = table.blank
        let complete = read(table, f, into: &record) { parser, key, record in after(&parser, f, key, &record) }
        return complete ? record : nil
    }

    /// Reads the fields of `table` from one record's mapping into `record`:
    /// the required fields first, then the rest, each in table order (the
    /// order of the messages, as before the table), calling `after` with
    /// every key once it is read. `after` reads the lists (explicit) and
    /// makes the checks that span fields (ended after signed). Returns
    /// false when a required field is missing or invalid.
    private mutating func read<Record>(_ table: FieldTable<Record>, _ f: Fields, into record: inout Record,
                                       after: (inout DocumentParser, String, inout Record) -> Void) -> Bool {
        var complete = true
        for field in table.fields where field.required {
            if !read(field, f, into: &record) { complete = false }
            after(&self, field.key, &record)
        }
        for entry in table.entries {
            switch entry {
            case .field(let field):
                guard !field.required else { continue }
                _ = read(field, f, into: &record)
                after(&self, field.key, &record)
            case .list(let key), .nested(let key):
                after(&self, key, &record)
            }
        }
        return complete
    }

    /// One field; an absent or invalid value leaves the field's default (its
    /// message is already in `issues`). Returns whether a value was read.
    private mutating func read<Record>(_ field: RecordField<Record>, _ f: Fields, into record: inout Record) -> Bool {
        let key = field.key, required = field.required
        let text: String?
        switch field.type {
        case .id(let kind): text = definedID(f, kind: kind)
        case .text: text = self.text(f, key, required: required)
        case .date: text = date(f, key, required: required)
        case .choice(let values, let noun): text = choice(f, key, from: values, noun: noun, required: required)
        case .tristate: text = tristate(f, key)
        case .reference(let kind): text = reference(f, key, to: kind, required: required)
        case .country: text = country(f, key, required: required)
        case .unit: text = unit(f, key)
        case .number(let range, let rangeText):
            let number = self.number(f, key, range: range, rangeText: rangeText)
            if case .number(let path) = field.slot { record[keyPath: path] = number }
            return number != nil
        }
        switch field.slot {
        case .text(let path): record[keyPath: path] = text ?? field.defaultValue ?? ""
        case .optionalText(let path): record[keyPath: path] = text
        case .number: preconditionFailure("field \(key) holds a number but is not typed as one")
        }
        return text != nil
    }
}
