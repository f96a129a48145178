// Proves the scenario regimes on a put-skewed surface: after the forward rises 10 %, sticky moneyness gives a fixed
// strike the original vol at K/1.1 (the smile travels with the forward) while sticky strike leaves it unchanged;
// the exact SVI re-marking agrees with the lookup; parallel shift and skew tilt do what they say, with vol floored
// at zero.
import LegatePricing
import Testing

@Suite struct SurfaceScenarioTests {
    static let forward = 100.0
    static let t = 30 / 365.25
    /// A single put-skewed slice (ρ = −0.5), so every strike's vol differs from its neighbour's.
    static let surface = try! VolSurface(slices: [
        try! SVISlice(a: 0.01, b: 0.1, rho: -0.5, m: 0, sigma: 0.15, timeToExpiry: t)
    ])
    static let strikes = [70.0, 85, 95, 100, 105, 110, 121, 140]

    @Test(arguments: strikes)
    func stickyMoneynessGivesAFixedStrikeTheOriginalVolAtKOver1Point1(strike: Double) {
        // Given F: 100 → 110 under sticky moneyness …
        let scenario = Self.surface.scenario(forwardMultiplier: 1.1, stickiness: .stickyMoneyness)
        let moved = scenario.impliedVol(strike: strike, forward: 110, timeToExpiry: Self.t)
        // Then strike K now has the vol strike K/1.1 had before.
        let original = Self.surface.impliedVol(strike: strike / 1.1, forward: Self.forward, timeToExpiry: Self.t)
        #expect(abs(moved - original) < 1e-14)
    }

    @Test(arguments: strikes)
    func stickyStrikeLeavesAFixedStrikesVolUnchanged(strike: Double) {
        let scenario = Self.surface.scenario(forwardMultiplier: 1.1, stickiness: .stickyStrike)
        let moved = scenario.impliedVol(strike: strike, forward: 110, timeToExpiry: Self.t)
        let original = Self.surface.impliedVol(strike: strike, forward: Self.forward, timeToExpiry: Self.t)
        #expect(abs(moved - original) < 1e-14)
    }

    @Test func theRegimesDisagreeOnTheNewAtmVol() {
        // Given put skew, the old 110 strike (an OTM call) had a lower vol than ATM.
        let atmBefore = Self.surface.impliedVol(logMoneyness: 0, timeToExpiry: Self.t)
        let sticky = Self.surface.scenario(forwardMultiplier: 1.1, stickiness: .stickyStrike)
        let moving = Self.surface.scenario(forwardMultiplier: 1.1, stickiness: .stickyMoneyness)
        // Then after a 10 % rally the ATM vol falls under sticky strike and stays under sticky moneyness.
        #expect(sticky.impliedVol(logMoneyness: 0, timeToExpiry: Self.t) < atmBefore - 0.01)
        #expect(abs(moving.impliedVol(logMoneyness: 0, timeToExpiry: Self.t) - atmBefore) < 1e-15)
    }

    @Test(arguments: [SmileStickiness.stickyStrike, .stickyMoneyness])
    func rebasedSurfaceMatchesTheScenarioLookup(stickiness: SmileStickiness) {
        // Given the exact SVI re-marking for a 15 % sell-off …
        let rebased = Self.surface.rebased(forwardMultiplier: 0.85, stickiness: stickiness)
        let scenario = Self.surface.scenario(forwardMultiplier: 0.85, stickiness: stickiness)
        // Then both read the same vols against the new forward, and the re-marked slices stay butterfly-free.
        for k in stride(from: -1.0, through: 1.0, by: 0.05) {
            let lhs = rebased.impliedVol(logMoneyness: k, timeToExpiry: Self.t)
            #expect(abs(lhs - scenario.impliedVol(logMoneyness: k, timeToExpiry: Self.t)) < 1e-14)
        }
        #expect(!rebased.slices[0].checkButterfly().isViolated)
        if stickiness == .stickyMoneyness { #expect(rebased == Self.surface) }
    }

    @Test func parallelShiftAddsVolPointsEverywhere() {
        let shifted = Self.surface.scenario(volShift: 0.05)
        for k in stride(from: -1.0, through: 1.0, by: 0.1) {
            let base = Self.surface.impliedVol(logMoneyness: k, timeToExpiry: Self.t)
            #expect(abs(shifted.impliedVol(logMoneyness: k, timeToExpiry: Self.t) - (base + 0.05)) < 1e-15)
            let variance = shifted.totalVariance(logMoneyness: k, timeToExpiry: Self.t)
            #expect(abs(variance - (base + 0.05) * (base + 0.05) * Self.t) < 1e-15)
        }
        // A down-shock larger than the vol itself floors at zero rather than going negative.
        #expect(Self.surface.scenario(volShift: -5).impliedVol(logMoneyness: 0, timeToExpiry: Self.t) == 0)
    }

    @Test func skewTiltPivotsAtTheScenarioForward() {
        // Given a tilt of −0.1 vol per unit log-moneyness after a 10 % rally under sticky moneyness …
        let tilted = Self.surface.scenario(forwardMultiplier: 1.1, stickiness: .stickyMoneyness, skewTilt: -0.1)
        let plain = Self.surface.scenario(forwardMultiplier: 1.1, stickiness: .stickyMoneyness)
        // Then ATM is untouched, puts gain and calls lose in proportion to k.
        for k in [-0.5, -0.2, 0, 0.2, 0.5] {
            let expected = plain.impliedVol(logMoneyness: k, timeToExpiry: Self.t) - 0.1 * k
            #expect(abs(tilted.impliedVol(logMoneyness: k, timeToExpiry: Self.t) - expected) < 1e-15)
        }
    }
}
