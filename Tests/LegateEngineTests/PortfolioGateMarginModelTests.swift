// Margin limits per account read the model the account names (standard, portfolio or SPAN-like); desk and firm
// margin limits read the house model over all their accounts as one portfolio. Each figure the gate keeps
// incrementally is checked against the margin module computing the same positions from scratch, before and after a
// proposal, and a margin-utilisation limit fires alone under the account's own model.
import Foundation
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import LegateRisk
import OrderedCollections
import Testing

enum MarginModelFixture {
    static let accountModels: [AccountID: AccountMarginModel] = [
        Fixture.accountA: .standard, Fixture.accountB: .span, Fixture.accountC: .portfolio,
    ]
    static let equity: [AccountID: Double] = [
        Fixture.accountA: 2_000_000, Fixture.accountB: 500_000, Fixture.accountC: 1_000_000,
    ]

    static func decode<T: Decodable>(_ file: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: GateFixture.modelsDirectory.appendingPathComponent(file))
        return try JSONDecoder().decode(type, from: data)
    }

    static func parameters() throws -> GateMarginParameters {
        GateMarginParameters(
            standard: try decode("margin/deribit-standard.json", as: StandardMarginParameters.self),
            span: try decode("margin/span.json", as: SpanParameters.self),
            house: try decode("margin/house.json", as: PortfolioMarginParameters.self)
        )
    }

    /// `GateFixture.model()` with the standard, SPAN and house models of Models/margin.
    static func model() throws -> PortfolioRiskModel {
        try PortfolioRiskModel(
            market: try GateFixture.market(),
            marginParameters: try GateFixture.marginParameters(),
            coins: ["BTC", "ETH"],
            tail: try GateFixture.tailScenarios(),
            buckets: try ExpiryBuckets(upperBoundsDays: [7, 45, 120]),
            bucketLabels: ["0-7d", "7-45d", "45-120d", "120d+"],
            margins: try parameters()
        )
    }

    static func gate() throws -> PortfolioGate {
        PortfolioGate(model: try model(), equity: equity, marginModels: accountModels)
    }

    /// The engine's positions of `accounts` as the margin module books them.
    static func positions(_ state: EngineState, of accounts: Set<AccountID>) -> [LegateRisk.Position] {
        state.positions.compactMap { key, position in
            guard accounts.contains(key.account) else { return nil }
            return LegateRisk.Position(
                key: PositionKey(account: key.account, venue: key.venue, instrument: key.instrument),
                quantity: position.netQuantity,
                averagePrice: .zero,
                realizedPnL: Money(.zero, key.instrument.settlement.currency)
            )
        }
    }

    static func standardUSD(_ positions: [LegateRisk.Position], _ market: MarketState) throws -> Double {
        let standard = try parameters().standard
        var total = 0.0
        for position in positions {
            total += try StandardMargin.requirement(position, market: market, parameters: standard).initial * 100_000
        }
        return total
    }

    static func order(_ instrument: Instrument, _ side: OrderSide, _ quantity: String, account: AccountID) -> Order {
        let request = GateHarness.request(instrument, side, quantity, account: account, client: "proposal")
        return Order(id: try! OrderID("P1"), request: request, owner: Fixture.rita, at: GateFixture.days(1))
    }

    static func close(_ found: Double?, _ expected: Double) -> Bool {
        guard let found else { return false }
        return (found - expected).magnitude <= 1e-9 * max(1, expected.magnitude)
    }
}

extension GateHarness {
    /// Places (as `actor`), acknowledges and fills an order completely.
    mutating func fill(
        _ instrument: Instrument,
        _ side: OrderSide,
        _ quantity: String,
        by actor: UserID,
        on account: AccountID
    ) {
        guard case .accept? = place(instrument, side, quantity, account: account, actor: actor),
            let orderID = engine.state.orders.keys.last
        else {
            Issue.record("the fill's order was not accepted")
            return
        }
        input(.venueReport(.acknowledged(orderID: orderID, venueOrderID: try! VenueOrderID("v\(number)"))))
        let fill = VenueFill(
            venue: .deribit,
            tradeID: "t\(number)",
            orderID: orderID,
            quantity: try! Quantity(parsing: quantity),
            price: try! Price(parsing: "0.02")
        )
        input(.venueReport(.fill(fill)))
    }
}

@Suite struct PortfolioGateMarginModelTests {
    static let call100 = GateFixture.option(.call, strike: 100_000)
    static let call110 = GateFixture.option(.call, strike: 110_000)
    static let call115 = GateFixture.option(.call, strike: 115_000)
    static let put90 = GateFixture.option(.put, strike: 90_000)
    static let put90Far = GateFixture.option(.put, strike: 90_000, days: 90)

    /// A (standard): a short call spread; B (SPAN): short puts over two expiries; C (portfolio): a long call.
    static func bookedHarness() throws -> GateHarness {
        var harness = GateHarness(gate: try MarginModelFixture.gate())
        harness.fill(call110, .sell, "10", by: Fixture.alice, on: Fixture.accountA)
        harness.fill(call115, .buy, "10", by: Fixture.alice, on: Fixture.accountA)
        harness.fill(put90, .sell, "5", by: Fixture.carl, on: Fixture.accountB)
        harness.fill(put90Far, .buy, "3", by: Fixture.carl, on: Fixture.accountB)
        harness.fill(call100, .buy, "4", by: Fixture.hugo, on: Fixture.accountC)
        #expect(harness.engine.state.positions.count == 5)
        return harness
    }

    static func context(_ harness: GateHarness) -> RiskContext {
        RiskContext(state: harness.engine.state, configuration: Fixture.configuration, time: GateFixture.days(1))
    }

    @Test func aStandardAccountIsMarginedPerPositionBeforeAndAfterAProposal() throws {
        let harness = try Self.bookedHarness()
        var gate = harness.engine.gate
        let market = gate.model.market
        let proposal = MarginModelFixture.order(Self.call110, .sell, "7", account: Fixture.accountA)
        let figures = try gate.figures(of: [proposal], in: .account(Fixture.accountA), context: Self.context(harness))
        let booked = MarginModelFixture.positions(harness.engine.state, of: [Fixture.accountA])
        let before = try MarginModelFixture.standardUSD(booked, market)
        #expect(before > 100_000, "10 short 110 calls: about 0.12 BTC each")
        #expect(MarginModelFixture.close(figures.before.initialMargin, before))
        var after = booked
        let index = try #require(after.firstIndex { $0.key.instrument == Self.call110 })
        after[index] = LegateRisk.Position(
            key: after[index].key,
            quantity: try Quantity(parsing: "-17"),
            averagePrice: .zero,
            realizedPnL: after[index].realizedPnL
        )
        #expect(
            MarginModelFixture.close(figures.after.initialMargin, try MarginModelFixture.standardUSD(after, market))
        )
    }

    @Test func aSpanAccountIsMarginedOnTheSpanScenariosBeforeAndAfterAProposal() throws {
        let harness = try Self.bookedHarness()
        var gate = harness.engine.gate
        let span = try MarginModelFixture.parameters().span
        let proposal = MarginModelFixture.order(Self.put90, .sell, "2", account: Fixture.accountB)
        let figures = try gate.figures(of: [proposal], in: .account(Fixture.accountB), context: Self.context(harness))
        let booked = MarginModelFixture.positions(harness.engine.state, of: [Fixture.accountB])
        let before = try SpanMargin.evaluate(booked, market: gate.model.market, parameters: span).totalUSD
        #expect(before > 0)
        #expect(MarginModelFixture.close(figures.before.initialMargin, before), "\(figures.before) vs \(before)")
        let extra = TestPositions.unit(Self.put90, "-2", account: Fixture.accountB)
        let after = try SpanMargin.evaluate(booked + [extra], market: gate.model.market, parameters: span).totalUSD
        #expect(MarginModelFixture.close(figures.after.initialMargin, after), "\(figures.after) vs \(after)")
    }

    @Test func aPortfolioAccountReadsTheRiskMatrixAsAGateWithoutMarginModelsDoes() throws {
        let harness = try Self.bookedHarness()
        var gate = harness.engine.gate
        var plain = try GateFixture.gate()
        plain.rebuild(from: harness.engine.state, configuration: Fixture.configuration)
        let proposal = MarginModelFixture.order(Self.call100, .sell, "9", account: Fixture.accountC)
        let scope = LimitScope.account(Fixture.accountC)
        let figures = try gate.figures(of: [proposal], in: scope, context: Self.context(harness))
        let expected = try plain.figures(of: [proposal], in: scope, context: Self.context(harness))
        #expect(figures.before.initialMargin == expected.before.initialMargin)
        #expect(figures.after.initialMargin == expected.after.initialMargin)
        #expect((figures.after.initialMargin ?? 0) > 0)
    }

    @Test func desksAndTheFirmAreMarginedOnTheHouseModelOverAllTheirAccounts() throws {
        let harness = try Self.bookedHarness()
        var gate = harness.engine.gate
        let house = try MarginModelFixture.parameters().house
        let market = gate.model.market
        let scopes: [(LimitScope, Set<AccountID>)] = [
            (.desk(Fixture.deskOne), [Fixture.accountA, Fixture.accountC]),
            (.firm, [Fixture.accountA, Fixture.accountB, Fixture.accountC]),
        ]
        for (scope, accounts) in scopes {
            let proposal = MarginModelFixture.order(Self.call115, .sell, "3", account: Fixture.accountA)
            let figures = try gate.figures(of: [proposal], in: scope, context: Self.context(harness))
            let booked = MarginModelFixture.positions(harness.engine.state, of: accounts)
            let before = try HouseMargin.evaluate(deskPositions: booked, market: market, parameters: house)
            let extra = TestPositions.unit(Self.call115, "-3", account: Fixture.accountA)
            let after = try HouseMargin.evaluate(deskPositions: booked + [extra], market: market, parameters: house)
            #expect(
                MarginModelFixture.close(figures.before.initialMargin, before.totalUSD.initial),
                "\(scope): \(String(describing: figures.before.initialMargin)) vs \(before.totalUSD.initial)"
            )
            #expect(
                MarginModelFixture.close(figures.after.initialMargin, after.totalUSD.initial),
                "\(scope): \(String(describing: figures.after.initialMargin)) vs \(after.totalUSD.initial)"
            )
        }
    }

    /// Only a margin-utilisation limit is set: 10 short 110 calls on A (standard margin, about 0.12 BTC each against
    /// 2,000,000 USD of equity: about 6%) break a 5% limit; the long side of the spread needs no standard margin.
    @Test func aMarginUtilisationLimitFiresAloneUnderTheAccountsModel() throws {
        var harness = GateHarness(gate: try MarginModelFixture.gate())
        #expect(harness.setLimit(.marginUtilisation, .account(Fixture.accountA), "0.05", .hard) == nil)
        #expect(harness.place(Self.call115, .buy, "10")?.isAccepted == true)
        guard case .reject(let breach)? = harness.place(Self.call110, .sell, "10") else {
            Issue.record("the short calls must break the margin limit")
            return
        }
        #expect(breach.measure == .marginUtilisation && breach.scope == .account(Fixture.accountA))
        #expect(breach.current == .zero, "a long call needs no standard margin")
        let short = TestPositions.unit(Self.call110, "-10", account: Fixture.accountA)
        let expected = try MarginModelFixture.standardUSD([short], try GateFixture.market()) / 2_000_000
        #expect((breach.after.doubleValue - expected).magnitude < 1e-6, "\(breach.after) vs \(expected)")
        #expect(breach.after.doubleValue > 0.05)
    }

    @Test func aGateWithoutTheAccountsModelRefusesItsMarginLimit() throws {
        let gate = PortfolioGate(
            model: try GateFixture.model(),
            equity: MarginModelFixture.equity,
            marginModels: MarginModelFixture.accountModels
        )
        let key = LimitKey(measure: .marginUtilisation, scope: .account(Fixture.accountB), severity: .hard)
        #expect(gate.unsupportedReason(key)?.contains("span margin") == true)
        let portfolio = LimitKey(measure: .marginUtilisation, scope: .account(Fixture.accountC), severity: .hard)
        #expect(gate.unsupportedReason(portfolio) == nil)
    }
}

enum TestPositions {
    /// A position of `quantity` contracts of `instrument` on Deribit, as the margin module books it.
    static func unit(_ instrument: Instrument, _ quantity: String, account: AccountID) -> LegateRisk.Position {
        LegateRisk.Position(
            key: PositionKey(account: account, venue: .deribit, instrument: instrument),
            quantity: try! Quantity(parsing: quantity),
            averagePrice: .zero,
            realizedPnL: Money(.zero, instrument.settlement.currency)
        )
    }
}
