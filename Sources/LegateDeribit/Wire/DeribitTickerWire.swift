/// A `ticker.{instrument}.{interval}` notification (or `public/ticker` result): marks, top of book, and for options
/// IVs in percent and Greeks; perpetuals add funding.
public struct DeribitTickerWire: Hashable, Sendable, Decodable {
    public struct Greeks: Hashable, Sendable, Decodable {
        public let delta: DeribitNumber
        public let gamma: DeribitNumber
        public let vega: DeribitNumber
        public let theta: DeribitNumber
        public let rho: DeribitNumber?
    }

    public struct Stats: Hashable, Sendable, Decodable {
        public let volume: DeribitNumber?
        public let priceChange: DeribitNumber?
        public let low: DeribitNumber?
        public let high: DeribitNumber?
        public let volumeUsd: DeribitNumber?
    }

    public let instrumentName: String
    public let timestamp: Int64
    public let state: String?
    public let markPrice: DeribitNumber
    public let indexPrice: DeribitNumber?
    public let underlyingPrice: DeribitNumber?
    public let underlyingIndex: String?
    public let estimatedDeliveryPrice: DeribitNumber?
    public let settlementPrice: DeribitNumber?
    public let lastPrice: DeribitNumber?
    public let minPrice: DeribitNumber?
    public let maxPrice: DeribitNumber?
    public let openInterest: DeribitNumber?
    public let bestBidPrice: DeribitNumber?
    public let bestBidAmount: DeribitNumber?
    public let bestAskPrice: DeribitNumber?
    public let bestAskAmount: DeribitNumber?
    public let markIv: DeribitNumber?
    public let bidIv: DeribitNumber?
    public let askIv: DeribitNumber?
    public let interestRate: DeribitNumber?
    public let greeks: Greeks?
    public let stats: Stats?
    public let currentFunding: DeribitNumber?
    /// `funding_8h` (snake-case conversion capitalises the letter after the digit).
    public let funding8H: DeribitNumber?
    /// The perpetual's accrued interest, a model number with up to 19 decimals (not a price): kept as `Double`.
    public let interestValue: Double?
}

/// A `quote.{instrument}` notification: best bid and ask only.
public struct DeribitQuoteWire: Hashable, Sendable, Decodable {
    public let instrumentName: String
    public let timestamp: Int64
    public let bestBidPrice: DeribitNumber
    public let bestBidAmount: DeribitNumber
    public let bestAskPrice: DeribitNumber
    public let bestAskAmount: DeribitNumber
}
