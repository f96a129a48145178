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

extension BybitSession {
    /// `GET mmp-state` for the underlying's base coin: what Bybit holds and whether MMP froze it.
    public func marketMakerProtectionState(
        underlying: Underlying
    ) async throws(VenueError) -> MarketMakerProtectionState {
        try requireCredentials("querying market-maker protection")
        let request = BybitRequests.marketMakerProtectionState(underlying)
        let wire = try await result(BybitProtectionStateWire.self, of: request, signed: true)
        return BybitTranslator.marketMakerProtectionState(wire, underlying: underlying)
    }

    /// Emits a trigger for an order MMP cancelled, once per sweep: Bybit cancels every protected order of the coin at
    /// the same `updatedTime`, and the desk needs one event, not one per quote.
    func noteProtectionTrigger(_ wire: BybitOrderWire) throws(BybitParseError) {
        guard let trigger = try BybitTranslator.marketMakerProtectionTrigger(wire),
            lastProtectionTriggers[trigger.underlying] != trigger.triggeredAt
        else { return }
        lastProtectionTriggers[trigger.underlying] = trigger.triggeredAt
        emit(.marketMakerProtectionTriggered(trigger))
    }
}
