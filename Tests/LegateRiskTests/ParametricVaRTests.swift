// Proves the parametric model against published figures: Hull's delta-normal worked example, the Cornish–Fisher
// quantiles of mir-stat's unit tests, the normal ES constant of risk-methodology §4.5, exact moments of a pure-gamma
// book (a scaled χ²₁), and the mapping of Greeks into factor space.

import Testing

@testable import LegateRisk

@Suite struct ParametricVaRTests {
    /// Hull, RMFI ch. 15 (risk-methodology §4.2): $10M in MSFT (σ_d 2 %) and $5M in AT&T (σ_d 1 %), ρ = 0.3.
    /// σ_P(1 day) = 220,227; 10-day 99 % VaR = 2.33 × 220,227 × √10 = 1,622,657; the stand-alone VaRs are 1,473,621
    /// and 368,405, and the diversification benefit 219,369. Hull rounds z to 2.33; we use z = 2.326348 and compare
    /// after rescaling by z/2.33 (and to Hull's rounding of σ_P).
    @Test func hullDeltaNormalWorkedExample() throws {
        let daily = try SquareMatrix(rows: [[0.02 * 0.02, 0.3 * 0.02 * 0.01], [0.3 * 0.02 * 0.01, 0.01 * 0.01]])
        var tenDay = daily
        for index in tenDay.entries.indices { tenDay.entries[index] *= 10 }
        let zero = SquareMatrix(dimension: 2, entries: [0, 0, 0, 0])
        let book = try QuadraticPnL(gradient: [10_000_000, 5_000_000], hessian: zero)
        let dailyMoments = try DeltaGammaVegaVaR.moments(of: book, covariance: daily)
        #expect(abs(dailyMoments.standardDeviation - 220_227) < 0.5)
        let z = -normalQuantile(0.01)
        let scale = z / 2.33
        let both = try DeltaGammaVegaVaR.tailRisk(
            of: book,
            covariance: tenDay,
            varConfidence: 0.99,
            esConfidence: 0.975
        )
        #expect(abs(both.valueAtRisk - 1_622_657 * scale) < 1)
        let msft = try QuadraticPnL(gradient: [10_000_000, 0], hessian: zero)
        let att = try QuadraticPnL(gradient: [0, 5_000_000], hessian: zero)
        let msftVaR = try DeltaGammaVegaVaR.tailRisk(
            of: msft,
            covariance: tenDay,
            varConfidence: 0.99,
            esConfidence: 0.975
        )
        let attVaR = try DeltaGammaVegaVaR.tailRisk(
            of: att,
            covariance: tenDay,
            varConfidence: 0.99,
            esConfidence: 0.975
        )
        #expect(abs(msftVaR.valueAtRisk - 1_473_621 * scale) < 1)
        #expect(abs(attVaR.valueAtRisk - 368_405 * scale) < 1)
        let benefit = msftVaR.valueAtRisk + attVaR.valueAtRisk - both.valueAtRisk
        #expect(abs(benefit - 219_369 * scale) < 2)
    }

    /// mir-stat `cornishFisherInvCDF` unit tests (risk-methodology §4.3), reproduced to 1e-6.
    @Test(arguments: [
        (0.99, 0.1, 0.0, 2.396116), (0.99, 0.1, 1.0, 2.629904), (0.99, 0.1, -1.0, 2.162328),
        (0.01, 0.1, 0.0, -2.249053), (0.5, 1.0, 0.0, -0.1666667),
    ])
    func cornishFisherMatchesPublishedValues(_ p: Double, _ skew: Double, _ kurtosis: Double, _ expected: Double) {
        #expect(abs(CornishFisher.quantile(p, skewness: skew, excessKurtosis: kurtosis) - expected) < 1e-6)
    }

    /// §4.5: for a normal P&L, ES 97.5 % = 2.3378σ and VaR 99 % = 2.3263σ.
    @Test func normalESConstant() throws {
        let moments = PnLMoments(mean: 0, variance: 1, thirdCumulant: 0, fourthCumulant: 0)
        let risk = try DeltaGammaVegaVaR.tailRisk(of: moments, varConfidence: 0.99, esConfidence: 0.975)
        #expect(abs(risk.valueAtRisk - 2.3263) < 5e-5)
        #expect(abs(risk.expectedShortfall - 2.3378) < 5e-5)
    }

    /// The closed-form tail mean agrees with numerical integration of the Cornish–Fisher quantile function.
    @Test func tailMeanEqualsIntegralOfQuantile() {
        for (p, s, k) in [(0.025, 0.3, 1.5), (0.01, -0.5, 2.0), (0.05, 0.0, 0.0)] {
            let steps = 200_000
            var sum = 0.0
            for index in 0..<steps {
                let u = p * (Double(index) + 0.5) / Double(steps)
                sum += CornishFisher.quantile(u, skewness: s, excessKurtosis: k)
            }
            #expect(abs(sum / Double(steps) - CornishFisher.tailMean(p, skewness: s, excessKurtosis: k)) < 2e-4)
        }
    }

    /// A long-gamma, delta-neutral book: ΔP = ½·Γ·S²·r² with r ~ N(0, s²) is (ΓS²s²/2)·χ²₁, whose mean is ΓS²s²/2,
    /// variance (ΓS²s²)²/2, skewness √8 and excess kurtosis 12.
    @Test func pureGammaMomentsAreScaledChiSquare() throws {
        let spot = 100_000.0
        let gamma = 2e-5
        let s = 0.03
        let model = try RiskFactorModel(
            factors: [RiskFactor(underlying: 0, kind: .spot, annualVol: s)],
            correlation: .identity(1),
            repair: .refuse
        )
        let pnl = try QuadraticPnL.deltaGammaVega(
            [UnderlyingGreeks(underlying: 0, spot: spot, delta: 0, gamma: gamma, vega: 0)],
            model: model
        )
        let moments = try DeltaGammaVegaVaR.moments(of: pnl, covariance: model.covariance(horizonYears: 1))
        let scale = gamma * spot * spot * s * s
        #expect(isClose(moments.mean, scale / 2, relative: 1e-14))
        #expect(isClose(moments.variance, scale * scale / 2, relative: 1e-14))
        #expect(isClose(moments.skewness, 8.0.squareRoot(), relative: 1e-14))
        #expect(isClose(moments.excessKurtosis, 12, relative: 1e-14))
        // Long gamma never loses: the Cornish–Fisher VaR must be below the delta-normal one (which is zero here).
        let risk = try DeltaGammaVegaVaR.tailRisk(of: moments, varConfidence: 0.99, esConfidence: 0.975)
        #expect(risk.valueAtRisk < 0)
    }

    /// Greeks land in the right factor slots: Δ·S and Γ·S² on the spot factor, vega and volga on the vol factor,
    /// vanna·S on the cross term; an underlying without a vol factor contributes no vega.
    @Test func greeksMapIntoFactorSpace() throws {
        let model = try RiskFactorModel(
            factors: [
                RiskFactor(underlying: 0, kind: .spot, annualVol: 0.6),
                RiskFactor(underlying: 0, kind: .vol, annualVol: 0.8),
                RiskFactor(underlying: 1, kind: .spot, annualVol: 0.7),
            ],
            correlation: try SquareMatrix(rows: [[1, -0.4, 0.7], [-0.4, 1, -0.2], [0.7, -0.2, 1]]),
            repair: .refuse
        )
        let pnl = try QuadraticPnL.deltaGammaVega(
            [
                UnderlyingGreeks(underlying: 0, spot: 100, delta: 2, gamma: 0.1, vega: 30, vanna: 0.5, volga: 40),
                UnderlyingGreeks(underlying: 1, spot: 10, delta: -3, gamma: 0.2, vega: 99),
            ],
            model: model
        )
        #expect(pnl.gradient == [200, 30, -30])
        #expect(pnl.hessian.rows == [[1_000, 50, 0], [50, 40, 0], [0, 0, 20]])
    }

    /// With vega only, the parametric VaR is z·|vega|·σ_vol·√h (a linear position in the vol factor); the settings
    /// file gives the horizon (1 day of 365) and the confidences.
    @Test func vegaOnlyBookIsDeltaNormalInTheVolFactor() throws {
        let model = try RiskFactorModel(
            factors: [
                RiskFactor(underlying: 0, kind: .spot, annualVol: 0.6),
                RiskFactor(underlying: 0, kind: .vol, annualVol: 0.9),
            ],
            correlation: try SquareMatrix(rows: [[1, -0.5], [-0.5, 1]]),
            repair: .refuse
        )
        let settings = try VaRFixtures.settings()
        let risk = try DeltaGammaVegaVaR.tailRisk(
            of: [UnderlyingGreeks(underlying: 0, spot: 50_000, delta: 0, gamma: 0, vega: -1_000)],
            model: model,
            settings: settings
        )
        let expected = -normalQuantile(0.01) * 1_000 * 0.9 * (1.0 / 365).squareRoot()
        #expect(isClose(risk.valueAtRisk, expected, relative: 1e-12))
        let esExpected = normalDensity(normalQuantile(0.025)) / 0.025 * 1_000 * 0.9 * (1.0 / 365).squareRoot()
        #expect(isClose(risk.expectedShortfall, esExpected, relative: 1e-12))
    }

    @Test func badParametricInputsAreRefused() throws {
        let zero = SquareMatrix(dimension: 2, entries: [0, 0, 0, 0])
        #expect(throws: VaRError.dimensionMismatch(what: "P&L Hessian", expected: 1, actual: 2)) {
            try QuadraticPnL(gradient: [1], hessian: zero)
        }
        #expect(throws: VaRError.self) { try QuadraticPnL(gradient: [1, .nan], hessian: zero) }
        let pnl = try QuadraticPnL(gradient: [1, 1], hessian: zero)
        #expect(throws: VaRError.self) {
            try DeltaGammaVegaVaR.tailRisk(of: pnl, covariance: .identity(2), varConfidence: 1, esConfidence: 0.975)
        }
        #expect(throws: VaRError.dimensionMismatch(what: "factor covariance", expected: 2, actual: 3)) {
            try DeltaGammaVegaVaR.moments(of: pnl, covariance: .identity(3))
        }
        #expect(throws: VaRError.invalidFactor(index: 1, reason: "second spot factor of underlying 0")) {
            try RiskFactorModel(
                factors: [
                    RiskFactor(underlying: 0, kind: .spot, annualVol: 0.5),
                    RiskFactor(underlying: 0, kind: .spot, annualVol: 0.5),
                ],
                correlation: .identity(2),
                repair: .refuse
            )
        }
        #expect(throws: VaRError.self) {
            try RiskFactorModel(
                factors: [RiskFactor(underlying: 0, kind: .spot, annualVol: 0)],
                correlation: .identity(1),
                repair: .refuse
            )
        }
        #expect(throws: VaRError.self) {
            try RiskFactorModel(
                factors: [RiskFactor(underlying: 1, kind: .spot, annualVol: 0.5)],
                correlation: .identity(1),
                repair: .refuse
            )
        }
    }
}
