/// What a risk factor moves: an underlying's spot, or its implied-vol level.
public enum RiskFactorKind: String, Sendable, Hashable, Codable {
    /// The underlying's simple return over the horizon, `S′ = S·(1 + r)`.
    case spot
    /// An absolute change of every implied vol of the underlying, `σ′ = σ + Δσ` (vol points as a fraction).
    case vol
}

/// One factor of the VaR models: which underlying, what it moves, and its annualised volatility.
public struct RiskFactor: Sendable, Hashable, Codable {
    /// Index of the underlying (as in `ScenarioBook.indexPrices`).
    public var underlying: Int
    public var kind: RiskFactorKind
    /// Standard deviation of the factor per √year: the spot return vol, or the vol of absolute vol changes.
    public var annualVol: Double

    public init(underlying: Int, kind: RiskFactorKind, annualVol: Double) {
        self.underlying = underlying
        self.kind = kind
        self.annualVol = annualVol
    }
}

/// The joint distribution of the risk factors: normal with the given vols and a correlation matrix that has been
/// validated and factored (repaired or refused by policy).
///
/// Over a horizon of `h` years the factor covariance is `Σᵢⱼ = ρᵢⱼ·σᵢ·σⱼ·h` (square-root-of-time scaling of i.i.d.
/// daily shocks, risk-methodology §4.2). Each underlying has exactly one spot factor and at most one vol factor.
public struct RiskFactorModel: Sendable, Hashable {
    public let factors: [RiskFactor]
    /// The correlation used (the input or its repair) and its Cholesky factor.
    public let correlation: CorrelationFactor
    /// The number of underlyings (highest index + 1).
    public let underlyingCount: Int
    /// `spotFactor[u]`: the factor index of underlying `u`'s spot.
    public let spotFactor: [Int]
    /// `volFactor[u]`: the factor index of underlying `u`'s vol, or nil when vols are held.
    public let volFactor: [Int?]

    /// - Throws: `VaRError` for an empty factor list, a non-positive or non-finite vol, an underlying with no spot
    ///   factor or two of one kind, a correlation of the wrong size or malformed, or one that is not positive
    ///   definite under `.refuse`.
    public init(
        factors: [RiskFactor],
        correlation: SquareMatrix,
        repair: CorrelationRepairPolicy
    ) throws(VaRError) {
        guard !factors.isEmpty else { throw .emptySeries(what: "risk factors") }
        guard correlation.dimension == factors.count else {
            throw .dimensionMismatch(what: "factor correlation", expected: factors.count, actual: correlation.dimension)
        }
        for (index, factor) in factors.enumerated() where !(factor.annualVol > 0 && factor.annualVol.isFinite) {
            throw .invalidFactor(index: index, reason: "annualVol \(factor.annualVol) must be positive and finite")
        }
        let count = (factors.map(\.underlying).max() ?? 0) + 1
        var spot = [Int?](repeating: nil, count: count)
        var vol = [Int?](repeating: nil, count: count)
        for (index, factor) in factors.enumerated() {
            guard factor.underlying >= 0 else {
                throw .invalidFactor(index: index, reason: "negative underlying index")
            }
            switch factor.kind {
            case .spot:
                if spot[factor.underlying] != nil {
                    throw .invalidFactor(index: index, reason: "second spot factor of underlying \(factor.underlying)")
                }
                spot[factor.underlying] = index
            case .vol:
                if vol[factor.underlying] != nil {
                    throw .invalidFactor(index: index, reason: "second vol factor of underlying \(factor.underlying)")
                }
                vol[factor.underlying] = index
            }
        }
        var spotFactor: [Int] = []
        for (underlying, index) in spot.enumerated() {
            guard let index else {
                throw .invalidFactor(index: factors.count, reason: "underlying \(underlying) has no spot factor")
            }
            spotFactor.append(index)
        }
        self.factors = factors
        self.underlyingCount = count
        self.spotFactor = spotFactor
        self.volFactor = vol
        self.correlation = try Cholesky.factor(correlation: correlation, policy: repair, what: "factor correlation")
    }

    /// Factor standard deviations over `horizonYears`.
    public func horizonVols(horizonYears: Double) -> [Double] {
        factors.map { $0.annualVol * horizonYears.squareRoot() }
    }

    /// The factor covariance over `horizonYears`.
    public func covariance(horizonYears: Double) -> SquareMatrix {
        let vols = horizonVols(horizonYears: horizonYears)
        var result = correlation.correlation
        for row in 0..<factors.count {
            for column in 0..<factors.count { result[row, column] *= vols[row] * vols[column] }
        }
        return result
    }
}
