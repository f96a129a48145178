// Proves the gate's live market: `MarkedMarket` rebuilds index, forwards (futures, or put–call parity) and each
// expiry's implied vol from the engine's marks — the vols of coin-settled options priced with `InverseOption` at
// known vols come back — and `MarkedPortfolioGate` judges on the latest marks rather than the market it started on.
import Foundation
import LegateCore
import LegateEngine
import LegateModel
import LegatePricing
import LegateRisk
import LegateRuntime
import Testing

enum MarkFixture {
    static let btc = Underlying(base: .btc, quote: .usd)
    static let now = CivilDate(year: 2026, month: 1, day: 5)!.at(hourUTC: 9)

    static func days(_ count: Int) -> UnixNanos { now + Int64(count) * UnixNanos.nanosecondsPerDay }

    static func option(_ right: OptionRight, strike: Int64, expiry: UnixNanos) -> Instrument {
        .option(btc, expiry: expiry, strike: Price(FixedDecimal(strike)), right: right, settlement: .inverse(.btc))
    }

    /// A coin premium of `InverseOption` at `vol`, rounded to 1e-8 coin like a published mark.
    static func premium(_ right: OptionRight, forward: Double, strike: Int64, expiry: UnixNanos, vol: Double) -> Price {
        let value = InverseOption.price(
            right,
            forward: forward,
            strike: Double(strike),
            expiryYears: now.years(until: expiry),
            vol: vol
        )
        return Price(try! FixedDecimal(value, scale: 8, rounding: .toNearestOrEven))
    }

    /// Marks of the index, a 30-day future, and a call and put at two expiries (10 days at 60%, 40 days at 50%).
    static func marks(index: Int64 = 100_000) -> [Instrument: Price] {
        let scale = Double(index) / 100_000
        var marks: [Instrument: Price] = [
            .spot(btc): Price(FixedDecimal(index)),
            .future(btc, expiry: days(30), settlement: .inverse(.btc)): Price(FixedDecimal(Int64(100_500 * scale))),
            option(.call, strike: 90_000, expiry: days(-1)): Price(FixedDecimal(units: 5, scale: 1)),
        ]
        for (expiry, vol, forward) in [(days(10), 0.6, 100_200.0 * scale), (days(40), 0.5, 100_700.0 * scale)] {
            let strike = index
            marks[option(.call, strike: strike, expiry: expiry)] = premium(
                .call,
                forward: forward,
                strike: strike,
                expiry: expiry,
                vol: vol
            )
            marks[option(.put, strike: strike, expiry: expiry)] = premium(
                .put,
                forward: forward,
                strike: strike,
                expiry: expiry,
                vol: vol
            )
        }
        return marks
    }

    static func template() throws -> PortfolioRiskModel {
        let models = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models")
        let margin = try JSONDecoder().decode(
            PortfolioMarginParameters.self,
            from: Data(contentsOf: models.appendingPathComponent("margin/deribit-portfolio.json"))
        )
        var scenarios = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        // 1,000 one-day moves evenly from -10% to +10% (the set needs at least 1,000).
        for step in -500..<500 {
            try scenarios.append(spotMoves: [Double(step) * 0.0002], volShifts: [0], timeStepYears: 1 / 365.25)
        }
        guard let market = MarkedMarket.build(marks: marks(), underlyings: [btc], venues: [.deribit], at: now) else {
            throw MarkError.noMarket
        }
        return try PortfolioRiskModel(
            market: market,
            marginParameters: margin,
            coins: ["BTC"],
            tail: try VaRScenarioSet(scenarios: scenarios, varConfidence: 0.99, esConfidence: 0.975),
            buckets: try ExpiryBuckets(upperBoundsDays: [7, 45, 120]),
            bucketLabels: ["0-7d", "7-45d", "45-120d", "120d+"]
        )
    }

    enum MarkError: Error { case noMarket }
}

@Suite struct MarkedMarketTests {
    @Test func indexForwardsAndVolsComeBackFromTheMarks() throws {
        let market = try #require(
            MarkedMarket.build(
                marks: MarkFixture.marks(),
                underlyings: [MarkFixture.btc],
                venues: [.deribit],
                at: MarkFixture.now
            )
        )
        #expect(try market.index(of: MarkFixture.btc) == 100_000)
        #expect(try market.forward(of: MarkFixture.btc, expiry: MarkFixture.days(30)) == 100_500)
        // No future at 10 days: the forward comes from put–call parity at the marked strike.
        #expect(abs(try market.forward(of: MarkFixture.btc, expiry: MarkFixture.days(10)) - 100_200) < 1)
        // The vols the premiums were priced at, flat across strikes.
        for strike in [80_000.0, 100_000, 130_000] {
            #expect(abs(try market.vol(of: MarkFixture.btc, strike: strike, expiry: MarkFixture.days(10)) - 0.6) < 1e-4)
            #expect(abs(try market.vol(of: MarkFixture.btc, strike: strike, expiry: MarkFixture.days(40)) - 0.5) < 1e-4)
        }
    }

    @Test func withoutAnIndexThereIsNoMarket() {
        var marks = MarkFixture.marks()
        marks[.spot(MarkFixture.btc)] = nil
        #expect(
            MarkedMarket.build(marks: marks, underlyings: [MarkFixture.btc], venues: [.deribit], at: MarkFixture.now)
                == nil
        )
    }

    @Test func theGateJudgesOnTheLatestMarks() throws {
        let gate = MarkedPortfolioGate(
            template: try MarkFixture.template(),
            equity: [RuntimeFixture.account: 1_000_000],
            venues: [.deribit]
        )
        var engine = Engine(configuration: RuntimeFixture.configuration, gate: gate)
        var clock = MarkFixture.now.rawValue
        func handle(_ input: Input) -> [Output] {
            clock += 1_000_000_000
            return engine.handle(input, at: UnixNanos(clock))
        }
        let limit = Limit(measure: .delta, scope: .firm, threshold: 1, severity: .soft)
        _ = handle(
            .command(
                CommandEnvelope(
                    correlationID: "l",
                    actor: RuntimeFixture.rita,
                    command: .setLimit(limit.key, limit: limit)
                )
            )
        )
        func breach(_ client: String) -> RiskBreach? {
            let request = OrderRequest(
                clientOrderID: try! ClientOrderID(client),
                account: RuntimeFixture.account,
                venue: .deribit,
                instrument: MarkFixture.option(.call, strike: 100_000, expiry: MarkFixture.days(40)),
                side: .buy,
                quantity: 10,
                kind: .limit(LimitPrice(FixedDecimal(units: 5, scale: 2)))
            )
            let outputs = handle(
                .command(
                    CommandEnvelope(
                        correlationID: client,
                        actor: RuntimeFixture.alice,
                        command: .placeOrder(request, stage: false)
                    )
                )
            )
            for case .event(.riskDecided(_, .needsApproval(let found))) in outputs { return found }
            return nil
        }
        let before = try #require(breach("c1"))
        // The market moves: the index 150,000, the options re-marked around it.
        for (instrument, price) in MarkFixture.marks(index: 150_000).sorted(by: { "\($0.key)" < "\($1.key)" }) {
            _ = handle(.mark(instrument: instrument, price: price))
        }
        let after = try #require(breach("c2"))
        #expect(try engine.gate.market.index(of: MarkFixture.btc) == 150_000)
        // Ten 100,000 calls are deep in the money at 150,000: their USD delta is more than twice what it was.
        #expect(after.after.doubleValue > 2 * before.after.doubleValue, "\(before) then \(after)")
    }

    @Test func positionsBookedBeforeTheMarksMoveStillCountAfterTheRebuild() throws {
        let gate = MarkedPortfolioGate(
            template: try MarkFixture.template(),
            equity: [RuntimeFixture.account: 1_000_000],
            venues: [.deribit]
        )
        var engine = Engine(configuration: RuntimeFixture.configuration, gate: gate)
        var clock = MarkFixture.now.rawValue
        func handle(_ input: Input) -> [Output] {
            clock += 1_000_000_000
            return engine.handle(input, at: UnixNanos(clock))
        }
        func command(_ id: String, _ actor: UserID, _ command: Command) -> [Output] {
            handle(.command(CommandEnvelope(correlationID: id, actor: actor, command: command)))
        }
        let limit = Limit(measure: .delta, scope: .firm, threshold: 1, severity: .soft)
        _ = command("l", RuntimeFixture.rita, .setLimit(limit.key, limit: limit))
        // A short perpetual of 500,000 USD is booked: place, approve (it breaches the tiny soft limit), fill.
        let perpetual = Instrument.perpetual(MarkFixture.btc, settlement: .inverse(.btc))
        let hedge = OrderRequest(
            clientOrderID: try ClientOrderID("hedge"),
            account: RuntimeFixture.account,
            venue: .deribit,
            instrument: perpetual,
            side: .sell,
            quantity: 500_000,
            kind: .limit(LimitPrice(FixedDecimal(100_000)))
        )
        _ = command("hedge", RuntimeFixture.alice, .placeOrder(hedge, stage: false))
        let orderID = try #require(engine.state.orders.keys.last)
        _ = command("approve", RuntimeFixture.rita, .approve(orderID))
        _ = handle(.venueReport(.acknowledged(orderID: orderID, venueOrderID: try VenueOrderID("V1"))))
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "T1",
            orderID: orderID,
            quantity: 500_000,
            price: Price(FixedDecimal(100_000))
        )
        _ = handle(.venueReport(.fill(fill)))
        // The marks move (the gate rebuilds its books from the state), then a put (more short delta) is judged.
        for (instrument, price) in MarkFixture.marks(index: 100_000).sorted(by: { "\($0.key)" < "\($1.key)" }) {
            _ = handle(.mark(instrument: instrument, price: price))
        }
        let call = OrderRequest(
            clientOrderID: try ClientOrderID("call"),
            account: RuntimeFixture.account,
            venue: .deribit,
            instrument: MarkFixture.option(.put, strike: 100_000, expiry: MarkFixture.days(40)),
            side: .buy,
            quantity: 1,
            kind: .limit(LimitPrice(FixedDecimal(units: 5, scale: 2)))
        )
        var breach: RiskBreach?
        for case .event(.riskDecided(_, .needsApproval(let found))) in command(
            "call",
            RuntimeFixture.alice,
            .placeOrder(call, stage: false)
        ) {
            breach = found
        }
        // The book's delta is the short perpetual's, about -500,000 USD per 100% move.
        let current = try #require(breach).current.doubleValue
        #expect(abs(current - 500_000) < 10_000, "delta now \(current)")
    }
}
