// Proves packages in the engine: an iron condor is judged as one unit (one decision for every leg), sent leg by leg
// at prices that net inside its limit, approved and released as a unit, and its state and completed units are
// aggregated from the legs' fills; bad package requests are refused with the reason.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EnginePackageTests {
    static func option(_ strike: Int64, _ right: OptionRight) -> Instrument {
        Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: Fixture.expiry,
            strike: Price(FixedDecimal(strike)),
            right: right,
            settlement: .inverse(.btc)
        )
    }

    /// A bought iron condor (a credit): long 50k put, short 55k put, short 65k call, long 70k call.
    static func condor(
        _ client: String = "ic1",
        quantity: Quantity = 2,
        limit: String = "-0.02",
        prices: [String] = ["0.01", "0.02", "0.025", "0.01"]
    ) throws -> PackageRequest {
        let package = try StrategyPackage.makeIronCondor(
            putWing: option(50_000, .put),
            innerPut: option(55_000, .put),
            innerCall: option(65_000, .call),
            callWing: option(70_000, .call),
            side: .buy,
            quantity: quantity,
            limitPrice: try Price(parsing: limit)
        )
        return PackageRequest(
            clientPackageID: try ClientOrderID(client),
            account: Fixture.accountA,
            venue: .deribit,
            package: package,
            legPrices: try prices.map { try Price(parsing: $0) }
        )
    }

    @Test func anIronCondorIsJudgedAsOneAndSentLegByLeg() throws {
        var harness = Harness()
        let outputs = harness.command(Fixture.alice, .placePackage(try Self.condor(), stage: false))
        let package = try #require(harness.state.packages.values.first)
        #expect(package.legOrderIDs.count == 4)
        let accepted = outputs.events.filter { if case .orderAccepted(_, .accept, false) = $0 { true } else { false } }
        #expect(accepted.count == 4)
        #expect(outputs.venueCommands.count == 4)
        let legs = package.legOrderIDs.compactMap { harness.order($0) }
        #expect(legs.map(\.request.side) == [.buy, .sell, .sell, .buy])
        #expect(legs.map(\.quantity) == [2, 2, 2, 2])
        #expect(legs.map(\.request.clientOrderID.rawValue) == ["ic1/0", "ic1/1", "ic1/2", "ic1/3"])
        #expect(legs.allSatisfy { $0.packageID == package.id })
        #expect(harness.state.view(ofPackage: package.id)?.status == .working)

        // Fill one full unit on every leg, then a second unit on two legs only.
        var trade = 0
        func fill(_ id: OrderID, _ quantity: Quantity) {
            trade += 1
            harness.report(
                .fill(VenueFill(venue: .deribit, tradeID: "T\(trade)", orderID: id, quantity: quantity, price: 0))
            )
        }
        for id in package.legOrderIDs { fill(id, 1) }
        fill(package.legOrderIDs[0], 1)
        fill(package.legOrderIDs[1], 1)
        let view = try #require(harness.state.view(ofPackage: package.id))
        #expect(view.status == .partiallyFilled)
        #expect(view.progress.completed == 1)
        harness.command(Fixture.alice, .cancelPackage(package.id))
        for id in package.legOrderIDs.suffix(2) { harness.report(.cancelled(orderID: id, reason: "user")) }
        // Two legs filled completely, two cancelled after one unit: legged and incomplete.
        let final = try #require(harness.state.view(ofPackage: package.id))
        #expect(final.status == .broken)
        #expect(final.progress.completed == 1)
        #expect(final.progress.unpaired == [1, 1, 0, 0])
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aPackageNeedingApprovalIsApprovedAsAUnit() throws {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderQuantity, .account(Fixture.accountA), "1", .soft))
        harness.command(Fixture.alice, .placePackage(try Self.condor(), stage: false))
        let package = try #require(harness.state.packages.values.first)
        #expect(harness.state.view(ofPackage: package.id)?.status == .pendingApproval)
        #expect(harness.command(Fixture.alice, .approve(package.legOrderIDs[2])).rejection != nil, "four eyes")
        let approved = harness.command(Fixture.rita, .approve(package.legOrderIDs[2]))
        #expect(approved.venueCommands.count == 4, "approving one leg approves the package")
        #expect(harness.state.view(ofPackage: package.id)?.status == .working)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func aStagedPackageIsReleasedAndJudgedAgainAsAUnit() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placePackage(try Self.condor(), stage: true))
        let package = try #require(harness.state.packages.values.first)
        #expect(harness.state.view(ofPackage: package.id)?.status == .staged)
        harness.command(Fixture.rita, limit(.orderQuantity, .firm, "1", .hard))
        harness.command(Fixture.bob, .release(package.legOrderIDs[0]))
        let view = try #require(harness.state.view(ofPackage: package.id))
        #expect(view.status == .rejected, "every leg is rejected together")
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func badPackageRequestsAreRefusedWithTheReason() throws {
        var harness = Harness()
        // Leg prices net to a credit of 0.025 - 0.02 ... outside a -0.05 limit (buyer wants at least 0.05 credit).
        let outside = harness.command(Fixture.alice, .placePackage(try Self.condor("x1", limit: "-0.05"), stage: false))
        #expect(outside.rejection?.reason.contains("outside the limit") == true)
        let wrongCount = harness.command(
            Fixture.alice,
            .placePackage(try Self.condor("x2", prices: ["0.01"]), stage: false)
        )
        #expect(wrongCount.rejection?.reason.contains("1 leg prices for 4 legs") == true)
        harness.command(Fixture.alice, .placeOrder(Fixture.request("x3"), stage: false))
        let clash = harness.command(Fixture.alice, .placePackage(try Self.condor("x3"), stage: false))
        #expect(clash.rejection?.reason.contains("already used") == true)
        let viewer = harness.command(Fixture.vera, .placePackage(try Self.condor("x4"), stage: false))
        #expect(viewer.rejection?.reason.contains("lacks placeOrder") == true)
        #expect(harness.state.packages.isEmpty)
    }
}
