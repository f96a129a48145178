/// Expiry buckets for vega limits and reports: upper bounds in days, plus one bucket beyond the last bound.
///
/// Bounds come from configuration (limits are set per bucket), never from code.
public struct ExpiryBuckets: Sendable, Hashable, Codable {
    /// Upper bounds in days to expiry, increasing; a position falls in the first bucket whose bound it does not
    /// exceed, or in the last bucket.
    public let upperBoundsDays: [Double]

    /// - Throws: `BookError.invalidExpiryBuckets` for a bound that is not positive, finite and increasing.
    public init(upperBoundsDays: [Double]) throws(BookError) {
        for (index, bound) in upperBoundsDays.enumerated() {
            let previous = index == 0 ? 0 : upperBoundsDays[index - 1]
            guard bound.isFinite, bound > previous else { throw .invalidExpiryBuckets(index: index, value: bound) }
        }
        self.upperBoundsDays = upperBoundsDays
    }

    /// The number of buckets (bounds + 1).
    public var count: Int { upperBoundsDays.count + 1 }

    /// The bucket of an expiry `days` away.
    public func bucket(days: Double) -> Int {
        upperBoundsDays.firstIndex { days <= $0 } ?? upperBoundsDays.count
    }
}
