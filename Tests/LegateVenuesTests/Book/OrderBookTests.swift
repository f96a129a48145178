// Proves the L2 book keeps sorted, exact levels: set/delete/replace, best prices, depth, crossing, grid conversion
// (exact or an error), and agreement with a naive dictionary model over seeded random update streams.
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct OrderBookTests {
    let grid = try! BookGrid(priceIncrement: decimal("0.0001"), quantityIncrement: decimal("0.1"))

    @Test func bestLevelsAreTheHighestBidAndLowestAsk() {
        var book = OrderBook(grid: grid, capacity: 8)
        book.set(.bid, ticks: 15, lots: 10)
        book.set(.bid, ticks: 25, lots: 3)
        book.set(.bid, ticks: 5, lots: 1)
        book.set(.ask, ticks: 40, lots: 2)
        book.set(.ask, ticks: 30, lots: 7)
        #expect(book.bestBid == TickLevel(ticks: 25, lots: 3))
        #expect(book.bestAsk == TickLevel(ticks: 30, lots: 7))
        #expect(book.level(.bid, at: 2) == TickLevel(ticks: 5, lots: 1))
        #expect(book.level(.bid, at: 3) == nil)
        #expect(book.depth(.ask) == 2)
        #expect(book.cumulativeLots(.bid, levels: 2) == 13)
        #expect(book.invariantViolation() == nil)
    }

    @Test func zeroSizeDeletesAndMissingDeleteIsNoOp() {
        var book = OrderBook(grid: grid)
        book.set(.ask, ticks: 30, lots: 7)
        let deletedMissing = book.delete(.ask, ticks: 31)
        let deleted = book.set(.ask, ticks: 30, lots: 0)
        let deletedNothing = book.set(.bid, ticks: 1, lots: 0)
        #expect(!deletedMissing && deleted && !deletedNothing)
        #expect(book.bestAsk == nil)
        #expect(book.depth(.bid) == 0)
    }

    @Test func changingASizeKeepsOneLevel() {
        var book = OrderBook(grid: grid)
        book.set(.bid, ticks: 10, lots: 1)
        book.set(.bid, ticks: 10, lots: 9)
        #expect(book.depth(.bid) == 1)
        #expect(book.lots(.bid, atTicks: 10) == 9)
    }

    @Test func crossedAndLockedBooksAreDetected() {
        var book = OrderBook(grid: grid)
        book.set(.bid, ticks: 10, lots: 1)
        book.set(.ask, ticks: 11, lots: 1)
        #expect(!book.isCrossed)
        book.set(.bid, ticks: 11, lots: 1)
        #expect(book.isCrossed)
        book.delete(.bid, ticks: 11)
        book.set(.ask, ticks: 9, lots: 1)
        #expect(book.isCrossed)
    }

    @Test func snapshotReplacesEverything() throws {
        var book = OrderBook(grid: grid)
        book.set(.bid, ticks: 99, lots: 1)
        book.replace(
            bids: [TickLevel(ticks: 10, lots: 1), TickLevel(ticks: 12, lots: 2), TickLevel(ticks: 11, lots: 0)],
            asks: [TickLevel(ticks: 20, lots: 5)]
        )
        #expect(book.depth(.bid) == 2)
        #expect(book.bestBid == TickLevel(ticks: 12, lots: 2))
        #expect(book.lots(.bid, atTicks: 99) == 0)
    }

    @Test func modelUpdatesTranslateExactly() throws {
        var book = OrderBook(grid: grid)
        let snapshot = BookUpdate(
            venue: .deribit,
            instrument: btcOption,
            kind: .snapshot,
            bids: [level("0.0015", "4714"), level("0.001", "861")],
            asks: [level("0.0025", "873"), level("0.003", "16.7")],
            sequence: BookSequence(first: 1, last: 1, previous: nil),
            at: UnixNanos(0)
        )
        try book.apply(snapshot)
        #expect(book.bestBid == TickLevel(ticks: 15, lots: 47_140))
        #expect(book.bestAskLevel == level("0.0025", "873"))
        #expect(book.levels(.ask) == [level("0.0025", "873"), level("0.003", "16.7")])
        let delta = BookUpdate(
            venue: .deribit,
            instrument: btcOption,
            kind: .delta,
            bids: [level("0.0015", "0")],
            asks: [level("0.002", "1")],
            sequence: BookSequence(first: 2, last: 2, previous: 1),
            at: UnixNanos(0)
        )
        try book.apply(delta)
        #expect(book.bestBidLevel == level("0.001", "861"))
        #expect(book.bestAskLevel == level("0.002", "1"))
        #expect(book.cumulativeQuantity(.ask, levels: 3) == quantity("890.7"))
    }

    @Test func offGridLevelsAreErrorsAndLeaveTheBookUnchanged() throws {
        var book = OrderBook(grid: grid)
        book.set(.bid, ticks: 10, lots: 10)
        let bad = BookUpdate(
            venue: .deribit,
            instrument: btcOption,
            kind: .snapshot,
            bids: [level("0.0015", "1")],
            asks: [level("0.00025", "1")],
            sequence: BookSequence(first: 1, last: 1, previous: nil),
            at: UnixNanos(0)
        )
        #expect(throws: BookError.offGrid(value: "0.00025", increment: "0.0001")) { try book.apply(bad) }
        #expect(book.bestBid == TickLevel(ticks: 10, lots: 10))
        #expect(throws: BookError.offGrid(value: "0.05", increment: "0.1")) { try grid.lots(quantity("0.05")) }
        #expect(throws: BookError.negativeQuantity("-1")) { try book.tickLevel(level("0.001", "-1")) }
    }

    @Test(arguments: [
        ("0.0005", "0.0001", 5), ("42500.0", "0.5", 85_000), ("42500.5", "0.5", 85_001), ("1e-4", "0.0001", 1),
        ("-0.0025", "0.0005", -5), ("92283.5", "0.5", 184_567),
    ])
    func gridConvertsPricesExactly(text: String, increment: String, ticks: Int64) throws {
        let grid = try BookGrid(priceIncrement: decimal(increment), quantityIncrement: 1)
        #expect(try grid.ticks(price(text)) == ticks)
        #expect(grid.price(ticks: ticks) == price(text))
    }

    @Test func gridRejectsOverflowAndNonPositiveIncrements() {
        let fine = try! BookGrid(priceIncrement: decimal("0.000000000000000001"), quantityIncrement: 1)
        #expect(fine.ticks(units: 100, scale: 0) == nil)
        #expect(throws: BookError.nonPositiveIncrement("0")) {
            try BookGrid(priceIncrement: 0, quantityIncrement: 1)
        }
    }

    @Test func gridFromPiecewiseTicksUsesTheFinestTick() throws {
        let schedule = try TickSchedule(
            base: decimal("0.0001"),
            steps: [TickSchedule.Step(abovePrice: decimal("0.005"), tick: decimal("0.0005"))]
        )
        let grid = try BookGrid(tickSize: schedule, lotSize: decimal("0.1"))
        #expect(grid.priceIncrement == decimal("0.0001"))
    }

    @Test(arguments: [1, 2, 3, 42, 1234])
    func randomUpdatesAgreeWithANaiveModel(seed: UInt64) {
        var generator = SplitMix64(state: seed)
        var book = OrderBook(grid: grid, capacity: 16)
        var model: [BookSide: [Int64: Int64]] = [.bid: [:], .ask: [:]]
        for _ in 0..<5_000 {
            let side: BookSide = generator.below(2) == 0 ? .bid : .ask
            let ticks = Int64(generator.below(200)) - 50
            let lots = generator.below(3) == 0 ? 0 : Int64(generator.below(1000))
            book.set(side, ticks: ticks, lots: lots)
            model[side]![ticks] = lots == 0 ? nil : lots
        }
        #expect(book.invariantViolation() == nil)
        let bids = model[.bid]!.sorted { $0.key > $1.key }.map { TickLevel(ticks: $0.key, lots: $0.value) }
        let asks = model[.ask]!.sorted { $0.key < $1.key }.map { TickLevel(ticks: $0.key, lots: $0.value) }
        #expect((0..<book.depth(.bid)).map { book.level(.bid, at: $0)! } == bids, "seed \(seed)")
        #expect((0..<book.depth(.ask)).map { book.level(.ask, at: $0)! } == asks, "seed \(seed)")
    }
}
