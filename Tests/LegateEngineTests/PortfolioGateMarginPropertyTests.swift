// On random books (seeded), the margin the gate keeps incrementally per scope — standard on A, SPAN-like on B,
// the house model on desk D1 (A and C) and on the firm — equals the margin module computing the same positions from
// scratch, before and after a two-leg proposal.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import Testing

@Suite struct PortfolioGateMarginPropertyTests {
    static let traders: [(AccountID, UserID)] = [
        (Fixture.accountA, Fixture.alice), (Fixture.accountB, Fixture.carl), (Fixture.accountC, Fixture.hugo),
    ]

    static func instruments() -> [Instrument] {
        var all: [Instrument] = []
        for days in [30, 90] {
            for strike in stride(from: Int64(80_000), through: 120_000, by: 10_000) {
                all.append(GateFixture.option(.call, strike: strike, days: days))
                all.append(GateFixture.option(.put, strike: strike, days: days))
            }
        }
        return all
    }

    /// The module's figure for one scope's positions.
    static func expected(_ scope: LimitScope, _ positions: [LegateRisk.Position], market: MarketState) throws -> Double
    {
        let parameters = try MarginModelFixture.parameters()
        if scope == .account(Fixture.accountA) { return try MarginModelFixture.standardUSD(positions, market) }
        if scope == .account(Fixture.accountB) {
            return try SpanMargin.evaluate(positions, market: market, parameters: parameters.span).totalUSD
        }
        return try HouseMargin.evaluate(deskPositions: positions, market: market, parameters: parameters.house)
            .totalUSD.initial
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func incrementalMarginEqualsTheModuleOnRandomBooks(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        var harness = GateHarness(gate: try MarginModelFixture.gate())
        let instruments = Self.instruments()
        for _ in 0..<14 {
            let (account, trader) = Self.traders[Int(random.next() % 3)]
            let instrument = instruments[Int(random.next() % UInt64(instruments.count))]
            let side: OrderSide = random.next() % 2 == 0 ? .buy : .sell
            harness.fill(instrument, side, "\(1 + random.next() % 9)", by: trader, on: account)
        }
        let state = harness.engine.state
        let market = try GateFixture.market()
        let legs = [
            (instruments[Int(random.next() % UInt64(instruments.count))], OrderSide.sell, Int64(1 + random.next() % 6)),
            (instruments[Int(random.next() % UInt64(instruments.count))], OrderSide.buy, Int64(1 + random.next() % 6)),
        ]
        let scopes: [(LimitScope, Set<AccountID>, AccountID)] = [
            (.account(Fixture.accountA), [Fixture.accountA], Fixture.accountA),
            (.account(Fixture.accountB), [Fixture.accountB], Fixture.accountB),
            (.desk(Fixture.deskOne), [Fixture.accountA, Fixture.accountC], Fixture.accountC),
            (.firm, [Fixture.accountA, Fixture.accountB, Fixture.accountC], Fixture.accountA),
        ]
        for (scope, accounts, trading) in scopes {
            let proposal = legs.enumerated().map { index, leg in
                let request = GateHarness.request(leg.0, leg.1, "\(leg.2)", account: trading, client: "p\(index)")
                return Order(
                    id: try! OrderID("P\(index)"),
                    request: request,
                    owner: Fixture.rita,
                    at: GateFixture.days(1)
                )
            }
            var gate = harness.engine.gate
            let context = RiskContext(state: state, configuration: Fixture.configuration, time: GateFixture.days(1))
            let figures = try gate.figures(of: proposal, in: scope, context: context)
            let booked = MarginModelFixture.positions(state, of: accounts)
            var added = booked
            for leg in legs {
                let signed = leg.1 == .buy ? "\(leg.2)" : "-\(leg.2)"
                added.append(TestPositions.unit(leg.0, signed, account: trading))
            }
            let before = try Self.expected(scope, booked, market: market)
            let after = try Self.expected(scope, Self.netted(added), market: market)
            #expect(MarginModelFixture.close(figures.before.initialMargin, before), "\(scope) before: \(before)")
            #expect(MarginModelFixture.close(figures.after.initialMargin, after), "\(scope) after: \(after)")
        }
    }

    /// One position per account, venue and instrument, as a book holds them (standard and SPAN's short option
    /// minimum are per position, not per fill).
    static func netted(_ positions: [LegateRisk.Position]) -> [LegateRisk.Position] {
        var net: [LegateRisk.PositionKey: FixedDecimal] = [:]
        var order: [LegateRisk.PositionKey] = []
        for position in positions {
            if net[position.key] == nil { order.append(position.key) }
            net[position.key, default: .zero] += position.quantity.decimal
        }
        return order.map { key in
            LegateRisk.Position(
                key: key,
                quantity: Quantity(net[key] ?? .zero),
                averagePrice: .zero,
                realizedPnL: Money(.zero, key.instrument.settlement.currency)
            )
        }
    }
}
