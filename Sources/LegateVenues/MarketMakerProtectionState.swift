import LegateCore
public import LegateModel

extension MarketMakerProtectionFreeze {
    /// The freeze a venue reports as an end time in milliseconds where zero (or nothing) means "until reset"; an end
    /// beyond the year 2262 (a malformed message) reads as unknown rather than trapping.
    public static func endingAt(millis: Int64?) -> MarketMakerProtectionFreeze {
        guard let millis, millis > 0 else { return .untilReset }
        return WireMillis.instant(millis: millis).map { .until($0) } ?? .unknown
    }
}

extension VenueClient {
    /// Adapters whose venue has no protection query refuse it by name.
    public func marketMakerProtectionState(
        underlying: Underlying
    ) async throws(VenueError) -> MarketMakerProtectionState {
        throw .unsupported(venue: venue, operation: "querying market-maker protection on \(underlying)")
    }
}
