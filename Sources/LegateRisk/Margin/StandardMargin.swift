public import LegateCore
public import LegateModel
import LegatePricing

/// Standard (per-position) venue margin: Deribit's inverse options (§1.1), futures and perpetuals (§1.2), and the same
/// forms for USD-settled (linear) products. In standard margin requirements are computed per position and summed.
///
/// Every coefficient comes from `StandardMarginParameters` (`Models/margin/deribit-standard.json`).
public enum StandardMargin {
    /// The margin of an option position, in its settlement currency.
    ///
    /// Linear options use the coin formula on coin-equivalent figures (mark / underlying price) and convert back at
    /// the underlying price, the shape Aevo publishes for Deribit's model [INFERRED].
    ///
    /// - Parameters:
    ///   - right: Call or put.
    ///   - quantity: Signed size in coins of notional; long positions need no margin.
    ///   - mark: The option's price per coin of notional, in the settlement currency (coin or USD).
    ///   - strike: Strike in USD.
    ///   - underlyingPrice: The underlying price U in USD (the option's forward, Deribit's `underlying_price`).
    ///   - settlement: What the option settles in.
    ///   - parameters: The model's coefficients.
    public static func option(
        _ right: OptionRight,
        quantity: Double,
        mark: Double,
        strike: Double,
        underlyingPrice: Double,
        settlement: Numeraire,
        parameters: StandardMarginParameters
    ) -> MarginRequirement {
        guard quantity < 0 else { return .zero }
        let coefficients = settlement == .coin ? parameters.coinOptions : parameters.usdOptions
        let coinMark = settlement == .coin ? mark : mark / underlyingPrice
        let outOfTheMoney = right == .call ? max(strike - underlyingPrice, 0) : max(underlyingPrice - strike, 0)
        let initialRate = max(
            coefficients.shortInitialBase - outOfTheMoney / underlyingPrice,
            coefficients.shortInitialMinimum
        )
        let maintenance: Double
        let initial: Double
        switch right {
        case .call:
            maintenance = coefficients.shortCallMaintenance + coinMark
            initial = initialRate + coinMark
        case .put:
            maintenance =
                max(coefficients.shortPutMaintenanceMinimum, coefficients.shortPutMaintenanceMarkFactor * coinMark)
                + coinMark
            initial = max(initialRate + coinMark, maintenance)
        }
        let perCoin = MarginRequirement(initial: initial, maintenance: maintenance)
        return perCoin.scaled(by: abs(quantity) * (settlement == .coin ? 1 : underlyingPrice))
    }

    /// The margin of a future or perpetual, in its settlement currency: `rate·|coins|` in coin, or `rate·|coins|·index`
    /// in USD, with `rate = base + |coins|·perCoin`.
    ///
    /// - Throws: `MarginError.missingDeltaOneRule` when the parameters have no rule for the product.
    public static func deltaOne(
        _ kind: DeltaOneKind,
        coin: String,
        settlement: Numeraire,
        coins: Double,
        index: Double,
        parameters: StandardMarginParameters
    ) throws(MarginError) -> MarginRequirement {
        let rule = try parameters.rule(base: coin, settlement: settlement, kind: kind)
        let rates = rule.rates(coins: coins)
        let size = abs(coins) * (settlement == .coin ? 1 : index)
        return MarginRequirement(initial: rates.initial * size, maintenance: rates.maintenance * size)
    }

    /// The standard margin of one booked position on `market`, in its settlement currency.
    ///
    /// Option marks are the model prices on the market state (Black-76 on the forward at the surface's vol, in coin
    /// for inverse options), which equal the venue's marks when the surface is fitted to them. Spot needs no margin.
    ///
    /// - Throws: `MarginError.market`, `.book`, `.missingDeltaOneRule`.
    public static func requirement(
        _ position: Position,
        market: MarketState,
        parameters: StandardMarginParameters
    ) throws(MarginError) -> MarginRequirement {
        let key = position.key
        let instrument = key.instrument
        let quote: InstrumentMarket
        do throws(MarketDataError) {
            quote = try market.market(for: instrument, venue: key.venue)
        } catch {
            throw .market(error)
        }
        let settlement: Numeraire = instrument.settlement.isInverse ? .coin : .usd
        let size = position.quantity.doubleValue
        switch instrument.terms {
        case .option(let terms):
            let strike = terms.strike.doubleValue
            let vol = quote.vol ?? 0
            let mark =
                settlement == .coin
                ? InverseOption.price(
                    terms.right,
                    forward: quote.forward,
                    strike: strike,
                    expiryYears: quote.expiryYears,
                    coinRate: quote.rate,
                    vol: vol
                )
                : Black76.price(
                    terms.right,
                    forward: quote.forward,
                    strike: strike,
                    expiryYears: quote.expiryYears,
                    rate: quote.rate,
                    vol: vol
                )
            return option(
                terms.right,
                quantity: size,
                mark: mark,
                strike: strike,
                underlyingPrice: quote.forward,
                settlement: settlement,
                parameters: parameters
            )
        case .future, .perpetual:
            let coins = key.isInverseDeltaOne ? size / quote.forward : size
            return try deltaOne(
                instrument.kind == .future ? .future : .perpetual,
                coin: instrument.underlying.base.code,
                settlement: settlement,
                coins: coins,
                index: quote.index,
                parameters: parameters
            )
        case .spot, .combo:
            return .zero
        }
    }

    /// The standard margin of many positions, summed per settlement currency (S:SM; convert and add for X:SM).
    ///
    /// - Throws: as `requirement(_:market:parameters:)`.
    public static func requirements(
        _ positions: [Position],
        market: MarketState,
        parameters: StandardMarginParameters
    ) throws(MarginError) -> [Asset: MarginRequirement] {
        var totals: [Asset: MarginRequirement] = [:]
        for position in positions where !position.quantity.isZero {
            let requirement = try requirement(position, market: market, parameters: parameters)
            totals[position.key.instrument.settlement.currency, default: .zero].add(requirement)
        }
        return totals
    }
}
