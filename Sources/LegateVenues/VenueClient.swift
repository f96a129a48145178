public import LegateCore
public import LegateModel

/// What Legate needs from a trading venue, real or simulated: reference data, market data, order entry, execution
/// reports, balances and positions, and the venue's safety switches.
///
/// Adapters speak the venue's protocol behind this; the engine never sees a venue message. Streams deliver model
/// values in the venue's order. Operating failures throw `VenueError`; business outcomes (an order rejected, a cancel
/// refused) arrive as `VenueReport`s, never as errors.
public protocol VenueClient: Sendable {
    var venue: Venue { get }
    var capabilities: VenueCapabilities { get }

    /// Every instrument the venue lists now, as specs (the instrument master turns them into listing events).
    func instruments() async throws(VenueError) -> [InstrumentSpec]

    /// Starts market data for the given subscriptions; data arrives on `marketData`.
    func subscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError)
    func unsubscribe(_ subscriptions: [MarketDataSubscription]) async throws(VenueError)

    /// Books (with sequence numbers, already checked), trades, tickers with marks and IVs, and funding.
    var marketData: AsyncStream<MarketData> { get }

    /// Sends an order; the outcome arrives on `reports` (acknowledged, rejected, fills).
    func place(orderID: OrderID, request: OrderRequest) async throws(VenueError)
    /// Changes size and price of a resting order (venues without amend: cancel-replace is the adapter's job).
    func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind
    ) async throws(VenueError)
    func cancel(orderID: OrderID, venueOrderID: VenueOrderID?) async throws(VenueError)
    /// Cancels every open order in scope; the individual cancels arrive as reports.
    func cancelAll(_ scope: CancelScope) async throws(VenueError)

    /// Execution reports about our orders, in the venue's order.
    var reports: AsyncStream<VenueReport> { get }

    func balances() async throws(VenueError) -> [VenueBalance]
    func positions() async throws(VenueError) -> [VenuePosition]
    /// The venue's view of our open orders, for reconciliation after a restart.
    func openOrders() async throws(VenueError) -> [VenueOpenOrder]

    /// Arms the venue's cancel-on-disconnect or dead-man switch; `timeoutNanos` where the venue takes one.
    func armCancelOnDisconnect(timeoutNanos: Int64?) async throws(VenueError)
    func disarmCancelOnDisconnect() async throws(VenueError)

    /// Sets the venue's market-maker protection for one underlying and flags this session's resting quotes on it: the
    /// venue cancels flagged quotes and freezes quoting when fills in the window breach a limit. `.off` stops the
    /// flagging (and removes the configuration where the venue can). Venues without it throw `unsupported`.
    func setMarketMakerProtection(_ protection: MarketMakerProtection) async throws(VenueError)
    /// Ends a freeze that market-maker protection imposed on `underlying`, so quoting can resume.
    func resetMarketMakerProtection(underlying: Underlying) async throws(VenueError)
    /// What the venue holds for `underlying`'s protection and whether it froze quoting; venues without a query (and
    /// adapters that have not wired it) throw `unsupported`.
    func marketMakerProtectionState(underlying: Underlying) async throws(VenueError) -> MarketMakerProtectionState

    /// Connection and latency health, as values.
    var health: AsyncStream<VenueHealthEvent> { get }
}

/// What a venue offers beyond plain orders.
public struct VenueCapabilities: Hashable, Sendable {
    public enum CancelOnDisconnect: String, Hashable, Sendable {
        /// Deribit `enable_cancel_on_disconnect`: bound to the connection or the account.
        case onDisconnect
        /// OKX `cancel-all-after`, Binance `countdownCancelAll`: must be refreshed before it fires.
        case deadManTimer
        /// Bybit DCP: cancels when the private connection drops for a time window.
        case disconnectWindow
        case none
    }

    public let supportsAmend: Bool
    public let supportsCombos: Bool
    public let supportsMarketMakerProtection: Bool
    public let cancelOnDisconnect: CancelOnDisconnect
    /// Longest client order id the venue takes (Deribit `label` 64, OKX `clOrdId` 32, Bybit/Binance 36).
    public let maximumClientOrderIDLength: Int

    public init(
        supportsAmend: Bool,
        supportsCombos: Bool,
        supportsMarketMakerProtection: Bool,
        cancelOnDisconnect: CancelOnDisconnect,
        maximumClientOrderIDLength: Int
    ) {
        self.supportsAmend = supportsAmend
        self.supportsCombos = supportsCombos
        self.supportsMarketMakerProtection = supportsMarketMakerProtection
        self.cancelOnDisconnect = cancelOnDisconnect
        self.maximumClientOrderIDLength = maximumClientOrderIDLength
    }

    public static let deribit = VenueCapabilities(
        supportsAmend: true,
        supportsCombos: true,
        supportsMarketMakerProtection: true,
        cancelOnDisconnect: .onDisconnect,
        maximumClientOrderIDLength: 64
    )
    public static let okx = VenueCapabilities(
        supportsAmend: true,
        supportsCombos: false,
        supportsMarketMakerProtection: true,
        cancelOnDisconnect: .deadManTimer,
        maximumClientOrderIDLength: 32
    )
    public static let bybit = VenueCapabilities(
        supportsAmend: true,
        supportsCombos: false,
        supportsMarketMakerProtection: true,
        cancelOnDisconnect: .disconnectWindow,
        maximumClientOrderIDLength: 36
    )
    /// Binance options (`eapi`) have no amend; futures do, spot only reduces quantity.
    public static let binanceOptions = VenueCapabilities(
        supportsAmend: false,
        supportsCombos: false,
        supportsMarketMakerProtection: true,
        cancelOnDisconnect: .deadManTimer,
        maximumClientOrderIDLength: 36
    )
}

/// A market-data stream to open.
public struct MarketDataSubscription: Hashable, Sendable {
    public enum Channel: Hashable, Sendable {
        /// L2 deltas with sequence numbers, up to `depth` levels where the venue takes a depth.
        case book(depth: Int?)
        case trades
        /// Mark, index, top of book, IVs and Greeks.
        case ticker
        case funding
    }

    public let instrument: Instrument
    public let channel: Channel

    public init(instrument: Instrument, channel: Channel) {
        self.instrument = instrument
        self.channel = channel
    }
}

/// Which open orders a cancel-all covers.
public enum CancelScope: Hashable, Sendable {
    case all
    case instrument(Instrument)
    case underlying(Underlying)
    case kind(InstrumentKind)
}

/// Cash in one currency on a venue account.
public struct VenueBalance: Hashable, Sendable {
    public let venue: Venue
    public let currency: Asset
    public let equity: Money
    public let available: Money
    public let initialMargin: Money?
    public let maintenanceMargin: Money?

    public init(
        venue: Venue,
        currency: Asset,
        equity: Money,
        available: Money,
        initialMargin: Money? = nil,
        maintenanceMargin: Money? = nil
    ) {
        self.venue = venue
        self.currency = currency
        self.equity = equity
        self.available = available
        self.initialMargin = initialMargin
        self.maintenanceMargin = maintenanceMargin
    }
}

/// A position as the venue reports it (signed: short is negative).
public struct VenuePosition: Hashable, Sendable {
    public let venue: Venue
    public let instrument: Instrument
    public let quantity: Quantity
    public let averagePrice: Price?

    public init(venue: Venue, instrument: Instrument, quantity: Quantity, averagePrice: Price?) {
        self.venue = venue
        self.instrument = instrument
        self.quantity = quantity
        self.averagePrice = averagePrice
    }
}

/// An order the venue holds open, for reconciliation.
public struct VenueOpenOrder: Hashable, Sendable {
    public let venue: Venue
    public let orderID: OrderID?
    public let venueOrderID: VenueOrderID
    public let instrument: Instrument
    public let side: OrderSide
    public let quantity: Quantity
    public let filledQuantity: Quantity
    public let price: Price?

    public init(
        venue: Venue,
        orderID: OrderID?,
        venueOrderID: VenueOrderID,
        instrument: Instrument,
        side: OrderSide,
        quantity: Quantity,
        filledQuantity: Quantity,
        price: Price?
    ) {
        self.venue = venue
        self.orderID = orderID
        self.venueOrderID = venueOrderID
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.filledQuantity = filledQuantity
        self.price = price
    }
}

/// An operating failure talking to a venue (business outcomes are `VenueReport`s, not errors).
public enum VenueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Too many requests (Deribit 10028, OKX 50011, Bybit 10006, HTTP 429); retry no earlier than `retryAt`.
    case rateLimited(venue: Venue, retryAt: UnixNanos?, message: String)
    case http(venue: Venue, status: Int, endpoint: String, body: String)
    /// The venue answered with an error code that is not a business outcome.
    case venueError(venue: Venue, code: Int, message: String)
    case authenticationFailed(venue: Venue, reason: String)
    case disconnected(venue: Venue, reason: String)
    case timeout(venue: Venue, operation: String, afterNanos: Int64)
    /// A message did not have the shape the adapter expects.
    case malformedMessage(venue: Venue, what: String, reason: String)
    /// The venue does not offer this (amend on Binance options, combos on OKX).
    case unsupported(venue: Venue, operation: String)

    public var description: String {
        switch self {
        case .rateLimited(let venue, let retryAt, let message):
            "\(venue) rate limit: \(message)" + (retryAt.map { "; retry at \($0)" } ?? "")
        case .http(let venue, let status, let endpoint, let body): "\(venue) HTTP \(status) from \(endpoint): \(body)"
        case .venueError(let venue, let code, let message): "\(venue) error \(code): \(message)"
        case .authenticationFailed(let venue, let reason): "\(venue) authentication failed: \(reason)"
        case .disconnected(let venue, let reason): "\(venue) disconnected: \(reason)"
        case .timeout(let venue, let operation, let after): "\(venue) \(operation) timed out after \(after) ns"
        case .malformedMessage(let venue, let what, let reason): "\(venue) sent a malformed \(what): \(reason)"
        case .unsupported(let venue, let operation): "\(venue) does not support \(operation)"
        }
    }
}
