import Foundation
import LegateCore
import LegateEngine
import LegateModel
import LegateRuntime
import Synchronization

/// One client thread: places orders as fast as the queue takes them, and now and then cancels, amends, releases or
/// (as the risk manager) approves one of the desk's orders, moves a limit, or posts a mark.
struct Producer {
    let harness: Harness
    /// Client order ids start with it: `g<generation>-p<producer>-<n>`. The generation is the journal's last
    /// sequence at recovery, so ids never collide with an earlier run's (a run that committed nothing left none).
    let prefix: String
    var generator: SplitMix64
    var number = 0

    init(harness: Harness, generation: UInt64, producer: Int, seed: UInt64) {
        self.harness = harness
        self.prefix = "g\(generation)-p\(producer)"
        self.generator = SplitMix64(state: seed)
    }

    mutating func run() {
        while !harness.stopping.load(ordering: .relaxed) {
            let roll = Int.random(in: 0..<100, using: &generator)
            let done: Bool
            switch roll {
            case 0..<8: done = cancelOne()
            case 8..<15: done = amendOne()
            case 15..<19: done = approveOne()
            case 19..<21: done = releaseOne()
            case 21..<22: done = moveLimit()
            case 22..<23: done = postMark()
            default: done = false
            }
            if !done { _ = placeOne() }
        }
    }

    mutating func nextCorrelationID() -> String {
        number += 1
        return "\(prefix)-\(number)"
    }

    mutating func placeOne() -> Bool {
        let clientID = ClientOrderID(known: nextCorrelationID())
        let roll = Int.random(in: 0..<100, using: &generator)
        // A few good-till-date orders for the timer to end.
        let timeInForce: TimeInForce =
            roll < 3 ? .goodTillDate(WallClock.now() + 2_000_000_000) : .goodTillCancelled
        let request = OrderRequest(
            clientOrderID: clientID,
            account: Desk.account,
            venue: .deribit,
            instrument: Desk.instruments[Int.random(in: 0..<Desk.instruments.count, using: &generator)],
            side: Bool.random(using: &generator) ? .buy : .sell,
            // Up to 24: above 20 the hard quantity limit refuses it, large ones need approval.
            quantity: Quantity(FixedDecimal(Int64.random(in: 1...24, using: &generator))),
            kind: .limit(LimitPrice(FixedDecimal(units: Int64.random(in: 100...150, using: &generator), scale: 4))),
            timeInForce: timeInForce
        )
        return harness.place(request, stage: roll >= 95)
    }

    mutating func pick(_ list: [OrderID]) -> OrderID? {
        list.isEmpty ? nil : list[Int.random(in: 0..<list.count, using: &generator)]
    }

    mutating func cancelOne() -> Bool {
        guard let orderID = pick(harness.book.withLock { $0.recent }) else { return false }
        return harness.submit(Desk.command(nextCorrelationID(), by: Desk.trader, .cancel(orderID)), what: "cancel")
    }

    mutating func amendOne() -> Bool {
        guard let orderID = pick(harness.book.withLock { $0.recent }) else { return false }
        let quantity = Quantity(FixedDecimal(Int64.random(in: 1...22, using: &generator)))
        let amend = Command.amend(orderID, quantity: quantity, kind: nil)
        return harness.submit(Desk.command(nextCorrelationID(), by: Desk.trader, amend), what: "amend")
    }

    mutating func approveOne() -> Bool {
        let orderID = harness.book.withLock { $0.awaitingApproval.popLast() }
        guard let orderID else { return false }
        let command: Command =
            Int.random(in: 0..<5, using: &generator) == 0 ? .deny(orderID, reason: "too large") : .approve(orderID)
        return harness.submit(Desk.command(nextCorrelationID(), by: Desk.riskManager, command), what: "approval")
    }

    mutating func releaseOne() -> Bool {
        let orderID = harness.book.withLock { $0.staged.popLast() }
        guard let orderID else { return false }
        return harness.submit(Desk.command(nextCorrelationID(), by: Desk.trader, .release(orderID)), what: "release")
    }

    /// Moves the hard quantity limit between 18 and 22 (every change is audited).
    mutating func moveLimit() -> Bool {
        let limit = Limit(
            measure: .orderQuantity,
            scope: .account(Desk.account),
            threshold: FixedDecimal(Int64.random(in: 18...22, using: &generator)),
            severity: .hard
        )
        let command = Command.setLimit(limit.key, limit: limit)
        return harness.submit(Desk.command(nextCorrelationID(), by: Desk.riskManager, command), what: "limit")
    }

    mutating func postMark() -> Bool {
        let instrument = Desk.instruments[Int.random(in: 0..<Desk.instruments.count, using: &generator)]
        let price = Price(FixedDecimal(units: Int64.random(in: 100...150, using: &generator), scale: 4))
        return harness.submit(.mark(instrument: instrument, price: price), what: "mark")
    }
}
