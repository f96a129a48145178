/// A point where total variance falls between two consecutive expiries: a calendar spread there is an arbitrage.
public struct CalendarViolation: Sendable, Equatable {
    /// Log-forward-moneyness `k` of the violation.
    public let logMoneyness: Double
    /// The earlier expiry `T1`.
    public let earlierTimeToExpiry: Double
    /// The later expiry `T2 > T1`.
    public let laterTimeToExpiry: Double
    /// `w(k, T1)`.
    public let earlierTotalVariance: Double
    /// `w(k, T2)`, below `w(k, T1)`.
    public let laterTotalVariance: Double
}

extension VolSurface {
    /// Finds the first point where total variance is not non-decreasing in `T`, or `nil` when there is none.
    ///
    /// Calendar arbitrage is absent when `∂_T w(k, T) ≥ 0` for every `k`. Because the surface is linear in `T`
    /// between slices and proportional to `T` before the first, it is enough to compare consecutive slices on a
    /// `k` grid. "First" means the earliest pair of expiries, then the lowest `k` on the grid, so the report is
    /// deterministic. The check is a grid scan; crossings narrower than the grid step can be missed.
    ///
    /// - Parameters:
    ///   - range: Log-moneyness range to scan (default ±3).
    ///   - gridPoints: Number of grid points (at least 2).
    ///   - tolerance: How far `w` may fall before it counts (absorbs rounding).
    /// - Returns: The first violating `(k, T1, T2)` with both variances, or `nil`.
    public func firstCalendarViolation(
        over range: ClosedRange<Double> = -3...3,
        gridPoints: Int = 601,
        tolerance: Double = 1e-12
    ) -> CalendarViolation? {
        precondition(gridPoints >= 2, "a calendar scan needs at least 2 grid points")
        precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "scan range must be finite")
        let step = (range.upperBound - range.lowerBound) / Double(gridPoints - 1)
        for index in slices.indices.dropFirst() {
            let earlier = slices[index - 1]
            let later = slices[index]
            for point in 0..<gridPoints {
                let k = range.lowerBound + Double(point) * step
                let w1 = earlier.totalVariance(at: k)
                let w2 = later.totalVariance(at: k)
                if w2 < w1 - tolerance {
                    return CalendarViolation(
                        logMoneyness: k,
                        earlierTimeToExpiry: earlier.timeToExpiry,
                        laterTimeToExpiry: later.timeToExpiry,
                        earlierTotalVariance: w1,
                        laterTotalVariance: w2
                    )
                }
            }
        }
        return nil
    }
}
