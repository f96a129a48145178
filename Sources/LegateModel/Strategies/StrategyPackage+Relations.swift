import LegateCore

/// The shape-specific relations between legs: expiries equal or ordered, strikes equal, ordered or distinct, wings.
extension PackageValidator {
    func validateRelations(_ terms: [OptionTerms]) throws(PackageValidationError) {
        let relations = Relations(validator: self, terms: terms)
        switch shape {
        case .straddle:
            try relations.sameExpiry()
            try relations.strike(1, equals: 0)
        case .strangle, .vertical, .riskReversal:
            try relations.sameExpiry()
            try relations.strike(1, above: 0)
        case .butterfly:
            try relations.sameExpiry()
            try relations.strike(1, above: 0)
            try relations.strike(2, above: 1)
            try relations.wings(lower: (0, 1), upper: (1, 2))
        case .ironCondor:
            try relations.sameExpiry()
            for index in 1...3 { try relations.strike(index, above: index - 1) }
            try relations.wings(lower: (0, 1), upper: (2, 3))
        case .ironButterfly:
            try relations.sameExpiry()
            try relations.strike(1, above: 0)
            try relations.strike(2, equals: 1)
            try relations.strike(3, above: 2)
            try relations.wings(lower: (0, 1), upper: (2, 3))
        case .calendar:
            try relations.strike(1, equals: 0)
            try relations.expiry(1, after: 0)
        case .diagonal:
            try relations.strike(1, differsFrom: 0)
            try relations.expiry(1, after: 0)
        case .ratioSpread:
            try validateRatioSpread(relations)
        case .box:
            try relations.sameExpiry()
            try relations.strike(1, equals: 0)
            try relations.strike(2, above: 0)
            try relations.strike(3, equals: 2)
        case .custom:
            break
        }
    }

    /// The bought leg is the one nearer the money (lower strike for calls, higher for puts), and ratios differ.
    private func validateRatioSpread(_ relations: Relations) throws(PackageValidationError) {
        try relations.sameExpiry()
        if relations.terms[0].right == .call {
            try relations.strike(1, above: 0)
        } else {
            try relations.strike(1, below: 0)
        }
        guard legs[0].ratio != legs[1].ratio else { throw failure(1, .equalRatios(ratio: legs[1].ratio)) }
    }
}

/// Relation checks over the legs' option terms, each throwing the violation on the later leg.
private struct Relations {
    let validator: PackageValidator
    let terms: [OptionTerms]

    func sameExpiry() throws(PackageValidationError) {
        for index in terms.indices.dropFirst() where terms[index].expiry != terms[0].expiry {
            throw validator.failure(
                index,
                .expiryMismatch(otherLeg: 0, expected: terms[0].expiry, found: terms[index].expiry)
            )
        }
    }

    func expiry(_ index: Int, after other: Int) throws(PackageValidationError) {
        guard terms[index].expiry > terms[other].expiry else {
            throw validator.failure(
                index,
                .expiryNotAfter(otherLeg: other, other: terms[other].expiry, found: terms[index].expiry)
            )
        }
    }

    func strike(_ index: Int, equals other: Int) throws(PackageValidationError) {
        guard terms[index].strike == terms[other].strike else {
            throw validator.failure(
                index,
                .strikeMismatch(otherLeg: other, expected: terms[other].strike, found: terms[index].strike)
            )
        }
    }

    func strike(_ index: Int, above other: Int) throws(PackageValidationError) {
        guard terms[index].strike > terms[other].strike else {
            throw validator.failure(
                index,
                .strikeNotAbove(otherLeg: other, other: terms[other].strike, found: terms[index].strike)
            )
        }
    }

    func strike(_ index: Int, below other: Int) throws(PackageValidationError) {
        guard terms[index].strike < terms[other].strike else {
            throw validator.failure(
                index,
                .strikeNotBelow(otherLeg: other, other: terms[other].strike, found: terms[index].strike)
            )
        }
    }

    func strike(_ index: Int, differsFrom other: Int) throws(PackageValidationError) {
        guard terms[index].strike != terms[other].strike else {
            throw validator.failure(index, .strikeEqualsLeg(otherLeg: other, strike: terms[index].strike))
        }
    }

    /// Equal wing widths unless the package allows broken wings; reported on the upper wing's outer leg.
    func wings(lower: (Int, Int), upper: (Int, Int)) throws(PackageValidationError) {
        guard validator.wings == .equidistant else { return }
        let lowerWidth = terms[lower.1].strike.decimal - terms[lower.0].strike.decimal
        let upperWidth = terms[upper.1].strike.decimal - terms[upper.0].strike.decimal
        guard lowerWidth == upperWidth else {
            throw validator.failure(upper.1, .unequalWings(lowerWidth: lowerWidth, upperWidth: upperWidth))
        }
    }
}
