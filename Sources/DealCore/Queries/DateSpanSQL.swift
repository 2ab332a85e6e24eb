/// Dates of any precision (2025, 2025-09, 2025-09-02) compared by the one
/// rule of migration 0018: a date covers the days from its first to its
/// last (view `date_precisions`), so "A is on or before B" is "A's first day
/// <= B's last day". Stored dates have their days in the views
/// `agreement_spans`, `event_spans`, `term_spans` and `project_starts`; these
/// give the same days for a bound parameter.
enum DateSpanSQL {
    /// The first day of the date bound to `parameter` (`:since`, or `?`
    /// bound once more for each use). Parameter names are ours, never input.
    static func firstDay(of parameter: String) -> String {
        "(SELECT \(parameter) || d.first_suffix FROM date_precisions AS d WHERE d.length = length(\(parameter)))"
    }

    /// The last day of the date bound to `parameter`.
    static func lastDay(of parameter: String) -> String {
        "(SELECT date(\(parameter) || d.first_suffix, d.step, '-1 day') FROM date_precisions AS d "
            + "WHERE d.length = length(\(parameter)))"
    }
}
