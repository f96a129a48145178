public import LegateCore
public import LegateModel

/// A venue's delivery of one dated instrument: the price its expiry settled at.
///
/// For a future the delivery price is what it settles at; for an option it is the underlying's delivery price, and
/// the option settles at its intrinsic value there (`value()`).
public struct ExpirySettlement: Hashable, Sendable, Codable, CustomStringConvertible {
    public let instrument: Instrument
    public let venue: Venue
    /// The venue's delivery price of the underlying, in the underlying's quote currency.
    public let deliveryPrice: Price

    public init(instrument: Instrument, venue: Venue, deliveryPrice: Price) {
        self.instrument = instrument
        self.venue = venue
        self.deliveryPrice = deliveryPrice
    }

    public var description: String { "settlement of \(instrument) on \(venue) at \(deliveryPrice)" }

    /// Decimal places of a coin-settled option's settlement value: one satoshi (1e-8 coin). The value of an inverse
    /// option is a quotient, so it is rounded here, to nearest (ties to even), and nowhere else.
    public static let inverseValueScale: Int8 = 8

    /// What one unit of the instrument settles at, in its price currency: the delivery price for a future, the
    /// intrinsic value for an option (in coin for an inverse option: `max(S − K, 0) / S` for a call).
    public func value() throws(SettlementError) -> Price {
        let delivery = deliveryPrice.decimal
        switch instrument.terms {
        case .future:
            return deliveryPrice
        case .option(let terms):
            let difference =
                terms.right == .call ? delivery - terms.strike.decimal : terms.strike.decimal - delivery
            let intrinsic = difference.isPositive ? difference : .zero
            guard instrument.settlement.isInverse else { return Price(intrinsic) }
            do {
                return Price(
                    try intrinsic.divided(by: delivery, scale: Self.inverseValueScale, rounding: .toNearestOrEven)
                )
            } catch {
                throw .unrepresentableValue(instrument, reason: error.description)
            }
        case .spot, .perpetual, .combo:
            throw .notDated(instrument)
        }
    }
}

/// A settlement booked: every open position in the instrument on the venue closed at `value` per unit.
public struct InstrumentSettled: Hashable, Sendable, Codable {
    public let settlement: ExpirySettlement
    /// What one unit settled at, in the instrument's price currency (`ExpirySettlement.value()`), journaled so a
    /// replay closes at the same figure whatever the code that computed it.
    public let value: Price

    public init(settlement: ExpirySettlement, value: Price) {
        self.settlement = settlement
        self.value = value
    }
}

/// Why a settlement input was refused; journaled in a `settlementRejected` event, never applied.
public enum SettlementError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The delivery price is zero or negative.
    case nonPositivePrice(Price)
    /// Spot, perpetuals and venue combos do not expire (a combo's legs settle one by one).
    case notDated(Instrument)
    /// The settlement arrived before the instrument's expiry.
    case beforeExpiry(Instrument, expiry: UnixNanos, at: UnixNanos)
    /// The engine never held a position or an order in the instrument on the venue.
    case unknownInstrument(Instrument, venue: Venue)
    /// Every position in it is already flat and no order works on it (a repeated settlement).
    case nothingToSettle(Instrument, venue: Venue)
    /// The settlement value does not fit a fixed-point price.
    case unrepresentableValue(Instrument, reason: String)

    public var description: String {
        switch self {
        case .nonPositivePrice(let price): "settlement price \(price) must be positive"
        case .notDated(let instrument): "\(instrument) has no expiry to settle"
        case .beforeExpiry(let instrument, let expiry, let time):
            "\(instrument) expires at \(expiry); a settlement at \(time) is early"
        case .unknownInstrument(let instrument, let venue):
            "no position or order in \(instrument) on \(venue) to settle"
        case .nothingToSettle(let instrument, let venue):
            "\(instrument) on \(venue) has no open position or working order (already settled?)"
        case .unrepresentableValue(let instrument, let reason): "settlement value of \(instrument): \(reason)"
        }
    }
}
