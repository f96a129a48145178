// Proves expiry on a hand-computed case: inverse options settle at the index of the expiry instant, a call paying
// max(S − K, 0)/S and a put max(K − S, 0)/S coin per coin of notional, to both sides; resting orders expire, the
// instrument is delisted and the next daily is listed.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct SettlementTests {
    static func at(_ seconds: Int64) -> UnixNanos { Fixtures.start + seconds * Fixtures.second }

    @Test func inverseCallAndPutPayOutAtTheIndex() {
        // Given a still market at 50,000.00 and, between alice (buyer) and bob (seller),
        // 1 BTC of the 40,000 call at 0.2010 and 2 BTC of the 60,000 put at 0.2050,
        var venue = Fixtures.venue()
        let call = Fixtures.option(40_000, .call)
        let put = Fixtures.option(60_000, .put)
        let commands = [
            Fixtures.order("S1", Fixtures.bob, call, .sell, "1", at: "0.2010"),
            Fixtures.order("B1", Fixtures.alice, call, .buy, "1", at: "0.2010"),
            Fixtures.order("S2", Fixtures.bob, put, .sell, "2", at: "0.2050"),
            Fixtures.order("B2", Fixtures.alice, put, .buy, "2", at: "0.2050"),
            Fixtures.order("Rest", Fixtures.alice, put, .buy, "1", at: "0.1000"),
        ]
        for (offset, command) in commands.enumerated() { _ = venue.handle(command, at: Self.at(Int64(offset + 1))) }
        // Premiums and fees (0.03% of the underlying, under the 12.5% cap): alice pays 0.2010 + 0.4100 + 0.0009.
        #expect(venue.collateral(Fixtures.alice)?.amount == Fixtures.decimal("99.3881"))
        #expect(venue.collateral(Fixtures.bob)?.amount == Fixtures.decimal("100.6101"))

        // When the daily expires at 2026-11-22 08:00 UTC,
        let outputs = venue.advance(to: Fixtures.expiry)

        // then the call pays (50,000 − 40,000)/50,000 = 0.2 BTC per BTC and the put 2 × 10,000/50,000 = 0.4 BTC.
        let settled = outputs.compactMap { if case .settled(let report) = $0.output { report } else { nil } }
        let payouts = settled.map { "\($0.account) \($0.instrument.right!) \($0.quantity) \($0.payout)" }
        #expect(
            payouts.sorted() == [
                "alice call 1.0 0.20000000 BTC", "alice put 2.0 0.40000000 BTC", "bob call -1.0 -0.20000000 BTC",
                "bob put -2.0 -0.40000000 BTC",
            ]
        )
        #expect(settled.allSatisfy { $0.settlementPrice == Fixtures.price("50000.00") && $0.at == Fixtures.expiry })
        #expect(venue.collateral(Fixtures.alice)?.amount == Fixtures.decimal("99.9881"))
        #expect(venue.collateral(Fixtures.bob)?.amount == Fixtures.decimal("100.0101"))
        #expect(venue.position(Fixtures.alice, in: call) == 0)
        // The resting bid expired with its instrument, which left the venue; the next daily is listed.
        #expect(Fixtures.reports(outputs).contains(.expired(orderID: OrderID(known: "Rest"))))
        #expect(outputs.contains { if case .delisted(let spec) = $0.output { spec.instrument == put } else { false } })
        #expect(!venue.listedInstruments.contains { $0.instrument == call })
        let nextDaily = CivilDate(year: 2026, month: 11, day: 23)!.at(hourUTC: 8)
        #expect(venue.listedInstruments.contains { $0.instrument.expiry == nextDaily && $0.instrument.kind == .option })
        // Orders on an expired instrument are refused.
        let late = venue.handle(
            Fixtures.order("L", Fixtures.alice, call, .buy, "1", at: "0.2000"),
            at: Fixtures.expiry + 1
        )
        #expect(Fixtures.rejection(late)?.contains("expired") == true)
    }

    @Test func inverseFutureSettlesAgainstItsCostBasis() {
        // Given alice long and bob short 1,000 USD of the daily future at 40,000 (fees 0.03% of 0.025 BTC each),
        var venue = Fixtures.venue()
        let future = Instrument.future(Fixtures.btcUSD, expiry: Fixtures.expiry, settlement: .inverse(.btc))
        _ = venue.handle(Fixtures.order("S", Fixtures.bob, future, .sell, "1000", at: "40000"), at: Self.at(1))
        _ = venue.handle(Fixtures.order("B", Fixtures.alice, future, .buy, "1000", at: "40000"), at: Self.at(2))
        // when it expires with the index at 50,000.00,
        let outputs = venue.advance(to: Fixtures.expiry)
        // then the long receives 1000/40000 − 1000/50000 = 0.005 BTC and the short pays it.
        let payouts = outputs.compactMap {
            if case .settled(let report) = $0.output { report.payout.amount } else { nil }
        }
        #expect(payouts == [Fixtures.decimal("0.005"), Fixtures.decimal("-0.005")])
        #expect(venue.collateral(Fixtures.alice)?.amount == Fixtures.decimal("100.0049925"))
        #expect(venue.collateral(Fixtures.bob)?.amount == Fixtures.decimal("99.9949925"))
    }
}
