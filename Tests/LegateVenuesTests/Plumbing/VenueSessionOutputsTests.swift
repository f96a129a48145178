// Proves the shared session outputs: each stream carries what was published to it, in order; reports pass through the
// session's filter (a repeated fact is published once); finishing ends every stream; the protocol's stream accessors
// read the same streams; and the shared wire pieces (book levels, millisecond instants) read exactly.
import Foundation
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct VenueSessionOutputsTests {
    enum Event: Hashable, Sendable { case connected(Int) }

    /// Admits each order's acknowledgement once, like the venues' filters.
    struct OnceFilter: VenueReportAdmitting {
        var seen: Set<OrderID> = []
        mutating func admit(_ report: VenueReport) -> Bool {
            guard case .acknowledged(let orderID, _) = report else { return true }
            return seen.insert(orderID).inserted
        }
    }

    struct Session: VenueSessionStreaming {
        let outputs = VenueSessionOutputs<Event, String>()
        var sessionStreams: VenueSessionStreams<Event, String> { outputs.streams }
    }

    static func collect<Element>(_ stream: AsyncStream<Element>) async -> [Element] {
        var all: [Element] = []
        for await element in stream { all.append(element) }
        return all
    }

    @Test func everyStreamCarriesWhatWasPublishedAndEndsOnFinish() async throws {
        let session = Session()
        let outputs = session.outputs
        let orderID = try OrderID("o-1")
        let venueOrderID = try VenueOrderID("v-1")
        var filter = OnceFilter()
        let acknowledged = VenueReport.acknowledged(orderID: orderID, venueOrderID: venueOrderID)
        let health = VenueHealthEvent.stateChanged(
            venue: .okx,
            from: .disconnected,
            to: .connected,
            reason: .connected,
            at: UnixNanos(5)
        )
        outputs.publish([acknowledged, acknowledged, .expired(orderID: orderID)], through: &filter)
        outputs.publish([acknowledged], through: &filter)
        outputs.publish([health])
        outputs.emit(.connected(1))
        outputs.emit(.connected(2))
        outputs.announce("connecting")
        outputs.finish()
        // Published after the end: dropped, not delivered.
        outputs.emit(.connected(3))

        #expect(await Self.collect(session.reports) == [acknowledged, .expired(orderID: orderID)])
        #expect(await Self.collect(session.health) == [health])
        #expect(await Self.collect(session.events) == [.connected(1), .connected(2)])
        #expect(await Self.collect(session.sessionStreams.states) == ["connecting"])
        #expect(await Self.collect(session.marketData).isEmpty)
    }

    @Test func bookLevelsReadExactlyAndRefuseOtherShapes() throws {
        let levels = try JSONDecoder().decode([WireBookLevel].self, from: Data(#"[["7100.50","0.001"],["1",2]]"#.utf8))
        #expect(levels[0].price.price == Price(try FixedDecimal(parsing: "7100.50")))
        #expect(levels[0].quantity.quantity == Quantity(try FixedDecimal(parsing: "0.001")))
        #expect(levels[1].quantity.value == 2)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([WireBookLevel].self, from: Data(#"[["1","2","3"]]"#.utf8))
        }
    }

    @Test func millisecondsBecomeInstantsUntilNanosecondsOverflow() {
        #expect(WireMillis(1_672_282_722_429).instant == UnixNanos(1_672_282_722_429_000_000))
        #expect(WireMillis.instant(millis: Int64.max / 1_000_000 + 1) == nil)
        #expect(WireMillis.instant(millis: -1) == UnixNanos(-1_000_000))
    }
}

@Suite struct VenueClockSyncTests {
    @Test func isDueFirstThenEveryIntervalAndNeverWhenOff() {
        var sync = VenueClockSync(intervalNanos: 1_000)
        #expect(sync.isDue(at: UnixNanos(0)))
        sync.attempted(at: UnixNanos(10))
        #expect(!sync.isDue(at: UnixNanos(1_009)) && sync.isDue(at: UnixNanos(1_010)))
        #expect(!VenueClockSync(intervalNanos: nil).isDue(at: UnixNanos(0)))
    }

    @Test func venueTimeIsOursUntilASampleThenCorrectedByTheOffset() {
        var sync = VenueClockSync(intervalNanos: 1_000)
        #expect(sync.venueTime(atLocal: UnixNanos(500)) == UnixNanos(500))
        // Sent at 100, answered at 300; the venue stamped 5_000_200: its clock runs 5_000_000 ahead.
        let recorded = sync.record(sentAt: UnixNanos(100), venueTime: UnixNanos(5_000_200), receivedAt: UnixNanos(300))
        #expect(recorded)
        #expect(sync.venueTime(atLocal: UnixNanos(1_000)) == UnixNanos(5_001_000))
        // An answer received before it was sent is refused and changes nothing.
        let refused = !sync.record(sentAt: UnixNanos(400), venueTime: UnixNanos(0), receivedAt: UnixNanos(300))
        #expect(refused)
        #expect(sync.tracker.offsetNanos == 5_000_000)
    }
}

@Suite struct VenueReportFilterTests {
    static let order = OrderID(known: "O-1")
    static let ack = VenueReport.acknowledged(orderID: order, venueOrderID: VenueOrderID(known: "1"))

    static func fill(_ id: String) -> VenueReport {
        .fill(VenueFill(venue: .binance, tradeID: id, orderID: order, quantity: Quantity(1), price: Price(1)))
    }

    @Test func eachFactPassesOnceAndAnswersToOurEditsAlways() {
        var filter = VenueReportFilter(capacity: 2)
        let sequence: [VenueReport] = [
            Self.ack, Self.ack, .amended(orderID: Self.order), .amended(orderID: Self.order), Self.fill("t1"),
            Self.fill("t1"), .expired(orderID: Self.order), .cancelled(orderID: Self.order, reason: "again"),
            .amendRejected(orderID: Self.order, reason: "r"), .cancelRejected(orderID: Self.order, reason: "r"),
            // Bounded: two more trades push t1 out, so it would pass again.
            Self.fill("t2"), Self.fill("t3"), Self.fill("t1"),
        ]
        let admitted = sequence.map { filter.admit($0) }
        #expect(admitted == [true, false, true, true, true, false, true, false, true, true, true, true, true])
    }

    @Test func anOrderOverIsNotAcknowledgedAfterTheFactWhenTheVenueRacesThem() {
        var racing = VenueReportFilter(acknowledgesAfterEnd: false)
        var plain = VenueReportFilter()
        let cancelled = VenueReport.cancelled(orderID: Self.order, reason: "canceled")
        #expect([cancelled, Self.ack].map { racing.admit($0) } == [true, false])
        #expect([cancelled, Self.ack].map { plain.admit($0) } == [true, true])
    }
}
