public import LegateModel
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

    func requireOptions(_ what: String) throws(VenueError) {
        guard configuration.market == .options else {
            throw .unsupported(venue: .binance, operation: "\(what) outside options (Binance has it on eapi only)")
        }
    }
}

/// The `mmpSet` / `mmpReset` answer; only its success matters.
struct BinanceProtectionAnswer: Decodable, Sendable {}
