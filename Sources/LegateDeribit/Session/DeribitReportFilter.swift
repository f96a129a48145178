public import LegateVenues

/// Deribit tells most facts twice (the answer to `private/buy` and the `user.orders` notification both say the order
/// is open; the answer's `trades` and `user.trades` both carry a fill): the shared filter publishes each once.
public typealias DeribitReportFilter = VenueReportFilter
