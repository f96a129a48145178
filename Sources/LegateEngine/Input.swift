public import LegateCore
public import LegateModel

/// Everything that can happen to the engine. Time is not an input field: it is the `at:` argument of `handle`.
public enum Input: Hashable, Sendable, Codable {
    /// A client command (REST, WebSocket, FIX, CLI, or an automated actor such as the hedger).
    case command(CommandEnvelope)
    /// What a venue said about one of our orders.
    case venueReport(VenueReport)
    /// A mark price, for valuation and notional checks of orders not priced in the quote currency.
    case mark(instrument: Instrument, price: Price)
    /// A clock tick: expire approvals and good-till-date orders whose time has come.
    case timer
    /// A venue settled an expired instrument: close its positions at the settlement value, end its working orders.
    case settlement(ExpirySettlement)
    /// The node restarted and replayed its journal: every order a venue may hold (sent, acknowledged, partly filled,
    /// or with a cancel or amend in flight) is marked for reconciliation until a venue report names it, since the
    /// venue may have filled or ended it while the process was down.
    case restarted
}

/// A command with who sent it and the id that ties its events and acknowledgement together.
public struct CommandEnvelope: Hashable, Sendable, Codable {
    public let correlationID: String
    public let actor: UserID
    public let command: Command

    public init(correlationID: String, actor: UserID, command: Command) {
        self.correlationID = correlationID
        self.actor = actor
        self.command = command
    }
}

/// What a user asks the engine to do.
public enum Command: Hashable, Sendable, Codable {
    /// Place an order; with `stage` it is entered and judged but waits for a release before it is sent.
    case placeOrder(OrderRequest, stage: Bool)
    /// Place a multi-leg package: judged as one unit, then each leg is sent at its initial price.
    case placePackage(PackageRequest, stage: Bool)
    /// Cancel every leg of a package that is still working.
    case cancelPackage(PackageID)
    /// Change the quantity and/or price of a working order.
    case amend(OrderID, quantity: Quantity?, kind: OrderKind?)
    case cancel(OrderID)
    /// Cancel every working order of an account (and venue), or of the whole firm when `account` is nil.
    case cancelAll(account: AccountID?, venue: Venue?)
    /// Send a staged order (the gate judges it again first).
    case release(OrderID)
    case approve(OrderID)
    case deny(OrderID, reason: String)
    /// Set a limit, or remove the limit in that slot when `limit` is nil.
    case setLimit(LimitKey, limit: Limit?)
    /// Split the order's fills that are not yet allocated across sub-accounts.
    case allocate(OrderID, AllocationInstruction)
    /// Set the hedge policy of a book (a scope of one underlying), or remove it when `policy` is nil.
    case setHedgePolicy(LimitScope, policy: HedgePolicy?)

    /// The permission the command needs.
    public var permission: Permission {
        switch self {
        case .placeOrder(_, let stage), .placePackage(_, let stage): stage ? .stageOrder : .placeOrder
        case .cancelPackage: .cancelOrder
        case .amend: .amendOrder
        case .cancel: .cancelOrder
        case .cancelAll: .cancelAll
        case .release: .releaseOrder
        case .approve, .deny: .approve
        case .setLimit: .setLimit
        case .allocate: .allocateFills
        case .setHedgePolicy: .setHedgePolicy
        }
    }
}

/// A multi-leg package to place on one venue account.
///
/// The package carries the one net limit; `legPrices` are each leg's initial limit price (from the ticket or the
/// books), which must net inside that limit. A leg coordinator may re-price legs later within the package's slack.
public struct PackageRequest: Hashable, Sendable, Codable {
    /// Unique per account, in the same namespace as client order ids; leg orders get `<id>/<leg index>`.
    public let clientPackageID: ClientOrderID
    public let account: AccountID
    public let venue: Venue
    public let package: StrategyPackage
    public let legPrices: [Price]
    public let timeInForce: TimeInForce

    public init(
        clientPackageID: ClientOrderID,
        account: AccountID,
        venue: Venue,
        package: StrategyPackage,
        legPrices: [Price],
        timeInForce: TimeInForce = .goodTillCancelled
    ) {
        self.clientPackageID = clientPackageID
        self.account = account
        self.venue = venue
        self.package = package
        self.legPrices = legPrices
        self.timeInForce = timeInForce
    }
}

/// How an order's fills are split across sub-accounts.
public enum AllocationInstruction: Hashable, Sendable, Codable {
    /// Each fill split by weight, rounded to `lot` by the largest-remainder rule (ties to the earlier target); the
    /// slices of every fill sum to it exactly.
    case proRata(weights: [AllocationWeight], lot: Quantity)
    /// Exact quantities per target that sum to the unallocated filled quantity; fills are consumed in the order they
    /// were booked, targets in the order given, so each slice keeps its fill's price.
    case explicit([AllocationAmount])
}

public struct AllocationWeight: Hashable, Sendable, Codable {
    public let target: AccountID
    public let weight: FixedDecimal

    public init(target: AccountID, weight: FixedDecimal) {
        self.target = target
        self.weight = weight
    }
}

public struct AllocationAmount: Hashable, Sendable, Codable {
    public let target: AccountID
    public let quantity: Quantity

    public init(target: AccountID, quantity: Quantity) {
        self.target = target
        self.quantity = quantity
    }
}

/// One piece of one fill given to one sub-account, at the fill's own price.
public struct AllocatedSlice: Hashable, Sendable, Codable {
    public let tradeID: String
    public let target: AccountID
    public let quantity: Quantity
    public let price: Price

    public init(tradeID: String, target: AccountID, quantity: Quantity, price: Price) {
        self.tradeID = tradeID
        self.target = target
        self.quantity = quantity
        self.price = price
    }
}
