public import LegateCore
public import LegateModel
public import LegateSymbology
import LegateVenues

// MARK: - Instruments

extension BybitTranslator {
    /// The spec of one listed instrument of `category`.
    ///
    /// Options and linear, inverse and spot contracts are one unit of the base coin per contract, except inverse
    /// contracts, which are sized in the quote (USD). Options are priced in their settle coin (USDC or USDT).
    ///
    /// - Parameter observedAt: When this version was seen; nil dates it from `launchTime` (or the epoch when Bybit
    ///   gives none).
    /// - Throws: `BybitParseError` when the symbol is not understood or contradicts the coins, contract type, expiry
    ///   or right Bybit lists with it.
    public static func spec(
        _ wire: BybitInstrumentWire,
        category: Market,
        observedAt: UnixNanos? = nil
    ) throws(BybitParseError) -> InstrumentSpec {
        let name = wire.symbol
        let base = try asset(wire.baseCoin, of: "baseCoin of \(name)")
        let quote = try asset(wire.quoteCoin, of: "quoteCoin of \(name)")
        let settle = try wire.settleCoin.map { (code: String) throws(BybitParseError) in
            try asset(code, of: "settleCoin of \(name)")
        }
        // The listing names its coins: split the concatenated pair the way Bybit does.
        let table = category == .spot ? QuoteAssetTable.bybitSpot : QuoteAssetTable.bybitLinear
        let quotes = table.adding(pairs: [base.code + quote.code: Underlying(base: base, quote: quote)])
        let instrument = try instrument(name, category: category, quotes: quotes)
        try checkCoins(of: instrument, base: base, quote: quote, settle: settle, wire: wire, category: category)
        try checkTerms(of: instrument, against: wire)
        let priceCurrency = category == .option ? (settle ?? quote) : quote
        let lot = try lotSize(wire)
        let minimumNotional = (wire.lotSizeFilter.minNotionalValue ?? wire.lotSizeFilter.minOrderAmt).map {
            Money($0.value, priceCurrency)
        }
        let schedule: TickSchedule
        do {
            schedule = try TickSchedule.uniform(wire.priceFilter.tickSize.value)
        } catch {
            throw .inconsistent(what: "tickSize of \(name)", reason: error.description)
        }
        let launched = (wire.launchTime?.value).flatMap { $0 > 0 ? representableInstant(millis: $0) : nil }
        return InstrumentSpec(
            instrument: instrument,
            venue: .bybit,
            symbol: name,
            contractMultiplier: 1,
            contractUnit: category == .inverse ? quote : base,
            quoteCurrency: priceCurrency,
            tickSize: schedule,
            lotSize: lot,
            minimumSize: wire.lotSizeFilter.minOrderQty.quantity,
            minimumNotional: minimumNotional,
            listingState: try listingState(wire.status, of: name),
            effectiveFrom: observedAt ?? launched ?? UnixNanos(0)
        )
    }

    /// Every instrument of a listing page that reads cleanly, and the reason for each one that does not.
    public static func specs(
        _ wires: [BybitInstrumentWire],
        category: Market,
        observedAt: UnixNanos? = nil
    ) -> (specs: [InstrumentSpec], refused: [BybitParseError]) {
        var specs: [InstrumentSpec] = []
        var refused: [BybitParseError] = []
        for wire in wires {
            do {
                specs.append(try spec(wire, category: category, observedAt: observedAt))
            } catch {
                refused.append(error)
            }
        }
        return (specs, refused)
    }

    /// Derivatives step by `qtyStep`, spot by `basePrecision`.
    static func lotSize(_ wire: BybitInstrumentWire) throws(BybitParseError) -> Quantity {
        guard let step = wire.lotSizeFilter.qtyStep ?? wire.lotSizeFilter.basePrecision, step.value.isPositive else {
            throw .missingField(field: "lotSizeFilter.qtyStep or basePrecision", in: "instrument \(wire.symbol)")
        }
        return step.quantity
    }

    static func listingState(_ status: String, of name: String) throws(BybitParseError) -> ListingState {
        switch status {
        case "Trading": return .listed
        case "PreLaunch": return .preListing
        case "Delivering": return .suspended
        case "Closed": return .delisted
        default: throw .unknownValue(field: "status", value: status, in: "instrument \(name)")
        }
    }

    /// The symbol's coins and settlement must be the ones Bybit lists with it.
    static func checkCoins(
        of instrument: Instrument,
        base: Asset,
        quote: Asset,
        settle: Asset?,
        wire: BybitInstrumentWire,
        category: Market
    ) throws(BybitParseError) {
        let name = wire.symbol
        guard instrument.underlying.base == base else {
            throw .inconsistent(
                what: name,
                reason: "symbol says base \(instrument.underlying.base), venue says \(base)"
            )
        }
        // Options are on BASE/settle coin (one fixture lists quoteCoin USD for a USDC option).
        let expectedQuote = category == .option ? (settle ?? quote) : quote
        guard instrument.underlying.quote == expectedQuote else {
            throw .inconsistent(
                what: name,
                reason: "symbol says quote \(instrument.underlying.quote), venue says \(expectedQuote)"
            )
        }
        let expectedSettle = settle ?? (category == .inverse ? base : quote)
        if category != .spot, instrument.settlement.currency != expectedSettle {
            throw .inconsistent(
                what: name,
                reason: "symbol settles in \(instrument.settlement.currency), venue says \(expectedSettle)"
            )
        }
    }

    /// The contract type, expiry and right must agree with what the symbol says.
    static func checkTerms(of instrument: Instrument, against wire: BybitInstrumentWire) throws(BybitParseError) {
        let name = wire.symbol
        if let contractType = wire.contractType {
            let isPerpetual = contractType.hasSuffix("Perpetual")
            guard isPerpetual == (instrument.kind == .perpetual), contractType.hasSuffix("Futures") || isPerpetual
            else {
                throw .inconsistent(what: name, reason: "contractType \(contractType) for a \(instrument.kind)")
            }
        }
        guard let expiry = instrument.expiry else { return }
        let venueExpiry = (wire.deliveryTime?.value).flatMap(representableInstant(millis:))
        guard venueExpiry == expiry else {
            throw .inconsistent(
                what: name,
                reason: "symbol says expiry \(expiry), deliveryTime says \(venueExpiry.map(\.description) ?? "none")"
            )
        }
        if let right = instrument.right, let optionsType = wire.optionsType,
            optionsType.lowercased() != right.rawValue
        {
            throw .inconsistent(what: name, reason: "symbol says \(right.rawValue), optionsType says \(optionsType)")
        }
    }
}
