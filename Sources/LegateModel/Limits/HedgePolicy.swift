public import LegateCore

/// How the automated hedger keeps one book inside its delta band: the book is the positions a scope selects (firm,
/// desk or account, always one underlying), and when its delta leaves `target ± band` the hedger trades the hedge
/// instrument back to the target, in orders of at most `maxOrderQuantity`, on `account` at `venue`.
///
/// Delta is in USD per 100% move of the underlying, as the delta limits measure it. A risk manager sets a policy at
/// run time (`Command.setHedgePolicy`); the engine journals it with who and when, like a limit.
public struct HedgePolicy: Hashable, Sendable, Codable {
    public let scope: LimitScope
    public let targetDelta: FixedDecimal
    /// Half the band's width: the hedger acts when |delta − target| exceeds it.
    public let band: FixedDecimal
    /// A perpetual, future or spot pair of the scope's underlying.
    public let instrument: Instrument
    public let venue: Venue
    /// The account the hedge orders are placed on.
    public let account: AccountID
    public let maxOrderQuantity: Quantity
    /// A paused policy is kept but not acted on.
    public let enabled: Bool

    public init(
        scope: LimitScope,
        targetDelta: FixedDecimal,
        band: FixedDecimal,
        instrument: Instrument,
        venue: Venue,
        account: AccountID,
        maxOrderQuantity: Quantity,
        enabled: Bool = true
    ) {
        self.scope = scope
        self.targetDelta = targetDelta
        self.band = band
        self.instrument = instrument
        self.venue = venue
        self.account = account
        self.maxOrderQuantity = maxOrderQuantity
        self.enabled = enabled
    }

    /// Why the policy cannot be run, or nil: what is wrong, naming the field.
    public var problem: String? {
        guard let underlying = scope.underlying else {
            return "scope \(scope) names no underlying: a hedge policy keeps one underlying's delta"
        }
        if scope.expiryBucket != nil || scope.role != nil {
            return "scope \(scope): a hedge policy's book is a firm, desk or account, not an expiry bucket or role"
        }
        switch instrument.terms {
        case .spot, .perpetual, .future: break
        case .option, .combo: return "instrument \(instrument) is not delta-one (a perpetual, future or spot pair)"
        }
        guard instrument.underlying.base == underlying else {
            return "instrument \(instrument) hedges \(instrument.underlying.base), not the scope's \(underlying)"
        }
        guard band.isPositive else { return "band \(band) must be positive" }
        guard maxOrderQuantity.decimal.isPositive else {
            return "max order quantity \(maxOrderQuantity) must be positive"
        }
        if let scoped = scope.account, scoped != account {
            return "hedge account \(account) is outside the scope's account \(scoped)"
        }
        return nil
    }
}
