public import LegateVenues

/// The unified account of `GET /v5/account/wallet-balance` and the `wallet` topic; account totals are in USD.
public struct BybitWalletWire: Hashable, Sendable, Decodable {
    public struct Coin: Hashable, Sendable, Decodable {
        public let coin: String
        public let equity: BybitNumber
        public let walletBalance: BybitNumber
        /// Deprecated by Bybit for unified accounts (may be empty); present in every fixture.
        public let availableToWithdraw: BybitNumber?
        public let locked: BybitNumber?
        public let totalOrderIM: BybitNumber?
        public let totalPositionIM: BybitNumber?
        public let totalPositionMM: BybitNumber?
        public let borrowAmount: BybitNumber?
        public let spotBorrow: BybitNumber?
        public let accruedInterest: BybitNumber?
        public let usdValue: BybitNumber?
        public let unrealisedPnl: BybitNumber?
        public let cumRealisedPnl: BybitNumber?
    }

    public let accountType: String?
    public let totalEquity: BybitNumber
    public let totalWalletBalance: BybitNumber
    public let totalMarginBalance: BybitNumber
    public let totalAvailableBalance: BybitNumber
    public let totalInitialMargin: BybitNumber
    public let totalMaintenanceMargin: BybitNumber
    public let accountIMRate: BybitNumber?
    public let accountMMRate: BybitNumber?
    /// `totalPerpUPL` over REST, `totalPerpUpl` on the topic.
    public let totalPerpUnrealisedPnl: BybitNumber?
    public let coin: [Coin]

    enum CodingKeys: String, CodingKey {
        case accountType
        case totalEquity
        case totalWalletBalance
        case totalMarginBalance
        case totalAvailableBalance
        case totalInitialMargin
        case totalMaintenanceMargin
        case accountIMRate
        case accountMMRate
        case totalPerpUPL
        case totalPerpUpl
        case coin
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accountType = try container.decodeIfPresent(String.self, forKey: .accountType)
        totalEquity = try container.decode(BybitNumber.self, forKey: .totalEquity)
        totalWalletBalance = try container.decode(BybitNumber.self, forKey: .totalWalletBalance)
        totalMarginBalance = try container.decode(BybitNumber.self, forKey: .totalMarginBalance)
        totalAvailableBalance = try container.decode(BybitNumber.self, forKey: .totalAvailableBalance)
        totalInitialMargin = try container.decode(BybitNumber.self, forKey: .totalInitialMargin)
        totalMaintenanceMargin = try container.decode(BybitNumber.self, forKey: .totalMaintenanceMargin)
        accountIMRate = try container.decodeIfPresent(BybitNumber.self, forKey: .accountIMRate)
        accountMMRate = try container.decodeIfPresent(BybitNumber.self, forKey: .accountMMRate)
        totalPerpUnrealisedPnl =
            try container.decodeIfPresent(BybitNumber.self, forKey: .totalPerpUPL)
            ?? container.decodeIfPresent(BybitNumber.self, forKey: .totalPerpUpl)
        coin = try container.decode([Coin].self, forKey: .coin)
    }
}

/// A position: `GET /v5/position/list` items (`avgPrice`) and `position` pushes (`entryPrice`).
public struct BybitPositionWire: Hashable, Sendable, Decodable {
    public let category: String?
    public let symbol: String
    /// `Buy` (long), `Sell` (short), or empty when flat.
    public let side: String
    public let size: BybitNumber
    public let positionIdx: Int?
    public let avgPrice: BybitNumber?
    public let entryPrice: BybitNumber?
    public let markPrice: BybitNumber?
    public let positionValue: BybitNumber?
    public let leverage: BybitNumber?
    public let liqPrice: BybitNumber?
    public let positionIM: BybitNumber?
    public let positionMM: BybitNumber?
    public let unrealisedPnl: BybitNumber?
    public let curRealisedPnl: BybitNumber?
    public let cumRealisedPnl: BybitNumber?
    public let positionStatus: String?
    public let openTime: BybitMillis?
    public let createdTime: BybitMillis?
    public let updatedTime: BybitMillis?
    public let seq: Int64?
}

/// `GET /v5/account/info`: margin mode and the disconnect-protection (DCP) setting.
public struct BybitAccountInfoWire: Hashable, Sendable, Decodable {
    public let marginMode: String
    public let updatedTime: BybitMillis
    public let unifiedMarginStatus: Int
    /// `ON` or `OFF`.
    public let dcpStatus: String
    /// The DCP window in seconds.
    public let timeWindow: Int
    public let smpGroup: Int
    public let isMasterTrader: Bool
    public let spotHedgingStatus: String
}

/// One symbol's rates of `GET /v5/account/fee-rate`.
public struct BybitFeeRateWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let takerFeeRate: BybitNumber
    public let makerFeeRate: BybitNumber
    public let baseCoin: String?
}

/// An API key as `GET /v5/user/query-api`, `GET /v5/user/sub-apikeys` and the key-update endpoints describe it.
public struct BybitAPIKeyWire: Hashable, Sendable, Decodable {
    public let id: String
    public let note: String
    public let apiKey: String
    /// `0`/`1` on some endpoints, `false`/`true` on others.
    public let readOnly: BybitFlag
    public let permissions: [String: [String]]
    public let ips: [String]
    public let expiredAt: String?
    public let createdAt: String?
    public let vipLevel: String?
    public let isMaster: Bool?
}

/// `GET /v5/user/sub-apikeys`: `{"result":[keys…],"nextPageCursor":""}`.
public struct BybitAPIKeyPageWire: Hashable, Sendable, Decodable {
    public let result: [BybitAPIKeyWire]
    public let nextPageCursor: String?
}

/// A boolean Bybit writes as `true`/`false` or `1`/`0`.
public struct BybitFlag: Hashable, Sendable, Decodable {
    public let value: Bool

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else {
            value = try container.decode(Int.self) != 0
        }
    }
}

/// `GET /v5/user/query-sub-members`, `…/submember-list` and `…/escrow_sub_members`.
public struct BybitSubMembersWire: Hashable, Sendable, Decodable {
    public struct Member: Hashable, Sendable, Decodable {
        public let uid: String
        public let username: String
        public let memberType: Int
        public let status: Int
        public let remark: String
        public let accountMode: Int
    }

    public let subMembers: [Member]
    public let nextCursor: String?
}
