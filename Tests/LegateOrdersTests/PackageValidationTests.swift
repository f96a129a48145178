// Proves that every package rule refuses a package that breaks it and names the leg (or the package) and the rule:
// one table row per rule and shape, each a real-looking BTC package with exactly one thing wrong. Boundaries are
// tested on both sides (expiry at the instant vs one nanosecond before, zero quantity, ratio 0 and 101, 8 and 9 legs).
import LegateCore
import LegateModel
import LegateOrders
import Testing

/// One package with one broken rule, the leg expected to be named (nil = the package), and the violation.
struct BrokenPackage: Sendable, CustomTestStringConvertible {
    let name: String
    let leg: Int?
    let violation: PackageViolation
    let make: @Sendable () throws -> StrategyPackage

    init(
        _ name: String,
        leg: Int?,
        _ violation: PackageViolation,
        _ make: @escaping @Sendable () throws -> StrategyPackage
    ) {
        self.name = name
        self.leg = leg
        self.violation = violation
        self.make = make
    }

    var testDescription: String { name }
}

/// The validation error a package construction throws, or nil when it succeeds (or throws anything else).
func validationError(_ make: () throws -> StrategyPackage) -> PackageValidationError? {
    do {
        _ = try make()
        return nil
    } catch {
        return error as? PackageValidationError
    }
}

private let one = Quantity(1)
private let limit = px("0.01")

private func strike(_ value: Int64) -> Price { Price(FixedDecimal(value)) }

private func custom(_ legs: [PackageLeg]) throws(PackageValidationError) -> StrategyPackage {
    try .makeCustom(legs: legs, side: .buy, quantity: one, limitPrice: limit)
}

@Suite struct PackageValidationTests {
    static let packageLevel: [BrokenPackage] = [
        BrokenPackage("one leg is an order, not a package", leg: nil, .tooFewLegs(count: 1, minimum: 2)) {
            try custom([PackageLeg(instrument: BTC.call(65000), side: .buy)])
        },
        BrokenPackage("nine legs exceed the limit", leg: nil, .tooManyLegs(count: 9, maximum: 8)) {
            try custom((0..<9).map { PackageLeg(instrument: BTC.call(50000 + 1000 * Int64($0)), side: .buy) })
        },
        BrokenPackage("a straddle with a third leg", leg: nil, .wrongLegCount(count: 3, expected: 2)) {
            try StrategyPackage(
                shape: .straddle,
                side: .buy,
                legs: [BTC.call(65000), BTC.put(65000), BTC.call(70000)].map { PackageLeg(instrument: $0, side: .buy) },
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("zero quantity", leg: nil, .nonPositiveQuantity(0)) {
            try .makeStraddle(call: BTC.call(65000), put: BTC.put(65000), side: .buy, quantity: 0, limitPrice: limit)
        },
        BrokenPackage("negative quantity", leg: nil, .nonPositiveQuantity(qty("-0.1"))) {
            try .makeStraddle(
                call: BTC.call(65000),
                put: BTC.put(65000),
                side: .buy,
                quantity: qty("-0.1"),
                limitPrice: limit
            )
        },
        BrokenPackage("a 2×4 ratio spread is a 1×2", leg: nil, .ratiosNotReduced(ratios: [2, 4], divisor: 2)) {
            try .makeRatioSpread(
                long: BTC.call(65000),
                longRatio: 2,
                short: BTC.call(70000),
                shortRatio: 4,
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("custom 3:3 ratios", leg: nil, .ratiosNotReduced(ratios: [3, 3], divisor: 3)) {
            try custom([
                PackageLeg(instrument: BTC.call(65000), side: .buy, ratio: 3),
                PackageLeg(instrument: BTC.perpetual, side: .sell, ratio: 3),
            ])
        },
    ]

    static let genericLeg: [BrokenPackage] = [
        BrokenPackage("ratio zero", leg: 1, .ratioOutOfRange(ratio: 0, maximum: 100)) {
            try custom([
                PackageLeg(instrument: BTC.call(65000), side: .buy),
                PackageLeg(instrument: BTC.perpetual, side: .sell, ratio: 0),
            ])
        },
        BrokenPackage("negative ratio", leg: 0, .ratioOutOfRange(ratio: -1, maximum: 100)) {
            try custom([
                PackageLeg(instrument: BTC.call(65000), side: .buy, ratio: -1),
                PackageLeg(instrument: BTC.perpetual, side: .sell),
            ])
        },
        BrokenPackage("ratio above the limit", leg: 1, .ratioOutOfRange(ratio: 101, maximum: 100)) {
            try .makeRatioSpread(
                long: BTC.call(65000),
                short: BTC.call(70000),
                shortRatio: 101,
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a venue combo as a leg", leg: 1, .comboLeg) {
            let combo = Instrument(
                underlying: BTC.underlying,
                settlement: BTC.settlement,
                terms: .combo(Combo(legs: [.init(instrument: BTC.call(60000), ratio: 1)]))
            )
            return try custom([
                PackageLeg(instrument: BTC.call(65000), side: .buy), PackageLeg(instrument: combo, side: .buy),
            ])
        },
        BrokenPackage(
            "an ETH put in a BTC straddle",
            leg: 1,
            .underlyingMismatch(expected: BTC.underlying, found: Underlying(base: .eth, quote: .usd))
        ) {
            let ethPut = Instrument.option(
                Underlying(base: .eth, quote: .usd),
                expiry: BTC.march,
                strike: strike(65000),
                right: .put,
                settlement: .inverse(.eth)
            )
            return try .makeStraddle(call: BTC.call(65000), put: ethPut, side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage(
            "a USDC-settled leg in an inverse condor",
            leg: 3,
            .settlementMismatch(expected: .inverse(.btc), found: .linear(.usdc))
        ) {
            let linearCall = Instrument.option(
                BTC.underlying,
                expiry: BTC.march,
                strike: strike(75000),
                right: .call,
                settlement: .linear(.usdc)
            )
            return try .makeIronCondor(
                putWing: BTC.put(55000),
                innerPut: BTC.put(60000),
                innerCall: BTC.call(70000),
                callWing: linearCall,
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("the same call twice", leg: 2, .duplicateInstrument(firstLeg: 0)) {
            try custom([
                PackageLeg(instrument: BTC.call(65000), side: .buy),
                PackageLeg(instrument: BTC.put(65000), side: .buy),
                PackageLeg(instrument: BTC.call(65000), side: .sell),
            ])
        },
        BrokenPackage(
            "a leg quantity beyond 64 bits",
            leg: 1,
            .legQuantityNotRepresentable(quantity: Quantity(FixedDecimal(units: Int64.max / 2 + 1, scale: 0)), ratio: 2)
        ) {
            try .makeButterfly(
                lowerWing: BTC.call(60000),
                body: BTC.call(65000),
                upperWing: BTC.call(70000),
                side: .buy,
                quantity: Quantity(FixedDecimal(units: Int64.max / 2 + 1, scale: 0)),
                limitPrice: limit
            )
        },
    ]

    static let template: [BrokenPackage] = [
        BrokenPackage("a perpetual in a straddle", leg: 1, .notAnOption(found: .perpetual)) {
            try .makeStraddle(call: BTC.call(65000), put: BTC.perpetual, side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage("a future in a vertical", leg: 0, .notAnOption(found: .future)) {
            try .makeVertical(
                lower: BTC.marchFuture,
                upper: BTC.call(65000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("two calls as a straddle", leg: 1, .wrongRight(expected: .put, found: .call)) {
            try .makeStraddle(call: BTC.call(65000), put: BTC.call(70000), side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage("a put where a strangle needs it", leg: 0, .wrongRight(expected: .put, found: .call)) {
            try .makeStrangle(put: BTC.call(60000), call: BTC.call(70000), side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage("a vertical mixing rights", leg: 1, .wrongRight(expected: .call, found: .put)) {
            try .makeVertical(
                lower: BTC.call(60000),
                upper: BTC.put(65000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a butterfly wing of the other right", leg: 2, .wrongRight(expected: .put, found: .call)) {
            try .makeButterfly(
                lowerWing: BTC.put(60000),
                body: BTC.put(65000),
                upperWing: BTC.call(70000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a box with its puts and calls swapped", leg: 0, .wrongRight(expected: .call, found: .put)) {
            try .makeBox(
                lowerCall: BTC.put(60000),
                lowerPut: BTC.call(60000),
                upperCall: BTC.call(65000),
                upperPut: BTC.put(65000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a calendar mixing rights", leg: 1, .wrongRight(expected: .call, found: .put)) {
            try .makeCalendar(
                near: BTC.call(65000, BTC.march),
                far: BTC.put(65000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a straddle with a sold put", leg: 1, .wrongSide(expected: .buy, found: .sell)) {
            try StrategyPackage(
                shape: .straddle,
                side: .buy,
                legs: [
                    PackageLeg(instrument: BTC.call(65000), side: .buy),
                    PackageLeg(instrument: BTC.put(65000), side: .sell),
                ],
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a condor written the other way round", leg: 0, .wrongSide(expected: .buy, found: .sell)) {
            try StrategyPackage(
                shape: .ironCondor,
                side: .buy,
                legs: [
                    PackageLeg(instrument: BTC.put(55000), side: .sell),
                    PackageLeg(instrument: BTC.put(60000), side: .buy),
                    PackageLeg(instrument: BTC.call(70000), side: .buy),
                    PackageLeg(instrument: BTC.call(75000), side: .sell),
                ],
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a butterfly body of one", leg: 1, .wrongRatio(expected: 2, found: 1)) {
            try StrategyPackage(
                shape: .butterfly,
                side: .buy,
                legs: [
                    PackageLeg(instrument: BTC.call(60000), side: .buy),
                    PackageLeg(instrument: BTC.call(65000), side: .sell),
                    PackageLeg(instrument: BTC.call(70000), side: .buy),
                ],
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a ratio spread of 1×1", leg: 1, .equalRatios(ratio: 1)) {
            try .makeRatioSpread(
                long: BTC.call(65000),
                short: BTC.call(70000),
                shortRatio: 1,
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
    ]

    static let expiries: [BrokenPackage] = [
        BrokenPackage(
            "a straddle across expiries",
            leg: 1,
            .expiryMismatch(otherLeg: 0, expected: BTC.march, found: BTC.june)
        ) {
            try .makeStraddle(
                call: BTC.call(65000),
                put: BTC.put(65000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a vertical across expiries",
            leg: 1,
            .expiryMismatch(otherLeg: 0, expected: BTC.march, found: BTC.april)
        ) {
            try .makeVertical(
                lower: BTC.call(60000),
                upper: BTC.call(65000, BTC.april),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a butterfly across expiries",
            leg: 2,
            .expiryMismatch(otherLeg: 0, expected: BTC.march, found: BTC.june)
        ) {
            try .makeButterfly(
                lowerWing: BTC.call(60000),
                body: BTC.call(65000),
                upperWing: BTC.call(70000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a condor across expiries",
            leg: 3,
            .expiryMismatch(otherLeg: 0, expected: BTC.march, found: BTC.april)
        ) {
            try .makeIronCondor(
                putWing: BTC.put(55000),
                innerPut: BTC.put(60000),
                innerCall: BTC.call(70000),
                callWing: BTC.call(75000, BTC.april),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a box across expiries",
            leg: 2,
            .expiryMismatch(otherLeg: 0, expected: BTC.march, found: BTC.june)
        ) {
            try .makeBox(
                lowerCall: BTC.call(60000),
                lowerPut: BTC.put(60000),
                upperCall: BTC.call(65000, BTC.june),
                upperPut: BTC.put(65000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a calendar far before near",
            leg: 1,
            .expiryNotAfter(otherLeg: 0, other: BTC.june, found: BTC.march)
        ) {
            try .makeCalendar(
                near: BTC.call(65000, BTC.june),
                far: BTC.call(65000, BTC.march),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a diagonal at one expiry",
            leg: 1,
            .expiryNotAfter(otherLeg: 0, other: BTC.march, found: BTC.march)
        ) {
            try .makeDiagonal(
                near: BTC.put(60000),
                far: BTC.put(55000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
    ]

    static let strikes: [BrokenPackage] = [
        BrokenPackage(
            "a straddle across strikes",
            leg: 1,
            .strikeMismatch(otherLeg: 0, expected: strike(65000), found: strike(60000))
        ) {
            try .makeStraddle(call: BTC.call(65000), put: BTC.put(60000), side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage(
            "a calendar across strikes",
            leg: 1,
            .strikeMismatch(otherLeg: 0, expected: strike(65000), found: strike(70000))
        ) {
            try .makeCalendar(
                near: BTC.call(65000),
                far: BTC.call(70000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "an iron butterfly with a split body",
            leg: 2,
            .strikeMismatch(otherLeg: 1, expected: strike(65000), found: strike(66000))
        ) {
            try .makeIronButterfly(
                putWing: BTC.put(60000),
                bodyPut: BTC.put(65000),
                bodyCall: BTC.call(66000),
                callWing: BTC.call(71000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a box with four strikes",
            leg: 3,
            .strikeMismatch(otherLeg: 2, expected: strike(65000), found: strike(70000))
        ) {
            try .makeBox(
                lowerCall: BTC.call(60000),
                lowerPut: BTC.put(60000),
                upperCall: BTC.call(65000),
                upperPut: BTC.put(70000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a strangle with the call below the put",
            leg: 1,
            .strikeNotAbove(otherLeg: 0, other: strike(65000), found: strike(60000))
        ) {
            try .makeStrangle(put: BTC.put(65000), call: BTC.call(60000), side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage(
            "a vertical upside down",
            leg: 1,
            .strikeNotAbove(otherLeg: 0, other: strike(65000), found: strike(60000))
        ) {
            try .makeVertical(
                lower: BTC.call(65000),
                upper: BTC.call(60000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a strangle at one strike is a straddle",
            leg: 1,
            .strikeNotAbove(otherLeg: 0, other: strike(65000), found: strike(65000))
        ) {
            try .makeStrangle(put: BTC.put(65000), call: BTC.call(65000), side: .buy, quantity: one, limitPrice: limit)
        },
        BrokenPackage(
            "a butterfly body below its lower wing",
            leg: 1,
            .strikeNotAbove(otherLeg: 0, other: strike(65000), found: strike(60000))
        ) {
            try .makeButterfly(
                lowerWing: BTC.call(65000),
                body: BTC.call(60000),
                upperWing: BTC.call(70000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a condor with touching inner strikes",
            leg: 2,
            .strikeNotAbove(otherLeg: 1, other: strike(65000), found: strike(65000))
        ) {
            try .makeIronCondor(
                putWing: BTC.put(60000),
                innerPut: BTC.put(65000),
                innerCall: BTC.call(65000),
                callWing: BTC.call(70000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a risk reversal with the call below the put",
            leg: 1,
            .strikeNotAbove(otherLeg: 0, other: strike(60000), found: strike(55000))
        ) {
            try .makeRiskReversal(
                put: BTC.put(60000),
                call: BTC.call(55000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a call ratio spread selling the lower strike",
            leg: 1,
            .strikeNotAbove(otherLeg: 0, other: strike(70000), found: strike(65000))
        ) {
            try .makeRatioSpread(
                long: BTC.call(70000),
                short: BTC.call(65000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a put ratio spread selling the higher strike",
            leg: 1,
            .strikeNotBelow(otherLeg: 0, other: strike(60000), found: strike(65000))
        ) {
            try .makeRatioSpread(
                long: BTC.put(60000),
                short: BTC.put(65000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage(
            "a diagonal at one strike is a calendar",
            leg: 1,
            .strikeEqualsLeg(otherLeg: 0, strike: strike(65000))
        ) {
            try .makeDiagonal(
                near: BTC.call(65000),
                far: BTC.call(65000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a butterfly with unequal wings", leg: 2, .unequalWings(lowerWidth: 5000, upperWidth: 6000)) {
            try .makeButterfly(
                lowerWing: BTC.call(60000),
                body: BTC.call(65000),
                upperWing: BTC.call(71000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("a condor with unequal wings", leg: 3, .unequalWings(lowerWidth: 5000, upperWidth: 10000)) {
            try .makeIronCondor(
                putWing: BTC.put(55000),
                innerPut: BTC.put(60000),
                innerCall: BTC.call(70000),
                callWing: BTC.call(80000),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
        BrokenPackage("an iron butterfly with unequal wings", leg: 3, .unequalWings(lowerWidth: 5000, upperWidth: 2500))
        {
            try .makeIronButterfly(
                putWing: BTC.put(60000),
                bodyPut: BTC.put(65000),
                bodyCall: BTC.call(65000),
                callWing: BTC.call(67500),
                side: .buy,
                quantity: one,
                limitPrice: limit
            )
        },
    ]

    @Test(arguments: packageLevel + genericLeg + template + expiries + strikes)
    func refusesAndNamesTheLeg(_ broken: BrokenPackage) throws {
        let error = try #require(validationError(broken.make), "expected \(broken.name) to be refused")
        #expect(error.leg == broken.leg)
        #expect(error.violation == broken.violation)
        // The description says what and where.
        if let leg = broken.leg { #expect(error.description.contains("leg \(leg):")) }
        #expect(error.description.hasPrefix(error.shape.description))
    }

    @Test func everyShapeIsCoveredByARefusal() {
        let all = Self.packageLevel + Self.genericLeg + Self.template + Self.expiries + Self.strikes
        let shapes = Set(all.compactMap { validationError($0.make)?.shape })
        #expect(shapes == Set(StrategyShape.allCases))
    }

    @Test func brokenWingsPassWhenAllowed() throws {
        let condor = try StrategyPackage.makeIronCondor(
            putWing: BTC.put(55000),
            innerPut: BTC.put(60000),
            innerCall: BTC.call(70000),
            callWing: BTC.call(80000),
            side: .buy,
            quantity: one,
            limitPrice: limit,
            wings: .brokenWingsAllowed
        )
        #expect(condor.wings == .brokenWingsAllowed)
        // Strike order still holds with broken wings allowed.
        let error = validationError {
            try .makeButterfly(
                lowerWing: BTC.call(65000),
                body: BTC.call(60000),
                upperWing: BTC.call(71000),
                side: .buy,
                quantity: one,
                limitPrice: limit,
                wings: .brokenWingsAllowed
            )
        }
        #expect(error?.leg == 1)
        #expect(error?.violation == .strikeNotAbove(otherLeg: 0, other: strike(65000), found: strike(60000)))
    }

    @Test func expiredLegIsRefusedAtAndAfterItsExpiry() throws {
        // Given a June calendar checked at the March expiry instant, the March leg (0) has expired;
        let atExpiry = validationError {
            try .makeCalendar(
                near: BTC.call(65000, BTC.march),
                far: BTC.call(65000, BTC.june),
                side: .buy,
                quantity: one,
                limitPrice: limit,
                asOf: BTC.march
            )
        }
        #expect(atExpiry?.leg == 0)
        #expect(atExpiry?.violation == .expired(expiry: BTC.march, asOf: BTC.march))
        // one nanosecond earlier it is still tradable.
        let before = try StrategyPackage.makeCalendar(
            near: BTC.call(65000, BTC.march),
            far: BTC.call(65000, BTC.june),
            side: .buy,
            quantity: one,
            limitPrice: limit,
            asOf: BTC.march + -1
        )
        #expect(before.legs.count == 2)
        // A custom package names the expired future leg, not the perpetual.
        let custom = validationError {
            try .makeCustom(
                legs: [
                    PackageLeg(instrument: BTC.perpetual, side: .buy),
                    PackageLeg(instrument: BTC.marchFuture, side: .sell),
                ],
                side: .buy,
                quantity: one,
                limitPrice: limit,
                asOf: BTC.june
            )
        }
        #expect(custom?.leg == 1)
    }

    @Test func restingPackageCanBeCheckedForExpiryLater() throws {
        let package = try StrategyPackage.makeCalendar(
            near: BTC.put(60000, BTC.march),
            far: BTC.put(60000, BTC.june),
            side: .sell,
            quantity: one,
            limitPrice: limit,
            asOf: BTC.now
        )
        #expect(throws: Never.self) { try package.validateNotExpired(asOf: BTC.now) }
        #expect(
            throws: PackageValidationError(
                shape: .calendar,
                leg: 0,
                violation: .expired(expiry: BTC.march, asOf: BTC.april)
            )
        ) {
            try package.validateNotExpired(asOf: BTC.april)
        }
    }

    @Test func firstRuleBrokenIsReportedDeterministically() {
        // Two things wrong (a duplicate at leg 1 and a wrong right at leg 1): the generic rule comes first.
        let error = validationError {
            try .makeStraddle(call: BTC.call(65000), put: BTC.call(65000), side: .buy, quantity: 0, limitPrice: limit)
        }
        #expect(error?.leg == nil)
        #expect(error?.violation == .nonPositiveQuantity(0))
        let duplicate = validationError {
            try .makeStraddle(call: BTC.call(65000), put: BTC.call(65000), side: .buy, quantity: one, limitPrice: limit)
        }
        #expect(duplicate?.violation == .duplicateInstrument(firstLeg: 0))
    }

    @Test func descriptionsSayWhatAndWhere() {
        let error = PackageValidationError(
            shape: .ironCondor,
            leg: 2,
            violation: .strikeNotAbove(otherLeg: 1, other: 65000, found: 65000)
        )
        #expect(error.description == "iron condor leg 2: strike 65000 must be above leg 1's 65000")
        let packageLevel = PackageValidationError(
            shape: .custom,
            leg: nil,
            violation: .tooManyLegs(count: 9, maximum: 8)
        )
        #expect(packageLevel.description == "custom package: has 9 legs; a package may have at most 8")
    }
}
