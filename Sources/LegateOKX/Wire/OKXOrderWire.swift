/// An order as OKX reports it: the private `orders` channel, `trade/orders-pending`, `trade/orders-history`.
///
/// Sizes are in contracts (base currency for spot). A push that carries a fill names it in `tradeId`, `fillSz`,
/// `fillPx` (with `fillFee` on the channel; `fee` is the order's accumulated fee). OKX signs fees from the account's
/// side: negative is charged, positive a rebate. Option fills add `fillPxVol`, `fillPxUsd`, `fillMarkVol`,
/// `fillFwdPx` and `fillMarkPx`.
public struct OKXOrderWire: Hashable, Sendable, Decodable {
    public struct LinkedAlgo: Hashable, Sendable, Decodable {
        public let algoId: String?
    }

    /// A take-profit or stop-loss attached to the order (placed by OKX once the order fills).
    public struct AttachedAlgo: Hashable, Sendable, Decodable {
        public let attachAlgoId: String
        public let attachAlgoClOrdId: String?
        public let slTriggerPx: OKXDecimal?
        public let slOrdPx: OKXDecimal?
        public let tpTriggerPx: OKXDecimal?
        public let tpOrdPx: OKXDecimal?
    }

    public let instType: String
    public let instId: String
    public let ordId: String
    public let clOrdId: String?
    public let tag: String?
    public let px: OKXDecimal?
    public let pxUsd: OKXDecimal?
    public let pxVol: OKXDecimal?
    /// `px`, `pxUsd` or `pxVol`: which price the order was placed with (options).
    public let pxType: String?
    public let sz: OKXDecimal
    /// `market`, `limit`, `post_only`, `fok`, `ioc`, `optimal_limit_ioc`, `mmp`, `mmp_and_post_only`, `trigger`, …
    public let ordType: String
    public let side: String
    public let posSide: String?
    public let tdMode: String?
    public let accFillSz: OKXDecimal?
    public let avgPx: OKXDecimal?
    /// `live`, `partially_filled`, `filled`, `canceled`, `mmp_canceled`.
    public let state: String
    public let tradeId: String?
    public let fillSz: OKXDecimal?
    public let fillPx: OKXDecimal?
    public let fillTime: OKXInteger?
    public let fillFee: OKXDecimal?
    public let fillFeeCcy: String?
    public let fee: OKXDecimal?
    public let feeCcy: String?
    /// `T` taker, `M` maker.
    public let execType: String?
    public let fillPxVol: OKXDecimal?
    public let fillPxUsd: OKXDecimal?
    public let fillMarkVol: OKXDecimal?
    public let fillFwdPx: OKXDecimal?
    public let fillMarkPx: OKXDecimal?
    public let reduceOnly: OKXFlag?
    /// `normal`, `twap`, `adl`, `full_liquidation`, `partial_liquidation`, `delivery`, `ddh`.
    public let category: String?
    public let cancelSource: String?
    public let cancelSourceReason: String?
    /// `-1` failed, `0` amended, `1` amended then cancelled by the system, `2` amended automatically; empty when the
    /// push is not about an amendment.
    public let amendResult: String?
    public let code: String?
    public let msg: String?
    public let source: String?
    public let linkedAlgoOrd: LinkedAlgo?
    public let attachAlgoOrds: [AttachedAlgo]?
    public let lever: OKXDecimal?
    public let pnl: OKXDecimal?
    public let cTime: OKXInteger
    public let uTime: OKXInteger
}

/// One item of the answer to `trade/order`, `amend-order`, `cancel-order` (and their WebSocket ops and algo twins):
/// which order, and whether this item succeeded (`sCode` `"0"`) or why not.
public struct OKXOrderAckWire: Hashable, Sendable, Decodable {
    public let ordId: String?
    public let clOrdId: String?
    public let algoId: String?
    public let algoClOrdId: String?
    public let reqId: String?
    public let tag: String?
    public let ts: OKXInteger?
    public let sCode: String
    public let sMsg: String

    public var isSuccess: Bool { sCode == "0" }
}

/// One of our fills from `trade/fills` (or `fills-history`).
public struct OKXFillWire: Hashable, Sendable, Decodable {
    public let instType: String
    public let instId: String
    public let tradeId: String
    public let ordId: String
    public let clOrdId: String?
    public let billId: String?
    public let fillPx: OKXDecimal
    public let fillSz: OKXDecimal
    public let side: String
    public let posSide: String?
    public let execType: String?
    public let fee: OKXDecimal?
    public let feeCcy: String?
    public let fillPxVol: OKXDecimal?
    public let fillPxUsd: OKXDecimal?
    public let fillMarkVol: OKXDecimal?
    public let fillFwdPx: OKXDecimal?
    public let ts: OKXInteger
}

/// The answer to `trade/cancel-all-after`: when the dead-man switch fires (`"0"` once disabled).
public struct OKXCancelAllAfterWire: Hashable, Sendable, Decodable {
    public let triggerTime: OKXInteger
    public let tag: String?
    public let ts: OKXInteger
}

/// A trigger, conditional or OCO order (`trade/orders-algo-pending`, `-history`, the `orders-algo` channel).
///
/// `ordPx`, `slOrdPx`, `tpOrdPx` of `-1` mean "at market". When it triggers, OKX places a regular order (`ordId`,
/// `clOrdId`) that reports on the `orders` channel with `linkedAlgoOrd.algoId` pointing back here.
public struct OKXAlgoOrderWire: Hashable, Sendable, Decodable {
    public let algoId: String
    public let algoClOrdId: String?
    public let clOrdId: String?
    public let ordId: String?
    public let instId: String
    public let instType: String
    /// `trigger`, `conditional`, `oco`, `move_order_stop`, `twap`, `iceberg`.
    public let ordType: String
    /// `live`, `pause`, `partially_effective`, `effective`, `canceled`, `order_failed`, `order_placed`, `filled`.
    public let state: String
    public let side: String
    public let posSide: String?
    public let sz: OKXDecimal?
    public let triggerPx: OKXDecimal?
    public let triggerPxType: String?
    public let ordPx: OKXDecimal?
    public let slTriggerPx: OKXDecimal?
    public let slOrdPx: OKXDecimal?
    public let tpTriggerPx: OKXDecimal?
    public let tpOrdPx: OKXDecimal?
    public let tdMode: String?
    public let reduceOnly: OKXFlag?
    public let closeFraction: OKXDecimal?
    public let actualSz: OKXDecimal?
    public let actualPx: OKXDecimal?
    public let actualSide: String?
    public let triggerTime: OKXInteger?
    public let notionalUsd: OKXDecimal?
    public let tag: String?
    public let cTime: OKXInteger
    public let uTime: OKXInteger
}
