import LegateVenues

extension VenueReportFilter {
    /// Binance tells most facts twice (the REST answer to a place or cancel and the user-data event both carry the new
    /// state; a fill arrives in a `TRADE_LITE` and again in its `ORDER_TRADE_UPDATE`), and a REST answer can race its
    /// order's cancel event: an order already over is not acknowledged after the fact.
    static func binance() -> VenueReportFilter { VenueReportFilter(capacity: 50_000, acknowledgesAfterEnd: false) }
}
