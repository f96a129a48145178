// Proves booking: average prices (arithmetic, harmonic for inverse futures and perpetuals), realized P&L on reducing
// fills and on fills that cross zero, unrealized P&L at a mark, all in exact fixed point in the settlement currency,
// with typed errors for zero fills, combos, bad prices and bad conventions.

import LegateCore
import LegateModel
import Testing

@testable import LegateRisk

@Suite struct BookPositionTests {
    let conventions = BookConventions(averagePriceScale: 8, pnlScale: 10, rounding: .toNearestOrEven)

    func decimal(_ text: String) -> FixedDecimal { FixedDecimal(text) ?? .zero }

    @Test func linearFillsAverageAndRealize() throws {
        // Given a USDC-settled BTC option bought twice, then sold through zero
        var book = try PositionBook(conventions: conventions)
        let key = PositionKey(
            account: TestMarket.account,
            venue: .deribit,
            instrument: TestMarket.option(.call, strike: 100_000, settlement: .linear(.usdc))
        )
        try book.apply(fill: 2, price: 100, key: key)
        try book.apply(fill: 2, price: 110, key: key)
        #expect(book.position(key)?.averagePrice == 105)
        // When 3 are sold at 120, then 2 at 100
        try book.apply(fill: -3, price: 120, key: key)
        #expect(book.position(key)?.realizedPnL == Money(45, .usdc))
        try book.apply(fill: -2, price: 100, key: key)
        // Then the last fill closed one at a loss of 5 and opened a short of 1 at 100
        let position = try #require(book.position(key))
        #expect(position.realizedPnL == Money(40, .usdc))
        #expect(position.quantity == -1 && position.averagePrice == 100)
        #expect(try position.unrealizedPnL(mark: 90, conventions: conventions) == Money(10, .usdc))
    }

    @Test func inversePerpetualAveragesHarmonicallyAndRealizesInCoin() throws {
        var book = try PositionBook(conventions: conventions)
        let key = PositionKey(
            account: TestMarket.account,
            venue: .deribit,
            instrument: .perpetual(TestMarket.btc, settlement: .inverse(.btc))
        )
        // 10,000 USD at 50,000 and 10,000 USD at 60,000: average = 20,000 / (0.2 + 0.1666…) = 54,545.45454545…
        try book.apply(fill: 10_000, price: 50_000, key: key)
        try book.apply(fill: 10_000, price: 60_000, key: key)
        #expect(book.position(key)?.averagePrice == Price(decimal("54545.45454545")))
        // Closing all at 60,000: 20,000·(1/54,545.45454545 − 1/60,000) BTC, rounded to 10 places.
        try book.apply(fill: -20_000, price: 60_000, key: key)
        let position = try #require(book.position(key))
        #expect(position.quantity.isZero && position.averagePrice == .zero)
        #expect(position.realizedPnL == Money(decimal("0.0333333333"), .btc))
        // A short of 1,000 USD at 50,000 marked at 40,000 gains 1,000·(1/40,000 − 1/50,000) = 0.005 BTC.
        try book.apply(fill: -1_000, price: 50_000, key: key)
        #expect(
            try book.position(key)?.unrealizedPnL(mark: 40_000, conventions: conventions)
                == Money(decimal("0.005"), .btc)
        )
    }

    @Test func venueFillsBookBySide() throws {
        var book = try PositionBook(conventions: conventions)
        let instrument = TestMarket.option(.put, strike: 90_000)
        let fill = VenueFill(venue: .deribit, tradeID: "t1", orderID: nil, quantity: 3, price: Price(decimal("0.0125")))
        try book.apply(fill, side: .sell, account: TestMarket.account, instrument: instrument)
        #expect(book.positions(of: TestMarket.account).first?.quantity == -3)
        #expect(book.openPositions.count == 1)
        #expect(book.positions(of: TestMarket.otherAccount).isEmpty)
    }

    @Test func badFillsAndConventionsGetTypedErrors() throws {
        var book = try PositionBook(conventions: conventions)
        let perpetual = PositionKey(
            account: TestMarket.account,
            venue: .deribit,
            instrument: .perpetual(TestMarket.btc, settlement: .inverse(.btc))
        )
        #expect(throws: BookError.zeroFill(position: perpetual)) { try book.apply(fill: 0, price: 1, key: perpetual) }
        #expect(throws: BookError.nonPositivePrice(0, position: perpetual, field: "fill price")) {
            try book.apply(fill: 1, price: 0, key: perpetual)
        }
        let combo = Instrument(
            underlying: TestMarket.btc,
            settlement: .inverse(.btc),
            terms: .combo(Combo(legs: [ComboLeg(instrument: perpetual.instrument, ratio: 1)]))
        )
        let comboKey = PositionKey(account: TestMarket.account, venue: .deribit, instrument: combo)
        #expect(throws: BookError.unsupportedInstrument(combo)) { try book.apply(fill: 1, price: 1, key: comboKey) }
        #expect(throws: BookError.invalidConventions(field: "pnlScale", value: 19)) {
            _ = try PositionBook(conventions: BookConventions(averagePriceScale: 2, pnlScale: 19, rounding: .down))
        }
        #expect(throws: BookError.invalidExpiryBuckets(index: 1, value: 7)) {
            _ = try ExpiryBuckets(upperBoundsDays: [7, 7])
        }
        // An overflowing exact product is reported, not rounded.
        let huge = PositionKey(account: TestMarket.account, venue: .deribit, instrument: .spot(TestMarket.btc))
        try book.apply(fill: Quantity(FixedDecimal(units: Int64.max / 2, scale: 0)), price: 1, key: huge)
        #expect(throws: BookError.self) { try book.position(huge)?.unrealizedPnL(mark: 4, conventions: conventions) }
    }
}
