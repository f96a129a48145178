// Proves the matching engine's rules on books the tests build themselves (no market makers): price then time
// priority, partial fills, IOC/FOK/GTC/GTD, protected market orders, amend priority, cancel, and the venue's
// rejects (ticks incl. Deribit's piecewise option ticks, lots and minimums, post-only, price band, margin, rate
// limit, reduce-only).
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct MatchingTests {
    static let call = Fixtures.option(50_000, .call)
    static func at(_ seconds: Int64) -> UnixNanos { Fixtures.start + seconds * Fixtures.second }

    /// Sends commands one second apart and returns all outputs.
    static func send(_ venue: inout SimulatedVenue, _ commands: [VenueCommand], from second: Int64 = 1) -> [TimedOutput]
    {
        var outputs: [TimedOutput] = []
        for (offset, command) in commands.enumerated() {
            outputs += venue.handle(command, at: at(second + Int64(offset)))
        }
        return outputs
    }

    static func sell(_ id: String, _ account: AccountID, _ size: String, _ price: String) -> VenueCommand {
        Fixtures.order(id, account, call, .sell, size, at: price)
    }

    static func makers(_ outputs: [TimedOutput]) -> [String] {
        Fixtures.fills(outputs).filter { $0.liquidity == .maker }.map { "\($0.orderID!)=\($0.quantity)@\($0.price)" }
    }

    @Test func betterPriceFirstThenEarlierOrder() {
        var venue = Fixtures.venue()
        _ = Self.send(
            &venue,
            [
                Self.sell("A1", Fixtures.alice, "1", "0.0110"), Self.sell("B1", Fixtures.bob, "1", "0.0110"),
                Self.sell("A2", Fixtures.alice, "1", "0.0105"),
            ]
        )
        let outputs = venue.handle(
            Fixtures.order("T", Fixtures.bob, Self.call, .buy, "2.5", at: "0.0110", timeInForce: .immediateOrCancel),
            at: Self.at(10)
        )
        #expect(Self.makers(outputs) == ["A2=1.0@0.0105", "A1=1.0@0.0110", "B1=0.5@0.0110"])
        let taker = Fixtures.fills(outputs).filter { $0.liquidity == .taker }
        #expect(taker.map(\.quantity) == [1, 1, Fixtures.quantity("0.5")])
        #expect(
            venue.bookLevels(Self.call, side: .ask) == [
                BookLevel(price: Fixtures.price("0.0110"), quantity: Fixtures.quantity("0.5"))
            ]
        )
    }

    @Test func partialFillRestsTheRemainder() {
        var venue = Fixtures.venue()
        let outputs = Self.send(
            &venue,
            [
                Self.sell("A", Fixtures.alice, "0.5", "0.0110"),
                Fixtures.order("B", Fixtures.bob, Self.call, .buy, "2", at: "0.0110"),
            ]
        )
        let fills = Fixtures.fills(outputs)
        #expect(fills.map(\.quantity) == [Fixtures.quantity("0.5"), Fixtures.quantity("0.5")])
        #expect(
            venue.bestLevel(Self.call, side: .bid)
                == BookLevel(price: Fixtures.price("0.0110"), quantity: Fixtures.quantity("1.5"))
        )
        #expect(venue.bookLevels(Self.call, side: .ask).isEmpty)
        #expect(venue.position(Fixtures.bob, in: Self.call) == Fixtures.quantity("0.5"))
        #expect(venue.position(Fixtures.alice, in: Self.call) == Fixtures.quantity("-0.5"))
    }

    @Test func fillOrKillFillsAllOrNothing() {
        var venue = Fixtures.venue()
        _ = Self.send(&venue, [Self.sell("A", Fixtures.alice, "1", "0.0110")])
        let killed = venue.handle(
            Fixtures.order("K", Fixtures.bob, Self.call, .buy, "1.5", at: "0.0110", timeInForce: .fillOrKill),
            at: Self.at(5)
        )
        #expect(Fixtures.fills(killed).isEmpty)
        #expect(
            Fixtures.reports(killed).contains {
                if case .cancelled(let id, _) = $0 { id.rawValue == "K" } else { false }
            }
        )
        #expect(venue.bestLevel(Self.call, side: .ask)?.quantity == 1)
        let filled = venue.handle(
            Fixtures.order("F", Fixtures.bob, Self.call, .buy, "1", at: "0.0110", timeInForce: .fillOrKill),
            at: Self.at(6)
        )
        #expect(Fixtures.fills(filled).filter { $0.liquidity == .taker }.map(\.quantity) == [1])
        #expect(venue.bookLevels(Self.call, side: .ask).isEmpty)
    }

    @Test func immediateOrCancelCancelsTheRemainder() {
        var venue = Fixtures.venue()
        let outputs = Self.send(
            &venue,
            [
                Self.sell("A", Fixtures.alice, "0.3", "0.0110"),
                Fixtures.order("I", Fixtures.bob, Self.call, .buy, "1", at: "0.0115", timeInForce: .immediateOrCancel),
            ]
        )
        #expect(Fixtures.fills(outputs).filter { $0.liquidity == .taker }.map(\.price) == [Fixtures.price("0.0110")])
        #expect(Fixtures.reports(outputs).last.map { if case .cancelled = $0 { true } else { false } } == true)
        #expect(venue.bookLevels(Self.call, side: .bid).isEmpty)
    }

    @Test func protectedMarketOrderStopsAtItsProtection() {
        var venue = Fixtures.venue()
        _ = Self.send(
            &venue,
            [Self.sell("A", Fixtures.alice, "1", "0.0110"), Self.sell("B", Fixtures.alice, "1", "0.0150")]
        )
        let market = VenueCommand.place(
            orderID: OrderID(known: "M"),
            request: OrderRequest(
                clientOrderID: ClientOrderID(known: "M"),
                account: Fixtures.bob,
                venue: .deribit,
                instrument: Self.call,
                side: .buy,
                quantity: 2,
                kind: .market(protection: Fixtures.price("0.0120"))
            )
        )
        let outputs = venue.handle(market, at: Self.at(5))
        #expect(Fixtures.fills(outputs).filter { $0.liquidity == .taker }.map(\.quantity) == [1])
        #expect(venue.bestLevel(Self.call, side: .ask)?.price == Fixtures.price("0.0150"))
    }

    @Test func postOnlyThatWouldCrossIsRejected() {
        var venue = Fixtures.venue()
        let postOnly = ExecutionFlags(postOnly: true)
        let outputs = Self.send(
            &venue,
            [
                Self.sell("A", Fixtures.alice, "1", "0.0110"),
                Fixtures.order("P", Fixtures.bob, Self.call, .buy, "1", at: "0.0110", flags: postOnly),
                Fixtures.order("Q", Fixtures.bob, Self.call, .buy, "1", at: "0.0105", flags: postOnly),
            ]
        )
        #expect(Fixtures.rejection(outputs)?.contains("post_only_reject") == true)
        #expect(Fixtures.fills(outputs).isEmpty)
        #expect(venue.bestLevel(Self.call, side: .bid)?.price == Fixtures.price("0.0105"))
    }

    @Test func amendKeepsPriorityOnlyWhenItShrinks() {
        var venue = Fixtures.venue()
        _ = Self.send(
            &venue,
            [
                Self.sell("A", Fixtures.alice, "1", "0.0110"), Self.sell("B", Fixtures.alice, "1", "0.0110"),
                Self.sell("C", Fixtures.alice, "1", "0.0110"),
                .amend(
                    orderID: OrderID(known: "A"),
                    venue: .deribit,
                    venueOrderID: nil,
                    quantity: Fixtures.quantity("0.5"),
                    kind: .limit(LimitPrice(Fixtures.decimal("0.0110")))
                ),
                .amend(
                    orderID: OrderID(known: "B"),
                    venue: .deribit,
                    venueOrderID: nil,
                    quantity: 2,
                    kind: .limit(LimitPrice(Fixtures.decimal("0.0110")))
                ),
            ]
        )
        let outputs = venue.handle(
            Fixtures.order("T", Fixtures.bob, Self.call, .buy, "2", at: "0.0110", timeInForce: .immediateOrCancel),
            at: Self.at(10)
        )
        // A shrank in place; B grew and went behind C.
        #expect(Self.makers(outputs) == ["A=0.5@0.0110", "C=1.0@0.0110", "B=0.5@0.0110"])
    }

    @Test func amendToANewPriceLosesPriorityAndCanTrade() {
        var venue = Fixtures.venue()
        _ = Self.send(
            &venue,
            [
                Self.sell("A", Fixtures.alice, "1", "0.0110"), Self.sell("B", Fixtures.alice, "1", "0.0115"),
                Fixtures.order("Bid", Fixtures.bob, Self.call, .buy, "0.5", at: "0.0105"),
            ]
        )
        let moved = venue.handle(
            .amend(
                orderID: OrderID(known: "B"),
                venue: .deribit,
                venueOrderID: nil,
                quantity: 1,
                kind: .limit(LimitPrice(Fixtures.decimal("0.0105")))
            ),
            at: Self.at(10)
        )
        // B's new price crosses the resting bid: it trades as a taker, then rests ahead of A at the better price.
        #expect(Fixtures.reports(moved).first == .amended(orderID: OrderID(known: "B")))
        #expect(Fixtures.fills(moved).filter { $0.liquidity == .taker }.map(\.orderID) == [OrderID(known: "B")])
        #expect(
            venue.bestLevel(Self.call, side: .ask)
                == BookLevel(price: Fixtures.price("0.0105"), quantity: Fixtures.quantity("0.5"))
        )
    }

    @Test func cancelRemovesTheOrderOnce() {
        var venue = Fixtures.venue()
        _ = Self.send(&venue, [Self.sell("A", Fixtures.alice, "1", "0.0110")])
        let cancel = VenueCommand.cancel(orderID: OrderID(known: "A"), venue: .deribit, venueOrderID: nil)
        let first = venue.handle(cancel, at: Self.at(5))
        let second = venue.handle(cancel, at: Self.at(6))
        #expect(
            Fixtures.reports(first) == [.cancelled(orderID: OrderID(known: "A"), reason: "cancelled by the client")]
        )
        #expect(Fixtures.reports(second).first.map { if case .cancelRejected = $0 { true } else { false } } == true)
        #expect(venue.bookLevels(Self.call, side: .ask).isEmpty)
    }

    @Test func goodTillDateExpires() {
        var venue = Fixtures.venue()
        _ = Self.send(
            &venue,
            [
                Fixtures.order(
                    "G",
                    Fixtures.alice,
                    Self.call,
                    .sell,
                    "1",
                    at: "0.0110",
                    timeInForce: .goodTillDate(Self.at(10))
                )
            ]
        )
        #expect(Fixtures.reports(venue.advance(to: Self.at(9))).isEmpty)
        #expect(Fixtures.reports(venue.advance(to: Self.at(11))) == [.expired(orderID: OrderID(known: "G"))])
        #expect(venue.bookLevels(Self.call, side: .ask).isEmpty)
    }

    @Test(arguments: [
        ("0.0049", true), ("0.0050", true), ("0.0055", true), ("0.0052", false), ("0.00495", false), ("0.0001", true),
    ])
    func optionPricesFollowThePiecewiseTick(price: String, accepted: Bool) {
        var venue = Fixtures.venue()
        let outputs = venue.handle(Self.sell("X", Fixtures.alice, "1", price), at: Self.at(1))
        let rejection = Fixtures.rejection(outputs)
        #expect((rejection == nil) == accepted, "\(price): \(rejection ?? "accepted")")
        if !accepted { #expect(rejection?.contains("tick") == true) }
    }

    @Test(arguments: [("50000.5", true), ("50000.25", false), ("50001", true)])
    func perpetualPricesFollowItsTick(price: String, accepted: Bool) {
        var venue = Fixtures.venue()
        let order = Fixtures.order("X", Fixtures.alice, Fixtures.perpetual, .buy, "100", at: price)
        #expect((Fixtures.rejection(venue.handle(order, at: Self.at(1))) == nil) == accepted)
    }

    @Test(arguments: [("0.05", false), ("0.15", false), ("0.3", true), ("0.1", true)])
    func sizesFollowLotAndMinimum(size: String, accepted: Bool) {
        var venue = Fixtures.venue()
        let outputs = venue.handle(Self.sell("X", Fixtures.alice, size, "0.0110"), at: Self.at(1))
        #expect((Fixtures.rejection(outputs) == nil) == accepted)
    }

    @Test func priceOutsideTheBandIsRejected() {
        var venue = Fixtures.venue()
        let outputs = venue.handle(Self.sell("X", Fixtures.alice, "1", "0.5000"), at: Self.at(1))
        #expect(Fixtures.rejection(outputs)?.contains("outside the band") == true)
    }

    @Test func shortOptionBeyondCollateralIsRejected() {
        var venue = Fixtures.venue(accounts: Fixtures.accounts(collateral: "0.05"))
        // Short call margin ≈ (0.15 + mark) BTC per BTC: 1 BTC needs ~0.16 BTC, 0.1 BTC ~0.016 BTC.
        let big = venue.handle(Self.sell("X", Fixtures.alice, "1", "0.0110"), at: Self.at(1))
        #expect(Fixtures.rejection(big)?.contains("not_enough_funds") == true)
        let small = venue.handle(Self.sell("Y", Fixtures.alice, "0.1", "0.0110"), at: Self.at(2))
        #expect(Fixtures.rejection(small) == nil)
    }

    @Test func orderEntryBeyondTheRateLimitIsRejected() {
        var configuration = Fixtures.deribit()
        configuration.rateLimit = RateLimitConfiguration(burst: 2, refillPerSecond: 1)
        var venue = Fixtures.venue(configuration)
        let orders = (0..<3).map { Self.sell("R\($0)", Fixtures.alice, "0.1", "0.0110") }
        let burst = orders.flatMap { venue.handle($0, at: Self.at(1)) }
        #expect(Fixtures.reports(burst).filter { if case .rejected = $0 { true } else { false } }.count == 1)
        #expect(Fixtures.rejection(burst)?.contains("10028") == true)
        // A second later the bucket has a token again.
        #expect(
            Fixtures.rejection(venue.handle(Self.sell("R3", Fixtures.alice, "0.1", "0.0110"), at: Self.at(2))) == nil
        )
    }

    @Test func reduceOnlyMayNotGrowOrFlip() {
        var venue = Fixtures.venue()
        let reduce = ExecutionFlags(reduceOnly: true)
        let none = venue.handle(
            Fixtures.order("R1", Fixtures.bob, Self.call, .sell, "1", at: "0.0110", flags: reduce),
            at: Self.at(1)
        )
        #expect(Fixtures.rejection(none)?.contains("reduce-only") == true)
        _ = Self.send(
            &venue,
            [
                Self.sell("A", Fixtures.alice, "1", "0.0110"),
                Fixtures.order("B", Fixtures.bob, Self.call, .buy, "1", at: "0.0110"),
            ],
            from: 2
        )
        let flip = venue.handle(
            Fixtures.order("R2", Fixtures.bob, Self.call, .sell, "2", at: "0.0110", flags: reduce),
            at: Self.at(5)
        )
        #expect(Fixtures.rejection(flip) != nil)
        let ok = venue.handle(
            Fixtures.order("R3", Fixtures.bob, Self.call, .sell, "1", at: "0.0110", flags: reduce),
            at: Self.at(6)
        )
        #expect(Fixtures.rejection(ok) == nil)
    }

    @Test func marketMakersQuoteAroundTheoreticalValue() {
        var configuration = Fixtures.deribit()
        configuration.option.marketMaker = MarketMakerConfiguration(
            halfSpreadFraction: 0.02,
            minimumHalfSpreadTicks: 1,
            levels: 5,
            levelSpacingTicks: 2,
            medianSize: 5,
            sizeSigma: 0.5,
            refreshSeconds: 5,
            requoteThresholdTicks: 0.5
        )
        let venue = Fixtures.venue(configuration)
        let theo = venue.theoreticalValue(of: Self.call)!
        let bids = venue.bookLevels(Self.call, side: .bid)
        let asks = venue.bookLevels(Self.call, side: .ask)
        #expect(bids.count == 5 && asks.count == 5)
        #expect(bids[0].price.doubleValue < theo && theo < asks[0].price.doubleValue)
        #expect(
            bids.allSatisfy {
                $0.quantity.decimal.isMultiple(of: Fixtures.decimal("0.1")) && $0.quantity >= Fixtures.quantity("0.1")
            }
        )
        #expect(zip(asks, asks.dropFirst()).allSatisfy { $0.price < $1.price })
    }
}
