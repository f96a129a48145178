public import LegateVenues

/// Bybit tells most facts twice (the answer to `/v5/order/create` and the `order` push both say the order is open,
/// and a reconnect may replay an execution): the shared filter publishes each once.
public typealias BybitReportFilter = VenueReportFilter
