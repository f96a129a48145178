public import LegateCore
import LegateModel
import LegatePricing

/// One position's sensitivities in both numeraires, on one market state.
public struct PositionRisk: Sendable, Hashable {
    public let key: PositionKey
    /// Expiry of options and futures; nil for perpetuals and spot.
    public let expiry: UnixNanos?
    /// Years to expiry; 0 for perpetuals and spot.
    public let expiryYears: Double
    /// The index the figures were computed at.
    public let index: Double
    /// Signed size in coins (inverse futures and perpetuals: USD size / forward).
    public let coinQuantity: Double
    /// Figures of the position's value in coin and in USD (see `GreekTotals`).
    public let coin: GreekTotals
    public let usd: GreekTotals

    /// Values one position on `market`.
    ///
    /// Options: Black-76 on the expiry's forward at the surface's vol; coin-settled options through
    /// `InverseOption.greeks` (so coin delta is Deribit's premium-adjusted delta), USD-settled through
    /// `Black76.greeks`. Delta-one instruments are valued relative to their current mark, so only their
    /// sensitivities count. Theta ignores perpetual funding and futures carry.
    ///
    /// - Throws: `BookError.market` naming what the market lacks; `.unsupportedInstrument` for a combo.
    public init(_ position: Position, market: MarketState) throws(BookError) {
        let key = position.key
        let instrument = key.instrument
        let quote: InstrumentMarket
        do throws(MarketDataError) {
            quote = try market.market(for: instrument, venue: key.venue)
        } catch {
            if case .unsupportedInstrument = error { throw .unsupportedInstrument(instrument) }
            throw .market(error, position: key)
        }
        let size = position.quantity.doubleValue
        let coinQuantity = key.isInverseDeltaOne ? size / quote.forward : size
        let native = Self.nativeSensitivities(instrument, size: size, coinQuantity: coinQuantity, quote: quote)
        let coinRaw: RawSensitivities
        let usdRaw: RawSensitivities
        if native.isCoin {
            coinRaw = native.raw
            usdRaw = native.raw.coinToUSD(forward: quote.forward, index: quote.index)
        } else {
            usdRaw = native.raw
            coinRaw = native.raw.usdToCoin(forward: quote.forward, index: quote.index)
        }
        self.key = key
        self.expiry = instrument.expiry
        self.expiryYears = quote.expiryYears
        self.index = quote.index
        self.coinQuantity = coinQuantity
        self.coin = coinRaw.totals(forward: quote.forward, notional: abs(coinQuantity))
        self.usd = usdRaw.totals(forward: quote.forward, notional: abs(coinQuantity) * quote.index)
    }

    /// The position's value and raw derivatives in the currency it settles in (`isCoin`), or in USD for spot.
    private static func nativeSensitivities(
        _ instrument: Instrument,
        size: Double,
        coinQuantity: Double,
        quote: InstrumentMarket
    ) -> (raw: RawSensitivities, isCoin: Bool) {
        let isCoin = instrument.settlement.isInverse
        let forward = quote.forward
        switch instrument.terms {
        case .option(let terms):
            let vol = quote.vol ?? 0
            let strike = terms.strike.doubleValue
            let greeks =
                isCoin
                ? InverseOption.greeks(
                    terms.right,
                    forward: forward,
                    strike: strike,
                    expiryYears: quote.expiryYears,
                    coinRate: quote.rate,
                    vol: vol
                )
                : Black76.greeks(
                    terms.right,
                    forward: forward,
                    strike: strike,
                    expiryYears: quote.expiryYears,
                    rate: quote.rate,
                    vol: vol
                )
            let raw = RawSensitivities(
                value: size * greeks.price,
                dF: size * greeks.delta,
                dFF: size * greeks.gamma,
                dSigma: size * greeks.vega,
                dTime: size * greeks.theta,
                dFSigma: size * greeks.vanna,
                dSigmaSigma: size * greeks.volga
            )
            return (raw, isCoin)
        case .future where isCoin, .perpetual where isCoin:
            // V_coin = N·(1/F₀ − 1/F): zero at the mark, N/F² and −2N/F³ its derivatives (N = USD size).
            let raw = RawSensitivities(
                value: 0,
                dF: coinQuantity / forward,
                dFF: -2 * coinQuantity / (forward * forward),
                dSigma: 0,
                dTime: 0,
                dFSigma: 0,
                dSigmaSigma: 0
            )
            return (raw, true)
        case .future, .perpetual:
            let raw = RawSensitivities(value: 0, dF: size, dFF: 0, dSigma: 0, dTime: 0, dFSigma: 0, dSigmaSigma: 0)
            return (raw, false)
        case .spot, .combo:
            // `market(for:venue:)` refuses combos, so this is spot. Coins held are worth q·S in USD and a constant q in coin.
            let raw = RawSensitivities(
                value: size * quote.index,
                dF: size * quote.index / forward,
                dFF: 0,
                dSigma: 0,
                dTime: 0,
                dFSigma: 0,
                dSigmaSigma: 0
            )
            return (raw, false)
        }
    }
}
