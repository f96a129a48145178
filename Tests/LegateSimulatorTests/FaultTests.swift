// Proves outages and disconnects behave as a venue would: during an outage commands are rejected (or held and run
// when it ends), nothing is published and the books are re-sent after; a disconnect cancels the resting orders of
// accounts that armed cancel-on-disconnect, and private reports wait for the reconnect. Random faults come from the
// seed alone.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct FaultTests {
    static func at(_ seconds: Int64) -> UnixNanos { Fixtures.start + seconds * Fixtures.second }
    static let call = Fixtures.option(50_000, .call)

    static func faults(outage: Bool, behaviour: OutageBehaviour = .reject) -> FaultConfiguration {
        var faults = FaultConfiguration.none
        let window = [FaultWindowConfiguration(startSeconds: 100, durationSeconds: 60)]
        if outage { faults.scheduledOutages = window } else { faults.scheduledDisconnects = window }
        faults.outageBehaviour = behaviour
        return faults
    }

    @Test func outageRejectsCommandsAndResendsBooksAfter() {
        var venue = Fixtures.venue(Fixtures.deribit(faults: Self.faults(outage: true)))
        let opening = venue.advance(to: Self.at(100))
        #expect(opening.contains { $0.output == .connection(.outageStarted(venue: .deribit, at: Self.at(100))) })
        let refused = venue.handle(
            Fixtures.order("O", Fixtures.alice, Self.call, .sell, "1", at: "0.0110"),
            at: Self.at(120)
        )
        #expect(Fixtures.rejection(refused)?.contains("11051") == true)
        let during = venue.advance(to: Self.at(159))
        #expect(!during.contains { if case .marketData = $0.output { true } else { false } })
        let after = venue.advance(to: Self.at(161))
        #expect(after.contains { $0.output == .connection(.outageEnded(venue: .deribit, at: Self.at(160))) })
        let snapshots = after.filter {
            if case .marketData(.book(let update)) = $0.output { update.kind == .snapshot } else { false }
        }
        #expect(snapshots.count == venue.listedInstruments.count)
    }

    @Test func delayedOutageHoldsCommandsUntilTheVenueIsBack() {
        var venue = Fixtures.venue(Fixtures.deribit(faults: Self.faults(outage: true, behaviour: .delay)))
        let held = venue.handle(
            Fixtures.order("O", Fixtures.alice, Self.call, .sell, "1", at: "0.0110"),
            at: Self.at(120)
        )
        #expect(Fixtures.reports(held).isEmpty)
        let after = venue.advance(to: Self.at(161))
        let acknowledged = after.filter { if case .report(.acknowledged) = $0.output { true } else { false } }
        #expect(acknowledged.count == 1)
        #expect(acknowledged.allSatisfy { $0.deliverAt >= Self.at(160) })
        #expect(venue.bestLevel(Self.call, side: .ask)?.price == Fixtures.price("0.0110"))
    }

    @Test func disconnectCancelsOnlyArmedAccountsAndReportsAfterReconnect() {
        var venue = Fixtures.venue(Fixtures.deribit(faults: Self.faults(outage: false), latencyMilliseconds: 5))
        venue.setCancelOnDisconnect(true, account: Fixtures.alice)
        _ = venue.handle(Fixtures.order("A", Fixtures.alice, Self.call, .sell, "1", at: "0.0110"), at: Self.at(1))
        _ = venue.handle(Fixtures.order("B", Fixtures.bob, Self.call, .sell, "1", at: "0.0115"), at: Self.at(2))
        let outputs = venue.advance(to: Self.at(170))
        let cancelled = outputs.filter { if case .report(.cancelled) = $0.output { true } else { false } }
        #expect(Fixtures.reports(cancelled).map(\.orderID) == [OrderID(known: "A")])
        #expect(cancelled.allSatisfy { $0.deliverAt >= Self.at(160) })
        #expect(outputs.contains { $0.output == .connection(.disconnected(venue: .deribit, at: Self.at(100))) })
        #expect(venue.openOrderCount(Fixtures.alice) == 0)
        #expect(venue.openOrderCount(Fixtures.bob) == 1)
        let refused = venue.handle(
            Fixtures.order("C", Fixtures.bob, Self.call, .sell, "1", at: "0.0120"),
            at: Self.at(171)
        )
        #expect(Fixtures.rejection(refused) == nil)
    }

    @Test func commandsDuringADisconnectAreRefused() {
        var venue = Fixtures.venue(Fixtures.deribit(faults: Self.faults(outage: false)))
        let outputs = venue.handle(
            Fixtures.order("D", Fixtures.alice, Self.call, .sell, "1", at: "0.0110"),
            at: Self.at(130)
        )
        #expect(Fixtures.rejection(outputs)?.contains("not connected") == true)
    }

    @Test func randomFaultsFollowTheSeed() {
        func faultEvents(seed: UInt64) -> [TimedOutput] {
            var faults = FaultConfiguration.none
            faults.outagesPerDay = 48
            faults.meanOutageSeconds = 60
            faults.disconnectsPerDay = 48
            faults.meanDisconnectSeconds = 30
            var venue = Fixtures.venue(Fixtures.deribit(faults: faults), seed: seed)
            return venue.advance(to: Self.at(6 * 3_600)).filter {
                if case .connection = $0.output { true } else { false }
            }
        }
        let first = faultEvents(seed: 11)
        #expect(first.count > 10)
        #expect(first == faultEvents(seed: 11))
        #expect(first != faultEvents(seed: 12))
    }
}
