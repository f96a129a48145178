internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateOrders
internal import LegatePricing
internal import LegateRisk
internal import OrderedCollections
internal import RealModule

/// The gate part of the `risk` area: one decision on a 4-leg iron condor against a 10,000-position book on BTC and
/// ETH, with every limit kind set (order limits, Greeks, gross notional, margin utilisation — the condor's account
/// on its own model, the Deribit-style grid, and its desk on the house model over all five accounts — worst scenario
/// loss, VaR and ES over 1,000 scenarios, and the legging budget, which a new package does not use).
enum GateBenchmarks {
    static let all: [Benchmark] = [ironCondor, ironCondorRiskMatrix]

    static let btc = Underlying(base: .btc, quote: .usd)
    static let eth = Underlying(base: .eth, quote: .usd)
    static let asOf = UnixNanos(1_750_000_000 * 1_000_000_000)
    static let trader = UserID(known: "gate-trader")
    static let riskManager = UserID(known: "gate-risk")
    static let accounts = (0..<5).map { AccountID(known: "gate-\($0)") }
    static let desk = DeskID(known: "gate-desk")

    static func days(_ count: Int) -> UnixNanos { asOf + Int64(count) * 86_400 * 1_000_000_000 }

    /// Owns the gate (its scratch storage is reused across decisions) and the fixed proposal and context.
    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class GateBox: @unchecked Sendable {
        var gate: PortfolioGate
        let proposal: [Order]
        let context: RiskContext
        init(gate: PortfolioGate, proposal: [Order], context: RiskContext) {
            self.gate = gate
            self.proposal = proposal
            self.context = context
        }
    }

    /// One decision per call, so the percentiles are over single decisions.
    static let ironCondor = Benchmark(area: "risk", name: "gate_iron_condor_10k", items: 1) {
        try decision(name: "gate_iron_condor_10k", marginModels: true)
    }

    /// The same decision on a gate without the account margin models: every scope margined on the risk matrix and no
    /// desk margin limit (the workload `gate_iron_condor_10k` measured before accounts named their models).
    static let ironCondorRiskMatrix = Benchmark(area: "risk", name: "gate_iron_condor_10k_risk_matrix", items: 1) {
        try decision(name: "gate_iron_condor_10k_risk_matrix", marginModels: false)
    }

    static func decision(name: String, marginModels: Bool) throws -> @Sendable () -> Double {
        let engine = try bookedEngine(marginModels: marginModels)
        let box = GateBox(
            gate: engine.gate,
            proposal: condor(),
            context: RiskContext(state: engine.state, configuration: engine.configuration, time: days(1))
        )
        guard case .accept = box.gate.evaluate(box.proposal, context: box.context) else {
            throw BenchmarkError.preparationFailed(benchmark: name, reason: "the condor is refused")
        }
        return {
            switch box.gate.evaluate(box.proposal, context: box.context) {
            case .accept: 1
            default: 0
            }
        }
    }

    /// The gate's engine before any order: every account on the desk, each on its margin model.
    static func emptyEngine(marginModels: Bool) throws -> Engine<PortfolioGate> {
        var users = [UserProfile(id: riskManager, roles: [.riskManager], accounts: Set(accounts))]
        users.append(UserProfile(id: trader, roles: [.trader], accounts: Set(accounts)))
        let configuration = EngineConfiguration(
            users: users,
            desks: Dictionary(uniqueKeysWithValues: accounts.map { ($0, desk) })
        )
        var equity: [AccountID: Double] = [:]
        for account in accounts { equity[account] = 50_000_000 }
        // The condor's account on the risk matrix, the others on SPAN and standard margin (their books are kept for
        // the desk and firm scopes only); desks are margined on the house model.
        var models: [AccountID: AccountMarginModel] = [:]
        for (index, account) in accounts.enumerated() {
            models[account] = [AccountMarginModel.portfolio, .span, .standard][index % 3]
        }
        return Engine(
            configuration: configuration,
            gate: PortfolioGate(
                model: try model(marginModels: marginModels),
                equity: equity,
                marginModels: marginModels ? models : [:]
            )
        )
    }

    /// An engine with every limit set and 10,000 positions: 5 accounts × 2,000 instruments, booked through real orders and fills.
    static func bookedEngine(marginModels: Bool = true) throws -> Engine<PortfolioGate> {
        var engine = try emptyEngine(marginModels: marginModels)
        var clock = asOf.rawValue
        func input(_ input: Input) -> [Output] {
            clock += 1_000
            return engine.handle(input, at: UnixNanos(clock))
        }
        var number = 0
        for account in accounts {
            for instrument in instruments() {
                number += 1
                let request = OrderRequest(
                    clientOrderID: ClientOrderID(known: "g\(number)"),
                    account: account,
                    venue: .deribit,
                    instrument: instrument,
                    side: number % 3 == 0 ? .sell : .buy,
                    quantity: Quantity(FixedDecimal(Int64(1 + number % 7))),
                    kind: .limit(LimitPrice(FixedDecimal(units: 100, scale: 4)))
                )
                let command = CommandEnvelope(
                    correlationID: "g\(number)",
                    actor: trader,
                    command: .placeOrder(request, stage: false)
                )
                let outputs = input(.command(command))
                for case .event(let event) in outputs {
                    if case .commandRejected(let rejected) = event {
                        throw BenchmarkError.preparationFailed(
                            benchmark: "gate_iron_condor_10k",
                            reason: rejected.description
                        )
                    }
                    if let decision = event.riskDecision?.decision, !decision.isAccepted {
                        throw BenchmarkError.preparationFailed(benchmark: "gate_iron_condor_10k", reason: "\(decision)")
                    }
                }
                for case .venue(.place(let orderID, let placed)) in outputs {
                    _ = input(
                        .venueReport(.acknowledged(orderID: orderID, venueOrderID: VenueOrderID(known: "v\(number)")))
                    )
                    let fill = VenueFill(
                        venue: .deribit,
                        tradeID: "t\(number)",
                        orderID: orderID,
                        quantity: placed.quantity,
                        price: Price(FixedDecimal(units: 100, scale: 4))
                    )
                    _ = input(.venueReport(.fill(fill)))
                }
            }
        }
        guard engine.state.positions.count == 10_000 else {
            throw BenchmarkError.preparationFailed(
                benchmark: "gate_iron_condor_10k",
                reason:
                    "booked \(engine.state.positions.count) positions, not 10,000 (\(engine.state.orders.count) orders, "
                    + "\(engine.state.bookedTrades.count) trades, \(engine.state.quarantinedReports.first.map { "\($0)" } ?? "none") quarantined)"
            )
        }
        for (index, limit) in limits().enumerated()
        where marginModels || limit.scope != .desk(desk)
            || limit.measure != .marginUtilisation
        {
            let command = CommandEnvelope(
                correlationID: "l\(index)",
                actor: riskManager,
                command: .setLimit(limit.key, limit: limit)
            )
            for case .event(.commandRejected(let rejected)) in input(.command(command)) {
                throw BenchmarkError.preparationFailed(benchmark: "gate_iron_condor_10k", reason: rejected.description)
            }
        }
        return engine
    }

    /// Days to each listed expiry.
    static let expiries = [7, 14, 21, 30, 45, 60, 90, 120, 180, 270]

    /// 2,000 options: BTC and ETH, 10 expiries, 50 strikes from 50% to 148% of the index, calls and puts.
    static func instruments() -> [Instrument] {
        var all: [Instrument] = []
        for (underlying, index) in [(btc, 100_000.0), (eth, 3_000.0)] {
            for expiryDays in expiries {
                for step in 0..<50 {
                    let strike = Int64(index * (0.5 + 0.02 * Double(step)))
                    for right in [OptionRight.call, .put] {
                        all.append(
                            .option(
                                underlying,
                                expiry: days(expiryDays),
                                strike: Price(FixedDecimal(strike)),
                                right: right,
                                settlement: .inverse(underlying.base)
                            )
                        )
                    }
                }
            }
        }
        return all
    }

    /// Every limit kind, generous enough that the condor passes, in firm, desk, account, underlying and bucket scopes.
    static func limits() -> [Limit] {
        func limit(
            _ measure: LimitMeasure,
            _ scope: LimitScope,
            _ threshold: Int64,
            _ severity: LimitSeverity = .hard
        )
            -> Limit
        {
            Limit(measure: measure, scope: scope, threshold: FixedDecimal(threshold), severity: severity)
        }
        let account = accounts[0]
        return [
            limit(.orderQuantity, .account(account), 1_000),
            limit(.orderNotional, .firm, 1_000_000),
            limit(.openOrders, .desk(desk), 1_000_000),
            limit(.positionPerInstrument, .firm, 1_000_000, .soft),
            limit(.delta, .firm, 10_000_000_000),
            limit(.gamma, .desk(desk), 10_000_000_000),
            limit(.vega, .account(account), 10_000_000_000),
            limit(.vega, LimitScope(underlying: .btc, expiryBucket: "7-45d"), 10_000_000_000, .soft),
            limit(.theta, .firm, 10_000_000_000),
            limit(.grossNotional, .firm, 1_000_000_000_000),
            limit(.marginUtilisation, .account(account), 1_000_000),
            limit(.marginUtilisation, .desk(desk), 1_000_000),
            limit(.worstScenarioLoss, .firm, 100_000_000_000),
            limit(.valueAtRisk, .firm, 100_000_000_000),
            limit(.expectedShortfall, LimitScope(underlying: .btc), 100_000_000_000, .soft),
            limit(.leggingDelta, .firm, 250_000),
            limit(.leggingVega, .desk(desk), 5_000),
            limit(.leggingTime, .firm, 300),
        ]
    }

    /// A short BTC iron condor, 30 days: buy 85,000 put, sell 90,000 put, sell 110,000 call, buy 115,000 call.
    static func condor() -> [Order] {
        let legs: [(OptionRight, Int64, OrderSide)] = [
            (.put, 85_000, .buy), (.put, 90_000, .sell), (.call, 110_000, .sell), (.call, 115_000, .buy),
        ]
        return legs.enumerated().map { index, leg in
            let request = OrderRequest(
                clientOrderID: ClientOrderID(known: "condor/\(index)"),
                account: accounts[0],
                venue: .deribit,
                instrument: .option(
                    btc,
                    expiry: days(30),
                    strike: Price(FixedDecimal(leg.1)),
                    right: leg.0,
                    settlement: .inverse(.btc)
                ),
                side: leg.2,
                quantity: Quantity(FixedDecimal(10)),
                kind: .limit(LimitPrice(FixedDecimal(units: 100, scale: 4)))
            )
            return Order(id: OrderID(known: "C\(index)"), request: request, owner: trader, at: days(1))
        }
    }

    /// BTC 100,000 and ETH 3,000 with futures and flat vols; the Deribit risk-matrix parameters (restated from
    /// `Models/margin/deribit-portfolio.json`: benchmarks read no files); 1,000 seeded correlated one-day scenarios.
    static func model(marginModels: Bool = true) throws -> PortfolioRiskModel {
        var market = MarketState(asOf: asOf)
        for (underlying, index, vol) in [(btc, Int64(100_000), 0.6), (eth, Int64(3_000), 0.75)] {
            try market.setIndex(Price(FixedDecimal(index)), for: underlying)
            for expiryDays in expiries {
                let forward = Double(index) * (1 + 0.05 * Double(expiryDays) / 365)
                try market.setFuture(
                    Price(try FixedDecimal(forward, scale: 2, rounding: .toNearestOrEven)),
                    for: underlying,
                    expiry: days(expiryDays)
                )
            }
            let slice = try SVISlice(a: vol * vol * 0.5, b: 0, rho: 0, m: 0, sigma: 0.1, timeToExpiry: 0.5)
            market.setVolSurface(try VolSurface(slices: [slice]), for: underlying)
        }
        var generator = PricingBenchmarks.SplitMix(state: 11)
        var scenarios = try ScenarioSet(underlyingCount: 2, volShock: .absolute, volFloor: 0.01)
        for _ in 0..<1_000 {
            let first = normal(&generator)
            let second = normal(&generator)
            try scenarios.append(
                spotMoves: [0.04 * first, 0.05 * (0.8 * first + 0.6 * second)],
                volShifts: [0.02 * first, 0.02 * first],
                timeStepYears: 1 / 365.25
            )
        }
        return try PortfolioRiskModel(
            market: market,
            marginParameters: deribitParameters(),
            coins: ["BTC", "ETH"],
            tail: try VaRScenarioSet(scenarios: scenarios, varConfidence: 0.99, esConfidence: 0.975),
            buckets: try ExpiryBuckets(upperBoundsDays: [7, 45, 120]),
            bucketLabels: ["0-7d", "7-45d", "45-120d", "120d+"],
            margins: marginModels
                ? GateMarginParameters(standard: standardParameters(), span: spanParameters(), house: houseParameters())
                : nil
        )
    }

    /// `Models/margin/deribit-standard.json`'s option coefficients (the book holds options only).
    static func standardParameters() -> StandardMarginParameters {
        let options = OptionMarginCoefficients(
            shortInitialBase: 0.15,
            shortInitialMinimum: 0.10,
            shortCallMaintenance: 0.075,
            shortPutMaintenanceMinimum: 0.075,
            shortPutMaintenanceMarkFactor: 0.075
        )
        return StandardMarginParameters(
            model: "deribit-standard",
            coinOptions: options,
            usdOptions: options,
            deltaOne: []
        )
    }

    /// `Models/margin/span.json`: CME's 16 scenarios; BTC PSR 15% VSR 20 points, ETH 18% and 25.
    static func spanParameters() -> SpanParameters {
        var scenarios: [SpanScenario] = []
        for price in [0.0, 1.0 / 3, -1.0 / 3, 2.0 / 3, -2.0 / 3, 1, -1] {
            for vol in [1.0, -1] {
                scenarios.append(SpanScenario(priceScanMultiple: price, volScanMultiple: vol, coverage: 1))
            }
        }
        scenarios.append(SpanScenario(priceScanMultiple: 2, volScanMultiple: 0, coverage: 0.35))
        scenarios.append(SpanScenario(priceScanMultiple: -2, volScanMultiple: 0, coverage: 0.35))
        return SpanParameters(
            model: "span-like",
            scenarios: scenarios,
            volFloor: 0.01,
            underlyings: [
                "BTC": SpanUnderlyingParameters(
                    priceScanRange: 0.15,
                    volScanRange: 0.20,
                    shortOptionMinimumRate: 0.01,
                    interMonthSpreadRate: 0.005
                ),
                "ETH": SpanUnderlyingParameters(
                    priceScanRange: 0.18,
                    volScanRange: 0.25,
                    shortOptionMinimumRate: 0.01,
                    interMonthSpreadRate: 0.005
                ),
            ]
        )
    }

    /// `Models/margin/house.json`: ±30% in 3% steps, vol up 50% / down 30% (63 scenarios), no extended moves, roll
    /// shock 10%/yr with a 1% floor, no dampener and no offset.
    static func houseParameters() -> PortfolioMarginParameters {
        let unit = RiskUnitParameters(
            annualisedMoveRisk: 0.1,
            minAnnualisedMove: 0.01,
            extendedDampenerUSD: 0,
            pnlOffset: 0,
            maxOffsetablePnl: 0
        )
        var underlyings: [String: UnderlyingPortfolioParameters] = [:]
        for (coin, increment) in [("BTC", 0.000_05), ("ETH", 0.000_004)] {
            underlyings[coin] = UnderlyingPortfolioParameters(
                priceRange: 0.30,
                bucketsPerSide: 10,
                volRangeUp: 0.50,
                volRangeDown: 0.30,
                vegaPower: VegaPowerScaling(
                    shortTermPower: 0.30,
                    longTermPower: 0.13,
                    pivotDays: 30,
                    minimumDays: 1,
                    minimumVolForShockUp: 0.50
                ),
                extendedMoves: [],
                extendedTableFactor: 1,
                maxDeltaShock: 0.10,
                deltaShockThresholdUSD: 20_000_000,
                deltaShockIncrement: increment,
                coin: unit,
                usd: unit
            )
        }
        return PortfolioMarginParameters(model: "house", mmFactor: 0.8, volFloor: 0.01, underlyings: underlyings)
    }

    static func normal(_ generator: inout PricingBenchmarks.SplitMix) -> Double {
        let u1 = max(generator.uniform(0, 1), 1e-300)
        let u2 = generator.uniform(0, 1)
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }

    static func deribitParameters() -> PortfolioMarginParameters {
        func underlying(
            range: Double,
            up: Double,
            increment: Double,
            coin: RiskUnitParameters
        ) -> UnderlyingPortfolioParameters {
            UnderlyingPortfolioParameters(
                priceRange: range,
                bucketsPerSide: 4,
                volRangeUp: up,
                volRangeDown: 0.25,
                vegaPower: VegaPowerScaling(
                    shortTermPower: 0.30,
                    longTermPower: 0.13,
                    pivotDays: 30,
                    minimumDays: 1,
                    minimumVolForShockUp: 0.50
                ),
                extendedMoves: [-0.66, -0.33, 0.5, 1, 2, 3, 4, 5],
                extendedTableFactor: 1,
                maxDeltaShock: 0.10,
                deltaShockThresholdUSD: 20_000_000,
                deltaShockIncrement: increment,
                coin: coin,
                usd: RiskUnitParameters(
                    annualisedMoveRisk: 0.1,
                    minAnnualisedMove: 0.01,
                    extendedDampenerUSD: 25_000,
                    pnlOffset: 0,
                    maxOffsetablePnl: 0
                )
            )
        }
        let btcCoin = RiskUnitParameters(
            annualisedMoveRisk: 0.075,
            minAnnualisedMove: 0.01,
            extendedDampenerUSD: 100_000,
            pnlOffset: 0,
            maxOffsetablePnl: 0
        )
        let ethCoin = RiskUnitParameters(
            annualisedMoveRisk: 0.05,
            minAnnualisedMove: 0.005,
            extendedDampenerUSD: 200_000,
            pnlOffset: 0.6,
            maxOffsetablePnl: 20_000_000
        )
        return PortfolioMarginParameters(
            model: "deribit-portfolio",
            mmFactor: 0.8,
            volFloor: 0.01,
            underlyings: [
                "BTC": underlying(range: 0.16, up: 0.50, increment: 0.000_05, coin: btcCoin),
                "ETH": underlying(range: 0.18, up: 0.40, increment: 0.000_004, coin: ethCoin),
            ]
        )
    }
}
