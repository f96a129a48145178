public import LegateCore
public import LegateModel
internal import LegatePricing

/// Why an expiry's smile is flat (one strike's vol at every strike) rather than an SVI fit to its marks.
public enum SmileFallback: Equatable, Sendable, CustomStringConvertible {
    /// Fewer usable out-of-the-money marks than the five an SVI slice has parameters.
    case tooFewStrikes(usable: Int, minimum: Int)
    /// The calibration threw (the reason is the `SurfaceError`'s).
    case calibrationFailed(String)
    /// The fitted slice has a negative density or breaks Lee's wing bound.
    case butterflyArbitrage(worstLogMoneyness: Double, worstG: Double, wingSlope: Double)
    /// The fit misses a mark's vol by more than `MarkedSmile.relativeErrorLimit` of it.
    case poorFit(worstRelativeError: Double, limit: Double)

    public var description: String {
        switch self {
        case .tooFewStrikes(let usable, let minimum): "\(usable) usable strikes, an SVI fit needs \(minimum)"
        case .calibrationFailed(let reason): "SVI calibration failed: \(reason)"
        case .butterflyArbitrage(let k, let g, let slope):
            "the SVI fit has butterfly arbitrage (g = \(g) at k = \(k), wing slope \(slope))"
        case .poorFit(let error, let limit): "the SVI fit misses a mark by \(error) of its vol (limit \(limit))"
        }
    }
}

/// A mark left out of an expiry's smile, with why.
public struct SkippedMark: Hashable, Sendable, CustomStringConvertible {
    public let instrument: Instrument
    public let price: Price
    public let reason: String

    public var description: String { "\(instrument) marked \(price) skipped: \(reason)" }
}

/// How one expiry's smile was built from its marks: fitted or flat (with why), and the marks left out.
public struct ExpirySmile: Equatable, Sendable {
    public let underlying: Underlying
    public let expiry: UnixNanos
    /// Strikes whose out-of-the-money mark gave a vol.
    public let usableStrikes: Int
    /// Nil when the smile is an SVI fit.
    public let fallback: SmileFallback?
    /// The fit's largest vol error relative to the mark's vol (nil when flat).
    public let worstRelativeError: Double?
    public let skipped: [SkippedMark]
}

/// One marked option of an expiry, as the smile reads it.
struct MarkedOption: Hashable {
    let strike: Price
    let right: OptionRight
    let price: Price
    let inverse: Bool
    let instrument: Instrument
}

/// An expiry's smile in total variance (`SVISlice` at `T = 1`), a function of the forward and the marks only.
///
/// An undiscounted Black price depends on vol and time only through the total variance `w = σ²T`, so the total
/// variance each mark implies does not move with the valuation time; fitting `w` (as vols at `T = 1`) makes the fit
/// independent of when it is run, so a cached fit equals a fresh one exactly. `MarkedMarket` re-times the slice.
struct TotalVarianceSmile {
    /// The slice at `T = 1`; nil when no mark gave a vol (the expiry gets no slice).
    let slice: SVISlice?
    let report: ExpirySmile

    /// The slice at the expiry's year fraction.
    func slice(years: Double) -> SVISlice? {
        guard let slice else { return nil }
        return try? SVISlice(
            a: slice.a,
            b: slice.b,
            rho: slice.rho,
            m: slice.m,
            sigma: slice.sigma,
            timeToExpiry: years
        )
    }
}

enum MarkedSmile {
    /// How far the fit may miss a mark's vol, relative to it, before the expiry falls back to flat. Ten percent (six
    /// vol points at 60%) is far beyond what a converged SVI fit to venue marks misses by, so only a fit gone wrong
    /// trips it; relative, so it does not depend on the time to expiry.
    static let relativeErrorLimit = 0.1

    /// The smile of one expiry's marked options around `forward`.
    static func fit(
        _ options: [MarkedOption],
        forward: Double,
        underlying: Underlying,
        expiry: UnixNanos
    ) -> TotalVarianceSmile {
        let (quotes, skipped) = outOfTheMoneyQuotes(options, forward: forward)
        func smile(_ slice: SVISlice?, _ fallback: SmileFallback?, _ error: Double? = nil) -> TotalVarianceSmile {
            let report = ExpirySmile(
                underlying: underlying,
                expiry: expiry,
                usableStrikes: quotes.count,
                fallback: fallback,
                worstRelativeError: error,
                skipped: skipped
            )
            return TotalVarianceSmile(slice: slice, report: report)
        }
        // Fewer than five strikes cannot pin the five SVI parameters: the expiry keeps a flat smile at the strike
        // nearest the forward, as before skew was fitted.
        guard quotes.count >= SVISlice.calibrationQuoteMinimum else {
            let fallback = SmileFallback.tooFewStrikes(usable: quotes.count, minimum: SVISlice.calibrationQuoteMinimum)
            return smile(flat(quotes), fallback)
        }
        let fit: SVIFit
        do {
            fit = try SVISlice.calibrate(to: quotes, timeToExpiry: 1)
        } catch {
            return smile(flat(quotes), .calibrationFailed(error.description))
        }
        let check = fit.slice.checkButterfly()
        guard !check.isViolated else {
            let fallback = SmileFallback.butterflyArbitrage(
                worstLogMoneyness: check.worstLogMoneyness,
                worstG: check.worstG,
                wingSlope: check.wingSlopeMax
            )
            return smile(flat(quotes), fallback)
        }
        let worst = quotes.reduce(0.0) { worst, quote in
            max(worst, abs(fit.slice.impliedVol(at: quote.logMoneyness) / quote.impliedVol - 1))
        }
        guard worst <= relativeErrorLimit else {
            return smile(flat(quotes), .poorFit(worstRelativeError: worst, limit: relativeErrorLimit))
        }
        return smile(fit.slice, nil, worst)
    }

    /// The total vol (`√w`, a vol at `T = 1`) of each strike's out-of-the-money mark — the call at or above the
    /// forward, the put below — and the marks that gave none.
    static func outOfTheMoneyQuotes(
        _ options: [MarkedOption],
        forward: Double
    ) -> (quotes: [SVIQuote], skipped: [SkippedMark]) {
        var quotes: [SVIQuote] = []
        var skipped: [SkippedMark] = []
        var previousStrike: Price?
        // Sorted by strike, then right, coin-settled first: the first out-of-the-money mark of a strike is used.
        for option in options where option.strike != previousStrike {
            let strike = option.strike.doubleValue
            let right: OptionRight = strike >= forward ? .call : .put
            guard option.right == right else { continue }
            previousStrike = option.strike
            guard option.price.decimal.isPositive else {
                skipped.append(SkippedMark(instrument: option.instrument, price: option.price, reason: "not positive"))
                continue
            }
            // Coin premiums are the undiscounted Black price divided by the forward (coin rate 0, as on Deribit).
            let price = option.inverse ? option.price.doubleValue * forward : option.price.doubleValue
            do {
                let totalVol = try ImpliedVolatility.black(
                    price: price,
                    forward: forward,
                    strike: strike,
                    expiryYears: 1,
                    discount: 1,
                    right: right
                )
                guard totalVol > 0, totalVol.isFinite else {
                    skipped.append(SkippedMark(instrument: option.instrument, price: option.price, reason: "no vol"))
                    continue
                }
                quotes.append(SVIQuote(strike: strike, forward: forward, impliedVol: totalVol))
            } catch {
                skipped.append(
                    SkippedMark(instrument: option.instrument, price: option.price, reason: error.description)
                )
            }
        }
        return (quotes, skipped)
    }

    /// A flat smile at the total variance of the quote nearest the forward (ties to the lower strike).
    static func flat(_ quotes: [SVIQuote]) -> SVISlice? {
        var nearest: SVIQuote?
        for quote in quotes where nearest.map({ abs(quote.logMoneyness) < abs($0.logMoneyness) }) ?? true {
            nearest = quote
        }
        guard let nearest else { return nil }
        return try? SVISlice(
            a: nearest.impliedVol * nearest.impliedVol,
            b: 0,
            rho: 0,
            m: 0,
            sigma: 0.1,
            timeToExpiry: 1
        )
    }
}

/// The smiles of the last market build, reused for every expiry whose forward and option marks are unchanged: a
/// rebuild then refits only the expiries whose marks moved.
public struct MarkedSmileCache: Sendable {
    struct Key: Hashable {
        let underlying: Underlying
        let expiry: UnixNanos
    }

    /// What an expiry's smile is a function of.
    struct Inputs: Equatable {
        let forward: Double
        let options: [MarkedOption]
    }

    private var entries: [Key: (inputs: Inputs, smile: TotalVarianceSmile)] = [:]
    /// Smiles computed (not reused) through this cache since it was made.
    public internal(set) var fits = 0

    public init() {}

    /// How each expiry's smile of the last build was made, by underlying then expiry.
    public var smiles: [ExpirySmile] {
        entries.values.map(\.smile.report).sorted { ($0.underlying, $0.expiry) < ($1.underlying, $1.expiry) }
    }

    /// The cached smile when its inputs are unchanged, else a fresh fit.
    mutating func smile(_ key: Key, _ inputs: Inputs) -> TotalVarianceSmile {
        if let entry = entries[key], entry.inputs == inputs { return entry.smile }
        fits += 1
        return MarkedSmile.fit(inputs.options, forward: inputs.forward, underlying: key.underlying, expiry: key.expiry)
    }

    mutating func keep(_ key: Key, _ inputs: Inputs, _ smile: TotalVarianceSmile) {
        entries[key] = (inputs, smile)
    }
}
