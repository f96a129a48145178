public import LegateCore
import LegateModel
public import LegateVenues

/// The account's trading fee rates, as charges: positive is paid, negative a rebate (OKX's own sign flipped).
public struct OKXFeeRates: Hashable, Sendable {
    public let instType: String
    public let level: String
    public let maker: FixedDecimal?
    public let taker: FixedDecimal?
}

/// How OKX keeps derivative positions: one net position per instrument, or a long and a short side.
public enum OKXPositionMode: String, Hashable, Sendable, CaseIterable {
    case net = "net_mode"
    case longShort = "long_short_mode"
}

// MARK: - Balances, positions, account settings

extension OKXTranslator {
    /// Every currency of an account (an account with none, as new accounts have, gives none).
    public static func balances(_ wire: OKXAccountWire) throws(OKXParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for detail in wire.details { balances.append(try balance(detail)) }
        return balances
    }

    /// One currency: equity `eq`; available `availEq` (margin accounts), else `availBal` (spot mode), else the cash.
    public static func balance(_ wire: OKXBalanceDetailWire) throws(OKXParseError) -> VenueBalance {
        let currency = try asset(wire.ccy, of: "account currency")
        guard let available = wire.availEq ?? wire.availBal ?? wire.cashBal else {
            throw .inconsistent(what: "balance of \(wire.ccy)", reason: "no availEq, availBal or cashBal")
        }
        return VenueBalance(
            venue: .okx,
            currency: currency,
            equity: Money(wire.eq.value, currency),
            available: Money(available.value, currency),
            initialMargin: wire.imr.map { Money($0.value, currency) },
            maintenanceMargin: wire.mmr.map { Money($0.value, currency) }
        )
    }

    /// A position, signed (short negative), in model units.
    ///
    /// - Throws: `OKXParseError.unsupported` for a MARGIN position counted in the quote currency, which has no
    ///   size in the base the model could state without a price.
    public static func position(
        _ wire: OKXPositionWire,
        contracts: OKXContracts
    ) throws(OKXParseError) -> VenuePosition {
        let instrument = try instrument(named: wire.instId)
        if wire.instType == "MARGIN", let posCcy = wire.posCcy?.nonEmpty, posCcy != instrument.underlying.base.code {
            throw .unsupported(what: "position \(wire.posId)", reason: "a margin position counted in \(posCcy)")
        }
        let size = try contracts.quantity(wire.pos, of: wire.instId)
        let magnitude = size.decimal.magnitude
        let signed: FixedDecimal
        switch wire.posSide {
        case "long": signed = magnitude
        case "short": signed = -magnitude
        case "net": signed = size.decimal
        default: throw .inconsistent(what: "position \(wire.posId)", reason: "unknown posSide \(wire.posSide)")
        }
        return VenuePosition(
            venue: .okx,
            instrument: instrument,
            quantity: Quantity(signed),
            averagePrice: wire.avgPx?.price
        )
    }

    public static func feeRates(_ wire: OKXTradeFeeWire) -> OKXFeeRates {
        OKXFeeRates(
            instType: wire.instType,
            level: wire.level,
            maker: wire.maker.map { -$0.value },
            taker: wire.taker.map { -$0.value }
        )
    }

    public static func positionMode(_ wire: OKXPositionModeWire) throws(OKXParseError) -> OKXPositionMode {
        guard let mode = OKXPositionMode(rawValue: wire.posMode) else {
            throw .inconsistent(what: "position mode", reason: "unknown posMode \"\(wire.posMode)\"")
        }
        return mode
    }
}
