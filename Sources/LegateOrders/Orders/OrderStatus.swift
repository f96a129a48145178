public import LegateCore
public import LegateModel

/// Where an order is in its life.
///
/// ```
/// pendingRisk → accepted | rejected | pendingApproval
/// pendingApproval → pendingRisk (approved: judged again; journals from before: accepted) | rejected (denied or
///     approval expired) | cancelled
/// accepted → staged | sent ;  staged → pendingRisk (released: judged again) | cancelled
/// sent → acknowledged | partiallyFilled | filled | rejected | cancelled | expired
/// acknowledged, partiallyFilled → partiallyFilled | filled | cancelled | expired
/// ```
/// A cancel or amend in flight is `pendingCancel` / `pendingAmend`, kept beside the status (`Order.pending`) so a
/// refused cancel returns the order to exactly where it was.
public enum OrderStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case pendingRisk
    case pendingApproval
    case accepted
    case staged
    case sent
    case acknowledged
    case partiallyFilled
    case filled
    case cancelled
    case rejected
    case expired

    /// Nothing leaves a terminal state.
    public var isTerminal: Bool {
        switch self {
        case .filled, .cancelled, .rejected, .expired: true
        default: false
        }
    }

    /// Whether the venue may hold this order (so fills can arrive and a cancel must go to the venue).
    public var isAtVenue: Bool {
        switch self {
        case .sent, .acknowledged, .partiallyFilled: true
        default: false
        }
    }
}

/// A change the engine asked the venue for and has not heard back about.
public enum PendingChange: Hashable, Sendable, Codable {
    case cancel
    case amend(quantity: Quantity, kind: OrderKind)
}
