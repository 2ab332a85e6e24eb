/// A list as JSON array text, to bind as one parameter and read with
/// `json_each` (SQLite has no array parameter).
enum JSONList {
    static func of(_ strings: [String]) -> String {
        "[" + strings.map(JSONRowWriter.string).joined(separator: ",") + "]"
    }

    static func of(_ numbers: [Int64]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }
}
