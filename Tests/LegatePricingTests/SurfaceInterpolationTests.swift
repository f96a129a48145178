// Proves the surface across expiries: slices are sorted and read back exactly at their expiries, total variance is
// linear in T between slices at fixed log-forward-moneyness, the short end holds the first slice's vol, both long-end
// rules do what they document, ATM-forward variance stays monotone when the slices are calendar-free, and the
// calendar check reports the first violating (k, T1, T2).
import LegateCore
import LegatePricing
import Testing

@Suite struct SurfaceInterpolationTests {
    /// Three calendar-free BTC-like expiries (7, 30, 90 days): level and wings grow with T.
    static let slices = [
        try! SVISlice(a: 0.004, b: 0.05, rho: -0.35, m: 0.0, sigma: 0.08, timeToExpiry: 7 / 365.25),
        try! SVISlice(a: 0.01, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15, timeToExpiry: 30 / 365.25),
        try! SVISlice(a: 0.035, b: 0.12, rho: -0.25, m: 0.03, sigma: 0.25, timeToExpiry: 90 / 365.25),
    ]

    static func surface(_ rule: VolSurface.LongEndExtrapolation = .flatImpliedVol) -> VolSurface {
        try! VolSurface(slices: [slices[2], slices[0], slices[1]], longEndExtrapolation: rule)
    }

    static let grid = Array(stride(from: -1.5, through: 1.0, by: 0.125))

    @Test func slicesAreSortedAndCalendarFree() {
        let surface = Self.surface()
        #expect(surface.slices == Self.slices)
        #expect(surface.firstCalendarViolation() == nil)
    }

    @Test func readsEachSliceExactlyAtItsExpiry() {
        let surface = Self.surface()
        for slice in Self.slices {
            for k in Self.grid {
                #expect(
                    surface.totalVariance(logMoneyness: k, timeToExpiry: slice.timeToExpiry)
                        == slice.totalVariance(at: k)
                )
            }
        }
    }

    @Test(arguments: [0.25, 0.5, 0.9])
    func totalVarianceIsLinearInTimeBetweenSlices(fraction: Double) {
        // Given a T a fraction of the way from the 30-day to the 90-day slice …
        let (earlier, later) = (Self.slices[1], Self.slices[2])
        let t = earlier.timeToExpiry + fraction * (later.timeToExpiry - earlier.timeToExpiry)
        for k in Self.grid {
            // Then w is the same fraction of the way between the two slices' w at that k.
            let expected =
                earlier.totalVariance(at: k) + fraction * (later.totalVariance(at: k) - earlier.totalVariance(at: k))
            #expect(abs(Self.surface().totalVariance(logMoneyness: k, timeToExpiry: t) - expected) < 1e-15)
        }
    }

    @Test(arguments: [0.0, 1 / 365.25, 3 / 365.25])
    func shortEndHoldsTheFirstSlicesVol(t: Double) {
        let surface = Self.surface()
        for k in Self.grid {
            #expect(
                abs(surface.impliedVol(logMoneyness: k, timeToExpiry: t) - Self.slices[0].impliedVol(at: k)) < 1e-14
            )
        }
        #expect(surface.totalVariance(logMoneyness: 0.1, timeToExpiry: 0) == 0)
    }

    @Test func longEndFlatImpliedVol() {
        let surface = Self.surface(.flatImpliedVol)
        for k in Self.grid {
            #expect(
                abs(surface.impliedVol(logMoneyness: k, timeToExpiry: 2) - Self.slices[2].impliedVol(at: k)) < 1e-14
            )
        }
    }

    @Test func longEndFlatForwardVariance() {
        // Given T one year past the last slice, w grows by the last interval's forward variance at each k.
        let surface = Self.surface(.flatForwardVariance)
        let (previous, last) = (Self.slices[1], Self.slices[2])
        for k in Self.grid {
            let slope =
                (last.totalVariance(at: k) - previous.totalVariance(at: k))
                / (last.timeToExpiry - previous.timeToExpiry)
            let expected = last.totalVariance(at: k) + 1 * slope
            #expect(abs(surface.totalVariance(logMoneyness: k, timeToExpiry: last.timeToExpiry + 1) - expected) < 1e-14)
        }
        // And a single-slice surface falls back to flat implied vol.
        let single = try! VolSurface(slices: [last], longEndExtrapolation: .flatForwardVariance)
        #expect(abs(single.impliedVol(logMoneyness: -0.3, timeToExpiry: 1) - last.impliedVol(at: -0.3)) < 1e-15)
    }

    @Test(arguments: [VolSurface.LongEndExtrapolation.flatImpliedVol, .flatForwardVariance])
    func atmForwardVarianceIsMonotoneForCalendarFreeSlices(rule: VolSurface.LongEndExtrapolation) {
        // Given calendar-free slices, θ(T) = w(0, T) never falls, from T = 0 through past the last expiry.
        let surface = Self.surface(rule)
        var previous = surface.atmTotalVariance(timeToExpiry: 0)
        for step in 1...2_000 {
            let t = Double(step) * 0.0005
            let theta = surface.atmTotalVariance(timeToExpiry: t)
            #expect(theta >= previous, "θ fell at T=\(t)")
            previous = theta
        }
        // And so does w at every other k on the grid.
        for k in Self.grid {
            let values = stride(from: 0.0, through: 1.0, by: 0.001).map {
                surface.totalVariance(logMoneyness: k, timeToExpiry: $0)
            }
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "k=\(k)")
        }
    }

    @Test func strikeAndInstantQueriesAgreeWithLogMoneyness() {
        let surface = Self.surface()
        let t = 45 / 365.25
        let (strike, forward) = (28_000.0, 32_400.0)
        let k = SVIQuote(strike: strike, forward: forward, impliedVol: 1).logMoneyness  // ln(K/F)
        let byK = surface.impliedVol(logMoneyness: k, timeToExpiry: t)
        #expect(abs(surface.impliedVol(strike: strike, forward: forward, timeToExpiry: t) - byK) < 1e-15)
        // Given a valuation instant and an expiry 45 days later at 08:00 UTC …
        let now = CivilDate(year: 2021, month: 7, day: 23)!.at(hourUTC: 8)
        let expiry = now + 45 * UnixNanos.nanosecondsPerDay
        #expect(
            abs(surface.impliedVol(strike: strike, forward: forward, expiry: expiry, valuationTime: now) - byK) < 1e-15
        )
    }

    @Test func emptyAndDuplicateExpiriesAreRejected() {
        #expect(throws: SurfaceError.emptySurface) { try VolSurface(slices: []) }
        let dup = Self.slices[1].translated(byLogMoneyness: 0.1)
        #expect(throws: SurfaceError.duplicateExpiry(timeToExpiry: 30 / 365.25)) {
            try VolSurface(slices: [Self.slices[1], Self.slices[0], dup])
        }
    }

    @Test func calendarViolationReportsTheFirstPair() throws {
        // Given a 90-day slice with less total variance than the 30-day one in its put wing …
        let flatWing = try SVISlice(a: 0.035, b: 0.03, rho: 0.2, m: 0.03, sigma: 0.25, timeToExpiry: 90 / 365.25)
        let surface = try VolSurface(slices: [Self.slices[0], Self.slices[1], flatWing])
        // When scanned from k = −3 upwards …
        let violation = try #require(surface.firstCalendarViolation())
        // Then the report names the 30/90-day pair, the lowest violating k, and both variances.
        #expect(violation.earlierTimeToExpiry == 30 / 365.25)
        #expect(violation.laterTimeToExpiry == 90 / 365.25)
        #expect(violation.logMoneyness == -3)
        #expect(violation.laterTotalVariance < violation.earlierTotalVariance)
        #expect(violation.earlierTotalVariance == Self.slices[1].totalVariance(at: -3))
    }

    @Test func calendarViolationInsideTheGridIsLocated() throws {
        // Given a later slice equal to the earlier one except for a dip of variance around k = 0.5 …
        let earlier = try SVISlice(a: 0.02, b: 0.1, rho: 0, m: 0, sigma: 0.2, timeToExpiry: 0.25)
        let later = try SVISlice(a: 0.02, b: 0.1, rho: 0, m: 0.5, sigma: 0.01, timeToExpiry: 0.5)
        let surface = try VolSurface(slices: [earlier, later])
        let violation = try #require(surface.firstCalendarViolation(over: -1...1, gridPoints: 201))
        // Then the first violating grid point is where w(T2) first drops below w(T1).
        let k = violation.logMoneyness
        #expect(later.totalVariance(at: k) < earlier.totalVariance(at: k))
        #expect(later.totalVariance(at: k - 0.01) >= earlier.totalVariance(at: k - 0.01) - 1e-12)
        #expect(k > 0 && k < 0.5)
    }
}
