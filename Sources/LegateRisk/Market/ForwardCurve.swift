public import LegateCore
import RealModule

/// Where a forward point came from.
public enum ForwardSource: String, Sendable, Hashable, Codable {
    /// A listed future's mark.
    case future
    /// Implied from a call and a put of one strike by put-call parity.
    case putCallParity
}

/// One point of the forward curve.
public struct ForwardPoint: Sendable, Hashable {
    public let expiry: UnixNanos
    /// The forward in USD.
    public let price: Double
    public let source: ForwardSource

    public init(expiry: UnixNanos, price: Double, source: ForwardSource) {
        self.expiry = expiry
        self.price = price
        self.source = source
    }
}

/// The forward price of one underlying per expiry, from futures or, where no future lists, put-call parity.
///
/// Between points the curve is interpolated on the log-basis `ln(F/S)` linearly in time (a constant carry rate
/// between two expiries); before the first point and after the last the nearest point's carry rate `ln(F/S)/T` is
/// held. An expiry that has a point reads it exactly. A future's point replaces a parity point of the same expiry, never the reverse: a traded future is the
/// better witness.
public struct ForwardCurve: Sendable, Hashable {
    /// The points, sorted by expiry, one per expiry.
    public private(set) var points: [ForwardPoint] = []

    public init() {}

    /// Inserts or replaces the point of `point.expiry` (a parity point does not replace a future's).
    public mutating func set(_ point: ForwardPoint) {
        if let index = points.firstIndex(where: { $0.expiry == point.expiry }) {
            guard !(points[index].source == .future && point.source == .putCallParity) else { return }
            points[index] = point
        } else {
            let index = points.firstIndex { $0.expiry > point.expiry } ?? points.count
            points.insert(point, at: index)
        }
    }

    /// Removes every point at or before `time` (expired futures).
    public mutating func removeExpired(asOf time: UnixNanos) {
        points.removeAll { $0.expiry <= time }
    }

    /// The forward for `expiry` given the index `index` at `asOf`; nil when the curve is empty.
    public func forward(expiry: UnixNanos, index: Double, asOf: UnixNanos) -> Double? {
        guard let first = points.first, let last = points.last else { return nil }
        if let exact = points.first(where: { $0.expiry == expiry }) { return exact.price }
        let years = asOf.years(until: expiry)
        func carry(_ point: ForwardPoint) -> (years: Double, logBasis: Double) {
            (asOf.years(until: point.expiry), Double.log(point.price / index))
        }
        if expiry <= first.expiry {
            let (pointYears, logBasis) = carry(first)
            return index * Double.exp(pointYears > 0 ? logBasis * years / pointYears : 0)
        }
        if expiry >= last.expiry {
            let (pointYears, logBasis) = carry(last)
            return index * Double.exp(pointYears > 0 ? logBasis * years / pointYears : 0)
        }
        let upper = points.firstIndex { $0.expiry >= expiry } ?? points.count - 1
        let (earlyYears, earlyBasis) = carry(points[upper - 1])
        let (lateYears, lateBasis) = carry(points[upper])
        let weight = (years - earlyYears) / (lateYears - earlyYears)
        return index * Double.exp(earlyBasis + weight * (lateBasis - earlyBasis))
    }

    /// The forward implied by put-call parity from USD premiums: `F = K + (C − P)/D`.
    ///
    /// - Parameters:
    ///   - call: Call premium in USD.
    ///   - put: Put premium in USD, same strike and expiry.
    ///   - strike: Strike in USD.
    ///   - discount: Discount factor to expiry, `e^{−rT}`.
    /// - Returns: The forward, or nil when it is not positive.
    public static func parityForward(call: Double, put: Double, strike: Double, discount: Double) -> Double? {
        let forward = strike + (call - put) / discount
        return forward > 0 && forward.isFinite ? forward : nil
    }

    /// The forward implied by put-call parity from coin premiums of inverse options:
    /// `C_coin − P_coin = D_coin·(F − K)/F`, so `F = K / (1 − (C_coin − P_coin)/D_coin)`.
    ///
    /// - Parameters:
    ///   - callCoin: Call premium in coin.
    ///   - putCoin: Put premium in coin.
    ///   - strike: Strike in USD.
    ///   - coinDiscount: The coin's discount factor to expiry (1 on Deribit).
    /// - Returns: The forward in USD, or nil when it is not positive.
    public static func inverseParityForward(
        callCoin: Double,
        putCoin: Double,
        strike: Double,
        coinDiscount: Double
    ) -> Double? {
        let denominator = 1 - (callCoin - putCoin) / coinDiscount
        guard denominator > 0 else { return nil }
        let forward = strike / denominator
        return forward.isFinite ? forward : nil
    }
}
