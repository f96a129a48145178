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

    public init(venue: Venue, tradeID: String, orderID: OrderID?, quantity: Quantity, price: Price) {
        self.venue = venue
        self.tradeID = tradeID
        self.orderID = orderID
        self.quantity = quantity
        self.price = price
    }
}
