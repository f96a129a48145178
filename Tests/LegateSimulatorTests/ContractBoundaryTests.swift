// Proves the simulated venue's size boundary: a venue that sizes in contracts (OKX: an option contract is 0.01 BTC,
// an inverse swap contract 100 USD — venues.md §2.1) matches in contracts but takes and reports canonical sizes
// (BTC for options, USD for inverse perpetuals): orders, amends, fills, trade prints, books, positions, specs and
// settlement. A size that is not a whole number of lots is refused with the size, the lot and the contract value,
// never rounded. Fees and settlement cash count the contract value once.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct ContractBoundaryTests {
    static func at(_ seconds: Int64) -> UnixNanos { Fixtures.start + seconds * Fixtures.second }
    static let call = Fixtures.option(40_000, .call)

    /// OKX's contract terms on the test venue: options of 0.01 BTC (lot and minimum 1 contract, 0.03% taker fee, no
    /// premium cap), the inverse perpetual of 100 USD (lot and minimum 1 contract, 0.05% taker fee).
    static func okx() -> VenueConfiguration {
        var configuration = Fixtures.deribit()
        configuration.venue = .okx
        configuration.option = Fixtures.product(
            tick: try! .uniform(Fixtures.decimal("0.0001")),
            lot: "1",
            minimum: "1",
            multiplier: "0.01",
            unit: .btc,
            maker: "0.0002",
            taker: "0.0003",
            cap: nil
        )
        configuration.perpetual = Fixtures.product(
            tick: try! .uniform(Fixtures.decimal("0.1")),
            lot: "1",
            minimum: "1",
            multiplier: "100",
            unit: .usd,
            maker: "0.0002",
            taker: "0.0005",
            cap: nil,
            band: 0.05,
            width: 0
        )
        configuration.combo = nil
        return configuration
    }

    static func order(
        _ id: String,
        _ account: AccountID,
        _ instrument: Instrument,
        _ side: OrderSide,
        _ size: String,
        at limit: String,
        timeInForce: TimeInForce = .goodTillCancelled
    ) -> VenueCommand {
        Fixtures.order(id, account, instrument, side, size, at: limit, timeInForce: timeInForce, venue: .okx)
    }

    @Test func listedSpecsAreCanonical() throws {
        let venue = Fixtures.venue(Self.okx())
        let option = try #require(venue.spec(for: Self.call))
        #expect(option.contractMultiplier == Fixtures.decimal("0.01") && option.contractUnit == .btc)
        #expect(option.lotSize == Fixtures.quantity("0.01") && option.minimumSize == Fixtures.quantity("0.01"))
        let perpetual = try #require(venue.spec(for: Fixtures.perpetual))
        #expect(perpetual.lotSize == 100 && perpetual.minimumSize == 100 && perpetual.contractUnit == .usd)
    }

    @Test func halfABitcoinIsFiftyContractsAndFillsAsHalfABitcoin() throws {
        var venue = Fixtures.venue(Self.okx())
        _ = venue.handle(Self.order("S", Fixtures.bob, Self.call, .sell, "0.5", at: "0.2010"), at: Self.at(1))
        #expect(venue.bookLevels(Self.call, side: .ask).map(\.quantity) == [Fixtures.quantity("0.5")])
        let outputs = venue.handle(
            Self.order("B", Fixtures.alice, Self.call, .buy, "0.5", at: "0.2010"),
            at: Self.at(2)
        )
        let fills = Fixtures.fills(outputs)
        #expect(fills.count == 2)
        #expect(fills.allSatisfy { $0.quantity == Fixtures.quantity("0.5") && $0.price == Fixtures.price("0.2010") })
        let prints = outputs.compactMap { if case .marketData(.trade(let trade)) = $0.output { trade } else { nil } }
        #expect(prints.map(\.quantity) == [Fixtures.quantity("0.5")])
        #expect(venue.positionContracts(Fixtures.alice, in: Self.call) == 50)
        #expect(venue.positionContracts(Fixtures.bob, in: Self.call) == -50)
        #expect(venue.position(Fixtures.alice, in: Self.call) == Fixtures.quantity("0.5"))
        #expect(venue.position(Fixtures.bob, in: Self.call) == Fixtures.quantity("-0.5"))
        // The fee counts the contract value once: 0.03% of 0.5 BTC = 0.00015 BTC for the taker, 0.02% for the maker.
        let taker = try #require(fills.first { $0.liquidity == .taker })
        #expect(taker.fee == Money(Fixtures.decimal("0.00015"), .btc))
        // Premium 0.5 × 0.2010 = 0.1005 BTC; alice pays it and the fee out of 100 BTC.
        #expect(venue.collateral(Fixtures.alice)?.amount == Fixtures.decimal("99.89935"))
    }

    @Test func aSizeOffTheLotIsRefusedWithSizeLotAndContractValue() {
        var venue = Fixtures.venue(Self.okx())
        let outputs = venue.handle(
            Self.order("X", Fixtures.alice, Self.call, .buy, "0.015", at: "0.2010"),
            at: Self.at(1)
        )
        let reason = Fixtures.rejection(outputs) ?? ""
        #expect(reason.contains("0.015 BTC"), "\(reason)")
        #expect(reason.contains("lots of 0.01 BTC") && reason.contains("one contract is 0.01 BTC"), "\(reason)")
        let below = venue.handle(
            Self.order("Y", Fixtures.alice, Self.call, .buy, "0.005", at: "0.2010"),
            at: Self.at(2)
        )
        #expect(Fixtures.rejection(below)?.contains("below the minimum 0.01 BTC") == true)
        #expect(venue.openOrderCount(Fixtures.alice) == 0)
    }

    @Test func anInversePerpetualOrderInUSDConvertsByTheContractValue() throws {
        var venue = Fixtures.venue(Self.okx())
        _ = venue.handle(
            Self.order("S", Fixtures.bob, Fixtures.perpetual, .sell, "2500", at: "50000.0"),
            at: Self.at(1)
        )
        let outputs = venue.handle(
            Self.order("B", Fixtures.alice, Fixtures.perpetual, .buy, "2500", at: "50000.0"),
            at: Self.at(2)
        )
        let fills = Fixtures.fills(outputs)
        #expect(fills.map(\.quantity) == [2500, 2500])
        #expect(venue.positionContracts(Fixtures.alice, in: Fixtures.perpetual) == 25)
        #expect(venue.position(Fixtures.alice, in: Fixtures.perpetual) == 2500)
        // Taker fee 0.05% of 2,500 USD at 50,000 = 0.000025 BTC.
        let taker = try #require(fills.first { $0.liquidity == .taker })
        #expect(taker.fee == Money(Fixtures.decimal("0.000025"), .btc))
        let refused = venue.handle(
            Self.order("X", Fixtures.alice, Fixtures.perpetual, .buy, "150", at: "50000.0"),
            at: Self.at(3)
        )
        let reason = Fixtures.rejection(refused) ?? ""
        #expect(reason.contains("150 USD") && reason.contains("lots of 100 USD"), "\(reason)")
        #expect(reason.contains("one contract is 100 USD"), "\(reason)")
    }

    @Test func anAmendTakesACanonicalSize() {
        var venue = Fixtures.venue(Self.okx())
        _ = venue.handle(Self.order("S", Fixtures.bob, Self.call, .sell, "0.5", at: "0.2010"), at: Self.at(1))
        let amend = { (size: String, second: Int64) in
            venue.handle(
                .amend(
                    orderID: OrderID(known: "S"),
                    venue: .okx,
                    venueOrderID: nil,
                    quantity: Fixtures.quantity(size),
                    kind: .limit(LimitPrice(Fixtures.decimal("0.2010")))
                ),
                at: Self.at(second)
            )
        }
        #expect(Fixtures.reports(amend("0.3", 2)) == [.amended(orderID: OrderID(known: "S"))])
        #expect(venue.bookLevels(Self.call, side: .ask).map(\.quantity) == [Fixtures.quantity("0.3")])
        let refused = Fixtures.reports(amend("0.305", 3))
        #expect(refused.count == 1)
        if case .amendRejected(_, let reason) = refused.first {
            #expect(reason.contains("0.305 BTC") && reason.contains("one contract is 0.01 BTC"), "\(reason)")
        } else {
            Issue.record("expected an amend reject, got \(refused)")
        }
    }

    @Test func settlementReportsTheCanonicalPositionAndPaysItOnce() {
        // The 40,000 call at an index of 50,000 pays (50,000 − 40,000)/50,000 = 0.2 BTC per BTC: 0.1 BTC on 0.5 BTC.
        var venue = Fixtures.venue(Self.okx())
        _ = venue.handle(Self.order("S", Fixtures.bob, Self.call, .sell, "0.5", at: "0.2010"), at: Self.at(1))
        _ = venue.handle(Self.order("B", Fixtures.alice, Self.call, .buy, "0.5", at: "0.2010"), at: Self.at(2))
        let outputs = venue.advance(to: Fixtures.expiry)
        let settled = outputs.compactMap { if case .settled(let report) = $0.output { report } else { nil } }
        let payouts = settled.map { "\($0.account) \($0.quantity) \($0.payout)" }.sorted()
        #expect(payouts == ["alice 0.50 0.10000000 BTC", "bob -0.50 -0.10000000 BTC"])
    }

    /// Random flow on OKX's configured rules (`Config/simulator/okx.json`, with market makers) sends canonical
    /// whole-lot sizes: nothing is refused for its size, and fills come back canonical.
    @Test func randomFlowSendsCanonicalSizes() throws {
        let (_, okx, market) = try SimulatedVenueTests.defaults()
        let accounts = [Fixtures.alice, Fixtures.bob].map {
            SimulatedAccount(id: $0, collateral: 1_000, cancelOnDisconnect: false)
        }
        var venue = SimulatedVenue(
            configuration: okx,
            market: market,
            accounts: accounts,
            seed: 3,
            start: Fixtures.start
        )
        var flow = RandomOrderFlow(
            ordersPerSecond: 5,
            accounts: [Fixtures.alice, Fixtures.bob],
            seed: 3,
            start: Fixtures.start
        )
        _ = venue.advance(to: Fixtures.start)
        var places = 0
        var reasons: [String] = []
        var fills: [VenueFill] = []
        while flow.nextTime < Self.at(300) {
            let time = flow.nextTime
            guard let command = flow.next(for: venue) else { continue }
            if case .place = command { places += 1 }
            let outputs = venue.handle(command, at: time)
            for case .rejected(_, let reason) in Fixtures.reports(outputs) { reasons.append(reason) }
            fills += Fixtures.fills(outputs)
        }
        #expect(places > 100)
        #expect(!reasons.contains { $0.contains("lots of") || $0.contains("minimum") }, "\(reasons)")
        #expect(!fills.isEmpty)
        // Option fills are whole lots of 0.01 BTC between 0.01 and 0.05 BTC; perpetual fills whole 100 USD.
        for fill in fills {
            #expect(fill.quantity.decimal.isMultiple(of: Fixtures.decimal("0.01")), "\(fill)")
        }
    }
}
