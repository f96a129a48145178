/// One instrument of `GET /api/v5/public/instruments` or the `instruments` channel.
///
/// Sizes are in contracts for SWAP, FUTURES and OPTION (one contract is `ctVal × ctMult` of `ctValCcy`) and in the
/// base currency for SPOT and MARGIN. Fields that do not apply to a type are empty strings (read as nil).
public struct OKXInstrumentWire: Hashable, Sendable, Decodable {
    /// `SPOT`, `MARGIN`, `SWAP`, `FUTURES`, `OPTION`.
    public let instType: String
    public let instId: String
    public let uly: String?
    /// Absent before 2022-06 (the cryptofeed recording); `BTC-USD` for coin-margined BTC derivatives.
    public let instFamily: String?
    public let baseCcy: String?
    public let quoteCcy: String?
    public let settleCcy: String?
    public let ctVal: OKXDecimal?
    public let ctMult: OKXDecimal?
    public let ctValCcy: String?
    /// `linear` or `inverse` for SWAP and FUTURES.
    public let ctType: String?
    /// `C` or `P`.
    public let optType: String?
    public let stk: OKXDecimal?
    public let listTime: OKXInteger?
    public let expTime: OKXInteger?
    public let lever: OKXDecimal?
    public let tickSz: OKXDecimal
    public let lotSz: OKXDecimal
    public let minSz: OKXDecimal
    public let maxLmtSz: OKXDecimal?
    public let maxMktSz: OKXDecimal?
    /// `live`, `suspend`, `preopen`, `test`, `expired` (verify the last two against the current docs).
    public let state: String
    /// `this_week`, `next_week`, `quarter`, … for FUTURES.
    public let alias: String?
    public let ruleType: String?
}

/// One Nitro spread of `GET /api/v5/sprd/spreads`: two delta-one legs, the first sold when the spread is bought.
///
/// Spread sizes are in `szCcy` (USD for inverse spreads, the base coin for linear ones), not in contracts.
public struct OKXSpreadWire: Hashable, Sendable, Decodable {
    public struct Leg: Hashable, Sendable, Decodable {
        public let instId: String
        public let side: String
    }

    public let sprdId: String
    /// `linear`, `inverse` or `hybrid`.
    public let sprdType: String
    public let state: String
    public let baseCcy: String
    public let szCcy: String
    public let quoteCcy: String
    public let tickSz: OKXDecimal
    public let minSz: OKXDecimal
    public let lotSz: OKXDecimal
    public let listTime: OKXInteger?
    public let expTime: OKXInteger?
    public let uTime: OKXInteger?
    public let legs: [Leg]
}
