// Proves that a simulated venue's expiry reaches the engine as a settlement: a straddle bought ten minutes before the
// 08:00 daily expiry is settled at the venue's delivery price, the engine books one settlement per instrument (not one
// per account report), its positions in the expired options are flat afterwards, and an order placed after the
// expiry is judged by the portfolio gate as usual.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateRuntime
import LegateSimulator
import Testing

@Suite struct SettlementSessionTests {
    static let start = CivilDate(year: 2026, month: 1, day: 5)!.at(hourUTC: 7) + 50 * 60 * SessionFixture.second

    static func at(_ seconds: Int64) -> UnixNanos { start + seconds * SessionFixture.second }

    static func venue() throws -> SimulatedVenue {
        SimulatedVenue(
            configuration: try SessionFixture.load(VenueConfiguration.self, "deribit.json"),
            market: try SessionFixture.load(MarketConfiguration.self, "market-btc.json"),
            accounts: [SimulatedAccount(id: RuntimeFixture.account, collateral: 100, cancelOnDisconnect: false)],
            seed: 5,
            start: start
        )
    }

    static let script: [ScheduledAction] = [
        ScheduledAction(
            at: at(20),
            actor: RuntimeFixture.alice,
            label: "straddle",
            action: .package(
                DeskPackage(
                    account: RuntimeFixture.account,
                    venue: .deribit,
                    shape: .straddle,
                    side: .buy,
                    quantity: 1,
                    expiryDays: 0,
                    legs: [
                        DeskLeg(strike: .fromMoney(0), right: .call, side: .buy),
                        DeskLeg(strike: .fromMoney(0), right: .put, side: .buy),
                    ],
                    price: .take(ticks: 2)
                )
            )
        ),
        ScheduledAction(
            at: at(15 * 60),
            actor: RuntimeFixture.alice,
            label: "after",
            action: .order(
                DeskOrder(
                    account: RuntimeFixture.account,
                    venue: .deribit,
                    instrument: .option(expiryDays: 2, strike: .fromMoney(0), right: .call),
                    side: .buy,
                    quantity: 1,
                    price: .take(ticks: 2)
                )
            )
        ),
    ]

    @Test func anExpiryIsSettledOnceAndLaterOrdersAreStillJudged() throws {
        let gate = try SizingSessionFixture.gate(on: try Self.venue())
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: gate),
            journal: InMemoryJournal(),
            lastSequence: 0
        )
        let session = SimulatedSession(
            durable: durable,
            venues: SimulatedVenueSet(venues: [try Self.venue()]),
            settings: .init(start: Self.start, end: Self.at(16 * 60))
        )
        var settled: [InstrumentSettled] = []
        var refused: [String] = []
        var venueSettlements = 0
        var decisions: [String] = []
        let result = try session.run(script: Self.script) { record in
            switch record {
            case .handled(_, _, let outputs, _):
                for case .event(let event) in outputs {
                    switch event {
                    case .instrumentSettled(let booked): settled.append(booked)
                    case .settlementRejected(let settlement, let error): refused.append("\(settlement): \(error)")
                    case .riskDecided(_, let decision), .orderAccepted(_, let decision, _):
                        decisions.append("\(decision)")
                    default: break
                    }
                }
            case .settled: venueSettlements += 1
            default: break
            }
        }
        // The venue settled both legs and the engine booked each once, at 08:00 and the venue's delivery price
        #expect(venueSettlements == 2)
        #expect(refused.isEmpty, "\(refused)")
        #expect(settled.count == 2, "\(settled)")
        let expiry = CivilDate(year: 2026, month: 1, day: 5)!.at(hourUTC: 8)
        for booked in settled {
            guard case .option(let terms) = booked.settlement.instrument.terms else {
                Issue.record("settled a non-option: \(booked)")
                continue
            }
            #expect(terms.expiry == expiry)
            #expect(booked.settlement.deliveryPrice.decimal.isPositive)
        }
        // The expired options are flat in the engine; the straddle's two legs and the later call were each decided
        #expect(SizingSessionFixture.positions(result.state).keys.allSatisfy { $0.expiry != expiry })
        #expect(decisions.count == 3, "\(decisions)")
        #expect(decisions.allSatisfy { $0.hasPrefix("accept") }, "\(decisions)")
    }
}
