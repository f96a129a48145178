public import LegateCore

/// An instruction for a venue adapter (or the simulator).
public enum VenueCommand: Hashable, Sendable, Codable {
    case place(orderID: OrderID, request: OrderRequest)
    case cancel(orderID: OrderID, venue: Venue, venueOrderID: VenueOrderID?)
    case amend(orderID: OrderID, venue: Venue, venueOrderID: VenueOrderID?, quantity: Quantity, kind: OrderKind)
}

/// A venue's report about one of our orders. Our `OrderID` is the client order id we send, so reports name it.
public enum VenueReport: Hashable, Sendable, Codable {
    case acknowledged(orderID: OrderID, venueOrderID: VenueOrderID)
    case rejected(orderID: OrderID, reason: String)
    case fill(VenueFill)
    case cancelled(orderID: OrderID, reason: String)
    case cancelRejected(orderID: OrderID, reason: String)
    case amended(orderID: OrderID)
    case amendRejected(orderID: OrderID, reason: String)
    case expired(orderID: OrderID)

    /// The order the report is about, when it names one.
    public var orderID: OrderID? {
        switch self {
        case .acknowledged(let id, _), .rejected(let id, _), .cancelled(let id, _), .cancelRejected(let id, _),
            .amended(let id), .amendRejected(let id, _), .expired(let id):
            id
        case .fill(let fill): fill.orderID
        }
    }
}

/// One execution reported by a venue.
public struct VenueFill: Hashable, Sendable, Codable {
    public let venue: Venue
    /// The venue's trade id: fills are idempotent on (venue, trade id).
    public let tradeID: String
    public let orderID: OrderID?
    public let quantity: Quantity
    public let price: Price
    /// The fee the venue charged for this fill (negative for a rebate), in the currency it was charged in; nil when
    /// the venue did not say.
    public let fee: Money?
    /// Whether the order added (maker) or took (taker) liquidity; nil when the venue did not say.
    public let liquidity: Liquidity?
    /// For a fill of a venue-native combo: the trade on each leg (Deribit reports one per leg); nil otherwise.
    public let legs: [VenueLegFill]?

    public init(
        venue: Venue,
        tradeID: String,
        orderID: OrderID?,
        quantity: Quantity,
        price: Price,
        fee: Money? = nil,
        liquidity: Liquidity? = nil,
        legs: [VenueLegFill]? = nil
    ) {
        self.venue = venue
        self.tradeID = tradeID
        self.orderID = orderID
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.liquidity = liquidity
        self.legs = legs
    }
}

/// Whether a fill added liquidity to the book or took it.
public enum Liquidity: String, Hashable, Sendable, Codable, CaseIterable {
    case maker
    case taker
}

/// One leg's trade inside a combo fill: the leg bought or sold, at its own price.
public struct VenueLegFill: Hashable, Sendable, Codable {
    public let instrument: Instrument
    public let side: OrderSide
    public let quantity: Quantity
    public let price: Price
    public let fee: Money?

    public init(instrument: Instrument, side: OrderSide, quantity: Quantity, price: Price, fee: Money?) {
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
    }
}
