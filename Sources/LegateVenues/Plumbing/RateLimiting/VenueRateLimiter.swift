public import LegateCore
public import LegateModel

/// What a request is, for rate limiting: venues count trading, market data, account queries and subscriptions
/// against different limits.
public enum RequestClass: String, Hashable, Sendable, CaseIterable {
    case trading
    case marketData
    case account
    case subscribe
}

/// One of a venue's limits: a token bucket or a rolling window, over some request classes, for the whole account or
/// per key (OKX counts order requests per instrument, Bybit per category).
public struct RateRule: Hashable, Sendable {
    public enum Limit: Hashable, Sendable {
        case tokenBucket(capacity: Int64, refillPerSecond: Int64)
        case window(limit: Int64, windowNanos: Int64)
    }

    public let name: String
    public let classes: Set<RequestClass>
    public let limit: Limit
    /// Credits a request of each class costs (Deribit); a class not listed costs the request's weight.
    public let costs: [RequestClass: Int64]
    public let isPerKey: Bool

    public init(
        name: String,
        classes: Set<RequestClass>,
        limit: Limit,
        costs: [RequestClass: Int64] = [:],
        isPerKey: Bool = false
    ) {
        self.name = name
        self.classes = classes
        self.limit = limit
        self.costs = costs
        self.isPerKey = isPerKey
    }
}

/// A venue's rate limits as one pure value: `acquire` grants a request only when every rule that covers it has
/// room, and then charges them all.
///
/// The presets follow `shared/reference/venues.md` (Deribit §1.6, OKX §2.5, Bybit §3.5, Binance §4); the adapters
/// replace them with the limits the venue reports where it does (Binance `exchangeInfo.rateLimits`).
public struct VenueRateLimiter: Sendable {
    enum Meter: Hashable, Sendable {
        case bucket(TokenBucket)
        case window(SlidingWindowLimiter)

        init(_ limit: RateRule.Limit) {
            switch limit {
            case .tokenBucket(let capacity, let refill):
                self = .bucket(TokenBucket(capacity: capacity, refillPerSecond: refill))
            case .window(let limit, let window):
                self = .window(SlidingWindowLimiter(limit: limit, windowNanos: window))
            }
        }

        mutating func check(_ cost: Int64, at now: UnixNanos, rule: String) -> RateDecision {
            switch self {
            case .bucket(var bucket):
                defer { self = .bucket(bucket) }
                return bucket.check(cost, at: now, rule: rule)
            case .window(var window):
                defer { self = .window(window) }
                return window.check(cost, at: now, rule: rule)
            }
        }

        mutating func charge(_ cost: Int64, at now: UnixNanos) {
            switch self {
            case .bucket(var bucket):
                _ = bucket.acquire(cost, at: now)
                self = .bucket(bucket)
            case .window(var window):
                _ = window.acquire(cost, at: now)
                self = .window(window)
            }
        }
    }

    public let venue: Venue
    public let rules: [RateRule]
    private var shared: [Meter]
    private var keyed: [[String: Meter]]
    /// Set when the venue itself refused us; nothing is granted before it.
    public private(set) var blockedUntil: UnixNanos?

    public init(venue: Venue, rules: [RateRule]) {
        self.venue = venue
        self.rules = rules
        shared = rules.map { Meter($0.limit) }
        keyed = rules.map { _ in [:] }
    }

    /// Grants a request of `requestClass` (weight as the venue counts it; `key` for per-key rules) or says when.
    public mutating func acquire(
        _ requestClass: RequestClass,
        weight: Int64 = 1,
        key: String? = nil,
        at now: UnixNanos
    ) -> RateDecision {
        if let blockedUntil, now < blockedUntil { return .denied(retryAt: blockedUntil, rule: "venue refusal") }
        var latest: RateDecision = .granted
        for (index, rule) in rules.enumerated() where rule.classes.contains(requestClass) {
            let cost = rule.costs[requestClass] ?? weight
            let decision = withMeter(index, key: key) { $0.check(cost, at: now, rule: rule.name) }
            if case .denied(let retryAt, _) = decision {
                if case .denied(let previous, _) = latest, previous >= retryAt { continue }
                latest = decision
            }
        }
        guard latest == .granted else { return latest }
        for (index, rule) in rules.enumerated() where rule.classes.contains(requestClass) {
            let cost = rule.costs[requestClass] ?? weight
            withMeter(index, key: key) { $0.charge(cost, at: now) }
        }
        return .granted
    }

    /// Refuses everything until `until`: the venue answered "too many requests" (Deribit 10028, HTTP 429).
    public mutating func throttle(until: UnixNanos) {
        blockedUntil = max(blockedUntil ?? until, until)
    }

    @discardableResult
    private mutating func withMeter<T>(_ index: Int, key: String?, _ body: (inout Meter) -> T) -> T {
        guard rules[index].isPerKey else { return body(&shared[index]) }
        let name = key ?? ""
        var meter = keyed[index][name] ?? Meter(rules[index].limit)
        let result = body(&meter)
        keyed[index][name] = meter
        return result
    }
}
