import LegateCore
import LegateModel
public import LegateSymbology
public import LegateVenues

/// A futures position with its side: in hedge mode one symbol has a `LONG` and a `SHORT` position (and an empty
/// `BOTH`); in one-way mode only `BOTH`.
public struct BinancePosition: Hashable, Sendable {
    public enum Side: String, Hashable, Sendable, CaseIterable {
        case both = "BOTH"
        case long = "LONG"
        case short = "SHORT"
    }

    public let side: Side
    /// Signed: a short is negative, whatever the side says.
    public let position: VenuePosition
}

// MARK: - Balances and positions

extension BinanceTranslator {
    /// A futures `ACCOUNT_UPDATE`'s balances: equity is the wallet balance (Binance leaves unrealized profit out of
    /// this event), available the cross wallet balance.
    public static func balances(_ wire: BinanceAccountUpdateWire) throws(BinanceParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for balance in wire.update.balances {
            let currency = try asset(balance.asset, of: "ACCOUNT_UPDATE balance")
            balances.append(
                VenueBalance(
                    venue: .binance,
                    currency: currency,
                    equity: Money(balance.walletBalance.value, currency),
                    available: Money(balance.crossWalletBalance.value, currency)
                )
            )
        }
        return balances
    }

    /// A futures `ACCOUNT_UPDATE`'s positions.
    public static func positions(
        _ wire: BinanceAccountUpdateWire,
        market: Market
    ) throws(BinanceParseError) -> [BinancePosition] {
        var positions: [BinancePosition] = []
        for item in wire.update.positions {
            positions.append(
                try position(
                    symbol: item.symbol,
                    amount: item.amount,
                    entry: item.entryPrice,
                    side: item.positionSide,
                    market: market
                )
            )
        }
        return positions
    }

    /// Positions of `positionRisk` (or of the futures account answer).
    public static func positions(
        _ wires: [BinancePositionRiskWire],
        market: Market
    ) throws(BinanceParseError) -> [BinancePosition] {
        var positions: [BinancePosition] = []
        for wire in wires {
            positions.append(
                try position(
                    symbol: wire.symbol,
                    amount: wire.positionAmt,
                    entry: wire.entryPrice,
                    side: wire.positionSide,
                    market: market
                )
            )
        }
        return positions
    }

    static func position(
        symbol: String,
        amount: BinanceNumber,
        entry: BinanceNumber,
        side: String,
        market: Market
    ) throws(BinanceParseError) -> BinancePosition {
        guard let positionSide = BinancePosition.Side(rawValue: side) else {
            throw .unknownValue(field: "positionSide", value: side, in: "position in \(symbol)")
        }
        let position = VenuePosition(
            venue: .binance,
            instrument: try instrument(symbol, market: market),
            quantity: amount.quantity,
            averagePrice: entry.value.isZero ? nil : entry.price
        )
        return BinancePosition(side: positionSide, position: position)
    }

    /// Spot balances (`outboundAccountPosition`): equity is free plus locked, available the free part.
    public static func balances(_ wire: BinanceAccountPositionWire) throws(BinanceParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for balance in wire.balances {
            balances.append(try spotBalance(asset: balance.asset, free: balance.free, locked: balance.locked))
        }
        return balances
    }

    /// Spot balances (`GET /api/v3/account`).
    public static func balances(_ wire: BinanceSpotAccountWire) throws(BinanceParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for balance in wire.balances {
            balances.append(try spotBalance(asset: balance.asset, free: balance.free, locked: balance.locked))
        }
        return balances
    }

    static func spotBalance(
        asset code: String,
        free: BinanceNumber,
        locked: BinanceNumber
    ) throws(BinanceParseError) -> VenueBalance {
        let currency = try asset(code, of: "spot balance")
        return VenueBalance(
            venue: .binance,
            currency: currency,
            equity: Money(free.value + locked.value, currency),
            available: Money(free.value, currency)
        )
    }

    /// Futures balances (`GET /fapi/v2/balance`): equity is the wallet balance plus unrealized cross profit.
    public static func balances(_ wires: [BinanceFuturesBalanceWire]) throws(BinanceParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for wire in wires {
            let currency = try asset(wire.asset, of: "futures balance")
            balances.append(
                VenueBalance(
                    venue: .binance,
                    currency: currency,
                    equity: Money(wire.balance.value + wire.crossUnPnl.value, currency),
                    available: Money(wire.availableBalance.value, currency)
                )
            )
        }
        return balances
    }

    /// Futures margin per asset (`GET /fapi/v2/account`): equity is the margin balance (wallet plus unrealized).
    public static func balances(_ wire: BinanceFuturesAccountWire) throws(BinanceParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for item in wire.assets {
            let currency = try asset(item.asset, of: "futures account asset")
            balances.append(
                VenueBalance(
                    venue: .binance,
                    currency: currency,
                    equity: Money(item.marginBalance.value, currency),
                    available: Money(item.availableBalance.value, currency),
                    initialMargin: Money(item.initialMargin.value, currency),
                    maintenanceMargin: Money(item.maintMargin.value, currency)
                )
            )
        }
        return balances
    }
}
