import LegateModel

/// The default limits per venue, from `shared/reference/venues.md`.
extension VenueRateLimiter {
    static let second: Int64 = 1_000_000_000

    /// Deribit: one credit pool for non-matching requests (50,000, refill 10,000/s, 500 a request, about 3,000 a
    /// subscription) and a separate matching-engine limit (default tier about 5/s, burst 20).
    public static func deribit() -> VenueRateLimiter {
        VenueRateLimiter(
            venue: .deribit,
            rules: [
                RateRule(
                    name: "deribit non-matching credits",
                    classes: [.marketData, .account, .subscribe],
                    limit: .tokenBucket(capacity: 50_000, refillPerSecond: 10_000),
                    costs: [.marketData: 500, .account: 500, .subscribe: 3_000]
                ),
                RateRule(
                    name: "deribit matching engine",
                    classes: [.trading],
                    limit: .tokenBucket(capacity: 20, refillPerSecond: 5),
                    costs: [.trading: 1]
                ),
            ]
        )
    }

    /// OKX: most endpoints 20 requests / 2 s per account; place, amend and cancel 60 / 2 s per instrument (key: the
    /// instrument id, or the instrument family for options).
    public static func okx() -> VenueRateLimiter {
        VenueRateLimiter(
            venue: .okx,
            rules: [
                RateRule(
                    name: "okx 20 requests / 2 s",
                    classes: [.marketData, .account],
                    limit: .window(limit: 20, windowNanos: 2 * second)
                ),
                RateRule(
                    name: "okx orders 60 / 2 s per instrument",
                    classes: [.trading],
                    limit: .window(limit: 60, windowNanos: 2 * second),
                    isPerKey: true
                ),
            ]
        )
    }

    /// Bybit: 600 requests / 5 s per IP; create, amend and cancel 10/s per category (key: the category).
    public static func bybit() -> VenueRateLimiter {
        VenueRateLimiter(
            venue: .bybit,
            rules: [
                RateRule(
                    name: "bybit ip 600 / 5 s",
                    classes: [.trading, .marketData, .account],
                    limit: .window(limit: 600, windowNanos: 5 * second)
                ),
                RateRule(
                    name: "bybit orders 10 / s per category",
                    classes: [.trading],
                    limit: .window(limit: 10, windowNanos: second),
                    isPerKey: true
                ),
            ]
        )
    }

    /// Binance USD-M futures: request weight 2,400 / minute; orders 300 / 10 s and 1,200 / minute.
    public static func binanceUSDM() -> VenueRateLimiter {
        VenueRateLimiter(
            venue: .binance,
            rules: [
                RateRule(
                    name: "binance usd-m weight 2400 / min",
                    classes: [.trading, .marketData, .account],
                    limit: .window(limit: 2_400, windowNanos: 60 * second)
                ),
                RateRule(
                    name: "binance usd-m orders 300 / 10 s",
                    classes: [.trading],
                    limit: .window(limit: 300, windowNanos: 10 * second)
                ),
                RateRule(
                    name: "binance usd-m orders 1200 / min",
                    classes: [.trading],
                    limit: .window(limit: 1_200, windowNanos: 60 * second)
                ),
            ]
        )
    }

    /// Binance spot: request weight 6,000 / minute; orders 100 / 10 s and 200,000 / day.
    public static func binanceSpot() -> VenueRateLimiter {
        VenueRateLimiter(
            venue: .binance,
            rules: [
                RateRule(
                    name: "binance spot weight 6000 / min",
                    classes: [.trading, .marketData, .account],
                    limit: .window(limit: 6_000, windowNanos: 60 * second)
                ),
                RateRule(
                    name: "binance spot orders 100 / 10 s",
                    classes: [.trading],
                    limit: .window(limit: 100, windowNanos: 10 * second)
                ),
                RateRule(
                    name: "binance spot orders 200000 / day",
                    classes: [.trading],
                    limit: .window(limit: 200_000, windowNanos: 86_400 * second)
                ),
            ]
        )
    }
}
