import Foundation
import LegateCore
import LegateEngine
import LegateModel
import Synchronization

/// The venue thread: answers the venue commands the service released, as an exchange would (acknowledge, then
/// maybe fill in full or in part; confirm or refuse cancels and amends; now and then reject an order), and after a
/// restart reports every order recovery listed for reconciliation as cancelled on disconnect.
struct VenueDesk {
    let harness: Harness
    /// Trade ids are `t<generation>-<n>`: unique across runs, as a venue's are.
    let tradePrefix: String
    var generator: SplitMix64
    var trades = 0
    static let fillPrice = Price(FixedDecimal(units: 125, scale: 4))

    init(harness: Harness, generation: UInt64, seed: UInt64) {
        self.harness = harness
        self.tradePrefix = "t\(generation)"
        self.generator = SplitMix64(state: seed)
    }

    mutating func run(reconciling orders: [OrderID]) {
        for orderID in orders {
            harness.submit(
                .venueReport(.cancelled(orderID: orderID, reason: "cancelled on disconnect")),
                what: "reconcile"
            )
        }
        while !harness.stopping.load(ordering: .relaxed) {
            let commands = harness.venueInbox.withLock { inbox in
                defer { inbox.removeAll(keepingCapacity: true) }
                return inbox
            }
            if commands.isEmpty {
                usleep(500)
                continue
            }
            for command in commands {
                for report in reports(for: command) { harness.submit(.venueReport(report), what: "venue report") }
            }
        }
    }

    mutating func nextTrade() -> String {
        trades += 1
        return "\(tradePrefix)-\(trades)"
    }

    mutating func fill(_ orderID: OrderID?, _ quantity: Quantity) -> VenueReport {
        .fill(
            VenueFill(
                venue: .deribit,
                tradeID: nextTrade(),
                orderID: orderID,
                quantity: quantity,
                price: Self.fillPrice
            )
        )
    }

    mutating func reports(for command: VenueCommand) -> [VenueReport] {
        let roll = Int.random(in: 0..<100, using: &generator)
        switch command {
        case .place(let orderID, let request):
            if roll < 4 { return [.rejected(orderID: orderID, reason: "post-only order would cross")] }
            var reports: [VenueReport] = [
                .acknowledged(orderID: orderID, venueOrderID: VenueOrderID(known: "V\(orderID.rawValue)"))
            ]
            if roll < 45 {
                reports.append(fill(orderID, request.quantity))
            } else if roll < 70 && request.quantity > 1 {
                reports.append(fill(orderID, 1))
            } else if roll == 70 {
                // A fill nobody placed: the engine must quarantine it, not drop it.
                reports.append(fill(OrderID(known: "O9999999999"), 1))
            }
            return reports
        case .cancel(let orderID, _, _):
            return [
                roll < 90
                    ? .cancelled(orderID: orderID, reason: "cancelled by user")
                    : .cancelRejected(orderID: orderID, reason: "too late to cancel")
            ]
        case .amend(let orderID, _, _, _, _):
            return [
                roll < 85 ? .amended(orderID: orderID) : .amendRejected(orderID: orderID, reason: "price out of band")
            ]
        }
    }
}

/// The timer thread: a tick every 100 ms ends good-till-date orders whose time has come.
struct Ticker {
    let harness: Harness

    func run() {
        while !harness.stopping.load(ordering: .relaxed) {
            usleep(100_000)
            harness.submit(.timer, what: "timer")
        }
    }
}
