public import LegateCore

/// An HTTP `Retry-After` value (RFC 9110 §10.2.3): seconds to wait, or the instant to retry at.
public enum RetryAfter: Hashable, Sendable {
    case seconds(Int64)
    case date(UnixNanos)

    /// Reads `120` or an IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`; nil for anything else.
    public init?(header: String) {
        let text = header.trimmingWhitespace
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let seconds = Int64(text) {
            self = .seconds(seconds)
            return
        }
        guard let instant = Self.imfFixdate(text) else { return nil }
        self = .date(instant)
    }

    /// When to retry, for a response received at `receivedAt`.
    public func retryAt(receivedAt: UnixNanos) -> UnixNanos {
        switch self {
        case .seconds(let seconds):
            let (nanos, overflow) = seconds.multipliedReportingOverflow(by: UnixNanos.nanosecondsPerSecond)
            return overflow ? UnixNanos(.max) : receivedAt + nanos
        case .date(let instant): return max(instant, receivedAt)
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Day, DD Mon YYYY HH:MM:SS GMT`, the only date form senders may use.
    private static func imfFixdate(_ text: Substring) -> UnixNanos? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]),
            let date = CivilDate(year: year, month: monthIndex + 1, day: day)
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int64(clock[0]), let minute = Int64(clock[1]), let second = Int64(clock[2]),
            (0..<24).contains(hour), (0..<60).contains(minute), (0...60).contains(second)
        else { return nil }
        return date.unixNanos + ((hour * 60 + minute) * 60 + second) * UnixNanos.nanosecondsPerSecond
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
