public import LegateCore
import LegateModel
public import LegateVenues

/// An OKX error code Legate acts on (`code` of a response or event, `sCode` of an item). Codes from OKX's v5 error
/// list as summarised in `shared/reference/venues.md` §2.4; the authentication codes are marked (verify) there.
public enum OKXErrorCode: String, Hashable, Sendable, CaseIterable {
    case operationFailed = "1"
    case partiallyFailed = "2"
    case serviceUnavailable = "50001"
    case rateLimited = "50011"
    case systemBusy = "50013"
    case subAccountRateLimited = "50061"
    case timestampExpired = "50102"
    case invalidAPIKey = "50111"
    case invalidTimestamp = "50112"
    case invalidSignature = "50113"
    case parameterError = "51000"
    case instrumentNotFound = "51001"
    case insufficientBalance = "51008"
    case sizeNotLotMultiple = "51121"
    case cancelFailed = "51400"
    case orderNotFound = "51603"
    case webSocketLoginFailed = "60009"
    case webSocketNotLoggedIn = "60011"
    case webSocketInvalidRequest = "60012"

    /// A refusal of our credentials or clock rather than of a request.
    public var isAuthentication: Bool {
        switch self {
        case .timestampExpired, .invalidAPIKey, .invalidTimestamp, .invalidSignature, .webSocketLoginFailed,
            .webSocketNotLoggedIn:
            true
        default: false
        }
    }
}

extension OKXTranslator {
    /// OKX's limits are counted over 2 s windows: after a refusal, the next window is the earliest retry.
    public static let rateLimitBackoffNanos: Int64 = 2 * UnixNanos.nanosecondsPerSecond

    /// A refused request (a non-zero `code` without items, or an error event) as an operating error.
    ///
    /// - Parameter now: When the refusal arrived; a rate limit may be retried one window later.
    public static func venueError(code: String, message: String, at now: UnixNanos) -> VenueError {
        let known = OKXErrorCode(rawValue: code)
        if known == .rateLimited || known == .subAccountRateLimited {
            return .rateLimited(venue: .okx, retryAt: now + rateLimitBackoffNanos, message: "\(code) \(message)")
        }
        if let known, known.isAuthentication {
            return .authenticationFailed(venue: .okx, reason: "\(code) \(message)")
        }
        guard let number = Int(code) else {
            return .malformedMessage(venue: .okx, what: "error code", reason: "\"\(code)\" is not a number: \(message)")
        }
        return .venueError(venue: .okx, code: number, message: message)
    }

    /// An `{"event":"error",…}` (or a failed login) as an operating error; nil for any other event.
    public static func venueError(_ event: OKXEvent, at now: UnixNanos) -> VenueError? {
        guard event.isError || (event.event == "login" && event.code != "0") else { return nil }
        return venueError(code: event.code ?? "", message: event.msg ?? "", at: now)
    }
}
