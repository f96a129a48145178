public import LegateCore
public import LegateModel
import LegatePricing
import OrderedCollections

/// What the risk engine needs to value one instrument, read off the market state.
public struct InstrumentMarket: Sendable, Hashable {
    /// The underlying's index in USD.
    public let index: Double
    /// The forward of the instrument's expiry (options, futures), the perpetual's mark, or the index for spot.
    public let forward: Double
    /// Years to expiry (ACT/365.25); 0 for perpetuals and spot.
    public let expiryYears: Double
    /// The Black vol on the forward at the option's strike; nil for delta-one instruments.
    public let vol: Double?
    /// The option's discount rate: the coin rate for coin-settled options, the USD rate otherwise.
    public let rate: Double

    public init(index: Double, forward: Double, expiryYears: Double, vol: Double?, rate: Double) {
        self.index = index
        self.forward = forward
        self.expiryYears = expiryYears
        self.vol = vol
        self.rate = rate
    }
}

extension MarketState {
    /// The index of `underlying` in USD.
    ///
    /// - Throws: `MarketDataError.missingIndex`.
    public func index(of underlying: Underlying) throws(MarketDataError) -> Double {
        guard let index = underlyings[underlying]?.index else { throw .missingIndex(underlying) }
        return index
    }

    /// Years from the valuation time to `expiry`.
    ///
    /// - Throws: `MarketDataError.expired` when the expiry is not after the valuation time.
    public func years(until expiry: UnixNanos) throws(MarketDataError) -> Double {
        guard expiry > asOf else { throw .expired(expiry: expiry, asOf: asOf) }
        return asOf.years(until: expiry)
    }

    /// The forward of `underlying` for `expiry` (see `ForwardCurve` for the interpolation).
    ///
    /// - Throws: `MarketDataError.missingIndex`, `.missingForward` (empty curve), `.expired`.
    public func forward(of underlying: Underlying, expiry: UnixNanos) throws(MarketDataError) -> Double {
        let index = try index(of: underlying)
        _ = try years(until: expiry)
        guard let forward = underlyings[underlying]?.forwards.forward(expiry: expiry, index: index, asOf: asOf) else {
            throw .missingForward(underlying, expiry: expiry)
        }
        return forward
    }

    /// The Black vol of `underlying` at `strike` for `expiry`, read off its surface at the expiry's forward.
    ///
    /// - Throws: `MarketDataError.missingVolSurface` and the errors of `forward(of:expiry:)`.
    public func vol(of underlying: Underlying, strike: Double, expiry: UnixNanos) throws(MarketDataError) -> Double {
        let forward = try forward(of: underlying, expiry: expiry)
        guard let surface = underlyings[underlying]?.surface else { throw .missingVolSurface(underlying) }
        guard strike.isFinite, strike > 0 else {
            throw .invalidValue(field: "strike", value: strike, underlying: underlying)
        }
        let vol = surface.impliedVol(strike: strike, forward: forward, timeToExpiry: try years(until: expiry))
        guard vol.isFinite, vol > 0 else { throw .invalidValue(field: "vol", value: vol, underlying: underlying) }
        return vol
    }

    /// The funding of `underlying`'s perpetual on `venue`, if known.
    public func funding(of underlying: Underlying, venue: Venue) -> FundingRate? {
        underlyings[underlying]?.funding[venue]
    }

    /// Everything needed to value `instrument` held on `venue`.
    ///
    /// A perpetual uses its venue mark, or the index when the venue has none.
    ///
    /// - Throws: `MarketDataError` naming what is missing; `.unsupportedInstrument` for a combo.
    public func market(for instrument: Instrument, venue: Venue) throws(MarketDataError) -> InstrumentMarket {
        let underlying = instrument.underlying
        let index = try index(of: underlying)
        let market = underlyings[underlying] ?? UnderlyingMarket()
        switch instrument.terms {
        case .spot:
            return InstrumentMarket(index: index, forward: index, expiryYears: 0, vol: nil, rate: 0)
        case .perpetual:
            let mark = market.perpetualMarks[venue] ?? index
            return InstrumentMarket(index: index, forward: mark, expiryYears: 0, vol: nil, rate: 0)
        case .future(let expiry):
            let forward = try forward(of: underlying, expiry: expiry)
            return InstrumentMarket(
                index: index,
                forward: forward,
                expiryYears: try years(until: expiry),
                vol: nil,
                rate: 0
            )
        case .option(let terms):
            let forward = try forward(of: underlying, expiry: terms.expiry)
            let vol = try vol(of: underlying, strike: terms.strike.doubleValue, expiry: terms.expiry)
            return InstrumentMarket(
                index: index,
                forward: forward,
                expiryYears: try years(until: terms.expiry),
                vol: vol,
                rate: instrument.settlement.isInverse ? market.coinRate : market.usdRate
            )
        case .combo:
            throw .unsupportedInstrument(instrument)
        }
    }
}
