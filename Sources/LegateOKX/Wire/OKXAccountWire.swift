/// `account/balance` or the `account` channel: totals in USD and one detail per currency.
public struct OKXAccountWire: Hashable, Sendable, Decodable {
    public let totalEq: OKXDecimal?
    public let adjEq: OKXDecimal?
    public let isoEq: OKXDecimal?
    public let imr: OKXDecimal?
    public let mmr: OKXDecimal?
    public let mgnRatio: OKXDecimal?
    public let notionalUsd: OKXDecimal?
    public let upl: OKXDecimal?
    public let uTime: OKXInteger
    public let details: [OKXBalanceDetailWire]
}

/// One currency of an account.
///
/// OKX renamed the spot-in-use fields in 2025 (`spotInUse` → `spotInUseAmt`, `maxSpotInUse` → `maxSpotInUseAmt`,
/// `clSpotInUse` → `clSpotInUseAmt`); both spellings are read.
public struct OKXBalanceDetailWire: Hashable, Sendable, Decodable {
    public let ccy: String
    public let eq: OKXDecimal
    public let cashBal: OKXDecimal?
    public let availBal: OKXDecimal?
    public let availEq: OKXDecimal?
    public let frozenBal: OKXDecimal?
    public let ordFrozen: OKXDecimal?
    public let disEq: OKXDecimal?
    public let eqUsd: OKXDecimal?
    public let isoEq: OKXDecimal?
    public let imr: OKXDecimal?
    public let mmr: OKXDecimal?
    public let upl: OKXDecimal?
    public let mgnRatio: OKXDecimal?
    public let spotInUseAmt: OKXDecimal?
    public let spotInUse: OKXDecimal?
    public let maxSpotInUseAmt: OKXDecimal?
    public let maxSpotInUse: OKXDecimal?
    public let clSpotInUseAmt: OKXDecimal?
    public let clSpotInUse: OKXDecimal?
    public let uTime: OKXInteger?

    /// The amount set aside for spot hedging, under either spelling.
    public var spotInUseAmount: OKXDecimal? { spotInUseAmt ?? spotInUse }
    public var maxSpotInUseAmount: OKXDecimal? { maxSpotInUseAmt ?? maxSpotInUse }
    public var closeSpotInUseAmount: OKXDecimal? { clSpotInUseAmt ?? clSpotInUse }
}

/// An open position (`account/positions`, the `positions` channel). `pos` is in contracts (base or quote currency
/// for MARGIN, as `posCcy` says); signed in net mode, positive with `posSide` `long`/`short` in long/short mode.
public struct OKXPositionWire: Hashable, Sendable, Decodable {
    public let instType: String
    public let instId: String
    public let mgnMode: String
    public let posId: String
    public let posSide: String
    public let pos: OKXDecimal
    public let posCcy: String?
    public let ccy: String?
    public let availPos: OKXDecimal?
    public let avgPx: OKXDecimal?
    public let markPx: OKXDecimal?
    public let liqPx: OKXDecimal?
    public let upl: OKXDecimal?
    public let realizedPnl: OKXDecimal?
    public let lever: OKXDecimal?
    public let margin: OKXDecimal?
    public let mgnRatio: OKXDecimal?
    public let imr: OKXDecimal?
    public let mmr: OKXDecimal?
    public let notionalUsd: OKXDecimal?
    public let cTime: OKXInteger
    public let uTime: OKXInteger
}

/// A closed position of `account/positions-history`.
public struct OKXPositionHistoryWire: Hashable, Sendable, Decodable {
    public let instType: String
    public let instId: String
    public let mgnMode: String
    /// `1` partly closed, `2` closed, `3` liquidated, `4` partly liquidated, `5` ADL.
    public let type: String
    public let posId: String
    public let posSide: String
    public let direction: String
    public let ccy: String
    public let openAvgPx: OKXDecimal
    public let closeAvgPx: OKXDecimal
    public let openMaxPos: OKXDecimal
    public let closeTotalPos: OKXDecimal
    public let realizedPnl: OKXDecimal
    public let pnl: OKXDecimal
    public let fee: OKXDecimal
    public let fundingFee: OKXDecimal
    public let liqPenalty: OKXDecimal
    public let lever: OKXDecimal?
    public let cTime: OKXInteger
    public let uTime: OKXInteger
}

/// A margin tier of `public/position-tiers`.
public struct OKXPositionTierWire: Hashable, Sendable, Decodable {
    public let instId: String?
    public let uly: String?
    public let instFamily: String?
    public let tier: OKXInteger
    public let minSz: OKXDecimal
    public let maxSz: OKXDecimal
    public let imr: OKXDecimal
    public let mmr: OKXDecimal
    public let maxLever: OKXDecimal
    public let optMgnFactor: OKXDecimal?
    public let quoteMaxLoan: OKXDecimal?
    public let baseMaxLoan: OKXDecimal?
}

/// The account's fee rates (`account/trade-fee`); OKX writes a charged rate as negative, a rebate as positive.
public struct OKXTradeFeeWire: Hashable, Sendable, Decodable {
    public let instType: String
    public let level: String
    public let maker: OKXDecimal?
    public let taker: OKXDecimal?
    public let makerU: OKXDecimal?
    public let takerU: OKXDecimal?
    public let makerUSDC: OKXDecimal?
    public let takerUSDC: OKXDecimal?
    public let delivery: OKXDecimal?
    public let exercise: OKXDecimal?
    public let ts: OKXInteger
}

/// `account/set-position-mode` and `account/config`: `net_mode` or `long_short_mode`.
public struct OKXPositionModeWire: Hashable, Sendable, Decodable {
    public let posMode: String
}
