/// The order of dated items whose dates are too coarse to order them: an
/// event known only to the year (`2025`) cannot be placed against one known
/// to the day (`2025-09-02`) by its date, so it keeps the order its source
/// gives. Citable ids are handed out in document order, so they are that
/// order: an item is placed at the latest finer date that an item listed
/// before it in the same year (or month) carries, and after the items
/// dated exactly that. The seed's spokesperson declining to confirm PoS-2
/// (`2025`, listed after the `2025-09-02` announcement) comes after it.
///
/// The built-in query `timeline` (queries/timeline.sql) spells out the same
/// rule in SQL; SourceOrderTests checks that show and the query agree, and
/// the timeline chart lays out a year's items in the query's order.
enum EventOrder {
    /// The date `alias` (a row of `table`, whose date column is `dateColumn`)
    /// is placed at: its own, or the latest finer date of the same year or
    /// month on a row before it in citable order. The range reaches the rows
    /// through the date's index: every `2025-...` lies between `2025-` and `2025.`.
    static func placedSQL(_ alias: String, table: String, dateColumn: String) -> String {
        """
        CASE WHEN length(\(alias).\(dateColumn)) = 10 THEN \(alias).\(dateColumn) ELSE
        coalesce((SELECT max(o.\(dateColumn)) FROM \(table) AS o
                  WHERE o.\(dateColumn) > \(alias).\(dateColumn) || '-' AND o.\(dateColumn) < \(alias).\(dateColumn) || '.'
                    AND o.citable_id < \(alias).citable_id), \(alias).\(dateColumn)) END
        """
    }

    /// `ORDER BY` for events named `alias`: by placed date, the exactly dated
    /// first, then in the source's order.
    static func eventsClause(_ alias: String) -> String {
        let placed = placedSQL(alias, table: "events", dateColumn: "date")
        return "\(placed), \(placed) <> \(alias).date, \(alias).citable_id"
    }
}
