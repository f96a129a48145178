public import LegateCore
import RealModule

/// An implied-volatility surface: SVI slices across expiries, interpolated in time on total variance.
///
/// Between two slices the surface is linear in `T` in total variance at fixed log-forward-moneyness
/// `k = ln(K/F_T)`. That choice keeps calendar-arbitrage-free slices calendar-arbitrage-free for every `T` in
/// between (a convex combination of two non-decreasing values is bounded by them), and it is the interpolation
/// under which forward variance is constant between expiries. Outside the slices:
///
/// - before the first slice, total variance is scaled proportionally to `T`: the first slice's implied vol at
///   each `k` is held constant down to `T → 0`;
/// - beyond the last slice, ``LongEndExtrapolation`` decides (flat implied vol by default).
///
/// Queries do not allocate: a binary search over the sorted slices and two SVI evaluations.
public struct VolSurface: Sendable, Hashable {
    /// How total variance continues beyond the last slice.
    public enum LongEndExtrapolation: Sendable, Hashable {
        /// Hold the last slice's implied vol at each `k`: `w(k,T) = w_n(k)·T/T_n`. Conservative and always
        /// calendar-free; the default.
        case flatImpliedVol
        /// Continue the last interval's forward variance at each `k`:
        /// `w(k,T) = w_n(k) + (T − T_n)·max(0, (w_n(k) − w_{n−1}(k))/(T_n − T_{n−1}))`. Keeps the term
        /// structure's last slope; a negative forward variance (calendar arbitrage in the last interval) is floored
        /// at zero so total variance never falls with `T`. With one slice it equals flat implied vol.
        case flatForwardVariance
    }

    /// The slices, sorted by increasing time to expiry, no two with the same expiry.
    public let slices: [SVISlice]
    /// The rule beyond the last slice.
    public let longEndExtrapolation: LongEndExtrapolation

    /// Builds a surface from slices in any order.
    ///
    /// The surface does not reject calendar arbitrage (markets show it and risk must still price); call
    /// ``firstCalendarViolation(over:gridPoints:tolerance:)`` to find it.
    ///
    /// - Parameters:
    ///   - slices: One SVI slice per expiry.
    ///   - longEndExtrapolation: Rule beyond the last expiry.
    /// - Throws: ``SurfaceError/emptySurface`` with no slice, ``SurfaceError/duplicateExpiry(timeToExpiry:)``
    ///   when two slices share a `T`.
    public init(slices: [SVISlice], longEndExtrapolation: LongEndExtrapolation = .flatImpliedVol) throws(SurfaceError) {
        guard !slices.isEmpty else { throw .emptySurface }
        let sorted = slices.sorted { $0.timeToExpiry < $1.timeToExpiry }
        for index in sorted.indices.dropFirst() where sorted[index].timeToExpiry == sorted[index - 1].timeToExpiry {
            throw .duplicateExpiry(timeToExpiry: sorted[index].timeToExpiry)
        }
        self.init(sortedUncheckedSlices: sorted, longEndExtrapolation: longEndExtrapolation)
    }

    /// Builds a surface from slices already sorted with distinct expiries (translations of a checked surface).
    init(sortedUncheckedSlices slices: [SVISlice], longEndExtrapolation: LongEndExtrapolation) {
        self.slices = slices
        self.longEndExtrapolation = longEndExtrapolation
    }

    // MARK: - Queries

    /// Total implied variance `w(k, T)` at log-forward-moneyness `k = ln(K/F_T)` and year fraction `T ≥ 0`.
    public func totalVariance(logMoneyness k: Double, timeToExpiry t: Double) -> Double {
        precondition(t >= 0 && t.isFinite, "time to expiry must be a non-negative finite year fraction")
        let first = slices[0]
        if t <= first.timeToExpiry {
            return first.totalVariance(at: k) * (t / first.timeToExpiry)
        }
        let lastIndex = slices.count - 1
        let last = slices[lastIndex]
        if t >= last.timeToExpiry {
            return extrapolateLongEnd(k: k, t: t)
        }
        // Binary search for the first slice with T_i ≥ t; t is strictly inside (T_0, T_n).
        var low = 1
        var high = lastIndex
        while low < high {
            let mid = (low + high) / 2
            if slices[mid].timeToExpiry < t { low = mid + 1 } else { high = mid }
        }
        let earlier = slices[low - 1]
        let later = slices[low]
        let weight = (t - earlier.timeToExpiry) / (later.timeToExpiry - earlier.timeToExpiry)
        let w0 = earlier.totalVariance(at: k)
        return w0 + weight * (later.totalVariance(at: k) - w0)
    }

    /// Black implied volatility at log-forward-moneyness `k` and year fraction `T`.
    ///
    /// At `T = 0` this returns the short-end limit (the first slice's vol at `k`), which is what the
    /// constant-vol short-end rule converges to.
    public func impliedVol(logMoneyness k: Double, timeToExpiry t: Double) -> Double {
        if t == 0 { return slices[0].impliedVol(at: k) }
        return (max(totalVariance(logMoneyness: k, timeToExpiry: t), 0) / t).squareRoot()
    }

    /// Black implied volatility for `strike` against the forward `forward` of the same expiry (same units, > 0).
    public func impliedVol(strike: Double, forward: Double, timeToExpiry t: Double) -> Double {
        precondition(strike > 0 && forward > 0, "implied vol needs a positive strike and forward")
        return impliedVol(logMoneyness: Double.log(strike / forward), timeToExpiry: t)
    }

    /// Black implied volatility for an expiry instant, measuring `T` from `valuationTime` (ACT/365.25).
    ///
    /// - Parameters:
    ///   - strike: Option strike, > 0.
    ///   - forward: Forward for that expiry, same units, > 0.
    ///   - expiry: Expiry instant; must not precede `valuationTime`.
    ///   - valuationTime: The instant the surface is read at (handed in; pure code reads no clock).
    public func impliedVol(strike: Double, forward: Double, expiry: UnixNanos, valuationTime: UnixNanos) -> Double {
        precondition(expiry >= valuationTime, "cannot read a vol for an expiry before the valuation time")
        return impliedVol(strike: strike, forward: forward, timeToExpiry: valuationTime.years(until: expiry))
    }

    /// At-the-money-forward total variance `θ(T) = w(0, T)`, the surface's variance term structure.
    public func atmTotalVariance(timeToExpiry t: Double) -> Double {
        totalVariance(logMoneyness: 0, timeToExpiry: t)
    }

    private func extrapolateLongEnd(k: Double, t: Double) -> Double {
        let lastIndex = slices.count - 1
        let last = slices[lastIndex]
        let wLast = last.totalVariance(at: k)
        switch longEndExtrapolation {
        case .flatForwardVariance where lastIndex > 0:
            let previous = slices[lastIndex - 1]
            let forwardVariance = max(
                0,
                (wLast - previous.totalVariance(at: k)) / (last.timeToExpiry - previous.timeToExpiry)
            )
            return wLast + (t - last.timeToExpiry) * forwardVariance
        case .flatForwardVariance, .flatImpliedVol:
            return wLast * (t / last.timeToExpiry)
        }
    }
}
