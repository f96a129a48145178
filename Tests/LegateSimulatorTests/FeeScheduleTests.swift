// Proves fees follow the venues' formulas on hand-computed cases: Deribit options pay 0.03% of the underlying
// capped at 12.5% of the premium, inverse perpetuals pay the rate on the coin value of the USD notional, and a venue
// without a cap charges the full rate.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct FeeScheduleTests {
    static let rules = Fixtures.deribit().option

    static func fee(
        _ rules: ProductRules,
        _ kind: InstrumentKind,
        price: String,
        size: String,
        _ liquidity: Liquidity
    )
        -> FixedDecimal
    {
        FeeSchedule.fee(
            rules: rules,
            kind: kind,
            isInverse: true,
            price: Fixtures.price(price),
            quantity: Fixtures.quantity(size),
            index: Fixtures.price("50000"),
            liquidity: liquidity,
            cashScale: 8
        )
    }

    @Test func cheapOptionFeeIsCappedAt12Point5PercentOfPremium() {
        // 1 BTC of a 0.0010 BTC option: 0.03% × 1 = 0.0003 BTC, but 12.5% × 0.0010 = 0.000125 BTC is lower.
        #expect(Self.fee(Self.rules, .option, price: "0.0010", size: "1", .taker) == Fixtures.decimal("0.000125"))
        // 2.5 BTC at 0.0020: min(0.00075, 0.000625) = 0.000625.
        #expect(Self.fee(Self.rules, .option, price: "0.0020", size: "2.5", .maker) == Fixtures.decimal("0.000625"))
    }

    @Test func dearOptionFeeIsTheRateOnTheUnderlying() {
        // 2 BTC at 0.0100: min(0.0006, 0.0025) = 0.0006.
        #expect(Self.fee(Self.rules, .option, price: "0.0100", size: "2", .taker) == Fixtures.decimal("0.0006"))
    }

    @Test func withoutACapTheFullRateApplies() {
        var rules = Self.rules
        rules.feeCapFractionOfPremium = nil
        #expect(Self.fee(rules, .option, price: "0.0010", size: "1", .taker) == Fixtures.decimal("0.0003"))
    }

    @Test func inversePerpetualPaysTheRateOnCoinNotional() {
        // 1,000 USD at 50,000: 0.02 BTC notional × 0.05% = 0.00001 BTC; the maker pays nothing.
        let perpetual = Fixtures.deribit().perpetual
        #expect(Self.fee(perpetual, .perpetual, price: "50000", size: "1000", .taker) == Fixtures.decimal("0.00001"))
        #expect(Self.fee(perpetual, .perpetual, price: "50000", size: "1000", .maker) == .zero)
    }
}
