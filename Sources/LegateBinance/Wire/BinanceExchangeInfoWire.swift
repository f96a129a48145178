public import LegateVenues

/// `GET /api/v3/exchangeInfo` (spot) and `GET /fapi/v1/exchangeInfo` (USD-M futures).
public struct BinanceExchangeInfoWire: Hashable, Sendable, Decodable {
    public let timezone: String
    public let serverTime: Int64
    /// `U_MARGINED` for USD-M; absent for spot.
    public let futuresType: String?
    public let rateLimits: [BinanceRateLimitWire]
    public let symbols: [BinanceSymbolWire]
}

/// `{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400}`.
public struct BinanceRateLimitWire: Hashable, Sendable, Decodable {
    /// `REQUEST_WEIGHT`, `ORDERS`, `RAW_REQUESTS`.
    public let rateLimitType: String
    /// `SECOND`, `MINUTE`, `HOUR`, `DAY`.
    public let interval: String
    public let intervalNum: Int64
    public let limit: Int64
}

/// One symbol of an exchange-info answer; spot and futures share the trading fields.
public struct BinanceSymbolWire: Hashable, Sendable, Decodable {
    public let symbol: String
    /// Spot: `TRADING`, `BREAK`, `HALT`, …; futures: `TRADING`, `PENDING_TRADING`, `DELIVERING`, `SETTLING`, `CLOSE`, ….
    public let status: String
    public let baseAsset: String
    public let quoteAsset: String
    /// Futures: the asset margin and profit are paid in.
    public let marginAsset: String?
    public let pair: String?
    /// Futures: `PERPETUAL`, `CURRENT_QUARTER`, `NEXT_QUARTER`, …, or empty before listing.
    public let contractType: String?
    /// Futures: delivery time in ms (year 2100 for perpetuals).
    public let deliveryDate: Int64?
    public let onboardDate: Int64?
    public let pricePrecision: Int?
    public let quantityPrecision: Int?
    public let filters: [BinanceFilterWire]
    public let permissions: [String]?
}

/// One filter; each `filterType` uses a few of the fields.
public struct BinanceFilterWire: Hashable, Sendable, Decodable {
    public let filterType: String
    // PRICE_FILTER
    public let minPrice: BinanceNumber?
    public let maxPrice: BinanceNumber?
    public let tickSize: BinanceNumber?
    // LOT_SIZE, MARKET_LOT_SIZE
    public let minQty: BinanceNumber?
    public let maxQty: BinanceNumber?
    public let stepSize: BinanceNumber?
    // MIN_NOTIONAL (spot `minNotional`, futures `notional`), NOTIONAL (spot)
    public let minNotional: BinanceNumber?
    public let notional: BinanceNumber?
    // PERCENT_PRICE
    public let multiplierUp: BinanceNumber?
    public let multiplierDown: BinanceNumber?
    // MAX_NUM_ORDERS (futures `limit`, spot `maxNumOrders`), ICEBERG_PARTS
    public let limit: Int?
    public let maxNumOrders: Int?

    /// The filter of `type` in a list, if present.
    public static func find(_ type: String, in filters: [BinanceFilterWire]) -> BinanceFilterWire? {
        filters.first { $0.filterType == type }
    }
}
