import LegateCore
public import LegateModel
import LegateSymbology
import LegateTransport
public import LegateVenues

// MARK: - Reference data and account queries

extension BybitSession {
    /// Every instrument Bybit lists in the four categories (options of each configured inverse settle coin's base:
    /// BTC and ETH by default), paged; listings that do not translate are left out.
    public func instruments() async throws(VenueError) -> [InstrumentSpec] {
        var found: [InstrumentSpec] = []
        let optionBases = configuration.inverseSettleCoins.map(Optional.some)
        for (category, bases) in [(Market.option, optionBases), (.linear, [nil]), (.inverse, [nil]), (.spot, [nil])] {
            for base in bases {
                var cursor: String?
                repeat {
                    let request = BybitSessionQueries.instruments(category: category, baseCoin: base, cursor: cursor)
                    let page = try await result(
                        BybitList<BybitInstrumentWire>.self,
                        of: request,
                        signed: false,
                        requestClass: .marketData
                    )
                    let now = clock.now()
                    found += page.list.compactMap { try? BybitTranslator.spec($0, category: category, observedAt: now) }
                    cursor = page.nextPageCursor.flatMap { $0.isEmpty ? nil : $0 }
                } while cursor != nil
            }
        }
        register(found)
        return found
    }

    /// The spec of `instrument`: known, or fetched from instruments-info by symbol; nil when Bybit does not list it.
    func spec(for instrument: Instrument) async throws(VenueError) -> InstrumentSpec? {
        if let known = specs[instrument] { return known }
        let symbol: String
        do {
            symbol = try BybitRequests.symbol(instrument)
        } catch {
            throw .unsupported(venue: .bybit, operation: error.description)
        }
        let category = Market.of(instrument)
        let page = try await result(
            BybitList<BybitInstrumentWire>.self,
            of: BybitSessionQueries.instrument(category: category, symbol: symbol),
            signed: false,
            requestClass: .marketData
        )
        guard let wire = page.list.first(where: { $0.symbol == symbol }) else { return nil }
        let spec = try translated { () throws(BybitParseError) in
            try BybitTranslator.spec(wire, category: category, observedAt: clock.now())
        }
        specs[spec.instrument] = spec
        return spec
    }

    /// Each coin of the unified wallet, then the account's margin in USD (`GET /v5/account/wallet-balance`).
    public func balances() async throws(VenueError) -> [VenueBalance] {
        try requireCredentials("reading balances")
        let page = try await result(
            BybitList<BybitWalletWire>.self,
            of: BybitSessionQueries.walletBalance,
            signed: true
        )
        return try translated { () throws(BybitParseError) in
            var balances: [VenueBalance] = []
            for wallet in page.list {
                balances += try BybitTranslator.balances(wallet)
                balances.append(BybitTranslator.accountMargin(wallet))
            }
            return balances
        }
    }

    /// Open positions in every scope (`GET /v5/position/list`, paged); flat ones are left out.
    public func positions() async throws(VenueError) -> [VenuePosition] {
        try requireCredentials("reading positions")
        var positions: [VenuePosition] = []
        let scopes = BybitSessionQueries.scopes(
            inverseSettleCoins: configuration.inverseSettleCoins,
            includingSpot: false
        )
        for scope in scopes {
            let wires = try await pages(BybitPositionWire.self) { BybitSessionQueries.positions(scope, cursor: $0) }
            positions += try translated { () throws(BybitParseError) in
                try wires.map { wire throws(BybitParseError) in
                    try BybitTranslator.position(wire, category: scope.category)
                }
            }
        }
        return positions.filter { !$0.quantity.decimal.isZero }
    }

    /// Open orders in every scope (`GET /v5/order/realtime`, paged), for reconciliation.
    public func openOrders() async throws(VenueError) -> [VenueOpenOrder] {
        try requireCredentials("reading open orders")
        var open: [VenueOpenOrder] = []
        let scopes = BybitSessionQueries.scopes(
            inverseSettleCoins: configuration.inverseSettleCoins,
            includingSpot: true
        )
        for scope in scopes {
            let wires = try await pages(BybitOrderWire.self) { BybitSessionQueries.openOrders(scope, cursor: $0) }
            open += try translated { () throws(BybitParseError) in
                try wires.map { wire throws(BybitParseError) in
                    try BybitTranslator.openOrder(wire, category: scope.category)
                }
            }
        }
        return open
    }

    /// Every item of a signed, cursor-paged list.
    func pages<Item: Decodable & Sendable>(
        _ type: Item.Type,
        _ request: (String?) -> BybitRESTRequest
    ) async throws(VenueError) -> [Item] {
        var items: [Item] = []
        var cursor: String?
        repeat {
            let page = try await result(BybitList<Item>.self, of: request(cursor), signed: true)
            items += page.list
            cursor = page.nextPageCursor.flatMap { $0.isEmpty ? nil : $0 }
        } while cursor != nil
        return items
    }
}
