// Proves that the simulated session's hedger follows the hedge policy the engine holds: nothing is sent while the
// book's delta is inside `target ± band`; outside it the policy's instrument is traded on the policy's account, back
// to the target, at most `maxOrderQuantity`; a paused policy sends nothing; a policy the journal already held when
// the session started governs too; the most specific book (account, then desk, then firm) wins; without a policy the
// account is flattened as before. Replay of every journal gives the live state.
import Foundation
import LegateCore
import LegateEngine
import LegateJournal
import LegateModel
import LegateOrders
import LegateSimulator
import OrderedCollections
import Testing

@testable import LegateRuntime

@Suite struct SimulatedHedgePolicyTests {
    static let btc = Underlying(base: .btc, quote: .usd)
    static let perpetual = Instrument.perpetual(btc, settlement: .inverse(.btc))

    static func policy(
        target: FixedDecimal = 0,
        band: FixedDecimal = 1_000,
        instrument: Instrument = perpetual,
        maximum: Quantity = 10_000_000,
        enabled: Bool = true,
        scope: LimitScope = LimitScope(account: RuntimeFixture.account, underlying: .btc)
    ) -> HedgePolicy {
        HedgePolicy(
            scope: scope,
            targetDelta: target,
            band: band,
            instrument: instrument,
            venue: .deribit,
            account: RuntimeFixture.account,
            maxOrderQuantity: maximum,
            enabled: enabled
        )
    }

    /// What a session sent and skipped, and whether its journal replays to its state.
    struct Outcome {
        var hedges: [OrderRequest] = []
        var skipped: [String] = []
        var rejected: [String] = []
        var result: SessionResult?

        var hedge: OrderRequest? { hedges.first }
    }

    /// Two calls bought at 20 s (the book is long delta), then a hedge at 60 s; `policy` is set by the risk manager
    /// at 5 s, or, with `beforeStart`, is already in the journal the session starts on.
    static func run(policy: HedgePolicy?, beforeStart: Bool = false) throws -> Outcome {
        let journal = InMemoryJournal()
        let durable = DurableEngine(
            engine: Engine(configuration: RuntimeFixture.configuration, gate: LimitGate()),
            journal: journal,
            lastSequence: 0
        )
        var script = Array(SessionFixture.script.prefix(1))
        if let policy {
            let command = Command.setHedgePolicy(policy.scope, policy: policy)
            if beforeStart {
                let envelope = CommandEnvelope(correlationID: "policy", actor: RuntimeFixture.rita, command: command)
                _ = try durable.process([(.command(envelope), SessionFixture.start)])
            } else {
                script.append(
                    ScheduledAction(
                        at: SessionFixture.at(5),
                        actor: RuntimeFixture.rita,
                        label: "policy",
                        action: .command(command)
                    )
                )
            }
        }
        script.append(
            ScheduledAction(
                at: SessionFixture.at(60),
                actor: RuntimeFixture.alice,
                label: "hedge-1",
                action: .hedge(DeskHedge(account: RuntimeFixture.account, venue: .deribit))
            )
        )
        let session = SimulatedSession(
            durable: durable,
            venues: try SessionFixture.venues(seed: 5),
            settings: .init(start: SessionFixture.start, end: SessionFixture.at(90))
        )
        var outcome = Outcome()
        let result = try session.run(script: script) { record in
            switch record {
            case .sent(_, .place(_, let request)) where request.clientOrderID.rawValue == "hedge-1":
                outcome.hedges.append(request)
            case .skipped(_, let action, let reason):
                outcome.skipped.append("\(action.label): \(reason)")
            case .handled(_, _, let outputs, .desk):
                for case .event(.commandRejected(let rejected)) in outputs { outcome.rejected.append(rejected.reason) }
            default:
                break
            }
        }
        outcome.result = result
        let (recovered, _) = try Recovery.recover(
            journal: journal,
            configuration: RuntimeFixture.configuration,
            gate: LimitGate()
        )
        #expect(try recovered.engine.state.stateHash() == result.stateHash, "the journal does not replay")
        return outcome
    }

    /// The signed size of a hedge order (sells negative).
    static func signed(_ request: OrderRequest?) -> FixedDecimal {
        guard let request else { return .zero }
        return request.side == .buy ? request.quantity.decimal : -request.quantity.decimal
    }

    @Test func withoutAPolicyTheAccountIsFlattened() throws {
        let outcome = try Self.run(policy: nil)
        let hedge = try #require(outcome.hedge, "skipped: \(outcome.skipped)")
        // Long calls: the perpetual is sold, immediate-or-cancel.
        #expect(hedge.instrument == Self.perpetual && hedge.side == .sell && hedge.timeInForce == .immediateOrCancel)
        #expect(hedge.quantity.decimal > 1_000, "\(hedge.quantity)")
        #expect(outcome.skipped.isEmpty && outcome.rejected.isEmpty)
    }

    @Test func aDeltaInsideTheBandIsNotHedged() throws {
        let flat = try #require(try Self.run(policy: nil).hedge)
        // The band is wider than the whole delta: nothing to do.
        let wide = try flat.quantity.decimal.multipliedExactly(by: 10)
        let outcome = try Self.run(policy: Self.policy(band: wide))
        #expect(outcome.hedges.isEmpty)
        #expect(outcome.skipped.count == 1)
        #expect(outcome.skipped.first?.hasPrefix("hedge-1: the delta of ") == true)
        #expect(outcome.skipped.first?.hasSuffix("is within 0 ± \(wide)") == true, "\(outcome.skipped)")
        let state = try #require(outcome.result?.state)
        #expect(state.hedgePolicies.count == 1)
    }

    @Test func outsideTheBandTheBookIsHedgedToTheTarget() throws {
        let flat = try #require(try Self.run(policy: nil).hedge)
        // A target of 30,000 USD long: the hedge sells 30,000 less than flattening would (to the perpetual's lot).
        let toZero = try #require(try Self.run(policy: Self.policy(target: 0)).hedge)
        let toTarget = try #require(try Self.run(policy: Self.policy(target: 30_000)).hedge)
        #expect(toZero == flat, "a zero target with a narrow band is the flattening hedge")
        let difference = Self.signed(toTarget) - Self.signed(toZero)
        #expect(difference >= 29_990 && difference <= 30_010, "\(toZero.quantity) vs \(toTarget.quantity)")
        #expect(toTarget.side == .sell && toTarget.account == RuntimeFixture.account)
    }

    @Test func aHedgeIsNoLargerThanThePolicysMaximum() throws {
        let outcome = try Self.run(policy: Self.policy(maximum: 2_500))
        let hedge = try #require(outcome.hedge, "skipped: \(outcome.skipped)")
        #expect(hedge.quantity == 2_500 && hedge.side == .sell)
    }

    @Test func thePolicysInstrumentIsTradedNotTheActions() throws {
        let venue = try SessionFixture.venues(seed: 5).venues[0]
        let future = try #require(
            venue.listedInstruments.map(\.instrument).first { $0.kind == .future },
            "the simulated Deribit lists no future"
        )
        let outcome = try Self.run(policy: Self.policy(instrument: future))
        let hedge = try #require(outcome.hedge, "skipped: \(outcome.skipped)")
        #expect(hedge.instrument == future && hedge.side == .sell)
    }

    @Test func aPausedPolicySendsNothing() throws {
        let outcome = try Self.run(policy: Self.policy(enabled: false))
        #expect(outcome.hedges.isEmpty)
        #expect(outcome.skipped == ["hedge-1: the hedge policy of \(Self.policy().scope) is paused"])
    }

    @Test func aPolicyTheJournalAlreadyHeldGoverns() throws {
        let flat = try #require(try Self.run(policy: nil).hedge)
        let outcome = try Self.run(
            policy: Self.policy(band: try flat.quantity.decimal.multipliedExactly(by: 10)),
            beforeStart: true
        )
        #expect(outcome.hedges.isEmpty)
        #expect(outcome.skipped.first?.contains("is within") == true, "\(outcome.skipped)")
    }

    @Test func theMostSpecificBookHoldingTheAccountGoverns() {
        let account = RuntimeFixture.account
        let desk = DeskID(known: "D1")
        let firm = Self.policy(target: 1, scope: LimitScope(underlying: .btc))
        let onDesk = Self.policy(target: 2, scope: LimitScope(desk: desk, underlying: .btc))
        let own = Self.policy(target: 3, scope: LimitScope(account: account, underlying: .btc))
        let other = Self.policy(target: 4, scope: LimitScope(account: AccountID(known: "B"), underlying: .btc))
        let eth = Self.policy(target: 5, scope: LimitScope(account: account, underlying: .eth))
        var book = HedgePolicyBook(desks: [account: desk])
        #expect(book.policy(for: account, underlying: .btc) == nil)
        for policy in [firm, other, eth] { book.record(scope: policy.scope, policy: policy) }
        #expect(book.policy(for: account, underlying: .btc) == firm)
        book.record(scope: onDesk.scope, policy: onDesk)
        #expect(book.policy(for: account, underlying: .btc) == onDesk)
        book.record(scope: own.scope, policy: own)
        #expect(book.policy(for: account, underlying: .btc) == own)
        #expect(book.policy(for: account, underlying: .eth) == eth)
        // An account on no desk is not in the desk's book; removing a policy falls back to the next book.
        #expect(HedgePolicyBook(policies: book.policies).policy(for: account, underlying: .btc) == own)
        book.record(scope: own.scope, policy: nil)
        #expect(book.policy(for: account, underlying: .btc) == onDesk)
        #expect(HedgePolicyBook(policies: book.policies).policy(for: account, underlying: .btc) == firm)
    }
}
