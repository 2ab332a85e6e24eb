import SQLiteKit

/// The Datasette settings a deployment of the file needs, besides the
/// metadata. Datasette returns at most `max_returned_rows` rows of a canned
/// query (1,000 by default), in its JSON and in its CSV download alike, and
/// marks the cut only in the JSON's `truncated`: timeline, volumes-by-project
/// and volumes-by-certainty stopped at 1,000 rows on GEM's pipelines. And it
/// stops any query after `sql_time_limit_ms` (1 s by default), which the
/// volume queries passed on GEM's data on a busy machine.
package struct DatasetteSettings: Equatable {
    /// Rows of a canned query (and of a table page's `_size=max`).
    package let maxReturnedRows: Int
    /// Time a query may take, in milliseconds.
    package let sqlTimeLimitMilliseconds: Int
    /// CSV downloads of a whole table (`_stream=on`), Datasette's default,
    /// written out so that a deployment that copies the file keeps it.
    package let allowCSVStream = true
    /// The rows of the largest canned query run without parameters.
    package let largestQueryRows: Int

    /// Ten times Datasette's default: the slowest canned query took 2 s in
    /// Datasette on GEM's pipelines, with the machine busy.
    static let timeLimitMilliseconds = 10_000

    /// Settings for the file as it is: the row limit at least twice the
    /// rows of the largest canned query run without parameters (every
    /// parameter only narrows what it returns), rounded up to 1, 2 or 5
    /// times a power of ten, never below Datasette's 1,000. A query that
    /// needs a parameter is not run: it returns one party's rows.
    package static func measure(store: DealStore, catalog: QueryCatalog) throws -> DatasetteSettings {
        let runner = QueryRunner(store: store)
        var largest = 0
        for query in catalog.queries where !query.parameters.contains(where: \.isRequired) {
            largest = max(largest, try runner.run(query, parameters: [:], into: RowWriter(RowCounter())))
        }
        return DatasetteSettings(maxReturnedRows: roundedUp(max(1_000, 2 * largest)),
                                 sqlTimeLimitMilliseconds: timeLimitMilliseconds, largestQueryRows: largest)
    }

    /// The smallest of 1, 2 or 5 times a power of ten that is at least `count`.
    static func roundedUp(_ count: Int) -> Int {
        var power = 1
        while true {
            for step in [1, 2, 5] where step * power >= count { return step * power }
            power *= 10
        }
    }

    /// Name and value of each setting, as `datasette serve --setting NAME VALUE` takes them.
    package var pairs: [(name: String, value: String)] {
        [("max_returned_rows", String(maxReturnedRows)),
         ("sql_time_limit_ms", String(sqlTimeLimitMilliseconds)),
         ("allow_csv_stream", allowCSVStream ? "on" : "off")]
    }

    /// Datasette's settings.json (configuration-directory mode), the same settings.
    package var json: String {
        "{\n" + [
            "  \"max_returned_rows\": \(maxReturnedRows)",
            "  \"sql_time_limit_ms\": \(sqlTimeLimitMilliseconds)",
            "  \"allow_csv_stream\": \(allowCSVStream)",
        ].joined(separator: ",\n") + "\n}\n"
    }
}

extension QueryParameter {
    var isRequired: Bool {
        if case .required = requirement { return true }
        return false
    }
}

/// Counts rows and writes nothing.
final class RowCounter: RowFormatter {
    func begin(columns: [String]) throws {}
    func row(_ values: [SQLiteValue]) throws {}
    func end() throws {}
}
