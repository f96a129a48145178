public import LegateCore
public import LegateSymbology

/// The REST queries the session makes besides orders: listings, wallet, positions and open orders. A GET's payload
/// is its query string, which is also what the signature covers.
public enum BybitSessionQueries {
    /// Where an account query looks: a category, and for linear and inverse the settle coin Bybit requires.
    public struct Scope: Hashable, Sendable {
        public let category: Market
        public let settleCoin: Asset?

        var query: String {
            "category=\(category.rawValue)" + (settleCoin.map { "&settleCoin=\($0.code)" } ?? "")
        }
    }

    /// Every place an account's positions or open orders can be: options, linear in USDT and USDC, inverse in each
    /// of `inverseSettleCoins`, and (open orders only) spot.
    public static func scopes(inverseSettleCoins: [Asset], includingSpot: Bool) -> [Scope] {
        var scopes = [
            Scope(category: .option, settleCoin: nil),
            Scope(category: .linear, settleCoin: .usdt),
            Scope(category: .linear, settleCoin: .usdc),
        ]
        scopes += inverseSettleCoins.map { Scope(category: .inverse, settleCoin: $0) }
        if includingSpot { scopes.append(Scope(category: .spot, settleCoin: nil)) }
        return scopes
    }

    /// `GET /v5/market/instruments-info` for one symbol of a category (public, unsigned).
    public static func instrument(category: Market, symbol: String) -> BybitRESTRequest {
        get("/v5/market/instruments-info", "category=\(category.rawValue)&symbol=\(symbol)")
    }

    /// `GET /v5/market/instruments-info`, one page of a category (options: of one base coin).
    public static func instruments(category: Market, baseCoin: Asset?, cursor: String?) -> BybitRESTRequest {
        var query = "category=\(category.rawValue)"
        if let baseCoin { query += "&baseCoin=\(baseCoin.code)" }
        if category != .spot { query += "&limit=1000" }
        return get("/v5/market/instruments-info", query + cursorQuery(cursor))
    }

    /// `GET /v5/account/wallet-balance?accountType=UNIFIED`.
    public static let walletBalance = get("/v5/account/wallet-balance", "accountType=UNIFIED")

    /// `GET /v5/position/list`, one page.
    public static func positions(_ scope: Scope, cursor: String?) -> BybitRESTRequest {
        get("/v5/position/list", scope.query + "&limit=200" + cursorQuery(cursor))
    }

    /// `GET /v5/order/realtime`, one page of open orders.
    public static func openOrders(_ scope: Scope, cursor: String?) -> BybitRESTRequest {
        get("/v5/order/realtime", scope.query + "&openOnly=0&limit=50" + cursorQuery(cursor))
    }

    /// Bybit's cursors come URL-encoded already: they go back as given.
    static func cursorQuery(_ cursor: String?) -> String {
        guard let cursor, !cursor.isEmpty else { return "" }
        return "&cursor=" + cursor
    }

    static func get(_ path: String, _ query: String) -> BybitRESTRequest {
        BybitRESTRequest(method: "GET", path: path, payload: query)
    }
}
