import RealModule

/// One market implied vol to calibrate a slice to: where on the smile, what vol, and how much it counts.
public struct SVIQuote: Sendable, Hashable {
    /// Log-forward-moneyness `k = ln(K/F)`.
    public let logMoneyness: Double
    /// Black implied vol (0.75 = 75 %).
    public let impliedVol: Double
    /// Relative weight (> 0), e.g. vega or inverse bid-ask width; only ratios matter.
    public let weight: Double

    /// Creates a quote at log-forward-moneyness `k`.
    ///
    /// Values are checked by the calibration (which can say which quote of which expiry is bad), not here.
    public init(logMoneyness: Double, impliedVol: Double, weight: Double = 1) {
        self.logMoneyness = logMoneyness
        self.impliedVol = impliedVol
        self.weight = weight
    }

    /// Creates a quote from a strike and the expiry's forward (same units); `k = ln(K/F)`.
    ///
    /// A non-positive strike or forward yields a non-finite `k`, which calibration rejects with the quote's index.
    public init(strike: Double, forward: Double, impliedVol: Double, weight: Double = 1) {
        self.init(logMoneyness: Double.log(strike / forward), impliedVol: impliedVol, weight: weight)
    }
}

/// A calibrated slice and how well it reproduces the quotes it was fitted to.
public struct SVIFit: Sendable, Equatable {
    /// The fitted slice.
    public let slice: SVISlice
    /// Weighted root-mean-square vol error, in vol points (1.0 = one vol point = 0.01 in vol).
    public let rmseVolPoints: Double
    /// Largest absolute vol error over the quotes, in vol points.
    public let maxErrorVolPoints: Double
    /// How many times the inner least-squares problem was solved (a cost figure for benchmarks).
    public let objectiveEvaluations: Int
}
