public import LegateCore
public import LegateModel
public import LegatePricing
public import OrderedCollections
import RealModule

/// Which market state a figure was computed on: a counter bumped by every change, and the valuation time.
///
/// Every risk decision records the version it used, so an audit can replay the journal up to the inputs that
/// produced this version and find the same numbers.
public struct MarketStateVersion: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Incremented by every change to the state.
    public let sequence: UInt64
    /// The valuation time (the time of the last input, handed in: pure code reads no clock).
    public let asOf: UnixNanos

    public init(sequence: UInt64, asOf: UnixNanos) {
        self.sequence = sequence
        self.asOf = asOf
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.sequence < rhs.sequence }

    public var description: String { "market#\(sequence)@\(asOf)" }
}

/// What the market says about one underlying.
public struct UnderlyingMarket: Sendable, Hashable {
    /// The index (spot) in USD.
    public internal(set) var index: Double?
    public internal(set) var forwards = ForwardCurve()
    public internal(set) var surface: VolSurface?
    /// The coin's own rate (discounts coin-settled premiums; 0 on Deribit) and the USD rate.
    public internal(set) var coinRate: Double = 0
    public internal(set) var usdRate: Double = 0
    /// Perpetual marks and funding per venue.
    public internal(set) var perpetualMarks: OrderedDictionary<Venue, Double> = [:]
    public internal(set) var funding: OrderedDictionary<Venue, FundingRate> = [:]
}

/// The market the risk engine values on: index, forwards, vol surface, rates and perpetual funding per underlying.
///
/// A value, changed only through its `mutating` setters; each change bumps `version`. Queries throw a
/// `MarketDataError` naming what is missing rather than guessing.
public struct MarketState: Sendable, Hashable {
    public private(set) var version: MarketStateVersion
    public private(set) var underlyings: OrderedDictionary<Underlying, UnderlyingMarket> = [:]

    /// An empty market at valuation time `asOf`.
    public init(asOf: UnixNanos) {
        version = MarketStateVersion(sequence: 0, asOf: asOf)
    }

    /// The valuation time.
    public var asOf: UnixNanos { version.asOf }

    /// What the state holds for `underlying`, if anything.
    public func market(of underlying: Underlying) -> UnderlyingMarket? {
        underlyings[underlying]
    }

    private mutating func change(_ underlying: Underlying, _ body: (inout UnderlyingMarket) -> Void) {
        body(&underlyings[underlying, default: UnderlyingMarket()])
        version = MarketStateVersion(sequence: version.sequence + 1, asOf: version.asOf)
    }

    private static func requirePositive(
        _ value: Double,
        _ field: String,
        _ underlying: Underlying
    ) throws(MarketDataError) {
        guard value.isFinite, value > 0 else {
            throw .invalidValue(field: field, value: value, underlying: underlying)
        }
    }

    // MARK: - Setters

    /// Moves the valuation time forward and drops forward points that have expired.
    ///
    /// - Throws: `MarketDataError.timeMovedBackwards`.
    public mutating func advance(to time: UnixNanos) throws(MarketDataError) {
        guard time >= asOf else { throw .timeMovedBackwards(from: asOf, to: time) }
        for key in underlyings.keys { underlyings[key]?.forwards.removeExpired(asOf: time) }
        version = MarketStateVersion(sequence: version.sequence + 1, asOf: time)
    }

    /// Sets the index of `underlying`.
    ///
    /// - Throws: `MarketDataError.invalidValue` for a non-positive price.
    public mutating func setIndex(_ price: Price, for underlying: Underlying) throws(MarketDataError) {
        try Self.requirePositive(price.doubleValue, "index", underlying)
        change(underlying) { $0.index = price.doubleValue }
    }

    /// Records a listed future's mark as the forward of its expiry.
    ///
    /// - Throws: `MarketDataError.invalidValue` or `.expired`.
    public mutating func setFuture(
        _ price: Price,
        for underlying: Underlying,
        expiry: UnixNanos
    )
        throws(MarketDataError)
    {
        try Self.requirePositive(price.doubleValue, "future price", underlying)
        guard expiry > asOf else { throw .expired(expiry: expiry, asOf: asOf) }
        change(underlying) { $0.forwards.set(ForwardPoint(expiry: expiry, price: price.doubleValue, source: .future)) }
    }

    /// Records the forward of an expiry without a future, from a call and a put of one strike (put-call parity).
    ///
    /// - Parameters:
    ///   - call: Call premium, in coin when `premium == .coin` (inverse options), else in USD.
    ///   - put: Put premium in the same unit.
    ///   - strike: Strike in USD.
    ///   - expiry: The options' expiry.
    ///   - premium: The unit of the premiums.
    /// - Throws: `MarketDataError.parityWithoutForward`, `.expired`, `.invalidValue`.
    public mutating func setParityForward(
        call: Price,
        put: Price,
        strike: Price,
        for underlying: Underlying,
        expiry: UnixNanos,
        premium: Numeraire
    ) throws(MarketDataError) {
        guard expiry > asOf else { throw .expired(expiry: expiry, asOf: asOf) }
        let years = asOf.years(until: expiry)
        let market = underlyings[underlying] ?? UnderlyingMarket()
        let forward =
            switch premium {
            case .coin:
                ForwardCurve.inverseParityForward(
                    callCoin: call.doubleValue,
                    putCoin: put.doubleValue,
                    strike: strike.doubleValue,
                    coinDiscount: DiscountFactor.of(rate: market.coinRate, years: years)
                )
            case .usd:
                ForwardCurve.parityForward(
                    call: call.doubleValue,
                    put: put.doubleValue,
                    strike: strike.doubleValue,
                    discount: DiscountFactor.of(rate: market.usdRate, years: years)
                )
            }
        guard let forward else {
            throw .parityWithoutForward(
                underlying,
                expiry: expiry,
                strike: strike.doubleValue,
                reason: "call \(call) and put \(put) imply a non-positive forward"
            )
        }
        change(underlying) { $0.forwards.set(ForwardPoint(expiry: expiry, price: forward, source: .putCallParity)) }
    }

    /// Sets the volatility surface of `underlying`.
    public mutating func setVolSurface(_ surface: VolSurface, for underlying: Underlying) {
        change(underlying) { $0.surface = surface }
    }

    /// Sets the continuously compounded coin and USD rates of `underlying`.
    ///
    /// - Throws: `MarketDataError.invalidValue` for a non-finite rate.
    public mutating func setRates(coin: Double, usd: Double, for underlying: Underlying) throws(MarketDataError) {
        for (field, value) in [("coinRate", coin), ("usdRate", usd)] where !value.isFinite {
            throw .invalidValue(field: field, value: value, underlying: underlying)
        }
        change(underlying) {
            $0.coinRate = coin
            $0.usdRate = usd
        }
    }

    /// Sets a perpetual's mark on one venue.
    ///
    /// - Throws: `MarketDataError.invalidValue` for a non-positive price.
    public mutating func setPerpetualMark(
        _ price: Price,
        for underlying: Underlying,
        venue: Venue
    )
        throws(MarketDataError)
    {
        try Self.requirePositive(price.doubleValue, "perpetual mark", underlying)
        change(underlying) { $0.perpetualMarks[venue] = price.doubleValue }
    }

    /// Records a perpetual's funding rate (from `MarketData.funding`).
    public mutating func setFunding(_ funding: FundingRate) {
        change(funding.instrument.underlying) { $0.funding[funding.venue] = funding }
    }
}

/// `e^{−rT}`, in one place.
enum DiscountFactor {
    static func of(rate: Double, years: Double) -> Double {
        Double.exp(-rate * years)
    }
}
