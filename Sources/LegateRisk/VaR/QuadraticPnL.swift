/// A book's P&L as a quadratic in factor changes `y`: `ΔP ≈ gᵀy + ½·yᵀHy` (delta-gamma-vega, risk-methodology §4.3).
public struct QuadraticPnL: Sendable, Hashable {
    /// First derivatives of P&L with respect to each factor.
    public let gradient: [Double]
    /// Second derivatives; symmetric.
    public let hessian: SquareMatrix

    /// - Throws: `VaRError.dimensionMismatch`, `.nonFiniteValue`, or the symmetry errors of the Hessian.
    public init(gradient: [Double], hessian: SquareMatrix) throws(VaRError) {
        guard hessian.dimension == gradient.count else {
            throw .dimensionMismatch(what: "P&L Hessian", expected: gradient.count, actual: hessian.dimension)
        }
        for (index, value) in gradient.enumerated() where !value.isFinite {
            throw .nonFiniteValue(what: "P&L gradient", index: index, value: value)
        }
        try hessian.validateSymmetric(what: "P&L Hessian")
        self.gradient = gradient
        self.hessian = hessian
    }

    /// The quadratic P&L of per-underlying Greeks in the factors of `model`.
    ///
    /// With `r` the spot return and `v` the absolute vol change of an underlying at spot `S`:
    /// `∂P/∂r = Δ·S`, `∂²P/∂r² = Γ·S²`, `∂P/∂v = vega`, `∂²P/∂v² = volga`, `∂²P/∂r∂v = vanna·S`. Options on different
    /// underlyings have no cross-gamma. An underlying without a vol factor in `model` holds its vols, so its vega,
    /// vanna and volga do not enter.
    ///
    /// - Throws: `VaRError.unknownName` for an underlying the model has no factor for; `.nonFiniteValue` for a
    ///   non-finite Greek.
    public static func deltaGammaVega(
        _ greeks: [UnderlyingGreeks],
        model: RiskFactorModel
    ) throws(VaRError)
        -> QuadraticPnL
    {
        let n = model.factors.count
        var gradient = [Double](repeating: 0, count: n)
        var hessian = SquareMatrix(dimension: n, entries: [Double](repeating: 0, count: n * n))
        for (index, entry) in greeks.enumerated() {
            try entry.validate(index: index)
            guard model.spotFactor.indices.contains(entry.underlying) else {
                throw .unknownName(what: "Greeks \(index): underlying", name: "\(entry.underlying)")
            }
            let r = model.spotFactor[entry.underlying]
            gradient[r] += entry.delta * entry.spot
            hessian[r, r] += entry.gamma * entry.spot * entry.spot
            guard let v = model.volFactor[entry.underlying] else { continue }
            gradient[v] += entry.vega
            hessian[v, v] += entry.volga
            hessian[r, v] += entry.vanna * entry.spot
            hessian[v, r] += entry.vanna * entry.spot
        }
        return try QuadraticPnL(gradient: gradient, hessian: hessian)
    }
}

/// Aggregated Greeks of one underlying, in the reporting numeraire per unit of the underlying's spot and vol.
public struct UnderlyingGreeks: Sendable, Hashable {
    public var underlying: Int
    /// Spot (index) price.
    public var spot: Double
    /// `∂V/∂S`.
    public var delta: Double
    /// `∂²V/∂S²`.
    public var gamma: Double
    /// `∂V/∂σ` per 1.00 of vol (not per vol point).
    public var vega: Double
    /// `∂²V/∂S∂σ`.
    public var vanna: Double
    /// `∂²V/∂σ²`.
    public var volga: Double

    public init(
        underlying: Int,
        spot: Double,
        delta: Double,
        gamma: Double,
        vega: Double,
        vanna: Double = 0,
        volga: Double = 0
    ) {
        self.underlying = underlying
        self.spot = spot
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.vanna = vanna
        self.volga = volga
    }

    func validate(index: Int) throws(VaRError) {
        guard spot > 0, spot.isFinite else { throw .valueNotPositive(what: "Greeks \(index): spot", value: spot) }
        for value in [delta, gamma, vega, vanna, volga] where !value.isFinite {
            throw .nonFiniteValue(what: "Greeks of underlying \(underlying)", index: index, value: value)
        }
    }
}
