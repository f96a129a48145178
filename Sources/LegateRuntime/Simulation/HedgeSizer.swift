internal import LegateCore
internal import LegateModel
internal import LegateRisk

/// The size of a delta-one order that brings a set of positions to zero delta, on a risk market.
enum HedgeSizer {
    /// The positions' delta in USD per 100% move (what limits call delta).
    static func delta(
        of positions: [(account: AccountID, venue: Venue, instrument: Instrument, quantity: FixedDecimal)],
        market: MarketState
    ) throws(ResolutionError) -> Double {
        var total = 0.0
        for entry in positions {
            let position = Position(
                key: PositionKey(account: entry.account, venue: entry.venue, instrument: entry.instrument),
                quantity: Quantity(entry.quantity),
                averagePrice: .zero,
                realizedPnL: Money(.zero, entry.instrument.settlement.currency)
            )
            do {
                total += try PositionRisk(position, market: market).usd.delta
            } catch {
                throw ResolutionError(description: "cannot value \(entry.instrument): \(error)")
            }
        }
        return total
    }

    /// The signed canonical order size (USD for an inverse contract, coin for a linear one) that offsets `delta`
    /// (USD per 100% move), in whole canonical lots of the venue, at most `maximum` in size; zero when less than
    /// the minimum size is needed.
    ///
    /// Rounding toward zero here is a sizing decision, not a silent change of a size someone gave: the hedge never
    /// overshoots, and what it sends is a whole number of the venue's lots, so the venue takes it as it is.
    static func size(
        offsetting delta: Double,
        with spec: InstrumentSpec,
        market: MarketState,
        maximum: Quantity? = nil
    ) -> FixedDecimal {
        let instrument = spec.instrument
        let index = (try? market.index(of: instrument.underlying)) ?? 0
        guard index > 0 else { return .zero }
        // An inverse delta-one contract of N USD carries a delta of about N; a linear one of q coins, q × index.
        let wanted = instrument.settlement.isInverse ? -delta : -delta / index
        let sizing = spec.sizing
        let lot = sizing.lot.decimal
        guard var raw = try? FixedDecimal(wanted, scale: lot.scale, rounding: .towardZero) else { return .zero }
        if let maximum, raw.magnitude > maximum.decimal { raw = raw.isNegative ? -maximum.decimal : maximum.decimal }
        guard
            let lots = try? raw.rounded(toMultipleOf: lot, .towardZero),
            lots.magnitude >= sizing.minimum.decimal
        else { return .zero }
        return lots
    }
}
