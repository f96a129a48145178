import LegateCore
import LegateModel

/// One instrument listed on a simulated venue: its spec, grids, book and market-maker ladder.
struct Listing: Hashable, Sendable {
    var spec: InstrumentSpec
    let kind: InstrumentKind
    let prices: PriceGrid
    /// Sizes in the venue's contracts.
    let sizes: SizeGrid
    /// Contracts to canonical sizes and back (see `Listing+Sizing.swift`).
    let sizing: ContractSizing
    var book = OrderBook()
    /// The last `change_id` published for this book.
    var changeID: Int64 = 0
    /// Theoretical value in the quote currency at the last refresh.
    var theo: Double = 0
    var markVolatility: Double?
    /// Prices of the market maker's current orders, best first.
    var makerBids: [Int64] = []
    var makerAsks: [Int64] = []
    /// The theoretical value the current ladder was built on.
    var makerTheo: Double = 0
    /// A maker order traded since the last requote, so the ladder must be rebuilt even if prices stand.
    var makerTraded = false
    /// Offset (in market steps) of this book's requote cycle, so requotes spread over the cycle.
    let refreshPhase: Int64
    /// Market steps between requotes.
    let refreshSteps: Int64
    /// The product's contract multiplier as a model number (margin and valuation only).
    let multiplier: Double
    let maker: MarketMakerConfiguration
    /// Legs as (listing index, signed ratio) for combos.
    let legs: [ComboLegRef]
    var isActive = true

    var instrument: Instrument { spec.instrument }
    var expiry: UnixNanos? { spec.instrument.expiry }
}

struct ComboLegRef: Hashable, Sendable {
    let listing: Int
    let ratio: Int64
}

/// A client order known to the venue.
struct ClientOrder: Hashable, Sendable {
    let orderID: OrderID
    let venueOrderID: VenueOrderID
    let account: Int
    let listing: Int
    let side: OrderSide
    var price: Int64
    /// The total size of the order (filled plus open), in grid units of contracts.
    var quantity: Int64
    var filled: Int64 = 0
    let timeInForce: TimeInForce
    var postOnly: Bool
    let reduceOnly: Bool
    /// Resting in the book (false once filled, cancelled or expired).
    var isResting = false
    var isClosed = false
    /// Counted by the account's market-maker protection (a resting quote placed while protection was set).
    var isProtected = false

    var remaining: Int64 { quantity - filled }

    var goodTillDate: UnixNanos? {
        if case .goodTillDate(let instant) = timeInForce { return instant }
        return nil
    }
}

/// An account's position in one listing.
struct PositionState: Hashable, Sendable {
    let listing: Int
    /// Signed size in grid units of contracts (short is negative).
    var quantity: Int64 = 0
    /// Futures: Σ signed size × multiplier ÷ price (inverse, coin) or × price (linear): what expiry settles against.
    var cost: FixedDecimal = .zero
}

/// A trading account's collateral, positions, open orders and rate-limit bucket.
struct AccountState: Hashable, Sendable {
    let configuration: SimulatedAccount
    var cash: FixedDecimal
    var positions: [PositionState] = []
    /// Listing index → index in `positions` (looked up, never iterated).
    var positionIndex: [Int: Int] = [:]
    var openOrders: [Int] = []
    var tokens: Double
    var tokensAt: UnixNanos
    var cancelOnDisconnect: Bool

    init(configuration: SimulatedAccount, burst: Int, start: UnixNanos) {
        self.configuration = configuration
        self.cash = configuration.collateral
        self.tokens = Double(burst)
        self.tokensAt = start
        self.cancelOnDisconnect = configuration.cancelOnDisconnect
    }

    func position(in listing: Int) -> Int64 {
        positionIndex[listing].map { positions[$0].quantity } ?? 0
    }

    mutating func positionSlot(for listing: Int) -> Int {
        if let slot = positionIndex[listing] { return slot }
        positions.append(PositionState(listing: listing))
        positionIndex[listing] = positions.count - 1
        return positions.count - 1
    }
}

/// A command waiting for the venue to come back from an outage.
struct DelayedCommand: Hashable, Sendable {
    let command: VenueCommand
    let receivedAt: UnixNanos
}
