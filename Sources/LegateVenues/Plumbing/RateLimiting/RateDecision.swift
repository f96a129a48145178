public import LegateCore

/// Whether a request may go now.
public enum RateDecision: Hashable, Sendable {
    case granted
    /// Not before `retryAt`; `rule` names the limit that refused.
    case denied(retryAt: UnixNanos, rule: String)

    public var isGranted: Bool { self == .granted }
}
