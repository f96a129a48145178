import RealModule

/// How a smile responds when the underlying (hence every forward) moves.
///
/// The surface is stored against log-forward-moneyness, so the rule only matters once the forward moves away
/// from the one the surface was marked at. Which rule holds is an empirical question per market and regime;
/// risk runs both and reports the difference.
public enum SmileStickiness: Sendable, Hashable {
    /// A fixed strike keeps its vol: `σ′(K) = σ(K)`. The smile stays put in strike space while the forward slides
    /// along it, so the ATM vol changes by the smile's skew.
    case stickyStrike
    /// The vol is a function of `K/F`: `σ′(K) = σ(K·F/F′)`. The smile travels with the forward; ATM vol is unchanged.
    case stickyMoneyness
}

/// A surface under a scenario: a forward move with a stickiness rule, then a parallel vol shift and a skew tilt.
///
/// Queries take log-moneyness against the scenario forward `F′ = F·forwardMultiplier` (or the strike and `F′`),
/// which is what a repricer holding shocked forwards has in hand. The scenario vol is
/// `max(0, σ_base(k_base, T) + volShift + skewTilt·k)` with `k = ln(K/F′)` and `k_base = k + ln(F′/F)` under
/// sticky strike or `k_base = k` under sticky moneyness. Parallel shift and tilt act on implied vol (not variance)
/// because desks state vol shocks in vol points; the floor at zero keeps a large down-shock meaningful.
/// Construction precomputes `ln(F′/F)`, so a query costs the same as a base-surface query and does not allocate.
public struct VolSurfaceScenario: Sendable, Hashable {
    /// The surface as marked, before the scenario.
    public let base: VolSurface
    /// `F′/F`, the same for every expiry (a spot move with unchanged carry).
    public let forwardMultiplier: Double
    /// How the smile follows the forward move.
    public let stickiness: SmileStickiness
    /// Added to every implied vol, in vol units (0.05 = +5 vol points).
    public let volShift: Double
    /// Added vol per unit of scenario log-moneyness `ln(K/F′)`: negative steepens the put skew, pivoting at ATM.
    public let skewTilt: Double
    /// `ln(F′/F)`, cached so queries need no logarithm of the multiplier.
    private let logForwardMove: Double

    /// Creates a scenario on `base`.
    ///
    /// - Parameters:
    ///   - base: The marked surface.
    ///   - forwardMultiplier: `F′/F` (> 0, finite); 1.1 is a 10 % up move.
    ///   - stickiness: Rule for the forward move.
    ///   - volShift: Parallel implied-vol shift, vol units.
    ///   - skewTilt: Vol per unit log-moneyness, pivoting at the scenario forward.
    public init(
        base: VolSurface,
        forwardMultiplier: Double = 1,
        stickiness: SmileStickiness = .stickyMoneyness,
        volShift: Double = 0,
        skewTilt: Double = 0
    ) {
        precondition(forwardMultiplier > 0 && forwardMultiplier.isFinite, "forward multiplier must be positive")
        precondition(volShift.isFinite && skewTilt.isFinite, "vol shift and skew tilt must be finite")
        self.base = base
        self.forwardMultiplier = forwardMultiplier
        self.stickiness = stickiness
        self.volShift = volShift
        self.skewTilt = skewTilt
        self.logForwardMove = Double.log(forwardMultiplier)
    }

    /// Scenario implied vol at `k = ln(K/F′)` against the scenario forward, year fraction `T`.
    public func impliedVol(logMoneyness k: Double, timeToExpiry t: Double) -> Double {
        let baseK =
            switch stickiness {
            case .stickyStrike: k + logForwardMove
            case .stickyMoneyness: k
            }
        return max(0, base.impliedVol(logMoneyness: baseK, timeToExpiry: t) + volShift + skewTilt * k)
    }

    /// Scenario implied vol for `strike` when the expiry's forward is the scenario forward `forward` (= F′).
    public func impliedVol(strike: Double, forward: Double, timeToExpiry t: Double) -> Double {
        precondition(strike > 0 && forward > 0, "implied vol needs a positive strike and forward")
        return impliedVol(logMoneyness: Double.log(strike / forward), timeToExpiry: t)
    }

    /// Scenario total variance `σ′²·T` at `k = ln(K/F′)`.
    public func totalVariance(logMoneyness k: Double, timeToExpiry t: Double) -> Double {
        let vol = impliedVol(logMoneyness: k, timeToExpiry: t)
        return vol * vol * t
    }
}

extension VolSurface {
    /// This surface under a scenario (forward move, stickiness, parallel shift, skew tilt).
    ///
    /// - Parameters:
    ///   - forwardMultiplier: `F′/F` (> 0); 1.1 is a 10 % up move.
    ///   - stickiness: Rule for the forward move.
    ///   - volShift: Parallel implied-vol shift, vol units.
    ///   - skewTilt: Vol per unit log-moneyness, pivoting at the scenario forward.
    /// - Returns: A lookup that reads this surface under the scenario.
    public func scenario(
        forwardMultiplier: Double = 1,
        stickiness: SmileStickiness = .stickyMoneyness,
        volShift: Double = 0,
        skewTilt: Double = 0
    ) -> VolSurfaceScenario {
        VolSurfaceScenario(
            base: self,
            forwardMultiplier: forwardMultiplier,
            stickiness: stickiness,
            volShift: volShift,
            skewTilt: skewTilt
        )
    }

    /// The surface re-marked against forwards `F′ = F·forwardMultiplier`, still exactly SVI.
    ///
    /// Under sticky moneyness the surface in `k` does not change. Under sticky strike every slice is translated by
    /// `ln(F′/F)` in `k` (raw SVI absorbs that into `m`), so reading the result at `ln(K/F′)` gives each fixed
    /// strike its old vol. Use this when the moved surface must be an ordinary ``VolSurface`` again (arbitrage
    /// checks, further scenarios); use ``scenario(forwardMultiplier:stickiness:volShift:skewTilt:)`` for vol shifts.
    public func rebased(forwardMultiplier: Double, stickiness: SmileStickiness) -> VolSurface {
        precondition(forwardMultiplier > 0 && forwardMultiplier.isFinite, "forward multiplier must be positive")
        switch stickiness {
        case .stickyMoneyness:
            return self
        case .stickyStrike:
            let offset = Double.log(forwardMultiplier)
            return VolSurface(
                sortedUncheckedSlices: slices.map { $0.translated(byLogMoneyness: offset) },
                longEndExtrapolation: longEndExtrapolation
            )
        }
    }
}
