public import LegateCore
public import LegateModel
public import LegateSymbology
public import LegateVenues

// MARK: - Instruments and rate limits

extension BinanceTranslator {
    /// The spec of one symbol of an exchange-info answer from `market` (`.spot` or `.linear`).
    ///
    /// Sizes are in the base asset, prices in the quote asset; the tick is `PRICE_FILTER.tickSize`, the lot
    /// `LOT_SIZE.stepSize`, the minimum `LOT_SIZE.minQty`, the minimum notional `MIN_NOTIONAL` (`minNotional` on
    /// spot, `notional` on futures) or spot's newer `NOTIONAL`.
    ///
    /// - Throws: `BinanceParseError` when the symbol is not understood, contradicts its listed assets, contract type
    ///   or delivery date, or lacks the price or lot filter.
    public static func spec(
        _ wire: BinanceSymbolWire,
        market: Market,
        observedAt: UnixNanos
    ) throws(BinanceParseError) -> InstrumentSpec {
        let name = wire.symbol
        let base = try asset(wire.baseAsset, of: "baseAsset of \(name)")
        let quote = try asset(wire.quoteAsset, of: "quoteAsset of \(name)")
        let table = market == .spot ? QuoteAssetTable.binanceSpot : QuoteAssetTable.binanceUSDMargined
        let quotes = table.adding(pairs: [base.code + quote.code: Underlying(base: base, quote: quote)])
        let instrument = try instrument(name, market: market, quotes: quotes)
        guard instrument.underlying == Underlying(base: base, quote: quote) else {
            throw .inconsistent(what: name, reason: "symbol says \(instrument.underlying), venue says \(base)/\(quote)")
        }
        if let margin = wire.marginAsset, instrument.settlement.currency.code != margin {
            throw .inconsistent(
                what: name,
                reason: "settles in \(instrument.settlement.currency), marginAsset \(margin)"
            )
        }
        try checkContract(of: instrument, against: wire)
        let filters = wire.filters
        guard let tick = BinanceFilterWire.find("PRICE_FILTER", in: filters)?.tickSize, tick.value.isPositive else {
            throw .missingField(field: "PRICE_FILTER.tickSize", in: "symbol \(name)")
        }
        guard let lot = BinanceFilterWire.find("LOT_SIZE", in: filters), let step = lot.stepSize,
            step.value.isPositive
        else { throw .missingField(field: "LOT_SIZE.stepSize", in: "symbol \(name)") }
        let notional =
            BinanceFilterWire.find("MIN_NOTIONAL", in: filters) ?? BinanceFilterWire.find("NOTIONAL", in: filters)
        let schedule: TickSchedule
        do {
            schedule = try TickSchedule.uniform(tick.value)
        } catch {
            throw .inconsistent(what: "tickSize of \(name)", reason: error.description)
        }
        return InstrumentSpec(
            instrument: instrument,
            venue: .binance,
            symbol: name,
            contractMultiplier: 1,
            contractUnit: base,
            quoteCurrency: quote,
            tickSize: schedule,
            lotSize: step.quantity,
            minimumSize: lot.minQty?.quantity ?? step.quantity,
            minimumNotional: (notional?.minNotional ?? notional?.notional).map { Money($0.value, quote) },
            listingState: try listingState(wire.status, of: name),
            effectiveFrom: observedAt
        )
    }

    /// Every symbol of an exchange-info answer that reads cleanly, dated `observedAt` (or the answer's server time),
    /// and the reason for each one that does not.
    public static func specs(
        _ info: BinanceExchangeInfoWire,
        market: Market,
        observedAt: UnixNanos? = nil
    ) -> (specs: [InstrumentSpec], refused: [BinanceParseError]) {
        let observed = observedAt ?? representableInstant(millis: info.serverTime) ?? UnixNanos(0)
        var specs: [InstrumentSpec] = []
        var refused: [BinanceParseError] = []
        for wire in info.symbols {
            do {
                specs.append(try spec(wire, market: market, observedAt: observed))
            } catch {
                refused.append(error)
            }
        }
        return (specs, refused)
    }

    static func listingState(_ status: String, of name: String) throws(BinanceParseError) -> ListingState {
        switch status {
        case "TRADING": return .listed
        case "PENDING_TRADING", "PRE_TRADING": return .preListing
        case "BREAK", "HALT", "AUCTION_MATCH", "POST_TRADING", "END_OF_DAY", "PRE_DELIVERING", "DELIVERING",
            "PRE_SETTLE", "SETTLING":
            return .suspended
        case "DELIVERED": return .expired
        case "CLOSE": return .delisted
        default: throw .unknownValue(field: "status", value: status, in: "symbol \(name)")
        }
    }

    /// A perpetual's `contractType` is `PERPETUAL` (or empty before listing); a future's is a quarter or month and
    /// its `deliveryDate` is the expiry its name says.
    static func checkContract(of instrument: Instrument, against wire: BinanceSymbolWire) throws(BinanceParseError) {
        guard let contractType = wire.contractType else { return }
        let name = wire.symbol
        switch instrument.terms {
        case .perpetual:
            guard contractType == "PERPETUAL" || contractType.isEmpty else {
                throw .inconsistent(what: name, reason: "contractType \(contractType) for a perpetual")
            }
        case .future(let expiry):
            let delivery = wire.deliveryDate.flatMap(representableInstant(millis:))
            guard contractType != "PERPETUAL", delivery == expiry else {
                throw .inconsistent(
                    what: name,
                    reason: "\(contractType) delivering \(delivery.map(\.description) ?? "never"), name says \(expiry)"
                )
            }
        default:
            throw .inconsistent(what: name, reason: "contractType \(contractType) for a \(instrument.kind)")
        }
    }

    /// The limiter for the limits an exchange-info answer states: `REQUEST_WEIGHT` over every REST request (charged
    /// by weight), `ORDERS` over order requests and `RAW_REQUESTS` over every request (one each).
    public static func rateLimiter(_ limits: [BinanceRateLimitWire]) throws(BinanceParseError) -> VenueRateLimiter {
        var rules: [RateRule] = []
        for limit in limits {
            let seconds: Int64
            switch limit.interval {
            case "SECOND": seconds = 1
            case "MINUTE": seconds = 60
            case "HOUR": seconds = 3_600
            case "DAY": seconds = 86_400
            default: throw .unknownValue(field: "interval", value: limit.interval, in: "rateLimits")
            }
            let window = RateRule.Limit.window(
                limit: limit.limit,
                windowNanos: seconds * limit.intervalNum * UnixNanos.nanosecondsPerSecond
            )
            let name =
                "binance \(limit.rateLimitType.lowercased()) \(limit.limit) / \(limit.intervalNum) "
                + limit.interval.lowercased()
            let requests: Set<RequestClass> = [.trading, .marketData, .account]
            switch limit.rateLimitType {
            case "REQUEST_WEIGHT":
                rules.append(RateRule(name: name, classes: requests, limit: window))
            case "ORDERS":
                rules.append(RateRule(name: name, classes: [.trading], limit: window, costs: [.trading: 1]))
            case "RAW_REQUESTS":
                let costs: [RequestClass: Int64] = [.trading: 1, .marketData: 1, .account: 1]
                rules.append(RateRule(name: name, classes: requests, limit: window, costs: costs))
            default:
                throw .unknownValue(field: "rateLimitType", value: limit.rateLimitType, in: "rateLimits")
            }
        }
        return VenueRateLimiter(venue: .binance, rules: rules)
    }
}
