import LegateCore
import LegateModel

extension ScenarioPosition {
    /// The revaluation row of a booked position on a market quote.
    ///
    /// Inverse futures and perpetuals (sized in USD) become their coin equivalent at the quote's forward.
    ///
    /// - Parameters:
    ///   - position: The booked position.
    ///   - quote: Its market (`MarketState.market(for:venue:)`).
    ///   - underlying: The row's index in the scenario book's `indexPrices`.
    ///   - group: The output group it adds into.
    public init(_ position: Position, quote: InstrumentMarket, underlying: Int, group: Int) {
        let key = position.key
        let size = position.quantity.doubleValue
        let settlement: Numeraire = key.instrument.settlement.isInverse ? .coin : .usd
        switch key.instrument.terms {
        case .option(let terms):
            self = .option(
                terms.right,
                settlement: settlement,
                underlying: underlying,
                group: group,
                quantity: size,
                forward: quote.forward,
                strike: terms.strike.doubleValue,
                expiryYears: quote.expiryYears,
                vol: quote.vol ?? 0,
                rate: quote.rate
            )
        case .future, .perpetual:
            self.init(
                kind: key.instrument.kind == .future ? .future : .perpetual,
                settlement: settlement,
                underlying: underlying,
                group: group,
                quantity: key.isInverseDeltaOne ? size / quote.forward : size,
                forward: quote.forward
            )
        case .spot, .combo:
            // Combos never get a quote (`MarketState.market(for:venue:)` refuses them), so this is spot.
            self.init(
                kind: .spot,
                settlement: .usd,
                underlying: underlying,
                group: group,
                quantity: size,
                forward: quote.index
            )
        }
    }
}
