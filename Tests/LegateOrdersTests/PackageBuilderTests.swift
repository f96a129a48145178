// Proves that every strategy factory lays out a valid package from real-looking Deribit BTC options (inverse, 08:00
// UTC expiries, strikes like 60000/65000): the legs, sides and ratios of each shape as bought, the reversal when sold,
// the exact leg order quantities, the trader's debit/credit view, and a Codable round trip that validates again.
import Foundation
import LegateCore
import LegateModel
import LegateOrders
import Testing

/// Deribit-style BTC instruments shared by the package tests.
enum BTC {
    static let underlying = Underlying(base: .btc, quote: .usd)
    static let settlement = Settlement.inverse(.btc)
    /// Deribit expiries are Fridays at 08:00 UTC.
    static let march = CivilDate(year: 2025, month: 3, day: 28)!.at(hourUTC: 8)
    static let april = CivilDate(year: 2025, month: 4, day: 25)!.at(hourUTC: 8)
    static let june = CivilDate(year: 2025, month: 6, day: 27)!.at(hourUTC: 8)
    /// The engine's "now" in most tests: a month before the March expiry.
    static let now = CivilDate(year: 2025, month: 2, day: 28)!.at(hourUTC: 12)

    static func call(_ strike: Int64, _ expiry: UnixNanos = march) -> Instrument {
        .option(underlying, expiry: expiry, strike: Price(FixedDecimal(strike)), right: .call, settlement: settlement)
    }

    static func put(_ strike: Int64, _ expiry: UnixNanos = march) -> Instrument {
        .option(underlying, expiry: expiry, strike: Price(FixedDecimal(strike)), right: .put, settlement: settlement)
    }

    static let perpetual = Instrument.perpetual(underlying, settlement: settlement)
    static let marchFuture = Instrument.future(underlying, expiry: march, settlement: settlement)
}

/// Exact decimals from text, so no test value passes through a binary float.
func dec(_ text: String) -> FixedDecimal { try! FixedDecimal(parsing: text) }
func px(_ text: String) -> Price { Price(dec(text)) }
func qty(_ text: String) -> Quantity { Quantity(dec(text)) }

/// The (side, ratio) of each leg as bought, and of each leg order as traded.
func layout(_ package: StrategyPackage) -> [String] {
    package.legs.map { "\($0.side == .buy ? "+" : "-")\($0.ratio)" }
}

func orderSides(_ package: StrategyPackage) -> [OrderSide] { package.legOrders.map(\.side) }
func orderQuantities(_ package: StrategyPackage) -> [Quantity] { package.legOrders.map(\.quantity) }

@Suite struct PackageBuilderTests {
    @Test func straddleBuysCallAndPutAtOneStrike() throws {
        // Given a 65000 call and put, when a straddle of 10 is bought at 0.0275 BTC,
        let package = try StrategyPackage.makeStraddle(
            call: BTC.call(65000),
            put: BTC.put(65000),
            side: .buy,
            quantity: 10,
            limitPrice: px("0.0275"),
            asOf: BTC.now
        )
        // then both legs are bought once per unit, 10 each, and the trader pays a debit.
        #expect(package.shape == .straddle)
        #expect(layout(package) == ["+1", "+1"])
        #expect(orderSides(package) == [.buy, .buy])
        #expect(orderQuantities(package) == [10, 10])
        #expect(package.limitCashFlow == .debit(px("0.0275")))
        #expect(package.underlying == BTC.underlying && package.settlement == BTC.settlement)
    }

    @Test func soldStraddleSellsBothLegsForACredit() throws {
        let package = try StrategyPackage.makeStraddle(
            call: BTC.call(65000),
            put: BTC.put(65000),
            side: .sell,
            quantity: qty("2.5"),
            limitPrice: px("0.0500")
        )
        #expect(layout(package) == ["+1", "+1"])
        #expect(orderSides(package) == [.sell, .sell])
        #expect(orderQuantities(package) == [qty("2.5"), qty("2.5")])
        #expect(package.limitCashFlow == .credit(px("0.05")))
    }

    @Test func strangleBuysLowerPutAndUpperCall() throws {
        let package = try StrategyPackage.makeStrangle(
            put: BTC.put(60000),
            call: BTC.call(70000),
            side: .buy,
            quantity: 5,
            limitPrice: px("0.0180"),
            asOf: BTC.now
        )
        #expect(package.shape == .strangle)
        #expect(layout(package) == ["+1", "+1"])
        #expect(package.legs.map(\.instrument.right) == [.put, .call])
    }

    @Test func boughtCallVerticalIsABullSpreadAndSoldIsBear() throws {
        let bull = try StrategyPackage.makeVertical(
            lower: BTC.call(60000),
            upper: BTC.call(65000),
            side: .buy,
            quantity: 3,
            limitPrice: px("0.0215")
        )
        #expect(layout(bull) == ["+1", "-1"])
        #expect(orderSides(bull) == [.buy, .sell])
        let bear = try StrategyPackage.makeVertical(
            lower: BTC.call(60000),
            upper: BTC.call(65000),
            side: .sell,
            quantity: 3,
            limitPrice: px("0.0215")
        )
        #expect(orderSides(bear) == [.sell, .buy])
        #expect(bear.limitCashFlow == .credit(px("0.0215")))
    }

    @Test func boughtPutVerticalIsABullPutSpreadForACredit() throws {
        // Buy the 60000 put, sell the 65000 put: a credit, so the limit is negative.
        let package = try StrategyPackage.makeVertical(
            lower: BTC.put(60000),
            upper: BTC.put(65000),
            side: .buy,
            quantity: 1,
            limitPrice: px("-0.0150")
        )
        #expect(package.legs.map(\.instrument.right) == [.put, .put])
        #expect(package.limitCashFlow == .credit(px("0.015")))
    }

    @Test(arguments: [OptionRight.call, .put])
    func butterflyIsOneMinusTwoOne(right: OptionRight) throws {
        let make = right == .call ? BTC.call : BTC.put
        let package = try StrategyPackage.makeButterfly(
            lowerWing: make(60000, BTC.march),
            body: make(65000, BTC.march),
            upperWing: make(70000, BTC.march),
            side: .buy,
            quantity: qty("1.5"),
            limitPrice: px("0.0040"),
            asOf: BTC.now
        )
        #expect(layout(package) == ["+1", "-2", "+1"])
        #expect(orderQuantities(package) == [qty("1.5"), qty("3.0"), qty("1.5")])
        #expect(package.wings == .equidistant)
    }

    @Test func brokenWingButterflyNeedsToBeAskedFor() throws {
        let package = try StrategyPackage.makeButterfly(
            lowerWing: BTC.call(60000),
            body: BTC.call(65000),
            upperWing: BTC.call(75000),
            side: .buy,
            quantity: 1,
            limitPrice: px("0.0010"),
            wings: .brokenWingsAllowed
        )
        #expect(package.wings == .brokenWingsAllowed)
        #expect(package.legs.map(\.instrument.strike) == [60000, 65000, 75000].map { Price(FixedDecimal($0)) })
    }

    @Test func ironCondorBuysWingsAndSellsTheBodyForACredit() throws {
        let package = try StrategyPackage.makeIronCondor(
            putWing: BTC.put(55000),
            innerPut: BTC.put(60000),
            innerCall: BTC.call(70000),
            callWing: BTC.call(75000),
            side: .buy,
            quantity: 4,
            limitPrice: px("-0.0125"),
            asOf: BTC.now
        )
        #expect(layout(package) == ["+1", "-1", "-1", "+1"])
        #expect(package.legs.map(\.instrument.right) == [.put, .put, .call, .call])
        #expect(orderQuantities(package) == [4, 4, 4, 4])
        #expect(package.limitCashFlow == .credit(px("0.0125")))
    }

    @Test func ironButterflySellsPutAndCallAtTheBody() throws {
        let package = try StrategyPackage.makeIronButterfly(
            putWing: BTC.put(60000),
            bodyPut: BTC.put(65000),
            bodyCall: BTC.call(65000),
            callWing: BTC.call(70000),
            side: .sell,
            quantity: 1,
            limitPrice: px("-0.0450")
        )
        #expect(layout(package) == ["+1", "-1", "-1", "+1"])
        // Sold: the long-volatility version; the trader pays the 0.045 the buyer would receive.
        #expect(orderSides(package) == [.sell, .buy, .buy, .sell])
        #expect(package.limitCashFlow == .debit(px("0.045")))
    }

    @Test func calendarSellsNearAndBuysFar() throws {
        let package = try StrategyPackage.makeCalendar(
            near: BTC.call(65000, BTC.march),
            far: BTC.call(65000, BTC.june),
            side: .buy,
            quantity: 2,
            limitPrice: px("0.0210"),
            asOf: BTC.now
        )
        #expect(layout(package) == ["-1", "+1"])
        #expect(package.legs.map(\.instrument.expiry) == [BTC.march, BTC.june])
    }

    @Test func diagonalSellsNearAndBuysFarAtAnotherStrike() throws {
        let package = try StrategyPackage.makeDiagonal(
            near: BTC.put(60000, BTC.march),
            far: BTC.put(55000, BTC.june),
            side: .buy,
            quantity: 1,
            limitPrice: px("0.0035")
        )
        #expect(package.shape == .diagonal)
        #expect(layout(package) == ["-1", "+1"])
    }

    @Test func riskReversalSellsThePutAndBuysTheCall() throws {
        let package = try StrategyPackage.makeRiskReversal(
            put: BTC.put(55000),
            call: BTC.call(75000),
            side: .buy,
            quantity: 10,
            limitPrice: px("0.0005")
        )
        #expect(layout(package) == ["-1", "+1"])
        #expect(orderSides(package) == [.sell, .buy])
    }

    @Test func callRatioSpreadIsOneByTwo() throws {
        let package = try StrategyPackage.makeRatioSpread(
            long: BTC.call(65000),
            short: BTC.call(70000),
            side: .buy,
            quantity: 3,
            limitPrice: px("0.0020")
        )
        #expect(layout(package) == ["+1", "-2"])
        #expect(orderQuantities(package) == [3, 6])
        // Sold, it is the 1×2 backspread: sell one 65000, buy two 70000.
        let backspread = try StrategyPackage.makeRatioSpread(
            long: BTC.call(65000),
            short: BTC.call(70000),
            side: .sell,
            quantity: 3,
            limitPrice: px("0.0020")
        )
        #expect(orderSides(backspread) == [.sell, .buy])
    }

    @Test func putRatioSpreadBuysTheHigherStrike() throws {
        let package = try StrategyPackage.makeRatioSpread(
            long: BTC.put(65000),
            longRatio: 2,
            short: BTC.put(60000),
            shortRatio: 3,
            side: .buy,
            quantity: qty("0.5"),
            limitPrice: px("0.0100")
        )
        #expect(layout(package) == ["+2", "-3"])
        #expect(orderQuantities(package) == [qty("1.0"), qty("1.5")])
    }

    @Test func boxFollowsDeribitLegOrder() throws {
        let package = try StrategyPackage.makeBox(
            lowerCall: BTC.call(60000),
            lowerPut: BTC.put(60000),
            upperCall: BTC.call(65000),
            upperPut: BTC.put(65000),
            side: .buy,
            quantity: 1,
            limitPrice: px("0.0740")
        )
        #expect(layout(package) == ["+1", "-1", "-1", "+1"])
        #expect(package.legs.map(\.instrument.right) == [.call, .put, .call, .put])
    }

    @Test func customMixesOptionsWithAPerpetualHedge() throws {
        // A delta-hedged call: buy 10 calls, sell 5 perpetual contracts per package unit (ratio 2:1).
        let package = try StrategyPackage.makeCustom(
            legs: [
                PackageLeg(instrument: BTC.call(65000), side: .buy, ratio: 2),
                PackageLeg(instrument: BTC.perpetual, side: .sell, ratio: 1),
            ],
            side: .buy,
            quantity: 5,
            limitPrice: px("0.0100"),
            asOf: BTC.now
        )
        #expect(package.shape == .custom)
        #expect(orderQuantities(package) == [10, 5])
        #expect(orderSides(package) == [.buy, .sell])
    }

    @Test func customTakesUpToTheLegLimit() throws {
        let strikes: [Int64] = [50000, 55000, 60000, 65000, 70000, 75000, 80000, 85000]
        let legs = strikes.map { PackageLeg(instrument: BTC.call($0), side: .buy) }
        #expect(legs.count == StrategyPackage.maximumLegs)
        let package = try StrategyPackage.makeCustom(legs: legs, side: .buy, quantity: 1, limitPrice: px("0.5"))
        #expect(package.legs.count == 8)
        let withFuture = try StrategyPackage.makeCustom(
            legs: [
                PackageLeg(instrument: BTC.marchFuture, side: .sell), PackageLeg(instrument: BTC.perpetual, side: .buy),
            ],
            side: .buy,
            quantity: 1,
            limitPrice: px("-35.5")
        )
        #expect(withFuture.legs.map(\.instrument.kind) == [.future, .perpetual])
    }

    @Test func zeroLimitIsEven() throws {
        let package = try StrategyPackage.makeRiskReversal(
            put: BTC.put(55000),
            call: BTC.call(75000),
            side: .buy,
            quantity: 1,
            limitPrice: 0
        )
        #expect(package.limitCashFlow == .even)
    }

    @Test func codableRoundTripKeepsThePackage() throws {
        let package = try StrategyPackage.makeButterfly(
            lowerWing: BTC.put(60000),
            body: BTC.put(65000),
            upperWing: BTC.put(72000),
            side: .sell,
            quantity: qty("0.3"),
            limitPrice: px("0.0125"),
            wings: .brokenWingsAllowed
        )
        let data = try JSONEncoder().encode(package)
        let decoded = try JSONDecoder().decode(StrategyPackage.self, from: data)
        #expect(decoded == package)
        #expect(decoded.hashValue == package.hashValue)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"0.0125\""))  // decimals travel as strings
    }

    @Test func decodingValidatesAgain() throws {
        // Given a valid broken-wing butterfly, when its JSON claims equidistant wings,
        let package = try StrategyPackage.makeButterfly(
            lowerWing: BTC.call(60000),
            body: BTC.call(65000),
            upperWing: BTC.call(72000),
            side: .buy,
            quantity: 1,
            limitPrice: px("0.001"),
            wings: .brokenWingsAllowed
        )
        let json = String(decoding: try JSONEncoder().encode(package), as: UTF8.self)
            .replacingOccurrences(of: "brokenWingsAllowed", with: "equidistant")
        // then decoding refuses it, naming the leg and the rule.
        #expect {
            try JSONDecoder().decode(StrategyPackage.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("butterfly leg 2")
        }
    }
}
