public import LegateCore
public import LegateModel

/// Something a simulated venue tells its client, with the instant the client receives it (after latency).
public struct TimedOutput: Hashable, Sendable {
    public let deliverAt: UnixNanos
    public let output: SimulatorOutput

    public init(deliverAt: UnixNanos, output: SimulatorOutput) {
        self.deliverAt = deliverAt
        self.output = output
    }
}

/// What a simulated venue emits.
public enum SimulatorOutput: Hashable, Sendable {
    /// Public market data: book deltas and snapshots, trades, tickers, funding.
    case marketData(MarketData)
    /// A report about one of the client's orders.
    case report(VenueReport)
    /// An instrument was listed (new expiry, new strike, new combo).
    case listed(InstrumentSpec)
    /// An instrument expired and left the venue.
    case delisted(InstrumentSpec)
    /// A position was settled at expiry.
    case settled(SettlementReport)
    case connection(ConnectionEvent)
    /// Market-maker protection fired for `account`: its protected quotes on the underlying were cancelled (their
    /// reports come first) and new ones are refused until the freeze ends or a reset.
    case marketMakerProtectionTriggered(account: AccountID, MarketMakerProtectionTrigger)
}

/// The cash an account received (or paid) when a position expired.
public struct SettlementReport: Hashable, Sendable {
    public let venue: Venue
    public let account: AccountID
    public let instrument: Instrument
    /// The position settled, signed (short is negative), in canonical size (coin for options, USD for inverse
    /// futures), not in the venue's contracts.
    public let quantity: Quantity
    /// The index at the expiry instant.
    public let settlementPrice: Price
    public let payout: Money
    public let at: UnixNanos

    public init(
        venue: Venue,
        account: AccountID,
        instrument: Instrument,
        quantity: Quantity,
        settlementPrice: Price,
        payout: Money,
        at: UnixNanos
    ) {
        self.venue = venue
        self.account = account
        self.instrument = instrument
        self.quantity = quantity
        self.settlementPrice = settlementPrice
        self.payout = payout
        self.at = at
    }
}

/// Session and venue state changes.
public enum ConnectionEvent: Hashable, Sendable {
    /// The session dropped; cancel-on-disconnect ran for the accounts that armed it.
    case disconnected(venue: Venue, at: UnixNanos)
    case reconnected(venue: Venue, at: UnixNanos)
    /// The venue stopped taking orders and publishing.
    case outageStarted(venue: Venue, at: UnixNanos)
    case outageEnded(venue: Venue, at: UnixNanos)
}
