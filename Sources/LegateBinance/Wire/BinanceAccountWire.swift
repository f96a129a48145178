public import LegateVenues

/// An `ACCOUNT_UPDATE` event (futures): changed balances and positions.
public struct BinanceAccountUpdateWire: Hashable, Sendable, Decodable {
    public struct Balance: Hashable, Sendable, Decodable {
        public let asset: String
        public let walletBalance: BinanceNumber
        public let crossWalletBalance: BinanceNumber
        public let balanceChange: BinanceNumber?

        enum CodingKeys: String, CodingKey {
            case asset = "a"
            case walletBalance = "wb"
            case crossWalletBalance = "cw"
            case balanceChange = "bc"
        }
    }

    public struct Position: Hashable, Sendable, Decodable {
        public let symbol: String
        public let amount: BinanceNumber
        public let entryPrice: BinanceNumber
        public let breakEvenPrice: BinanceNumber?
        public let accumulatedRealized: BinanceNumber?
        public let unrealizedProfit: BinanceNumber?
        public let marginType: String?
        public let isolatedWallet: BinanceNumber?
        public let positionSide: String

        enum CodingKeys: String, CodingKey {
            case symbol = "s"
            case amount = "pa"
            case entryPrice = "ep"
            case breakEvenPrice = "bep"
            case accumulatedRealized = "cr"
            case unrealizedProfit = "up"
            case marginType = "mt"
            case isolatedWallet = "iw"
            case positionSide = "ps"
        }
    }

    public struct Update: Hashable, Sendable, Decodable {
        /// Why: `ORDER`, `FUNDING_FEE`, `DEPOSIT`, `ADL`, `INSURANCE_CLEAR`, ….
        public let reason: String
        public let balances: [Balance]
        public let positions: [Position]

        enum CodingKeys: String, CodingKey {
            case reason = "m"
            case balances = "B"
            case positions = "P"
        }
    }

    public let eventTime: Int64
    public let transactionTime: Int64
    public let update: Update

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case transactionTime = "T"
        case update = "a"
    }
}

/// A spot `outboundAccountPosition` event: free and locked amounts of the assets that changed.
public struct BinanceAccountPositionWire: Hashable, Sendable, Decodable {
    public struct Balance: Hashable, Sendable, Decodable {
        public let asset: String
        public let free: BinanceNumber
        public let locked: BinanceNumber

        enum CodingKeys: String, CodingKey {
            case asset = "a"
            case free = "f"
            case locked = "l"
        }
    }

    public let eventTime: Int64
    public let lastUpdateTime: Int64
    public let balances: [Balance]

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case lastUpdateTime = "u"
        case balances = "B"
    }
}

/// A spot `balanceUpdate` event: a deposit, withdrawal or transfer (a change, not a balance).
public struct BinanceBalanceUpdateWire: Hashable, Sendable, Decodable {
    public let eventTime: Int64
    public let asset: String
    public let delta: BinanceNumber
    public let clearTime: Int64

    enum CodingKeys: String, CodingKey {
        case eventTime = "E"
        case asset = "a"
        case delta = "d"
        case clearTime = "T"
    }
}

/// `GET /api/v3/account`: spot balances.
public struct BinanceSpotAccountWire: Hashable, Sendable, Decodable {
    public struct Balance: Hashable, Sendable, Decodable {
        public let asset: String
        public let free: BinanceNumber
        public let locked: BinanceNumber
    }

    public let makerCommission: Int
    public let takerCommission: Int
    public let canTrade: Bool
    public let accountType: String
    public let updateTime: Int64
    public let balances: [Balance]
    public let permissions: [String]
}

/// `GET /fapi/v2/account`: margin per asset and positions.
public struct BinanceFuturesAccountWire: Hashable, Sendable, Decodable {
    public struct Asset: Hashable, Sendable, Decodable {
        public let asset: String
        public let walletBalance: BinanceNumber
        public let unrealizedProfit: BinanceNumber
        public let marginBalance: BinanceNumber
        public let maintMargin: BinanceNumber
        public let initialMargin: BinanceNumber
        public let availableBalance: BinanceNumber
        public let maxWithdrawAmount: BinanceNumber
        public let updateTime: Int64
    }

    public let canTrade: Bool
    public let multiAssetsMargin: Bool?
    public let totalWalletBalance: BinanceNumber
    public let totalMarginBalance: BinanceNumber
    public let totalInitialMargin: BinanceNumber
    public let totalMaintMargin: BinanceNumber
    public let availableBalance: BinanceNumber
    public let assets: [Asset]
    public let positions: [BinancePositionRiskWire]
}

/// `GET /fapi/v2/balance`: one item per asset.
public struct BinanceFuturesBalanceWire: Hashable, Sendable, Decodable {
    public let accountAlias: String
    public let asset: String
    public let balance: BinanceNumber
    public let crossWalletBalance: BinanceNumber
    public let crossUnPnl: BinanceNumber
    public let availableBalance: BinanceNumber
    public let maxWithdrawAmount: BinanceNumber
    public let updateTime: Int64
}

/// A position of `GET /fapi/v2/positionRisk` (and of the futures account answer).
public struct BinancePositionRiskWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let positionAmt: BinanceNumber
    public let entryPrice: BinanceNumber
    public let markPrice: BinanceNumber?
    public let unRealizedProfit: BinanceNumber?
    public let liquidationPrice: BinanceNumber?
    public let leverage: BinanceNumber?
    public let marginType: String?
    public let positionSide: String
    public let updateTime: Int64?
}

/// `GET /fapi/v1/symbolConfig`.
public struct BinanceSymbolConfigWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let marginType: String
    public let isAutoAddMargin: Bool
    public let leverage: Int
    public let maxNotionalValue: BinanceNumber
}

/// `GET /fapi/v1/positionSide/dual`: hedge mode (`true`) or one-way.
public struct BinancePositionModeWire: Hashable, Sendable, Decodable {
    public let dualSidePosition: Bool
}

/// A symbol's fee rates: futures `GET /fapi/v1/commissionRate`, spot `GET /sapi/v1/asset/tradeFee`.
public struct BinanceCommissionRateWire: Hashable, Sendable, Decodable {
    public let symbol: String
    public let makerCommissionRate: BinanceNumber?
    public let takerCommissionRate: BinanceNumber?
    public let makerCommission: BinanceNumber?
    public let takerCommission: BinanceNumber?

    /// The maker rate whichever endpoint answered.
    public var maker: BinanceNumber? { makerCommissionRate ?? makerCommission }
    public var taker: BinanceNumber? { takerCommissionRate ?? takerCommission }
}
