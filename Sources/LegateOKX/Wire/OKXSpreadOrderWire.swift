/// A Nitro spread order (`sprd/orders-pending`, `sprd/orders-history`, the `sprd-orders` channel). Sizes are in the
/// spread's `szCcy`.
public struct OKXSpreadOrderWire: Hashable, Sendable, Decodable {
    public let sprdId: String
    public let ordId: String
    public let clOrdId: String?
    public let tag: String?
    public let px: OKXDecimal?
    public let sz: OKXDecimal
    public let ordType: String
    public let side: String
    public let state: String
    public let accFillSz: OKXDecimal?
    public let avgPx: OKXDecimal?
    public let fillSz: OKXDecimal?
    public let fillPx: OKXDecimal?
    public let tradeId: String?
    public let pendingFillSz: OKXDecimal?
    public let pendingSettleSz: OKXDecimal?
    public let canceledSz: OKXDecimal?
    public let cancelSource: String?
    public let code: String?
    public let msg: String?
    public let reqId: String?
    public let amendResult: String?
    public let cTime: OKXInteger
    public let uTime: OKXInteger
}

/// One of our spread trades (`sprd/trades`, the `sprd-trades` channel), with the trade on each leg when OKX lists them.
public struct OKXSpreadTradeWire: Hashable, Sendable, Decodable {
    public struct Leg: Hashable, Sendable, Decodable {
        public let instId: String
        public let px: OKXDecimal
        /// In the leg's own unit (contracts for derivatives, base currency for spot).
        public let sz: OKXDecimal
        public let side: String
        public let fee: OKXDecimal?
        public let feeCcy: String?
        public let tradeId: String?
    }

    public let sprdId: String
    public let tradeId: String
    public let ordId: String
    public let clOrdId: String?
    public let tag: String?
    public let fillPx: OKXDecimal
    public let fillSz: OKXDecimal
    public let side: String
    /// `filled` or `rejected` (a spread trade settles on both legs or on neither).
    public let state: String?
    public let execType: String?
    public let fee: OKXDecimal?
    public let feeCcy: String?
    public let ts: OKXInteger
    public let legs: [Leg]?
}
