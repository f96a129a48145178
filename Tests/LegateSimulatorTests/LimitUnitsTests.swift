// Proves limits written in USD or in implied vol (Deribit `advanced: usd | implv`) become coin prices at entry: USD
// at the index, vol through the inverse-option price, each on the nearest tick.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct LimitUnitsTests {
    static let call = Fixtures.option(50_000, .call)

    static func bid(_ limit: LimitPrice) -> VenueCommand {
        .place(
            orderID: OrderID(known: "U"),
            request: OrderRequest(
                clientOrderID: ClientOrderID(known: "U"),
                account: Fixtures.alice,
                venue: .deribit,
                instrument: call,
                side: .buy,
                quantity: 1,
                kind: .limit(limit)
            )
        )
    }

    @Test func usdLimitIsConvertedAtTheIndex() {
        var venue = Fixtures.venue()
        // 500 USD at an index of 50,000.00 is 0.0100 BTC.
        let outputs = venue.handle(Self.bid(LimitPrice(500, unit: .usd)), at: Fixtures.start + Fixtures.second)
        #expect(Fixtures.rejection(outputs) == nil)
        #expect(venue.bestLevel(Self.call, side: .bid)?.price == Fixtures.price("0.0100"))
    }

    @Test func impliedVolLimitIsPricedOnTheNearestTick() {
        var venue = Fixtures.venue()
        // The still market's ATM vol is its level, 50%: a 50-vol bid is theo on the nearest 0.0005 tick.
        let outputs = venue.handle(
            Self.bid(LimitPrice(Fixtures.decimal("0.5"), unit: .impliedVolatility)),
            at: Fixtures.start + Fixtures.second
        )
        #expect(Fixtures.rejection(outputs) == nil)
        let theo = venue.theoreticalValue(of: Self.call)!
        let bid = venue.bestLevel(Self.call, side: .bid)!.price.doubleValue
        #expect(abs(bid - theo) <= 0.00025 + 1e-12)
    }
}
