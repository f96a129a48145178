// A portfolio gate on a fixed market (BTC 100,000 and ETH 3,000, flat vols), the Deribit portfolio-margin grid from
// Models/margin, 1,000 seeded correlated VaR scenarios, and a harness that books fills through the real engine.
import Foundation
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegatePricing
import LegateRisk
import OrderedCollections

enum GateFixture {
    static let btc = Underlying(base: .btc, quote: .usd)
    static let eth = Underlying(base: .eth, quote: .usd)
    static let asOf = UnixNanos(1_750_000_000 * 1_000_000_000)

    static func days(_ count: Int) -> UnixNanos { asOf + Int64(count) * 86_400 * 1_000_000_000 }

    static func market() throws -> MarketState {
        var market = MarketState(asOf: asOf)
        try market.setIndex(Price(FixedDecimal(100_000)), for: btc)
        try market.setFuture(Price(FixedDecimal(100_500)), for: btc, expiry: days(30))
        try market.setFuture(Price(FixedDecimal(101_600)), for: btc, expiry: days(90))
        market.setVolSurface(try flatSurface(vol: 0.6), for: btc)
        try market.setIndex(Price(FixedDecimal(3_000)), for: eth)
        try market.setFuture(Price(FixedDecimal(3_020)), for: eth, expiry: days(30))
        market.setVolSurface(try flatSurface(vol: 0.75), for: eth)
        return market
    }

    static func flatSurface(vol: Double) throws -> VolSurface {
        try VolSurface(slices: [try SVISlice(a: vol * vol * 0.5, b: 0, rho: 0, m: 0, sigma: 0.1, timeToExpiry: 0.5)])
    }

    static let modelsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models")

    static func marginParameters() throws -> PortfolioMarginParameters {
        let data = try Data(contentsOf: modelsDirectory.appendingPathComponent("margin/deribit-portfolio.json"))
        return try JSONDecoder().decode(PortfolioMarginParameters.self, from: data)
    }

    /// 1,000 one-day scenarios: BTC and ETH log-normalish moves (4% and 5% daily, correlation 0.8), vols unchanged.
    static func tailScenarios(count: Int = 1_000, seed: UInt64 = 7) throws -> VaRScenarioSet {
        var random = SplitMix(state: seed)
        var scenarios = try ScenarioSet(underlyingCount: 2, volShock: .absolute, volFloor: 0.01)
        for _ in 0..<count {
            let (first, second) = random.normals()
            let btcMove = 0.04 * first
            let ethMove = 0.05 * (0.8 * first + 0.6 * second)
            try scenarios.append(
                spotMoves: [btcMove, ethMove],
                volShifts: [0, 0],
                timeStepYears: 1 / 365.25
            )
        }
        return try VaRScenarioSet(scenarios: scenarios, varConfidence: 0.99, esConfidence: 0.975)
    }

    static func model() throws -> PortfolioRiskModel {
        try PortfolioRiskModel(
            market: try market(),
            marginParameters: try marginParameters(),
            coins: ["BTC", "ETH"],
            tail: try tailScenarios(),
            buckets: try ExpiryBuckets(upperBoundsDays: [7, 45, 120]),
            bucketLabels: ["0-7d", "7-45d", "45-120d", "120d+"]
        )
    }

    static let equity: [AccountID: Double] = [Fixture.accountA: 2_000_000, Fixture.accountB: 500_000]

    static func gate() throws -> PortfolioGate {
        PortfolioGate(model: try model(), equity: equity)
    }

    static func option(
        _ right: OptionRight,
        strike: Int64,
        days count: Int = 30,
        underlying: Underlying = btc
    )
        -> Instrument
    {
        .option(
            underlying,
            expiry: days(count),
            strike: Price(FixedDecimal(strike)),
            right: right,
            settlement: .inverse(underlying.base)
        )
    }
}

extension SplitMix {
    /// Two independent standard normals (Box–Muller).
    mutating func normals() -> (Double, Double) {
        let u1 = max(Double(next() >> 11) * 0x1p-53, 1e-300)
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        return (radius * Foundation.cos(2 * .pi * u2), radius * Foundation.sin(2 * .pi * u2))
    }
}

/// The real engine with a portfolio gate, at times after the gate's market.
struct GateHarness {
    var engine: Engine<PortfolioGate>
    var clock = GateFixture.asOf.rawValue
    var log: [(event: Event, at: UnixNanos)] = []
    var number = 0

    init(gate: PortfolioGate) {
        engine = Engine(configuration: Fixture.configuration, gate: gate)
    }

    @discardableResult
    mutating func input(_ input: Input) -> [Output] {
        clock += 1_000_000_000
        let outputs = engine.handle(input, at: UnixNanos(clock))
        for case .event(let event) in outputs { log.append((event, UnixNanos(clock))) }
        return outputs
    }

    @discardableResult
    mutating func command(_ actor: UserID, _ command: Command) -> [Output] {
        number += 1
        return input(.command(CommandEnvelope(correlationID: "g\(number)", actor: actor, command: command)))
    }

    mutating func setLimit(
        _ measure: LimitMeasure,
        _ scope: LimitScope,
        _ threshold: String,
        _ severity: LimitSeverity
    )
        -> CommandRejected?
    {
        command(Fixture.rita, limit(measure, scope, threshold, severity)).rejection
    }

    static func request(
        _ instrument: Instrument,
        _ side: OrderSide,
        _ quantity: String,
        account: AccountID = Fixture.accountA,
        client: String
    ) -> OrderRequest {
        OrderRequest(
            clientOrderID: try! ClientOrderID(client),
            account: account,
            venue: .deribit,
            instrument: instrument,
            side: side,
            quantity: try! Quantity(parsing: quantity),
            kind: .limit(LimitPrice(try! FixedDecimal(parsing: "0.02")))
        )
    }

    /// Places an order and returns the gate's decision.
    mutating func place(
        _ instrument: Instrument,
        _ side: OrderSide,
        _ quantity: String,
        account: AccountID = Fixture.accountA,
        actor: UserID = Fixture.alice
    ) -> RiskDecision? {
        number += 1
        let request = Self.request(instrument, side, quantity, account: account, client: "o\(number)")
        let outputs = command(actor, .placeOrder(request, stage: false))
        for event in outputs.events { if let decided = event.riskDecision { return decided.decision } }
        return nil
    }

    /// Places, acknowledges and fills an order completely, so it becomes a position.
    mutating func fill(
        _ instrument: Instrument,
        _ side: OrderSide,
        _ quantity: String,
        account: AccountID = Fixture.accountA
    ) {
        let actor = account == Fixture.accountB ? Fixture.carl : Fixture.alice
        guard case .accept? = place(instrument, side, quantity, account: account, actor: actor),
            let orderID = engine.state.orders.keys.last
        else { return }
        input(.venueReport(.acknowledged(orderID: orderID, venueOrderID: try! VenueOrderID("v\(number)"))))
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "t\(number)",
            orderID: orderID,
            quantity: try! Quantity(parsing: quantity),
            price: try! Price(parsing: "0.02")
        )
        input(.venueReport(.fill(fill)))
    }
}
