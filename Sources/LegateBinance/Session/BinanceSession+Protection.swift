import LegateCore
public import LegateModel
import LegateTransport
public import LegateVenues

// MARK: - Market-maker protection (options)

extension BinanceSession {
    /// `mmpSet` for the underlying (options only; the account needs Binance's market-maker programme); from then on
    /// this session's resting orders on it are flagged `isMmp`, the orders MMP counts and pulls.
    ///
    /// `MarketMakerProtection.off` sends nothing: the session stops flagging orders, and unflagged orders are outside
    /// MMP.
    public func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError) {
        try requireOptions("market-maker protection")
        let underlying = BinanceRequests.underlying(protection.underlying)
        guard !protection.isOff else {
            protectedUnderlyings.remove(underlying)
            emit(.marketMakerProtectionSet(underlying: underlying, isOff: true))
            return
        }
        let credentials = try credentials(for: "market-maker protection")
        let window = configuration.recvWindowMillis
        _ = try await result(BinanceProtectionAnswer.self) { (timestamp: Int64) throws(BinanceRequestError) in
            try BinanceRequests.marketMakerProtection(
                protection,
                credentials: credentials,
                timestampMillis: timestamp,
                recvWindowMillis: window
            )
        }
        protectedUnderlyings.insert(underlying)
        emit(.marketMakerProtectionSet(underlying: underlying, isOff: false))
    }

    /// `mmpReset`: quoting on the underlying's options may resume.
    public func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError) {
        try requireOptions("resetting market-maker protection")
        let credentials = try credentials(for: "resetting market-maker protection")
        let window = configuration.recvWindowMillis
        _ = try await result(BinanceProtectionAnswer.self) { (timestamp: Int64) throws(BinanceRequestError) in
            BinanceRequests.resetMarketMakerProtection(
                underlying,
                credentials: credentials,
                timestampMillis: timestamp,
                recvWindowMillis: window
            )
        }
    }

    /// `GET /eapi/v1/mmp`: what Binance holds for the underlying and whether MMP froze it. Binance pushes nothing when
    /// MMP fires, so this query is also where a trigger is learnt: a `lastTriggerTime` newer than the last one seen
    /// emits `marketMakerProtectionTriggered`.
    public func marketMakerProtectionState(
        underlying: Underlying
    ) async throws(VenueError) -> MarketMakerProtectionState {
        try requireOptions("querying market-maker protection")
        let credentials = try credentials(for: "querying market-maker protection")
        let window = configuration.recvWindowMillis
        let wire = try await result(BinanceProtectionConfigWire.self) { (timestamp: Int64) in
            BinanceRequests.marketMakerProtectionState(
                underlying,
                credentials: credentials,
                timestampMillis: timestamp,
                recvWindowMillis: window
            )
        }
        let now = clock.now()
        let state = try translated { () throws(BinanceParseError) in
            try BinanceTranslator.marketMakerProtectionState(wire, underlying: underlying, now: now)
        }
        if let trigger = BinanceTranslator.marketMakerProtectionTrigger(state),
            lastProtectionTriggers[underlying] != trigger.triggeredAt
        {
            lastProtectionTriggers[underlying] = trigger.triggeredAt
            emit(.marketMakerProtectionTriggered(trigger))
        }
        return state
    }

    func requireOptions(_ what: String) throws(VenueError) {
        guard configuration.market == .options else {
            throw .unsupported(venue: .binance, operation: "\(what) outside options (Binance has it on eapi only)")
        }
    }
}

/// The `mmpSet` / `mmpReset` answer; only its success matters.
struct BinanceProtectionAnswer: Decodable, Sendable {}
