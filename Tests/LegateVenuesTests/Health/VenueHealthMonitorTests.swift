// Proves venue health as values: connect and disconnect are state events, request-to-ack latency feeds p50/p99, slow
// acknowledgements or frequent errors degrade a connected venue, and recovery returns it to connected.
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct VenueHealthMonitorTests {
    let policy = VenueHealthPolicy(window: 10, minimumSamples: 5, degradedP99Nanos: 1_000, degradedErrorsPerMille: 200)

    @Test func connectAndDisconnectAreEvents() {
        var monitor = VenueHealthMonitor(venue: .deribit, policy: policy)
        let up = monitor.connected(at: UnixNanos(1))
        #expect(
            up == [
                .stateChanged(
                    venue: .deribit,
                    from: .disconnected,
                    to: .connected,
                    reason: .connected,
                    at: UnixNanos(1)
                )
            ]
        )
        monitor.requestSent(id: 1, at: UnixNanos(2))
        let down = monitor.disconnected(reason: "socket closed", at: UnixNanos(3))
        #expect(down.count == 1)
        #expect(monitor.state == .disconnected)
        #expect(monitor.inFlight == 0)
    }

    @Test func latencyPercentilesComeFromAcknowledgements() {
        var monitor = VenueHealthMonitor(venue: .okx, policy: policy)
        _ = monitor.connected(at: UnixNanos(0))
        for id in 1...10 {
            monitor.requestSent(id: Int64(id), at: UnixNanos(0))
            _ = monitor.acknowledged(id: Int64(id), at: UnixNanos(Int64(id) * 10))
        }
        let summary = monitor.summary(at: UnixNanos(100))
        #expect(summary.samples == 10)
        #expect(summary.p50Nanos == 50)
        #expect(summary.p99Nanos == 100)
        #expect(summary.maximumNanos == 100)
        #expect(summary.errors == 0)
        #expect(monitor.state == .connected)
    }

    @Test func slowAcknowledgementsDegradeAndRecover() {
        var monitor = VenueHealthMonitor(venue: .bybit, policy: policy)
        _ = monitor.connected(at: UnixNanos(0))
        var events: [VenueHealthEvent] = []
        for id in 1...5 {
            monitor.requestSent(id: Int64(id), at: UnixNanos(0))
            events += monitor.acknowledged(id: Int64(id), at: UnixNanos(5_000))
        }
        #expect(monitor.state == .degraded)
        #expect(
            events == [
                .stateChanged(
                    venue: .bybit,
                    from: .connected,
                    to: .degraded,
                    reason: .slowAcknowledgements(p99Nanos: 5_000, thresholdNanos: 1_000),
                    at: UnixNanos(5_000)
                )
            ]
        )
        for id in 6...15 {
            monitor.requestSent(id: Int64(id), at: UnixNanos(10_000))
            events += monitor.acknowledged(id: Int64(id), at: UnixNanos(10_010))
        }
        #expect(monitor.state == .connected)
        guard case .stateChanged(_, .degraded, .connected, .recovered, _) = events.last else {
            Issue.record("expected a recovery event, got \(String(describing: events.last))")
            return
        }
    }

    @Test func frequentErrorsDegrade() {
        var monitor = VenueHealthMonitor(venue: .binance, policy: policy)
        _ = monitor.connected(at: UnixNanos(0))
        for id in 1...4 {
            monitor.requestSent(id: Int64(id), at: UnixNanos(0))
            _ = monitor.acknowledged(id: Int64(id), at: UnixNanos(10))
        }
        let events = monitor.failed(id: nil, at: UnixNanos(20))
        #expect(events.count == 1)
        #expect(monitor.state == .degraded)
        #expect(monitor.summary(at: UnixNanos(20)).errors == 1)
    }
}
