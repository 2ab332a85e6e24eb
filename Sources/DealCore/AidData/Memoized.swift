extension Dictionary {
    /// The value for `key`, made by `make` the first time it is asked for.
    /// The AidData import reads the same names and types in row after row,
    /// and reading one takes Foundation's folding or PartyNameKey.
    mutating func memoized(_ key: Key, _ make: () -> Value) -> Value {
        if let value = self[key] { return value }
        let value = make()
        self[key] = value
        return value
    }
}
