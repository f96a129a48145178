public import LegateVenues

/// One instrument of `GET /v5/market/instruments-info`; the fields present depend on the category.
public struct BybitInstrumentWire: Hashable, Sendable, Decodable {
    public struct PriceFilter: Hashable, Sendable, Decodable {
        public let minPrice: BybitNumber?
        public let maxPrice: BybitNumber?
        public let tickSize: BybitNumber
    }

    public struct LotSizeFilter: Hashable, Sendable, Decodable {
        public let minOrderQty: BybitNumber
        public let maxOrderQty: BybitNumber?
        /// Order size step (derivatives).
        public let qtyStep: BybitNumber?
        /// Order size step (spot).
        public let basePrecision: BybitNumber?
        public let quotePrecision: BybitNumber?
        /// Smallest order value in the quote coin (spot).
        public let minOrderAmt: BybitNumber?
        public let maxOrderAmt: BybitNumber?
        /// Smallest order value in the quote coin (linear, inverse).
        public let minNotionalValue: BybitNumber?
        public let postOnlyMaxOrderQty: BybitNumber?
        public let maxMktOrderQty: BybitNumber?
    }

    public struct LeverageFilter: Hashable, Sendable, Decodable {
        public let minLeverage: BybitNumber
        public let maxLeverage: BybitNumber
        public let leverageStep: BybitNumber
    }

    public let symbol: String
    /// `Trading`, `PreLaunch`, `Delivering`, `Closed`.
    public let status: String
    public let baseCoin: String
    public let quoteCoin: String
    public let settleCoin: String?
    /// `LinearPerpetual`, `LinearFutures`, `InversePerpetual`, `InverseFutures` (derivatives only).
    public let contractType: String?
    /// `Call` or `Put` (options only).
    public let optionsType: String?
    /// `"0"` for instruments Bybit does not date.
    public let launchTime: BybitMillis?
    /// The expiry of options and dated futures; `"0"` or a meaningless value for perpetuals.
    public let deliveryTime: BybitMillis?
    public let deliveryFeeRate: BybitNumber?
    public let priceScale: String?
    /// Hours for linear and inverse listings in the fixtures (8), minutes for some (480).
    public let fundingInterval: Int?
    public let symbolId: Int?
    /// `stock`, `commodity`, `xstocks` for the non-crypto listings.
    public let symbolType: String?
    /// Tokenised stocks: the share fraction one unit represents (not mapped; see the adapter's notes).
    public let xstockMultiplier: BybitNumber?
    public let marginTrading: String?
    public let unifiedMarginTrade: Bool?
    public let priceFilter: PriceFilter
    public let lotSizeFilter: LotSizeFilter
    public let leverageFilter: LeverageFilter?
}
