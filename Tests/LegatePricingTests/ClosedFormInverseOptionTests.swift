// Proves the coin-settled (inverse) option's premium, coin Greeks, USD Greeks and Deribit's premium-adjusted delta
// are mutually consistent: the identities follow from V_usd = F·V_coin and the product rule, and Deribit's FAQ
// example is reproduced from real prices.

import Foundation
import LegateModel
import LegatePricing
import Testing

/// A Deribit-like market: BTC forward, strikes around it, expiries from one hour to two years, coin rate 0 or 1%.
private let markets: [(forward: Double, strike: Double, expiryYears: Double, coinRate: Double, vol: Double)] = {
    var markets: [(Double, Double, Double, Double, Double)] = []
    for expiryYears in [1.0 / 8760, 7.0 / 365, 0.5, 2.0] {
        for strike in [40_000.0, 60_000.0, 75_000.0, 100_000.0] {
            for coinRate in [0.0, 0.01] {
                markets.append((60_000, strike, expiryYears, coinRate, 0.65))
            }
        }
    }
    return markets
}()

private func isClose(_ a: Double, _ b: Double, _ tolerance: Double, scale: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), scale)
}

@Suite("Inverse (coin-settled) options")
struct ClosedFormInverseOptionTests {
    @Test("Coin premium is the discounted Black price in USD divided by the forward")
    func premiumIsBlackOverForward() {
        for m in markets {
            for right in OptionRight.allCases {
                let coin = InverseOption.price(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    coinRate: m.coinRate,
                    vol: m.vol
                )
                let usd = Black76.price(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    rate: m.coinRate,
                    vol: m.vol
                )
                #expect(isClose(coin * m.forward, usd, 1e-13, scale: 1e-10 * m.forward), "\(right) \(m)")
            }
        }
    }

    @Test("Premium-adjusted delta F·∂V_coin/∂F equals Black delta minus the coin premium")
    func premiumAdjustedDeltaIdentity() {
        for m in markets {
            for right in OptionRight.allCases {
                let adjusted = InverseOption.premiumAdjustedDelta(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    coinRate: m.coinRate,
                    vol: m.vol
                )
                let black = Black76.greeks(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    rate: m.coinRate,
                    vol: m.vol
                )
                let premium = InverseOption.price(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    coinRate: m.coinRate,
                    vol: m.vol
                )
                #expect(abs(adjusted - (black.delta - premium)) <= 1e-14, "\(right) \(m)")
                #expect(
                    abs(adjusted - InverseOption.premiumAdjustedDelta(blackDelta: black.delta, premiumCoin: premium))
                        <= 1e-14
                )
                // A long call is never short the coin once its premium is counted; a put is short at least V.
                if right == .call {
                    #expect(adjusted >= 0)
                } else {
                    #expect(adjusted <= -premium + 1e-15)
                }
            }
        }
    }

    @Test("Deribit FAQ: a 0.50-delta call bought for 0.10 BTC adds +0.40 to delta_total")
    func deribitFAQExample() {
        // Source: Deribit FAQ on delta_total (net transaction delta = Black delta − mark price in coin), quoted in
        // risk-methodology.md §5.2. Build such an option from real prices: a strike K = F·e^{σ²T/2} makes d1 = 0,
        // so the Black delta is exactly 0.50 (r_coin = 0); then solve σ by bisection for a premium of 0.10 BTC.
        let forward = 60_000.0
        let expiryYears = 0.25
        func option(_ vol: Double) -> (strike: Double, premium: Double) {
            let strike = forward * Foundation.exp(0.5 * vol * vol * expiryYears)
            let premium = InverseOption.price(
                .call,
                forward: forward,
                strike: strike,
                expiryYears: expiryYears,
                vol: vol
            )
            return (strike, premium)
        }
        var low = 0.1
        var high = 2.0
        for _ in 0..<200 {
            let mid = 0.5 * (low + high)
            if option(mid).premium < 0.10 { low = mid } else { high = mid }
        }
        let vol = 0.5 * (low + high)
        let (strike, premium) = option(vol)
        let black = Black76.greeks(.call, forward: forward, strike: strike, expiryYears: expiryYears, rate: 0, vol: vol)
        #expect(abs(premium - 0.10) <= 1e-12)
        #expect(abs(black.delta - 0.50) <= 1e-9)
        let adjusted = InverseOption.premiumAdjustedDelta(
            .call,
            forward: forward,
            strike: strike,
            expiryYears: expiryYears,
            vol: vol
        )
        #expect(abs(adjusted - 0.40) <= 1e-9)
        #expect(abs(InverseOption.premiumAdjustedDelta(blackDelta: 0.50, premiumCoin: 0.10) - 0.40) <= 1e-15)
    }

    @Test("USD Greeks of V_coin·F follow from the coin Greeks by the product rule")
    func usdGreeksAreProductRuleOfCoinGreeks() {
        for m in markets {
            for right in OptionRight.allCases {
                let coin = InverseOption.greeks(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    coinRate: m.coinRate,
                    vol: m.vol
                )
                let usd = InverseOption.usdGreeks(
                    right,
                    forward: m.forward,
                    strike: m.strike,
                    expiryYears: m.expiryYears,
                    coinRate: m.coinRate,
                    vol: m.vol
                )
                let f = m.forward
                let label = "\(right) \(m)"
                // Each identity holds to a few ulps of the terms it adds up (their sum of magnitudes), plus, for the
                // price and rho, the rounding of the price's own gross term F·e^{−rT}·N(θd1) = |Δ_usd|·F.
                func matches(_ usdGreek: Double, _ terms: Double..., gross: Double = 0) -> Bool {
                    abs(usdGreek - terms.reduce(0, +)) <= 1e-13 * (terms.map(abs).reduce(0, +) + gross) + 1e-300
                }
                let gross = abs(usd.delta) * f
                #expect(matches(usd.price, f * coin.price, gross: gross), "price \(label)")
                #expect(matches(usd.delta, f * coin.delta, coin.price), "delta \(label)")
                #expect(matches(usd.gamma, f * coin.gamma, 2 * coin.delta), "gamma \(label)")
                #expect(matches(usd.vega, f * coin.vega), "vega \(label)")
                #expect(matches(usd.theta, f * coin.theta), "theta \(label)")
                #expect(matches(usd.rho, f * coin.rho, gross: m.expiryYears * gross), "rho \(label)")
                #expect(matches(usd.volga, f * coin.volga), "volga \(label)")
                #expect(matches(usd.vanna, f * coin.vanna, coin.vega), "vanna \(label)")
                #expect(matches(usd.charm, f * coin.charm, coin.theta), "charm \(label)")
            }
        }
    }

    @Test("Near expiry the coin premium is the coin payoff max(F − K, 0)/F")
    func expiryPayoff() {
        let call = InverseOption.price(.call, forward: 60_000, strike: 40_000, expiryYears: 1e-6, vol: 0.65)
        let put = InverseOption.price(.put, forward: 60_000, strike: 75_000, expiryYears: 1e-6, vol: 0.65)
        #expect(abs(call - 20_000.0 / 60_000.0) <= 1e-15)
        #expect(abs(put - 15_000.0 / 60_000.0) <= 1e-15)
    }
}
