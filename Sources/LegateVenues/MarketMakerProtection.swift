import LegateCore
public import LegateModel

extension VenueClient {
    /// Adapters that have not wired their venue's protection refuse it by name instead of pretending it is on.
    public func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError) {
        throw .unsupported(venue: venue, operation: "market-maker protection on \(protection.underlying)")
    }

    public func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError) {
        throw .unsupported(venue: venue, operation: "resetting market-maker protection on \(underlying)")
    }
}

extension MarketMakerProtection {
    /// Whole milliseconds of a window or freeze, as OKX, Bybit and Binance take them; nil for a negative time or one
    /// with a fraction of a millisecond, which must be refused rather than rounded.
    public static func wholeMilliseconds(_ nanos: Int64) -> Int64? {
        nanos >= 0 && nanos % 1_000_000 == 0 ? nanos / 1_000_000 : nil
    }

}
