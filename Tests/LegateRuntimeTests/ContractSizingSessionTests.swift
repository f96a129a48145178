// Proves that `legate run`'s sizes mean the same on every simulated venue: the same desk package (a 0.5 BTC straddle)
// and the same call sent to simulated Deribit (sizes in BTC) and to simulated OKX (contracts of 0.01 BTC) give the
// same delta figures at the portfolio gate, the same engine positions, and venue positions that agree with the
// engine's. Before sizes were converted at the venue boundary, OKX refused 0.5 (not a whole contract) and booked one
// contract as one BTC.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRisk
import LegateRuntime
import LegateSimulator
import OrderedCollections
import Testing

enum SizingSessionFixture {
    static let start = SessionFixture.start

    static func venue(_ file: String) throws -> SimulatedVenue {
        SimulatedVenue(
            configuration: try SessionFixture.load(VenueConfiguration.self, file),
            market: try SessionFixture.load(MarketConfiguration.self, "market-btc.json"),
            accounts: [SimulatedAccount(id: RuntimeFixture.account, collateral: 100, cancelOnDisconnect: false)],
            seed: 21,
            start: start
        )
    }

    /// A portfolio gate on the simulated market at the start (one fixed market for both venues, so any difference
    /// in its figures comes from sizes alone).
    static func gate(on venue: SimulatedVenue) throws -> PortfolioGate {
        let models = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models")
        let margin = try JSONDecoder().decode(
            PortfolioMarginParameters.self,
            from: Data(contentsOf: models.appendingPathComponent("margin/deribit-portfolio.json"))
        )
        var scenarios = try ScenarioSet(underlyingCount: 1, volShock: .absolute, volFloor: 0.01)
        for step in -500..<500 {
            try scenarios.append(spotMoves: [Double(step) * 0.0002], volShifts: [0], timeStepYears: 1 / 365.25)
        }
        let model = try PortfolioRiskModel(
            market: MarkedMarket.simulated(venue),
            marginParameters: margin,
            coins: ["BTC"],
            tail: try VaRScenarioSet(scenarios: scenarios, varConfidence: 0.99, esConfidence: 0.975),
            buckets: try ExpiryBuckets(upperBoundsDays: [7, 45, 120]),
            bucketLabels: ["0-7d", "7-45d", "45-120d", "120d+"]
        )
        return PortfolioGate(model: model, equity: [RuntimeFixture.account: 10_000_000])
    }

    /// An option expiry 20–40 days out listed on both venues and the strike nearest its forward listed on both.
    static func commonOption(_ deribit: SimulatedVenue, _ okx: SimulatedVenue) throws -> (days: Int, strike: Price) {
        func strikes(_ venue: SimulatedVenue) -> [UnixNanos: Set<Price>] {
            var found: [UnixNanos: Set<Price>] = [:]
            for spec in venue.listedInstruments {
                guard case .option(let terms) = spec.instrument.terms else { continue }
                found[terms.expiry, default: []].insert(terms.strike)
            }
            return found
        }
        let left = strikes(deribit)
        let right = strikes(okx)
        let window = (start + 20 * UnixNanos.nanosecondsPerDay)...(start + 40 * UnixNanos.nanosecondsPerDay)
        let expiry = try #require(left.keys.filter { window.contains($0) && right[$0] != nil }.min())
        let common = try #require(left[expiry]).intersection(try #require(right[expiry]))
        let forward = deribit.market.state.forward(expiry: expiry)
        let strike = try #require(common.min { abs($0.doubleValue - forward) < abs($1.doubleValue - forward) })
        let days = Int(((expiry - start) + UnixNanos.nanosecondsPerDay / 2) / UnixNanos.nanosecondsPerDay)
        return (days, strike)
    }

    static func script(on venue: Venue, days: Int, strike: Price) -> [ScheduledAction] {
        let limit = Limit(
            measure: .delta,
            scope: .account(RuntimeFixture.account),
            threshold: 1_000_000_000,
            severity: .hard
        )
        return [
            ScheduledAction(
                at: start,
                actor: RuntimeFixture.rita,
                label: "limit",
                action: .command(.setLimit(limit.key, limit: limit))
            ),
            ScheduledAction(
                at: SessionFixture.at(20),
                actor: RuntimeFixture.alice,
                label: "straddle",
                action: .package(
                    DeskPackage(
                        account: RuntimeFixture.account,
                        venue: venue,
                        shape: .straddle,
                        side: .buy,
                        quantity: Quantity(FixedDecimal(units: 5, scale: 1)),
                        expiryDays: days,
                        legs: [
                            DeskLeg(strike: .exact(strike), right: .call, side: .buy),
                            DeskLeg(strike: .exact(strike), right: .put, side: .buy),
                        ],
                        price: .take(ticks: 2)
                    )
                )
            ),
            ScheduledAction(
                at: SessionFixture.at(60),
                actor: RuntimeFixture.alice,
                label: "call",
                action: .order(
                    DeskOrder(
                        account: RuntimeFixture.account,
                        venue: venue,
                        instrument: .option(expiryDays: days, strike: .exact(strike), right: .call),
                        side: .buy,
                        quantity: Quantity(FixedDecimal(units: 3, scale: 1)),
                        price: .take(ticks: 2)
                    )
                )
            ),
        ]
    }

    struct Outcome {
        /// The gate's delta figures (before, after) of each decision, in decision order.
        var figures: [String] = []
        var skipped: [String] = []
        let result: SessionResult
    }

    static func run(on venueName: Venue, file: String, gate: PortfolioGate, days: Int, strike: Price) throws -> Outcome
    {
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: gate),
            journal: InMemoryJournal(),
            lastSequence: 0
        )
        let session = SimulatedSession(
            durable: durable,
            venues: SimulatedVenueSet(venues: [try venue(file)]),
            settings: .init(start: start, end: SessionFixture.at(120))
        )
        var figures: [String] = []
        var skipped: [String] = []
        let result = try session.run(script: script(on: venueName, days: days, strike: strike)) { record in
            switch record {
            case .handled(_, _, let outputs, _):
                for case .event(let event) in outputs {
                    guard let decision = event.riskDecision?.decision else { continue }
                    guard case .accept(let basis) = decision, let nearest = basis.nearest else {
                        figures.append("not accepted: \(decision)")
                        continue
                    }
                    figures.append("\(nearest.measure.rawValue) \(nearest.current) → \(nearest.after)")
                }
            case .skipped(_, let action, let reason):
                skipped.append("\(action.label): \(reason)")
            default:
                break
            }
        }
        var outcome = Outcome(result: result)
        outcome.figures = figures
        outcome.skipped = skipped
        return outcome
    }

    /// The engine's positions by instrument (the venue is part of the engine's key; here it is the only venue).
    static func positions(_ state: EngineState) -> [Instrument: Quantity] {
        var found: [Instrument: Quantity] = [:]
        for (key, position) in state.positions where !position.netQuantity.isZero {
            found[key.instrument, default: .zero] = found[key.instrument, default: .zero] + position.netQuantity
        }
        return found
    }
}

@Suite struct ContractSizingSessionTests {
    @Test func oneSizeMeansTheSameOnDeribitAndOKX() throws {
        let deribit = try SizingSessionFixture.venue("deribit.json")
        let okx = try SizingSessionFixture.venue("okx.json")
        let (days, strike) = try SizingSessionFixture.commonOption(deribit, okx)
        let gate = try SizingSessionFixture.gate(on: deribit)
        let onDeribit = try SizingSessionFixture.run(
            on: .deribit,
            file: "deribit.json",
            gate: gate,
            days: days,
            strike: strike
        )
        let onOKX = try SizingSessionFixture.run(on: .okx, file: "okx.json", gate: gate, days: days, strike: strike)
        #expect(onDeribit.skipped.isEmpty && onOKX.skipped.isEmpty, "\(onDeribit.skipped) \(onOKX.skipped)")
        // Two straddle legs and the call, each accepted with its delta figures; the call's "before" counts the
        // straddle booked from the venue's fills.
        #expect(onDeribit.figures.count >= 2, "\(onDeribit.figures)")
        #expect(onDeribit.figures.allSatisfy { $0.hasPrefix("delta ") }, "\(onDeribit.figures)")
        #expect(onOKX.figures == onDeribit.figures)
        let positions = SizingSessionFixture.positions(onDeribit.result.state)
        #expect(positions.count == 2, "\(positions)")
        #expect(
            positions.values.sorted() == [
                Quantity(FixedDecimal(units: 5, scale: 1)), Quantity(FixedDecimal(units: 8, scale: 1)),
            ]
        )
        #expect(SizingSessionFixture.positions(onOKX.result.state) == positions)
    }
}
