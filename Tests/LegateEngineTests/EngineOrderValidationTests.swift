// Proves that malformed requests are refused by the engine itself (`Engine.handle`), not only by the API: each bad
// order or package is answered with one `commandRejected` naming the problem, creates no order, and sends nothing to
// a venue; the well-formed twin of each request is accepted, so the checks are not broader than the rules. Where the
// engine still lets a malformed input through, a known-issue test says exactly which.
import Foundation
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

/// A decimal from its text, for the readability of the cases.
private func d(_ text: String) -> FixedDecimal { try! FixedDecimal(parsing: text) }
private func p(_ text: String) -> Price { Price(d(text)) }

@Suite struct EngineOrderValidationTests {
    /// The instant the first input of a fresh `Harness` is handled at.
    static let firstInputTime = UnixNanos(1_900_000_000_000_000_000 + 1_000_000)
    static let beforeFirstInput = UnixNanos(1_900_000_000_000_000_000 + 1_000_000 - 1)
    static let btc = Underlying(base: .btc, quote: .usd)
    static let perpetual = Instrument.perpetual(btc, settlement: .inverse(.btc))
    /// Expired before the harness's clock starts (2030-03-17).
    static let expiredOption = Instrument.option(
        btc,
        expiry: CivilDate(year: 2029, month: 12, day: 28)!.at(hourUTC: 8),
        strike: 100_000,
        right: .put,
        settlement: .inverse(.btc)
    )

    static func order(
        _ clientID: String = "v1",
        instrument: Instrument = Fixture.call,
        quantity: String = "1",
        kind: OrderKind = .limit(LimitPrice(d("0.05"))),
        timeInForce: TimeInForce = .goodTillCancelled,
        flags: ExecutionFlags = .none
    ) -> OrderRequest {
        OrderRequest(
            clientOrderID: try! ClientOrderID(clientID),
            account: Fixture.accountA,
            venue: .deribit,
            instrument: instrument,
            side: .buy,
            quantity: try! Quantity(parsing: quantity),
            kind: kind,
            timeInForce: timeInForce,
            flags: flags
        )
    }

    /// One malformed request, the problem `OrderRequest.validate` must name, and a word the reason must contain.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let request: OrderRequest
        let problem: OrderRequestProblem
        let keyword: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "zero quantity",
            request: order(quantity: "0"),
            problem: .nonPositiveQuantity(0),
            keyword: "must be positive"
        ),
        Case(
            name: "negative quantity",
            request: order(quantity: "-2"),
            problem: .nonPositiveQuantity(-2),
            keyword: "must be positive"
        ),
        Case(
            name: "good-till-date in the past",
            request: order(timeInForce: .goodTillDate(beforeFirstInput)),
            problem: .expiryInPast(beforeFirstInput),
            keyword: "good-till-date"
        ),
        Case(
            name: "good-till-date now",
            request: order(timeInForce: .goodTillDate(firstInputTime)),
            problem: .expiryInPast(firstInputTime),
            keyword: "not in the future"
        ),
        Case(
            name: "expired instrument",
            request: order(instrument: expiredOption),
            problem: .instrumentExpired(expiredOption.expiry!),
            keyword: "expired"
        ),
        Case(
            name: "implied-vol price on a perpetual",
            request: order(instrument: perpetual, kind: .limit(LimitPrice(60, unit: .impliedVolatility))),
            problem: .volPriceOnNonOption,
            keyword: "implied-volatility"
        ),
        Case(
            name: "zero implied vol",
            request: order(kind: .limit(LimitPrice(0, unit: .impliedVolatility))),
            problem: .nonPositiveVolatility(0),
            keyword: "implied volatility"
        ),
        Case(
            name: "post-only IOC",
            request: order(timeInForce: .immediateOrCancel, flags: ExecutionFlags(postOnly: true)),
            problem: .postOnlyWithImmediateTimeInForce,
            keyword: "post-only"
        ),
        Case(
            name: "post-only FOK",
            request: order(timeInForce: .fillOrKill, flags: ExecutionFlags(postOnly: true)),
            problem: .postOnlyWithImmediateTimeInForce,
            keyword: "post-only"
        ),
        Case(
            name: "post-only market",
            request: order(kind: .market(protection: p("0.1")), flags: ExecutionFlags(postOnly: true)),
            problem: .postOnlyMarketOrder,
            keyword: "post-only"
        ),
        Case(
            name: "zero option price",
            request: order(kind: .limit(LimitPrice(0))),
            problem: .nonPositivePrice(LimitPrice(0)),
            keyword: "limit price"
        ),
        Case(
            name: "negative option price",
            request: order(kind: .limit(LimitPrice(d("-0.05")))),
            problem: .nonPositivePrice(LimitPrice(d("-0.05"))),
            keyword: "limit price"
        ),
        Case(
            name: "negative USD price on a perpetual",
            request: order(instrument: perpetual, kind: .limit(LimitPrice(-95_000, unit: .usd))),
            problem: .nonPositivePrice(LimitPrice(-95_000, unit: .usd)),
            keyword: "limit price"
        ),
        Case(
            name: "market order protected at zero",
            request: order(instrument: perpetual, kind: .market(protection: 0)),
            problem: .nonPositiveProtection(0),
            keyword: "protection"
        ),
    ]

    @Test(arguments: cases)
    func aMalformedOrderIsRejectedByNameAndNeverReachesAVenue(_ bad: Case) throws {
        #expect(bad.request.validate(at: Self.firstInputTime) == bad.problem)
        var harness = Harness()
        let outputs = harness.command(Fixture.alice, .placeOrder(bad.request, stage: false))
        let rejection = try #require(outputs.rejection, "\(bad.name) was not rejected: \(outputs)")
        #expect(rejection.reason == "order \(bad.request.clientOrderID): \(bad.problem)")
        #expect(rejection.reason.contains(bad.keyword))
        #expect(rejection.orderID == nil && rejection.actor == Fixture.alice && rejection.correlationID == "c1")
        #expect(outputs.events.count == 1, "only the rejection is journaled: \(outputs.events)")
        #expect(outputs.venueCommands.isEmpty)
        #expect(harness.state.orders.isEmpty && harness.state.clientOrderIndex.isEmpty)
        // Staging the same request is refused the same way: a staged order is released later without re-validation.
        let staged = harness.command(Fixture.alice, .placeOrder(bad.request, stage: true))
        #expect(staged.rejection?.reason == rejection.reason)
        #expect(harness.state.orders.isEmpty)
        #expect(try harness.replayed() == harness.engine)
    }

    /// The well-formed neighbours of the cases above are accepted and sent: the checks refuse only what they name.
    @Test func theWellFormedNeighboursAreAcceptedAndSent() {
        var harness = Harness()
        let good: [OrderRequest] = [
            Self.order("g1", quantity: "0.1"),
            Self.order("g2", timeInForce: .goodTillDate(Self.firstInputTime + UnixNanos.nanosecondsPerDay)),
            Self.order("g3", kind: .limit(LimitPrice(55, unit: .impliedVolatility))),
            Self.order("g4", flags: ExecutionFlags(postOnly: true)),
            Self.order("g5", kind: .market(protection: p("0.1")), timeInForce: .immediateOrCancel),
            Self.order("g6", instrument: Self.perpetual, kind: .limit(LimitPrice(95_000, unit: .usd))),
            Self.order("g7", kind: .limit(LimitPrice(d("0.0001")))),
        ]
        for request in good {
            let outputs = harness.command(Fixture.alice, .placeOrder(request, stage: false))
            #expect(outputs.rejection == nil, "\(request.clientOrderID): \(outputs.rejection?.reason ?? "")")
            #expect(outputs.venueCommands.count == 1, "\(request.clientOrderID) was not sent")
        }
        #expect(harness.state.orders.count == good.count)
    }

    /// A venue combo's net price may be zero or a credit: the positive-price rule does not apply to it.
    @Test func aComboMayBePricedAtZeroOrACredit() throws {
        let put = EnginePackageTests.option(90_000, .put)
        let combo = Instrument(
            underlying: Self.btc,
            settlement: .inverse(.btc),
            terms: .combo(
                Combo(legs: [ComboLeg(instrument: Fixture.call, ratio: 1), ComboLeg(instrument: put, ratio: -1)])
            )
        )
        #expect(
            Self.order(instrument: combo, kind: .limit(LimitPrice(d("-0.01")))).validate(at: Self.firstInputTime) == nil
        )
        #expect(Self.order(instrument: combo, kind: .limit(LimitPrice(0))).validate(at: Self.firstInputTime) == nil)
    }

    @Test func aRejectedRequestDoesNotUseUpItsClientOrderID() {
        var harness = Harness()
        #expect(
            harness.command(Fixture.alice, .placeOrder(Self.order("same", quantity: "0"), stage: false)).rejection
                != nil
        )
        let retry = harness.command(Fixture.alice, .placeOrder(Self.order("same"), stage: false))
        #expect(retry.rejection == nil && retry.venueCommands.count == 1)
    }

    @Test func aClientOrderIDIsUniquePerAccountWhoeverUsesIt() throws {
        var harness = Harness()
        let first = harness.command(Fixture.alice, .placeOrder(Self.order("dup"), stage: false))
        let firstID = try #require(harness.lastOrderID)
        #expect(first.venueCommands.count == 1)
        // Another trader of the same account, another price: still the same key.
        let again = harness.command(
            Fixture.bob,
            .placeOrder(Self.order("dup", kind: .limit(LimitPrice(d("0.04")))), stage: true)
        )
        #expect(again.rejection?.reason == "client order id dup is already used by \(firstID)")
        #expect(again.rejection?.orderID == firstID)
        #expect(again.venueCommands.isEmpty && again.events.count == 1)
        // A cancelled (terminal) order still holds its id.
        harness.command(Fixture.alice, .cancel(firstID))
        harness.report(.cancelled(orderID: firstID, reason: "by user"))
        #expect(harness.order(firstID)?.status.isTerminal == true)
        let afterCancel = harness.command(Fixture.alice, .placeOrder(Self.order("dup"), stage: false))
        #expect(afterCancel.rejection?.reason.contains("already used") == true && afterCancel.venueCommands.isEmpty)
        // The same id on another account is another key.
        let otherAccount = OrderRequest(
            clientOrderID: try ClientOrderID("dup"),
            account: Fixture.accountB,
            venue: .deribit,
            instrument: Fixture.call,
            side: .sell,
            quantity: 1,
            kind: .limit(LimitPrice(d("0.05")))
        )
        let onB = harness.command(Fixture.carl, .placeOrder(otherAccount, stage: false))
        #expect(onB.rejection == nil && onB.venueCommands.count == 1)
        #expect(harness.state.orders.count == 2)
        #expect(try harness.replayed() == harness.engine)
    }

    @Test func reduceOnlyIsRefusedWhereItWouldNotReduce() {
        var harness = Harness()
        for side in OrderSide.allCases {
            let request = OrderRequest(
                clientOrderID: try! ClientOrderID("ro-\(side.rawValue)"),
                account: Fixture.accountA,
                venue: .deribit,
                instrument: Fixture.call,
                side: side,
                quantity: 1,
                kind: .limit(LimitPrice(d("0.05"))),
                flags: ExecutionFlags(reduceOnly: true)
            )
            let outputs = harness.command(Fixture.alice, .placeOrder(request, stage: false))
            #expect(
                outputs.rejection?.reason
                    == "order ro-\(side.rawValue): reduce-only \(side.rawValue) would not reduce the position of 0"
            )
            #expect(outputs.venueCommands.isEmpty)
        }
        #expect(harness.state.orders.isEmpty)
    }
}

// MARK: - Packages

extension EngineOrderValidationTests {
    static func straddle(
        _ clientID: String,
        call: Instrument = Fixture.call,
        put: Instrument = EnginePackageTests.option(100_000, .put),
        prices: [String] = ["0.05", "0.04"],
        timeInForce: TimeInForce = .goodTillCancelled
    ) throws -> PackageRequest {
        PackageRequest(
            clientPackageID: try ClientOrderID(clientID),
            account: Fixture.accountA,
            venue: .deribit,
            package: try StrategyPackage.makeStraddle(
                call: call,
                put: put,
                side: .buy,
                quantity: 1,
                limitPrice: p("0.1")
            ),
            legPrices: try prices.map { try Price(parsing: $0) },
            timeInForce: timeInForce
        )
    }

    @Test func aPackageWithAnExpiredLegIsRejectedNamingTheLeg() throws {
        var harness = Harness()
        let expiredCall = Instrument.option(
            Self.btc,
            expiry: Self.expiredOption.expiry!,
            strike: 100_000,
            right: .call,
            settlement: .inverse(.btc)
        )
        // Valid when it was built (no `asOf`), expired when the engine judges it.
        let request = try Self.straddle("s1", call: expiredCall, put: Self.expiredOption)
        let outputs = harness.command(Fixture.alice, .placePackage(request, stage: false))
        let reason = try #require(outputs.rejection?.reason)
        #expect(reason.hasPrefix("package s1: straddle leg 0: expired at"))
        #expect(outputs.venueCommands.isEmpty && harness.state.packages.isEmpty && harness.state.orders.isEmpty)
    }

    @Test func aPackageGoodTillAPastDateIsRejected() throws {
        var harness = Harness()
        let request = try Self.straddle("s2", timeInForce: .goodTillDate(Self.beforeFirstInput))
        let outputs = harness.command(Fixture.alice, .placePackage(request, stage: false))
        #expect(
            outputs.rejection?.reason == "package s2: good-till-date \(Self.beforeFirstInput) is not in the future"
        )
        #expect(outputs.venueCommands.isEmpty && harness.state.packages.isEmpty)
    }

    @Test func aPackageWhoseLegIDIsTakenIsRejected() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Self.order("s3/1"), stage: false))
        let outputs = harness.command(Fixture.alice, .placePackage(try Self.straddle("s3"), stage: false))
        #expect(outputs.rejection?.reason == "package s3: leg client id s3/1 is already used")
        #expect(outputs.venueCommands.isEmpty && harness.state.packages.isEmpty && harness.state.orders.count == 1)
        // The package's own id clashing with an order's is refused too.
        let clash = harness.command(Fixture.alice, .placePackage(try Self.straddle("s3/1"), stage: false))
        #expect(clash.rejection?.reason == "package s3/1: client id s3/1 is already used")
        #expect(harness.state.packages.isEmpty)
    }

    /// A package reaches the engine as a decoded command, and decoding validates the shape: a strangle's legs sent
    /// as a straddle (or a custom package with unreduced ratios) never becomes a command.
    @Test(arguments: [
        ("\"shape\":\"strangle\"", "\"shape\":\"straddle\"", "straddle leg 0: is a put; the shape needs a call"),
        ("\"shape\":\"strangle\"", "\"shape\":\"vertical\"", "vertical leg 1: is a call; the shape needs a put"),
        ("\"ratio\":1", "\"ratio\":2", "custom package: ratios [2, 2] share the divisor 2"),
        ("\"ratio\":1", "\"ratio\":0", "custom package leg 0: ratio 0 is outside 1...100"),
    ])
    func aPackageOfTheWrongShapeDoesNotDecodeIntoACommand(from: String, to: String, problem: String) throws {
        let put = EnginePackageTests.option(90_000, .put)
        let package: StrategyPackage
        if from.contains("shape") {
            package = try StrategyPackage.makeStrangle(
                put: put,
                call: Fixture.call,
                side: .buy,
                quantity: 1,
                limitPrice: p("0.1")
            )
        } else {
            package = try StrategyPackage.makeCustom(
                legs: [PackageLeg(instrument: put, side: .buy), PackageLeg(instrument: Fixture.call, side: .sell)],
                side: .buy,
                quantity: 1,
                limitPrice: p("0.01")
            )
        }
        let request = PackageRequest(
            clientPackageID: try ClientOrderID("shape"),
            account: Fixture.accountA,
            venue: .deribit,
            package: package,
            legPrices: [p("0.03"), p("0.02")]
        )
        let good = try JSONEncoder().encode(Command.placePackage(request, stage: false))
        #expect(try JSONDecoder().decode(Command.self, from: good) == .placePackage(request, stage: false))
        let text = String(decoding: good, as: UTF8.self)
        #expect(text.contains(from), "the encoding changed: \(text)")
        let bad = Data(text.replacingOccurrences(of: from, with: to).utf8)
        let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode(Command.self, from: bad) }
        #expect(error.map { "\($0)".contains(problem) } == true, "\(String(describing: error))")
    }
}

// MARK: - Malformed inputs the engine lets through

extension EngineOrderValidationTests {
    /// A position an order can be amended in: one acknowledged post-only call of account A.
    func acknowledgedPostOnly() throws -> (Harness, OrderID) {
        var harness = Harness()
        harness.command(
            Fixture.alice,
            .placeOrder(Self.order("po", flags: ExecutionFlags(postOnly: true)), stage: false)
        )
        let id = try #require(harness.lastOrderID)
        harness.report(.acknowledged(orderID: id, venueOrderID: try VenueOrderID("v-po")))
        return (harness, id)
    }

    /// An amend must leave the order as well formed as a new one: an amend to a market order on a post-only order, a
    /// zero price or an implied-vol price of zero is refused, naming the problem, and nothing is sent.
    @Test(arguments: [
        OrderKind.market(protection: p("0.1")), .limit(LimitPrice(0)), .limit(LimitPrice(0, unit: .impliedVolatility)),
    ])
    func anAmendToAMalformedPriceIsRefused(_ kind: OrderKind) throws {
        var (harness, id) = try acknowledgedPostOnly()
        let outputs = harness.command(Fixture.alice, .amend(id, quantity: nil, kind: kind))
        let request = try #require(harness.order(id)?.request)
        let problem = try #require(request.amendProblem(quantity: 1, kind: kind))
        #expect(request.amendProblem(quantity: 2, kind: .limit(LimitPrice(d("0.04")))) == nil)
        #expect(request.amendProblem(quantity: 0, kind: .limit(LimitPrice(d("0.04")))) == .nonPositiveQuantity(0))
        #expect(outputs.rejection?.reason == "amend of \(id): \(problem)")
        #expect(outputs.venueCommands.isEmpty)
        #expect(harness.order(id)?.status == .acknowledged && harness.order(id)?.pending == nil)
        #expect(try harness.replayed() == harness.engine)
    }

    /// Each leg of a package is validated as an order of its own: a negative leg price that nets inside the
    /// package's limit is refused, naming the leg, and nothing is created or sent.
    @Test func aPackageWithANegativeLegPriceIsRefused() throws {
        var harness = Harness()
        let outputs = harness.command(
            Fixture.alice,
            .placePackage(try Self.straddle("neg", prices: ["-0.01", "0.05"]), stage: false)
        )
        let reason = try #require(outputs.rejection?.reason)
        #expect(reason.contains("leg 0") && reason.contains("-0.01"), "\(reason)")
        #expect(outputs.venueCommands.isEmpty)
        #expect(harness.engine.state.orders.isEmpty)
    }
}
