public import LegateCore
public import LegateModel

/// How usable a venue is right now, for routing and the dashboard.
public enum VenueConnectionState: String, Hashable, Sendable, Codable {
    case connected
    /// Connected, but slow or failing often: route elsewhere when there is a choice.
    case degraded
    case disconnected
}

/// A change in a venue's health, or a periodic latency summary.
public enum VenueHealthEvent: Hashable, Sendable {
    case stateChanged(
        venue: Venue,
        from: VenueConnectionState,
        to: VenueConnectionState,
        reason: VenueHealthReason,
        at: UnixNanos
    )
    case summary(VenueHealthSummary)
}

/// Why the state changed.
public enum VenueHealthReason: Hashable, Sendable, CustomStringConvertible {
    case connected
    case disconnected(String)
    case slowAcknowledgements(p99Nanos: Int64, thresholdNanos: Int64)
    case frequentErrors(errors: Int, requests: Int)
    case recovered

    public var description: String {
        switch self {
        case .connected: "connected"
        case .disconnected(let reason): "disconnected: \(reason)"
        case .slowAcknowledgements(let p99, let threshold): "p99 request-to-ack \(p99) ns above \(threshold) ns"
        case .frequentErrors(let errors, let requests): "\(errors) errors in the last \(requests) requests"
        case .recovered: "latency and errors back within limits"
        }
    }
}

/// Request-to-acknowledgement latency and error counts over the recent window.
public struct VenueHealthSummary: Hashable, Sendable {
    public let venue: Venue
    public let state: VenueConnectionState
    public let samples: Int
    public let p50Nanos: Int64?
    public let p99Nanos: Int64?
    public let maximumNanos: Int64?
    public let requests: Int
    public let errors: Int
    public let at: UnixNanos
}

/// When a connected venue counts as degraded.
public struct VenueHealthPolicy: Hashable, Sendable {
    /// Requests (and latencies) remembered.
    public let window: Int
    /// Fewer samples than this never degrade a venue.
    public let minimumSamples: Int
    public let degradedP99Nanos: Int64
    /// Errors per thousand requests in the window at which the venue is degraded.
    public let degradedErrorsPerMille: Int

    public init(window: Int = 200, minimumSamples: Int = 20, degradedP99Nanos: Int64, degradedErrorsPerMille: Int) {
        precondition(window > 0 && minimumSamples > 0 && minimumSamples <= window, "health window settings")
        self.window = window
        self.minimumSamples = minimumSamples
        self.degradedP99Nanos = degradedP99Nanos
        self.degradedErrorsPerMille = degradedErrorsPerMille
    }

    /// One second at p99, or 5% errors.
    public static let standard = VenueHealthPolicy(degradedP99Nanos: 1_000_000_000, degradedErrorsPerMille: 50)
}
