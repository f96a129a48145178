// Proves that a book's hedge policy is a journaled command like a limit: a risk manager sets, changes and removes it
// with who and when, a trader may not, a policy the hedger could not run is refused with what is wrong, and replay,
// snapshots and the journal's coding keep it.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineHedgePolicyTests {
    static let btc = Underlying(base: .btc, quote: .usd)
    static let perpetual = Instrument.perpetual(btc, settlement: .inverse(.btc))
    static let btcDeskOne = LimitScope(desk: Fixture.deskOne, underlying: .btc)

    static func policy(
        scope: LimitScope = btcDeskOne,
        band: String = "250000",
        instrument: Instrument = perpetual,
        account: AccountID = Fixture.accountA,
        enabled: Bool = true
    ) throws -> HedgePolicy {
        HedgePolicy(
            scope: scope,
            targetDelta: .zero,
            band: try FixedDecimal(parsing: band),
            instrument: instrument,
            venue: .deribit,
            account: account,
            maxOrderQuantity: try Quantity(parsing: "50000"),
            enabled: enabled
        )
    }

    @Test func aRiskManagerSetsChangesAndRemovesAPolicyWithWhoAndWhen() throws {
        var harness = Harness()
        let first = try Self.policy()
        let set = harness.command(Fixture.rita, .setHedgePolicy(Self.btcDeskOne, policy: first))
        #expect(set.events == [.hedgePolicyChanged(scope: Self.btcDeskOne, policy: first, actor: Fixture.rita)])
        #expect(harness.state.hedgePolicies[Self.btcDeskOne] == first)

        let paused = try Self.policy(band: "100000", enabled: false)
        harness.command(Fixture.rita, .setHedgePolicy(Self.btcDeskOne, policy: paused))
        #expect(harness.state.hedgePolicies[Self.btcDeskOne] == paused)

        harness.command(Fixture.rita, .setHedgePolicy(Self.btcDeskOne, policy: nil))
        #expect(harness.state.hedgePolicies.isEmpty)
        let again = harness.command(Fixture.rita, .setHedgePolicy(Self.btcDeskOne, policy: nil))
        #expect(again.rejection?.reason.contains("no hedge policy is set") == true)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aTraderMayNotSetAPolicy() throws {
        var harness = Harness()
        let outputs = harness.command(Fixture.alice, .setHedgePolicy(Self.btcDeskOne, policy: try Self.policy()))
        #expect(outputs.rejection?.reason.contains("lacks setHedgePolicy") == true)
        #expect(harness.state.hedgePolicies.isEmpty)
    }

    @Test func aPolicyTheHedgerCouldNotRunIsRefusedSayingWhy() throws {
        var harness = Harness()
        let eth = Instrument.perpetual(Underlying(base: .eth, quote: .usd), settlement: .inverse(.eth))
        let cases: [(HedgePolicy, String)] = [
            (try Self.policy(instrument: Fixture.call), "not delta-one"),
            (try Self.policy(instrument: eth), "not the scope's BTC"),
            (try Self.policy(band: "0"), "band 0 must be positive"),
            (try Self.policy(scope: LimitScope(desk: Fixture.deskOne)), "names no underlying"),
            (
                try Self.policy(scope: LimitScope(account: Fixture.accountB, underlying: .btc)),
                "outside the scope's account"
            ),
        ]
        for (policy, expected) in cases {
            let outputs = harness.command(Fixture.rita, .setHedgePolicy(policy.scope, policy: policy))
            #expect(outputs.rejection?.reason.contains(expected) == true, "\(String(describing: outputs.rejection))")
        }
        let misplaced = harness.command(Fixture.rita, .setHedgePolicy(.firm, policy: try Self.policy()))
        #expect(misplaced.rejection?.reason.contains("is set in the slot of") == true)
        #expect(harness.state.hedgePolicies.isEmpty)
    }

    @Test func policiesSurviveTheJournalCodingAndSnapshots() throws {
        var harness = Harness()
        let policy = try Self.policy()
        harness.command(Fixture.rita, .setHedgePolicy(Self.btcDeskOne, policy: policy))
        let event = Event.hedgePolicyChanged(scope: Self.btcDeskOne, policy: policy, actor: Fixture.rita)
        var writer = CompactWriter()
        event.write(to: &writer)
        var reader = CompactReader(bytes: writer.bytes)
        #expect(try Event(from: &reader) == event)
        #expect(event.kind == "hedge.policy")
        let bytes = try BinaryEncoder().encode(harness.state)
        #expect(try BinaryDecoder().decode(EngineState.self, from: bytes) == harness.state)
    }
}
