public import LegateCore

/// Buy or sell.
public enum OrderSide: String, Hashable, Sendable, Codable, CaseIterable {
    case buy
    case sell

    /// +1 for a buy, -1 for a sell: the sign a fill gives a position.
    public var sign: Int { self == .buy ? 1 : -1 }

    public var opposite: OrderSide { self == .buy ? .sell : .buy }
}

/// How long an order may rest.
public enum TimeInForce: Hashable, Sendable, Codable {
    /// Good till cancelled.
    case goodTillCancelled
    /// Fill what can be filled at once, cancel the rest.
    case immediateOrCancel
    /// Fill all at once or nothing.
    case fillOrKill
    /// Good till the given instant, then expired by the engine (or the venue where it supports GTD).
    case goodTillDate(UnixNanos)

    public var isImmediate: Bool {
        switch self {
        case .immediateOrCancel, .fillOrKill: true
        case .goodTillCancelled, .goodTillDate: false
        }
    }
}

/// The unit a limit price is written in. Option venues let a trader price in coin, in USD or in implied vol.
public enum PriceUnit: String, Hashable, Sendable, Codable, CaseIterable {
    /// The instrument's own quote currency (coin for inverse options, USDC/USDT for linear ones).
    case quote
    /// US dollars, converted by the venue at its index (Deribit `advanced: usd`, OKX `pxUsd`).
    case usd
    /// Implied volatility in vol points (Deribit `advanced: implv`, OKX `pxVol`); the venue re-prices as markets move.
    case impliedVolatility
}

/// A limit: a price in a named unit.
public struct LimitPrice: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: FixedDecimal
    public let unit: PriceUnit

    public init(_ value: FixedDecimal, unit: PriceUnit = .quote) {
        self.value = value
        self.unit = unit
    }

    public var description: String {
        switch unit {
        case .quote: "\(value)"
        case .usd: "\(value) USD"
        case .impliedVolatility: "\(value) vol"
        }
    }
}

/// What kind of order: a limit, or a market order protected by a worst acceptable price.
public enum OrderKind: Hashable, Sendable, Codable {
    case limit(LimitPrice)
    /// A market order never sent naked: it carries the worst price the trader accepts, sent as an aggressive
    /// limit (or as the venue's market-with-protection) so a thin book cannot fill it anywhere.
    case market(protection: Price)

    /// The price that bounds this order's fills, in the instrument's quote currency when known.
    public var boundingPrice: Price? {
        switch self {
        case .limit(let limit): limit.unit == .quote ? Price(limit.value) : nil
        case .market(let protection): protection
        }
    }
}

/// Execution instructions that change how an order may fill.
public struct ExecutionFlags: Hashable, Sendable, Codable {
    /// Rest only: rejected rather than crossing the spread.
    public var postOnly: Bool
    /// May only reduce the position; never flips or grows it.
    public var reduceOnly: Bool

    public init(postOnly: Bool = false, reduceOnly: Bool = false) {
        self.postOnly = postOnly
        self.reduceOnly = reduceOnly
    }

    public static let none = ExecutionFlags()
}
