// Proves package arithmetic is exact: leg order quantities are package units × ratio, the net price of decimal leg
// prices such as 0.0125 BTC is Σ signedRatio × price to the last digit, the limit check and its slack follow the sign
// convention for bought and sold packages, the legging price bound is rounded inward onto the tick, and fill
// progress splits each leg's fills into whole package units and an unpaired residual, for examples and (seeded) for
// random packages.
import LegateCore
import LegateModel
import LegateOrders
import Testing

private func straddle(_ side: OrderSide, limit: String) throws -> StrategyPackage {
    try .makeStraddle(call: BTC.call(65000), put: BTC.put(65000), side: side, quantity: 10, limitPrice: px(limit))
}

private func butterfly(_ side: OrderSide, quantity: Quantity = 1, limit: String) throws -> StrategyPackage {
    try .makeButterfly(
        lowerWing: BTC.call(60000),
        body: BTC.call(65000),
        upperWing: BTC.call(70000),
        side: side,
        quantity: quantity,
        limitPrice: px(limit)
    )
}

private func condor(_ side: OrderSide, limit: String) throws -> StrategyPackage {
    try .makeIronCondor(
        putWing: BTC.put(55000),
        innerPut: BTC.put(60000),
        innerCall: BTC.call(70000),
        callWing: BTC.call(75000),
        side: side,
        quantity: 4,
        limitPrice: px(limit)
    )
}

@Suite struct PackageLegOrderTests {
    @Test func legQuantitiesArePackageUnitsTimesRatioExactly() throws {
        let package = try butterfly(.sell, quantity: qty("2.5"), limit: "0.0060")
        #expect(package.legOrders.map(\.quantity) == [qty("2.5"), qty("5.0"), qty("2.5")])
        #expect(package.legOrders.map(\.quantity.description) == ["2.5", "5.0", "2.5"])
        #expect(package.legOrders.map(\.side) == [.sell, .buy, .sell])
        #expect(package.legOrders.map(\.legIndex) == [0, 1, 2])
        #expect(package.legOrders[1].instrument == BTC.call(65000))
    }

    @Test func childSliceQuantitiesFollowTheRatios() throws {
        let package = try StrategyPackage.makeRatioSpread(
            long: BTC.call(65000),
            short: BTC.call(70000),
            side: .buy,
            quantity: 3,
            limitPrice: 0
        )
        #expect(try package.legQuantities(forPackageUnits: qty("0.1")) == [qty("0.1"), qty("0.2")])
        #expect(throws: PackageArithmeticError.nonPositivePackageUnits(0)) {
            try package.legQuantities(forPackageUnits: 0)
        }
    }
}

@Suite struct PackageNetPriceTests {
    @Test func straddleNetsTheSumOfItsLegs() throws {
        let net = try straddle(.buy, limit: "0.03").netPrice(of: [px("0.0125"), px("0.0150")])
        #expect(net == px("0.0275"))
        #expect(net.description == "0.0275")
    }

    @Test func butterflyNetsWingsMinusTwiceTheBody() throws {
        // 0.0600 − 2 × 0.0325 + 0.0125 = 0.0075
        let net = try butterfly(.buy, limit: "0.01").netPrice(of: [px("0.0600"), px("0.0325"), px("0.0125")])
        #expect(net == px("0.0075"))
    }

    @Test func ironCondorNetsToACredit() throws {
        // 0.0020 − 0.0085 − 0.0110 + 0.0040 = −0.0135
        let prices = [px("0.0020"), px("0.0085"), px("0.0110"), px("0.0040")]
        #expect(try condor(.buy, limit: "-0.0125").netPrice(of: prices) == px("-0.0135"))
    }

    @Test func netPriceIsExactWhereBinaryFloatsAreNot() throws {
        // 0.1 + 0.2 is 0.30000000000000004 in Double; here it is 0.3.
        #expect(try straddle(.buy, limit: "1").netPrice(of: [px("0.1"), px("0.2")]) == px("0.3"))
        // Mixed scales widen, never round: 0.0125 + 0.00005 = 0.01255.
        let mixed = try straddle(.buy, limit: "1").netPrice(of: [px("0.0125"), px("0.00005")])
        #expect(mixed.description == "0.01255")
    }

    @Test func netPriceDoesNotDependOnThePackageSide() throws {
        let prices = [px("0.0600"), px("0.0325"), px("0.0125")]
        #expect(
            try butterfly(.buy, limit: "0").netPrice(of: prices) == butterfly(.sell, limit: "0").netPrice(of: prices)
        )
    }

    @Test func netPriceNeedsOnePricePerLeg() throws {
        #expect(throws: PackageArithmeticError.legCountMismatch(expected: 3, found: 2)) {
            try butterfly(.buy, limit: "0").netPrice(of: [px("0.06"), px("0.03")])
        }
    }

    @Test func netPriceBeyond64BitsIsAnErrorNotATrap() throws {
        let huge = Price(FixedDecimal(units: Int64.max, scale: 0))
        #expect(throws: PackageArithmeticError.self) {
            try straddle(.buy, limit: "0").netPrice(of: [huge, huge])
        }
    }
}

@Suite struct PackageLimitTests {
    @Test(arguments: [
        ("0.0125", "0.0150", "0", true),  // exactly at the limit
        ("0.0125", "0.0145", "0.0005", true),
        ("0.0126", "0.0150", "-0.0001", false),  // one tick over
    ])
    func boughtPackageAcceptsNetAtOrBelowTheLimit(call: String, put: String, slack: String, within: Bool) throws {
        let check = try straddle(.buy, limit: "0.0275").checkLimit(legPrices: [px(call), px(put)])
        #expect(check.slack == px(slack))
        #expect(check.isWithinLimit == within)
        #expect(try straddle(.buy, limit: "0.0275").isWithinLimit(legPrices: [px(call), px(put)]) == within)
    }

    @Test(arguments: [
        ("0.0300", "0.0225", "0.0025", true),
        ("0.0300", "0.0200", "0", true),
        ("0.0299", "0.0200", "-0.0001", false),
    ])
    func soldPackageAcceptsNetAtOrAboveTheLimit(call: String, put: String, slack: String, within: Bool) throws {
        let check = try straddle(.sell, limit: "0.0500").checkLimit(legPrices: [px(call), px(put)])
        #expect(check.slack == px(slack))
        #expect(check.isWithinLimit == within)
        #expect(check.side == .sell && check.limitPrice == px("0.05"))
    }

    @Test func creditPackageCompareSignedPrices() throws {
        // Bought condor at −0.0125 (a credit of at least 0.0125): a −0.0135 net is a larger credit, inside.
        let inside = try condor(.buy, limit: "-0.0125")
            .checkLimit(legPrices: [px("0.0020"), px("0.0085"), px("0.0110"), px("0.0040")])
        #expect(inside.netPrice == px("-0.0135") && inside.slack == px("0.0010") && inside.isWithinLimit)
        let outside = try condor(.buy, limit: "-0.0125")
            .checkLimit(legPrices: [px("0.0020"), px("0.0080"), px("0.0100"), px("0.0040")])
        #expect(outside.netPrice == px("-0.0120") && outside.slack == px("-0.0005") && !outside.isWithinLimit)
        #expect(inside.description == "net -0.0135 ≤ limit -0.0125: slack 0.0010")
    }
}

@Suite struct LegPriceBoundTests {
    @Test func boughtLegIsBoundedAbove() throws {
        // Bull call spread at 0.0215 with the 65000 call sold at 0.0150: buy the 60000 call at ≤ 0.0365.
        let package = try StrategyPackage.makeVertical(
            lower: BTC.call(60000),
            upper: BTC.call(65000),
            side: .buy,
            quantity: 1,
            limitPrice: px("0.0215")
        )
        let bound = try package.priceBound(forLeg: 0, legPrices: [nil, px("0.0150")], tick: dec("0.0005"))
        #expect(bound == LegPriceBound(legIndex: 0, side: .buy, price: px("0.0365")))
        #expect(bound.accepts(px("0.0365")) && !bound.accepts(px("0.0370")))
        #expect(try package.isWithinLimit(legPrices: [px("0.0365"), px("0.0150")]))
        #expect(try !package.isWithinLimit(legPrices: [px("0.0370"), px("0.0150")]))
    }

    @Test(arguments: [("0.0005", "0.0325"), ("0.0001", "0.0323")])
    func ratioTwoBodyIsRoundedUpOntoTheTick(tick: String, expected: String) throws {
        // Butterfly bought at 0.0065 with wings at 0.0600 and 0.0110: the body must sell at ≥ 0.0645 / 2 = 0.03225.
        let package = try butterfly(.buy, limit: "0.0065")
        let bound = try package.priceBound(forLeg: 1, legPrices: [px("0.0600"), nil, px("0.0110")], tick: dec(tick))
        #expect(bound.side == .sell)
        #expect(bound.price == px(expected))
        #expect(try package.isWithinLimit(legPrices: [px("0.0600"), bound.price, px("0.0110")]))
        let belowByATick = bound.price - Price(dec(tick))
        #expect(try !package.isWithinLimit(legPrices: [px("0.0600"), belowByATick, px("0.0110")]))
    }

    @Test func soldPackageBoundsItsLegsFromBelow() throws {
        // Sell a straddle for ≥ 0.05 with the call sold at 0.0300: the put must sell at ≥ 0.0200.
        let bound = try straddle(.sell, limit: "0.05").priceBound(
            forLeg: 1,
            legPrices: [px("0.0300"), nil],
            tick: dec("0.0001")
        )
        #expect(bound == LegPriceBound(legIndex: 1, side: .sell, price: px("0.0200")))
    }

    @Test func boundNeedsEveryOtherLegPrice() throws {
        let package = try butterfly(.buy, limit: "0.0065")
        let tick = dec("0.0005")
        #expect(throws: PackageArithmeticError.missingLegPrice(leg: 2)) {
            try package.priceBound(forLeg: 1, legPrices: [px("0.06"), nil, nil], tick: tick)
        }
        #expect(throws: PackageArithmeticError.legIndexOutOfRange(leg: 3, count: 3)) {
            try package.priceBound(forLeg: 3, legPrices: [nil, nil, nil], tick: tick)
        }
        #expect(throws: PackageArithmeticError.legCountMismatch(expected: 3, found: 2)) {
            try package.priceBound(forLeg: 0, legPrices: [nil, px("0.03")], tick: tick)
        }
        #expect(throws: PackageArithmeticError.nonPositiveIncrement(0)) {
            try package.priceBound(forLeg: 0, legPrices: [nil, px("0.03"), px("0.01")], tick: 0)
        }
    }

    @Test func boundIsTightOnRandomPackages() throws {
        // For seeded random prices, sides and legs: trading at the bound keeps the package inside its limit and one
        // tick worse takes it outside.
        var random = SplitMix64(seed: 0x5EED_0001)
        let tick = dec("0.0001")
        for round in 0..<300 {
            let side: OrderSide = random.bool() ? .buy : .sell
            let package =
                try random.bool()
                ? butterfly(side, limit: random.price(maxTicks: 200, signed: true))
                : condor(side, limit: random.price(maxTicks: 400, signed: true))
            let leg = random.int(0...(package.legs.count - 1))
            var prices: [Price?] = package.legs.indices.map { _ in px(random.price(maxTicks: 900, signed: false)) }
            prices[leg] = nil
            let bound = try package.priceBound(forLeg: leg, legPrices: prices, tick: tick)
            let worse = bound.side == .buy ? bound.price + Price(tick) : bound.price - Price(tick)
            var atBound = prices.map { $0 ?? .zero }
            atBound[leg] = bound.price
            var beyond = atBound
            beyond[leg] = worse
            #expect(try package.isWithinLimit(legPrices: atBound), "seed round \(round)")
            #expect(try !package.isWithinLimit(legPrices: beyond), "seed round \(round)")
        }
    }
}

@Suite struct PackageFillProgressTests {
    @Test func butterflyFilledOneEachIsHalfAPackage() throws {
        // Given a butterfly of 2 (legs 2, 4, 2) with one filled on each leg,
        let progress = try PackageFillProgress(
            package: butterfly(.buy, quantity: 2, limit: "0.006"),
            filled: [1, 1, 1]
        )
        // then half a package is complete and the wings each hold half a unit unpaired.
        #expect(progress.completed == qty("0.5"))
        #expect(progress.unpaired == [qty("0.5"), 0, qty("0.5")])
        #expect(progress.remaining == qty("1.5"))
        #expect(progress.legRemaining == [1, 3, 1])
        #expect(!progress.isComplete && !progress.isPaired)
    }

    @Test func nothingFilledAndEverythingFilled() throws {
        let package = try butterfly(.buy, quantity: 2, limit: "0.006")
        let none = try PackageFillProgress(package: package, filled: [0, 0, 0])
        #expect(none.completed == 0 && none.isPaired && none.remaining == 2 && !none.isComplete)
        let all = try PackageFillProgress(package: package, filled: [2, 4, 2])
        #expect(all.completed == 2 && all.isPaired && all.isComplete && all.legRemaining == [0, 0, 0])
    }

    @Test func incrementSetsTheGranularityOfPackageUnits() throws {
        let package = try StrategyPackage.makeRatioSpread(
            long: BTC.call(65000),
            short: BTC.call(70000),
            shortRatio: 3,
            side: .buy,
            quantity: 1,
            limitPrice: 0
        )
        // One each filled: 1/3 is no decimal, so whole units give 0 complete …
        let whole = try PackageFillProgress(package: package, filled: [1, 1])
        #expect(whole.completed == 0 && whole.unpaired == [1, 1])
        // … tenths give 0.3, leaving 0.7 and 0.1 unpaired (1 = 0.3 × 1 + 0.7, 1 = 0.3 × 3 + 0.1).
        let tenths = try PackageFillProgress(package: package, filled: [1, 1], increment: qty("0.1"))
        #expect(tenths.completed == qty("0.3") && tenths.unpaired == [qty("0.7"), qty("0.1")])
        // The default is by value: "1.0" is the same as "1".
        let written = try PackageFillProgress(package: package, filled: [qty("1.0"), qty("1.0")])
        #expect(written.completed == whole.completed && written.unpaired == whole.unpaired)
    }

    @Test func exactHalvesNeedNoIncrement() throws {
        // 101 of each leg of a butterfly of 101: the body pairs 50.5 packages, whatever the fills' own scale.
        let package = try butterfly(.buy, quantity: 101, limit: "0.006")
        let progress = try PackageFillProgress(package: package, filled: [101, 101, 101])
        #expect(progress.completed == qty("50.5"))
        #expect(progress.unpaired == [qty("50.5"), 0, qty("50.5")])
        #expect(progress.remaining == qty("50.5"))
    }

    @Test func badFillsAreErrors() throws {
        let package = try butterfly(.buy, quantity: 2, limit: "0.006")
        #expect(throws: PackageArithmeticError.overfilled(leg: 1, filled: qty("4.1"), ordered: 4)) {
            try PackageFillProgress(package: package, filled: [1, qty("4.1"), 1])
        }
        #expect(throws: PackageArithmeticError.negativeFill(leg: 0, filled: -1)) {
            try PackageFillProgress(package: package, filled: [-1, 0, 0])
        }
        #expect(throws: PackageArithmeticError.legCountMismatch(expected: 3, found: 1)) {
            try PackageFillProgress(package: package, filled: [1])
        }
        #expect(throws: PackageArithmeticError.nonPositiveIncrement(0)) {
            try PackageFillProgress(package: package, filled: [1, 1, 1], increment: 0)
        }
    }

    @Test func fillsSplitExactlyIntoUnitsAndResidualOnRandomPackages() throws {
        var random = SplitMix64(seed: 0x5EED_0002)
        for round in 0..<300 {
            let ratios = [random.int(1...5), random.int(1...5), random.int(1...5)]
            guard ratios.reduce(0, { gcd($0, $1) }) == 1 else { continue }
            let legs = zip([BTC.call(60000), BTC.put(60000), BTC.perpetual], ratios).map {
                PackageLeg(instrument: $0, side: random.bool() ? .buy : .sell, ratio: $1)
            }
            let quantity = Quantity(FixedDecimal(units: Int64(random.int(1...500)), scale: 1))
            let package = try StrategyPackage.makeCustom(legs: legs, side: .buy, quantity: quantity, limitPrice: 0)
            let filled = package.legOrders.map { order in
                Quantity(FixedDecimal(units: Int64(random.int(0...Int(order.quantity.decimal.units))), scale: 1))
            }
            let increment = qty("0.1")
            let progress = try PackageFillProgress(package: package, filled: filled, increment: increment)
            var isMaximal = false
            for (index, leg) in package.legs.enumerated() {
                let paired = Quantity(
                    FixedDecimal(
                        units: progress.completed.decimal.units * Int64(leg.ratio),
                        scale: progress.completed.decimal.scale
                    )
                )
                #expect(paired + progress.unpaired[index] == filled[index], "round \(round) leg \(index)")
                #expect(progress.unpaired[index] >= 0, "round \(round) leg \(index)")
                let nextStep = Quantity(FixedDecimal(units: Int64(leg.ratio), scale: 1))
                if progress.unpaired[index] < nextStep { isMaximal = true }
            }
            // No further increment fits on every leg.
            #expect(isMaximal, "round \(round)")
            #expect(progress.completed + progress.remaining == quantity, "round \(round)")

            // Without an increment: exact when every ratio divides into a decimal (1, 2, 4, 5), never above the min.
            let exact = try PackageFillProgress(package: package, filled: filled)
            for (index, leg) in package.legs.enumerated() {
                let paired = try exact.completed.decimal.multipliedExactly(by: FixedDecimal(Int64(leg.ratio)))
                #expect(Quantity(paired) + exact.unpaired[index] == filled[index], "round \(round) leg \(index)")
                #expect(exact.unpaired[index] >= 0, "round \(round) leg \(index)")
            }
            if ratios.allSatisfy({ [1, 2, 4, 5].contains($0) }) {
                // Tenths divided by 1, 2, 4 or 5 are exact at four places.
                let minimum = try zip(filled, ratios).map {
                    try $0.decimal.divided(by: FixedDecimal(Int64($1)), scale: 4, rounding: .towardZero)
                }.min()
                #expect(exact.completed.decimal == minimum, "round \(round)")
                #expect(exact.unpaired.contains { $0.isZero }, "round \(round)")
            }
        }
    }
}

/// Euclid's gcd for the generator's ratio draws.
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }

extension SplitMix64 {
    /// A price with four decimals: 0…maxTicks ticks of 0.0001, negative half the time when `signed`.
    mutating func price(maxTicks: Int, signed: Bool) -> String {
        let ticks = int(0...maxTicks)
        let negative = signed && bool()
        return (negative ? "-" : "") + FixedDecimal(units: Int64(ticks), scale: 4).description
    }
}
