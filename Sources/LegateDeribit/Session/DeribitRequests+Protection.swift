import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Market-maker protection

extension DeribitRequests {
    /// Deribit takes MMP windows and freezes in whole seconds, up to an hour.
    static let longestProtectionSeconds: Int64 = 3_600
    /// "All configuration parameters support up to 4 decimal places of precision" (Deribit's MMP article).
    static let protectionLimitIncrement = FixedDecimal(units: 1, scale: 4)

    /// Deribit's index for an underlying: `btc_usd` for the inverse contracts on BTC/USD, `xrp_usdc` for the linear
    /// ones on XRP/USDC (the `index_name` that MMP, and `user.mmp_trigger`, are keyed by).
    public static func indexName(_ underlying: Underlying) -> String {
        "\(underlying.base)_\(underlying.quote)".lowercased()
    }

    /// `private/set_mmp_config`. An interval of zero removes the configuration; otherwise Deribit requires at least
    /// one limit and the maximum quote quantity, and takes whole seconds and four decimals: anything else is refused
    /// here rather than rounded into a protection the desk did not ask for.
    public static func setMarketMakerProtection(
        _ protection: MarketMakerProtection
    ) throws(VenueError) -> DeribitCall {
        var fields: [DeribitRPCValue.Field] = [
            .init("index_name", .string(indexName(protection.underlying))),
            .init("interval", .integer(try protectionSeconds(protection.intervalNanos, "interval"))),
            .init("frozen_time", .integer(try protectionSeconds(protection.frozenNanos, "frozen time"))),
        ]
        if let group = protection.group { fields.append(.init("mmp_group", .string(group))) }
        if !protection.isOff {
            let limits: [(String, FixedDecimal?)] = [
                ("quantity_limit", protection.quantityLimit),
                ("delta_limit", protection.deltaLimit),
                ("vega_limit", protection.vegaLimit),
            ]
            guard limits.contains(where: { $0.1 != nil }) else {
                throw .unsupported(venue: .deribit, operation: "market-maker protection without a limit")
            }
            guard protection.maximumQuoteQuantity != nil else {
                throw .unsupported(
                    venue: .deribit,
                    operation: "market-maker protection without a maximum quote quantity (Deribit requires one)"
                )
            }
            for (key, value) in limits + [("max_quote_quantity", protection.maximumQuoteQuantity)] {
                guard let value else { continue }
                fields.append(.init(key, .decimal(try protectionLimit(value, key))))
            }
        }
        return DeribitCall("private/set_mmp_config", .object(fields), requestClass: .account)
    }

    /// `private/reset_mmp`: ends the freeze on the underlying's index (of `group` alone, when given).
    public static func resetMarketMakerProtection(_ underlying: Underlying, group: String? = nil) -> DeribitCall {
        DeribitCall("private/reset_mmp", indexAndGroup(underlying, group), requestClass: .account)
    }

    /// `private/get_mmp_config`: the index's configuration (of `group`, or of the orders' default group).
    public static func marketMakerProtectionConfig(_ underlying: Underlying, group: String? = nil) -> DeribitCall {
        DeribitCall("private/get_mmp_config", indexAndGroup(underlying, group), requestClass: .account)
    }

    /// `private/get_mmp_status`: the index's triggered freezes, with `frozen_until`.
    public static func marketMakerProtectionStatus(_ underlying: Underlying, group: String? = nil) -> DeribitCall {
        DeribitCall("private/get_mmp_status", indexAndGroup(underlying, group), requestClass: .account)
    }

    static func indexAndGroup(_ underlying: Underlying, _ group: String?) -> DeribitRPCValue {
        var fields: [DeribitRPCValue.Field] = [.init("index_name", .string(indexName(underlying)))]
        if let group { fields.append(.init("mmp_group", .string(group))) }
        return .object(fields)
    }

    /// The underlying an `index_name` names (`btc_usd` → BTC/USD); nil for one that is not `base_quote`.
    public static func underlying(indexName: String) -> Underlying? {
        let parts = indexName.uppercased().split(separator: "_")
        guard parts.count == 2, let base = try? Asset(parts[0]), let quote = try? Asset(parts[1]) else { return nil }
        return Underlying(base: base, quote: quote)
    }

    static func protectionSeconds(_ nanos: Int64, _ what: String) throws(VenueError) -> Int64 {
        let perSecond = UnixNanos.nanosecondsPerSecond
        guard nanos >= 0, nanos % perSecond == 0, nanos / perSecond <= longestProtectionSeconds else {
            throw .unsupported(
                venue: .deribit,
                operation: "an MMP \(what) of \(nanos) ns (Deribit takes whole seconds from 0 to 3600)"
            )
        }
        return nanos / perSecond
    }

    static func protectionLimit(_ value: FixedDecimal, _ key: String) throws(VenueError) -> FixedDecimal {
        guard value.isPositive, value.isMultiple(of: protectionLimitIncrement) else {
            throw .unsupported(
                venue: .deribit,
                operation: "MMP \(key) \(value) (Deribit takes positive values with at most 4 decimals)"
            )
        }
        return value.normalized
    }
}
