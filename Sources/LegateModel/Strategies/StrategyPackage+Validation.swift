import LegateCore

/// Checks a package against the generic rules and its shape's layout, reporting the first rule broken.
///
/// The order is fixed so the same input always names the same leg: package-level counts and quantity; then each leg
/// in turn against the generic rules (ratio, kind, underlying, settlement, duplicates, expiry); then the ratios as a
/// whole; then the shape's leg template (option, right, side, ratio, leg by leg); then the shape's relations between
/// legs (expiries, strikes, wings).
struct PackageValidator {
    let shape: StrategyShape
    let legs: [PackageLeg]
    let quantity: Quantity
    let wings: WingPolicy
    let asOf: UnixNanos?

    func validate() throws(PackageValidationError) {
        try validateCounts()
        for index in legs.indices { try validateGeneric(leg: index) }
        try validateRatiosReduced()
        guard let template = LegRule.template(for: shape) else { return }
        let terms = try validateTemplate(template)
        try validateRelations(terms)
    }

    func failure(_ leg: Int?, _ violation: PackageViolation) -> PackageValidationError {
        PackageValidationError(shape: shape, leg: leg, violation: violation)
    }

    private func validateCounts() throws(PackageValidationError) {
        let minimum = StrategyPackage.minimumLegs
        let maximum = StrategyPackage.maximumLegs
        guard legs.count >= minimum else { throw failure(nil, .tooFewLegs(count: legs.count, minimum: minimum)) }
        guard legs.count <= maximum else { throw failure(nil, .tooManyLegs(count: legs.count, maximum: maximum)) }
        if let expected = shape.legCount, legs.count != expected {
            throw failure(nil, .wrongLegCount(count: legs.count, expected: expected))
        }
        guard quantity.decimal.isPositive else { throw failure(nil, .nonPositiveQuantity(quantity)) }
    }

    private func validateGeneric(leg index: Int) throws(PackageValidationError) {
        let leg = legs[index]
        let first = legs[0].instrument
        let maximum = StrategyPackage.maximumRatio
        guard (1...maximum).contains(leg.ratio) else {
            throw failure(index, .ratioOutOfRange(ratio: leg.ratio, maximum: maximum))
        }
        guard leg.instrument.kind != .combo else { throw failure(index, .comboLeg) }
        guard leg.instrument.underlying == first.underlying else {
            throw failure(index, .underlyingMismatch(expected: first.underlying, found: leg.instrument.underlying))
        }
        guard leg.instrument.settlement == first.settlement else {
            throw failure(index, .settlementMismatch(expected: first.settlement, found: leg.instrument.settlement))
        }
        if let earlier = legs[..<index].firstIndex(where: { $0.instrument == leg.instrument }) {
            throw failure(index, .duplicateInstrument(firstLeg: earlier))
        }
        if let asOf, let expiry = leg.instrument.expiry, expiry <= asOf {
            throw failure(index, .expired(expiry: expiry, asOf: asOf))
        }
        guard !quantity.decimal.units.multipliedReportingOverflow(by: Int64(leg.ratio)).overflow else {
            throw failure(index, .legQuantityNotRepresentable(quantity: quantity, ratio: leg.ratio))
        }
    }

    private func validateRatiosReduced() throws(PackageValidationError) {
        let divisor = legs.reduce(0) { greatestCommonDivisor($0, $1.ratio) }
        guard divisor == 1 else { throw failure(nil, .ratiosNotReduced(ratios: legs.map(\.ratio), divisor: divisor)) }
    }

    /// Matches every leg to the shape's template and returns the legs' option terms for the relation checks.
    private func validateTemplate(_ template: [LegRule]) throws(PackageValidationError) -> [OptionTerms] {
        var terms: [OptionTerms] = []
        terms.reserveCapacity(legs.count)
        for (index, (leg, rule)) in zip(legs, template).enumerated() {
            guard case .option(let option) = leg.instrument.terms else {
                throw failure(index, .notAnOption(found: leg.instrument.kind))
            }
            let expectedRight = rule.right ?? terms.first?.right
            if let expectedRight, option.right != expectedRight {
                throw failure(index, .wrongRight(expected: expectedRight, found: option.right))
            }
            guard leg.side == rule.side else { throw failure(index, .wrongSide(expected: rule.side, found: leg.side)) }
            if let ratio = rule.ratio, leg.ratio != ratio {
                throw failure(index, .wrongRatio(expected: ratio, found: leg.ratio))
            }
            terms.append(option)
        }
        return terms
    }
}

/// Euclid's algorithm on non-negative integers; `gcd(0, n) = n`.
func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a.magnitude, b.magnitude)
    while b != 0 { (a, b) = (b, a % b) }
    return Int(a)
}

/// One line of a shape's canonical layout: the right (nil = the same as leg 0, or any for leg 0), the side when the
/// package is bought, and the ratio (nil = any, for ratio spreads).
struct LegRule {
    let right: OptionRight?
    let side: OrderSide
    let ratio: Int?

    init(_ right: OptionRight?, _ side: OrderSide, _ ratio: Int?) {
        self.right = right
        self.side = side
        self.ratio = ratio
    }

    /// The layout of each shape as bought (see `StrategyShape`); nil for `custom`, which has none.
    static func template(for shape: StrategyShape) -> [LegRule]? {
        switch shape {
        case .straddle: [LegRule(.call, .buy, 1), LegRule(.put, .buy, 1)]
        case .strangle: [LegRule(.put, .buy, 1), LegRule(.call, .buy, 1)]
        case .vertical: [LegRule(nil, .buy, 1), LegRule(nil, .sell, 1)]
        case .butterfly: [LegRule(nil, .buy, 1), LegRule(nil, .sell, 2), LegRule(nil, .buy, 1)]
        case .ironCondor, .ironButterfly:
            [LegRule(.put, .buy, 1), LegRule(.put, .sell, 1), LegRule(.call, .sell, 1), LegRule(.call, .buy, 1)]
        case .calendar, .diagonal: [LegRule(nil, .sell, 1), LegRule(nil, .buy, 1)]
        case .riskReversal: [LegRule(.put, .sell, 1), LegRule(.call, .buy, 1)]
        case .ratioSpread: [LegRule(nil, .buy, nil), LegRule(nil, .sell, nil)]
        case .box:
            [LegRule(.call, .buy, 1), LegRule(.put, .sell, 1), LegRule(.call, .sell, 1), LegRule(.put, .buy, 1)]
        case .custom: nil
        }
    }
}
