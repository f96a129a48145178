import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Market-maker protection (options)

extension BybitSession {
    /// `mmp-modify` for the underlying's base coin (the account must have MMP enabled by Bybit); from then on this
    /// session's resting option quotes on that coin carry `mmp: true`, which is what MMP counts and pulls.
    ///
    /// Bybit's API has no switch-off, so `MarketMakerProtection.off` sends nothing: it stops flagging quotes, and
    /// unflagged orders are outside MMP.
    public func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError) {
        let coin = protection.underlying.base.code
        guard !protection.isOff else {
            protectedBaseCoins.remove(coin)
            emit(.marketMakerProtectionSet(baseCoin: coin, isOff: true))
            return
        }
        try requireCredentials("market-maker protection")
        let request: BybitRESTRequest
        do {
            request = try BybitRequests.marketMakerProtection(protection)
        } catch {
            throw .unsupported(venue: .bybit, operation: error.description)
        }
        _ = try await result(BybitIgnoredResult.self, of: request, signed: true)
        protectedBaseCoins.insert(coin)
        emit(.marketMakerProtectionSet(baseCoin: coin, isOff: false))
    }

    /// `mmp-reset`: quoting on the base coin's options may resume.
    public func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError) {
        try requireCredentials("resetting market-maker protection")
        let request = BybitRequests.resetMarketMakerProtection(underlying)
        _ = try await result(BybitIgnoredResult.self, of: request, signed: true)
    }
}
