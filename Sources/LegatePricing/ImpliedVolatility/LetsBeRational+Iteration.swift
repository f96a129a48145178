import RealModule

/// The Householder iterations of "Let's Be Rational" (Jäckel 2015 §6; 2024 reference implementation). Each segment
/// has its own objective `g(s)`; with `ν = −g/g'`, `h₂ = g''/g'`, `h₃ = g'''/g'` the third-order step is
/// `ν·(1 + ν·h₂/2)/(1 + ν·(h₂ + ν·h₃/6))`. The derivatives of `b` enter through `b''/b' = x²/s³ − s/4`,
/// `b'''/b' = (b''/b')² − 3x²/s⁴ − ¼` and `b''''/b' = (b''/b')·(b'''/b' − ½) − (b''/b' − 2/s)·6x²/s⁴`.
extension LetsBeRational {
    /// Beyond this `θx` the lowest-segment iteration takes fourth-order steps (Jäckel, 2023-12-14: two third-order
    /// steps leave a residual above the attainable accuracy for such extreme moneyness).
    static let lowestSegmentFourthOrderMoneyness = -190.0

    /// Beyond this `θx` the highest-segment iteration takes fourth-order steps (Jäckel, 2023-12-14).
    static let highestSegmentFourthOrderMoneyness = -580.0

    /// Householder(3) on `g(s) = b(s) − β`: `ν = (β − b)/b'`, `h₂ = b''/b'`, `h₃ = b'''/b'`.
    @inline(__always)
    static func middleSegments(beta: Double, thetaX: Double, guess: Double, bMax: Double) -> Double {
        let inverseBMax = 1 / bMax
        var s = guess
        var step = -Double.greatestFiniteMagnitude
        for _ in 0..<maximumIterations {
            guard step.magnitude > Double.ulpOfOne * s else { break }
            let (b, gaussian) = NormalisedBlack.outOfTheMoney(
                thetaX: thetaX,
                s: s,
                bMax: bMax,
                inverseBMax: inverseBMax
            )
            let newton = (beta - b) * (NormalisedBlack.squareRootTwoPi / gaussian)  // 1/b' = √(2π)/G, off the b path
            let h = thetaX / s
            let xSquaredOverSCubed = h * h / s
            let halley = xSquaredOverSCubed - 0.25 * s
            let third = halley * halley - 3 * (xSquaredOverSCubed / s) - 0.25
            step = newton * householder3Factor(newton, halley, third)
            s += step
        }
        return s
    }

    /// Householder(3) (order 4 beyond `θx < −190`) on `g(s) = 1/ln b(s) − 1/ln β`, nearly linear in `s` as `b → 0`.
    ///
    /// With `λ = 1/ln b`: `ν = (ln β − ln b)·ln b/ln β·b/b'`, `h₂ = b''/b' − (b'/b)(1 + 2λ)`,
    /// `h₃ = b'''/b' + (b'/b)²(2 + 6λ(1 + λ)) − (b''/b)·3(1 + 2λ)`. `ln b` comes from the scaled price and `ln b'`,
    /// so it survives where `b` itself underflows.
    @inline(__always)
    static func lowestSegment(beta: Double, thetaX: Double, guess: Double, bMax: Double) -> Double {
        let inverseBMax = 1 / bMax
        let logBeta = Double.log(beta)
        let inverseLogBeta = 1 / logBeta
        var s = guess
        var step = -Double.greatestFiniteMagnitude
        for _ in 0..<maximumIterations {
            guard step.magnitude > Double.ulpOfOne * s else { break }
            let (scaled, logVega) = NormalisedBlack.scaledPriceAndLogVega(
                thetaX: thetaX,
                s: s,
                bMax: bMax,
                inverseBMax: inverseBMax
            )
            let logB = Double.log(scaled) + logVega
            let vegaOverB = 1 / scaled
            let h = thetaX / s
            let xSquaredOverSCubed = h * h / s
            let bHalley = xSquaredOverSCubed - 0.25 * s
            let c = 3 * (xSquaredOverSCubed / s)
            let bThird = bHalley * bHalley - c - 0.25
            let newton = (logBeta - logB) * logB * inverseLogBeta * scaled
            let curvatureOverB = bHalley * vegaOverB
            if thetaX < lowestSegmentFourthOrderMoneyness {
                let lambda = 1 / logB
                let onePlusTwoLambda = 1 + 2 * lambda
                let mu = 6 * lambda * (1 + lambda)
                let halley = bHalley - vegaOverB * onePlusTwoLambda
                let third = bThird + vegaOverB * vegaOverB * (2 + mu) - curvatureOverB * 3 * onePlusTwoLambda
                let bFourth = bHalley * (bThird - 0.5) - (bHalley - 2 / s) * 2 * c
                let inner = vegaOverB * vegaOverB * (6 + lambda * (22 + lambda * (36 + lambda * 24)))
                let fourth =
                    bFourth - vegaOverB * (inner - curvatureOverB * (12 + 6 * mu))
                    - curvatureOverB * bHalley * 3 * onePlusTwoLambda - bThird * vegaOverB * 4 * onePlusTwoLambda
                step = newton * householder4Factor(newton, halley, third, fourth)
            } else {
                // h₂ = A + B·λ and h₃ = C + D·λ + E·λ² with λ = 1/ln b: the Householder factor with numerator and
                // denominator multiplied by (ln b)² needs no division by ln b (one division fewer on the chain).
                let logB2 = logB * logB
                let halleyScaled = bHalley * logB2 - vegaOverB * (logB2 + 2 * logB)  // h₂·(ln b)²
                let thirdScaled =
                    (bThird + 2 * vegaOverB * vegaOverB - 3 * curvatureOverB) * logB2
                    + (6 * vegaOverB * vegaOverB - 6 * curvatureOverB) * logB + 6 * vegaOverB * vegaOverB  // h₃·(ln b)²
                let numerator = logB2 + 0.5 * newton * halleyScaled
                let denominator = logB2 + newton * (halleyScaled + thirdScaled * newton * (1.0 / 6.0))
                step = newton * numerator / denominator
            }
            s += step
        }
        return s
    }

    /// Householder(3) (order 4 beyond `θx < −580`) on `g(s) = ln(b_max − β) − ln(b_max − b(s))`.
    ///
    /// With `b̄ = b_max − b` evaluated directly (``NormalisedBlack/complement(h:t:gaussian:)``) and `g' = b'/b̄`:
    /// `ν = ln(b̄/β̄)·b̄/b'`, `h₂ = b''/b' + g'`, `h₃ = b'''/b' + g'(2g' + 3b''/b')`.
    @inline(__always)
    static func highestSegment(beta: Double, thetaX: Double, guess: Double, bMax: Double) -> Double {
        let betaComplement = bMax - beta
        var s = guess
        var step = -Double.greatestFiniteMagnitude
        for _ in 0..<maximumIterations {
            guard step.magnitude > Double.ulpOfOne * s else { break }
            let h = thetaX / s
            let t = 0.5 * s
            let gaussian = Double.exp(-0.5 * (h * h + t * t))
            let complement = NormalisedBlack.complement(h: h, t: t, gaussian: gaussian)
            let gPrime = gaussian * NormalDistribution.oneOverSquareRootTwoPi / complement
            let g = Double.log(betaComplement / complement)
            let xSquaredOverSCubed = h * h / s
            let bHalley = xSquaredOverSCubed - 0.25 * s
            let c = 3 * (xSquaredOverSCubed / s)
            let bThird = bHalley * bHalley - c - 0.25
            let newton = -g / gPrime
            let halley = bHalley + gPrime
            let third = bThird + gPrime * (2 * gPrime + 3 * bHalley)
            if thetaX < highestSegmentFourthOrderMoneyness {
                let bFourth = bHalley * (bThird - 0.5) - (bHalley - 2 / s) * 2 * c
                let fourth =
                    bFourth + gPrime * (6 * gPrime * (gPrime + 2 * bHalley) + 3 * bHalley * bHalley + 4 * bThird)
                step = newton * householder4Factor(newton, halley, third, fourth)
            } else {
                step = newton * householder3Factor(newton, halley, third)
            }
            s += step
        }
        return s
    }

    /// `(1 + ν·h₂/2)/(1 + ν·(h₂ + ν·h₃/6))`: Householder's third-order correction to the Newton step `ν`.
    @inline(__always)
    static func householder3Factor(_ newton: Double, _ halley: Double, _ third: Double) -> Double {
        (1 + 0.5 * halley * newton) / (1 + newton * (halley + third * newton * (1.0 / 6.0)))
    }

    /// Householder's fourth-order correction, adding `h₄ = g''''/g'`.
    @inline(__always)
    static func householder4Factor(_ newton: Double, _ halley: Double, _ third: Double, _ fourth: Double) -> Double {
        let numerator = 1 + newton * (halley + newton * third * (1.0 / 6.0))
        let denominator =
            1 + newton
            * (1.5 * halley + newton
                * (halley * halley * 0.25 + third * (1.0 / 3.0) + newton * fourth
                    * (1.0 / 24.0)))
        return numerator / denominator
    }
}
