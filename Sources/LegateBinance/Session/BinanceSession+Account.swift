import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
public import LegateVenues

// MARK: - Cancel-all, account, dead-man switch

extension BinanceSession {
    /// Binance cancels per symbol (options also per underlying): one request per symbol or underlying in scope, among
    /// the session's specs. The individual cancels arrive on `reports` from the user-data stream.
    public func cancelAll(_ scope: CancelScope) async throws(VenueError) {
        let credentials = try credentials(for: "cancelling all orders")
        let window = configuration.recvWindowMillis
        for target in cancelTargets(scope) {
            let outcome = try await call(withAPIKey: true) { (timestamp: Int64) throws(BinanceRequestError) in
                switch target {
                case .underlying(let underlying):
                    try BinanceRequests.cancelAllOptions(
                        underlying: underlying,
                        credentials: credentials,
                        timestampMillis: timestamp,
                        recvWindowMillis: window
                    )
                case .symbol(let spec) where spec.instrument.kind == .option:
                    try BinanceRequests.cancelAllOptions(
                        symbol: spec.symbol,
                        credentials: credentials,
                        timestampMillis: timestamp,
                        recvWindowMillis: window
                    )
                case .symbol(let spec):
                    try BinanceRequests.cancelAll(
                        spec: spec,
                        credentials: credentials,
                        timestampMillis: timestamp,
                        recvWindowMillis: window
                    )
                }
            }
            if case .refused(let error, _) = outcome,
                BinanceErrorCode(rawValue: error.code) != .noSuchOrder
            {
                throw BinanceTranslator.venueError(error, at: clock.now())
            }
        }
    }

    enum CancelTarget {
        case symbol(InstrumentSpec)
        case underlying(String)
    }

    func cancelTargets(_ scope: CancelScope) -> [CancelTarget] {
        let specs = specsBySymbol.values.sorted { $0.symbol < $1.symbol }
        let isOptions = configuration.market == .options
        switch scope {
        case .instrument(let instrument):
            return specsByInstrument[instrument].map { [.symbol($0)] } ?? []
        case .underlying(let underlying) where isOptions:
            return [.underlying(underlying.base.code + underlying.quote.code)]
        case .underlying(let underlying):
            return specs.filter { $0.instrument.underlying == underlying }.map(CancelTarget.symbol)
        case .kind(let kind):
            return specs.filter { $0.instrument.kind == kind }.map(CancelTarget.symbol)
        case .all where isOptions:
            return optionUnderlyings().map(CancelTarget.underlying)
        case .all:
            return specs.map(CancelTarget.symbol)
        }
    }

    func optionUnderlyings() -> [String] {
        Set(specsBySymbol.values.map { BinanceRequests.optionUnderlying($0.instrument) }).sorted()
    }

    // MARK: - Account

    public func balances() async throws(VenueError) -> [VenueBalance] {
        let body = try await signedGet(configuration.market.accountPath)
        switch configuration.market {
        case .options:
            let wire = try decode(BinanceOptionMarginAccountWire.self, body)
            return try translated { () throws(BinanceParseError) in try BinanceTranslator.optionBalances(wire) }
        case .usdm:
            let wire = try decode(BinanceFuturesAccountWire.self, body)
            return try translated { () throws(BinanceParseError) in try BinanceTranslator.balances(wire) }
        case .spot:
            let wire = try decode(BinanceSpotAccountWire.self, body)
            return try translated { () throws(BinanceParseError) in try BinanceTranslator.balances(wire) }
        }
    }

    /// Open positions (flat ones left out); spot has none.
    public func positions() async throws(VenueError) -> [VenuePosition] {
        guard let path = configuration.market.positionsPath else { return [] }
        let body = try await signedGet(path)
        if configuration.market == .options {
            let wires = try decode([BinanceOptionPositionWire].self, body)
            return try translated { () throws(BinanceParseError) in
                try wires.filter { !$0.quantity.value.isZero }.map { wire throws(BinanceParseError) in
                    try BinanceTranslator.optionPosition(wire, multiplier: multiplier(wire.symbol))
                }
            }
        }
        let wires = try decode([BinancePositionRiskWire].self, body)
        return try translated { () throws(BinanceParseError) in
            try BinanceTranslator.positions(wires, market: .linear).map(\.position).filter {
                !$0.quantity.decimal.isZero
            }
        }
    }

    public func openOrders() async throws(VenueError) -> [VenueOpenOrder] {
        let body = try await signedGet(configuration.market.openOrdersPath)
        if configuration.market == .options {
            let wires = try decode([BinanceOptionOrderWire].self, body)
            return try translated { () throws(BinanceParseError) in
                try wires.map { wire throws(BinanceParseError) in
                    try BinanceTranslator.optionOpenOrder(wire, multiplier: multiplier(wire.symbol))
                }
            }
        }
        let wires = try decode([BinanceOrderWire].self, body)
        let market = configuration.market.symbology
        return try translated { () throws(BinanceParseError) in
            try wires.map { wire throws(BinanceParseError) in try BinanceTranslator.openOrder(wire, market: market) }
        }
    }

    func signedGet(_ path: String) async throws(VenueError) -> [UInt8] {
        let credentials = try credentials(for: "GET \(path)")
        let window = configuration.recvWindowMillis
        switch try await call(
            withAPIKey: true,
            { timestamp in
                BinanceRequests.signedGet(
                    path,
                    credentials: credentials,
                    timestampMillis: timestamp,
                    recvWindowMillis: window
                )
            }
        ) {
        case .success(let body): return body
        case .refused(let error, _): throw BinanceTranslator.venueError(error, at: clock.now())
        }
    }

    // MARK: - Dead-man switch

    /// `countdownCancelAll` for every underlying (options) or symbol (USD-M) of the session's specs, then refreshed
    /// every `deadManRefreshNanos` by `run()`. Spot has no such switch. `timeoutNanos` nil is 10 s.
    public func armCancelOnDisconnect(timeoutNanos: Int64?) async throws(VenueError) {
        let countdown = (timeoutNanos ?? 10_000_000_000) / 1_000_000
        guard countdown > 0 else {
            throw .unsupported(venue: .binance, operation: "a countdown of \(timeoutNanos ?? 0) ns (0 disarms)")
        }
        let scopes = try deadManScopes()
        try await sendCountdown(countdown, scopes: scopes)
        deadMan = DeadMan(countdownMillis: countdown, scopes: scopes)
        for scope in scopes { emit(.deadManArmed(scope: scope, countdownMillis: countdown)) }
    }

    public func disarmCancelOnDisconnect() async throws(VenueError) {
        let scopes = try deadManScopes()
        deadMan = nil
        try await sendCountdown(0, scopes: scopes)
        for scope in scopes { emit(.deadManDisarmed(scope: scope)) }
    }

    func deadManScopes() throws(VenueError) -> [String] {
        let scopes: [String]
        switch configuration.market {
        case .options: scopes = optionUnderlyings()
        case .usdm: scopes = specsBySymbol.keys.sorted()
        case .spot: throw .unsupported(venue: .binance, operation: "a dead-man switch on spot (Binance has none)")
        }
        guard !scopes.isEmpty else {
            throw .unsupported(venue: .binance, operation: "a dead-man switch without specs to scope it")
        }
        return scopes
    }

    func sendCountdown(_ countdown: Int64, scopes: [String]) async throws(VenueError) {
        let credentials = try credentials(for: "the dead-man switch")
        let isOptions = configuration.market == .options
        let window = configuration.recvWindowMillis
        for scope in scopes {
            let spec = specsBySymbol[scope]
            let outcome = try await call(withAPIKey: true) { (timestamp: Int64) throws(BinanceRequestError) in
                if isOptions {
                    return try BinanceRequests.optionCountdownCancelAll(
                        underlying: scope,
                        countdownMillis: countdown,
                        credentials: credentials,
                        timestampMillis: timestamp,
                        recvWindowMillis: window
                    )
                }
                guard let spec else { throw .unsupported(what: "countdown on \(scope)", reason: "no spec") }
                return try BinanceRequests.countdownCancelAll(
                    spec: spec,
                    countdownMillis: countdown,
                    credentials: credentials,
                    timestampMillis: timestamp,
                    recvWindowMillis: window
                )
            }
            if case .refused(let error, _) = outcome { throw BinanceTranslator.venueError(error, at: clock.now()) }
        }
    }

    /// Keeps an armed switch from firing: the options heartbeat, or the USD-M countdown sent again.
    nonisolated func refreshDeadMan() async {
        while true {
            do {
                try await configuration.clock.sleep(nanos: configuration.deadManRefreshNanos)
            } catch {
                return
            }
            await refreshDeadManOnce()
        }
    }

    func refreshDeadManOnce() async {
        guard let deadMan, let credentials = configuration.credentials else { return }
        let window = configuration.recvWindowMillis
        do throws(VenueError) {
            if configuration.market == .options {
                let outcome = try await call(withAPIKey: true) { timestamp in
                    BinanceRequests.optionCountdownHeartbeat(
                        underlyings: deadMan.scopes,
                        credentials: credentials,
                        timestampMillis: timestamp,
                        recvWindowMillis: window
                    )
                }
                if case .refused(let error, _) = outcome { throw BinanceTranslator.venueError(error, at: clock.now()) }
            } else {
                try await sendCountdown(deadMan.countdownMillis, scopes: deadMan.scopes)
            }
            emit(.deadManRefreshed(scopes: deadMan.scopes))
        } catch {
            emit(.unreadable(what: "dead-man refresh", reason: error.description))
        }
    }
}
