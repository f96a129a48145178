public import LegateCore
public import LegateEngine
public import LegateModel

/// One step of a scripted desk: who acts, when, and what they do.
public struct ScheduledAction: Sendable {
    /// Simulated time of the action.
    public let at: UnixNanos
    public let actor: UserID
    /// The action's name: its correlation id, and the client order (or package) id of what it places.
    public let label: String
    public let action: DeskAction

    public init(at: UnixNanos, actor: UserID, label: String, action: DeskAction) {
        self.at = at
        self.actor = actor
        self.label = label
        self.action = action
    }
}

/// What a desk user does. Instruments and prices may be chosen against the live simulated market when the action
/// runs (the listed expiry nearest to a tenor, strikes counted from the money, the touch of the book).
public enum DeskAction: Sendable {
    /// A command as it is (limits, cancel-all).
    case command(Command)
    case order(DeskOrder)
    case package(DeskPackage)
    /// Cancel the order or package an earlier action placed (named by that action's label).
    case cancel(label: String, account: AccountID)
    /// Approve, as a second person, the order or package an earlier action placed.
    case approve(label: String, account: AccountID)
    case deny(label: String, account: AccountID, reason: String)
    /// Trade a delta-one instrument to bring the account's book back inside its hedge policy (or, without a
    /// policy, the account's delta back to zero).
    case hedge(DeskHedge)
}

/// Which instrument, chosen when the action runs.
public enum InstrumentChoice: Sendable, Hashable {
    case exact(Instrument)
    case perpetual
    /// The listed future whose expiry is nearest `expiryDays` from now.
    case future(expiryDays: Int)
    /// The listed option expiry nearest `expiryDays` from now, a strike on it, and the right.
    case option(expiryDays: Int, strike: StrikeChoice, right: OptionRight)
}

/// A strike: counted in listed strikes from the one nearest the expiry's forward (0 is at the money), or exact.
public enum StrikeChoice: Sendable, Hashable {
    case fromMoney(Int)
    case exact(Price)
}

/// A limit price, from the book when the action runs or exact.
public enum PriceChoice: Sendable, Hashable {
    /// Cross the spread (a buy pays the best ask, a sell takes the best bid), `ticks` further to be sure.
    case take(ticks: Int)
    /// Join the own side (a buy bids at the best bid), `ticks` further back to rest.
    case join(ticks: Int)
    case exact(Price)
}

public struct DeskOrder: Sendable {
    public let account: AccountID
    public let venue: Venue
    public let instrument: InstrumentChoice
    public let side: OrderSide
    public let quantity: Quantity
    public let price: PriceChoice
    public let timeInForce: TimeInForce

    public init(
        account: AccountID,
        venue: Venue,
        instrument: InstrumentChoice,
        side: OrderSide,
        quantity: Quantity,
        price: PriceChoice,
        timeInForce: TimeInForce = .goodTillCancelled
    ) {
        self.account = account
        self.venue = venue
        self.instrument = instrument
        self.side = side
        self.quantity = quantity
        self.price = price
        self.timeInForce = timeInForce
    }
}

/// A leg of a package, as bought: its option (the package's expiry unless the leg names its own), side and ratio.
public struct DeskLeg: Sendable {
    public let strike: StrikeChoice
    public let right: OptionRight
    public let side: OrderSide
    public let ratio: Int
    public let expiryDays: Int?

    public init(strike: StrikeChoice, right: OptionRight, side: OrderSide, ratio: Int = 1, expiryDays: Int? = nil) {
        self.strike = strike
        self.right = right
        self.side = side
        self.ratio = ratio
        self.expiryDays = expiryDays
    }
}

/// A strategy package: each leg priced from its book by `price` on its own side; the net limit is what those leg
/// prices net to, so the package is placed at the touch it sees.
public struct DeskPackage: Sendable {
    public let account: AccountID
    public let venue: Venue
    public let shape: StrategyShape
    public let side: OrderSide
    public let quantity: Quantity
    public let expiryDays: Int
    public let legs: [DeskLeg]
    public let price: PriceChoice

    public init(
        account: AccountID,
        venue: Venue,
        shape: StrategyShape,
        side: OrderSide,
        quantity: Quantity,
        expiryDays: Int,
        legs: [DeskLeg],
        price: PriceChoice
    ) {
        self.account = account
        self.venue = venue
        self.shape = shape
        self.side = side
        self.quantity = quantity
        self.expiryDays = expiryDays
        self.legs = legs
        self.price = price
    }
}

/// A delta hedge of one account's book, sized from the booked positions valued on the marks, rounded to the
/// instrument's lot, sent immediate-or-cancel.
///
/// When a hedge policy (`Command.setHedgePolicy`) governs the account's book of the venue's underlying (the
/// account's own, else its desk's, else the firm's), the policy decides: nothing is sent while the book's delta is
/// within `target ± band`; otherwise the policy's instrument is traded on its venue and account, back to the target,
/// at most `maxOrderQuantity`; a paused policy sends nothing. `venue` then only names the underlying and
/// `instrument` is not used. Without a policy, `instrument` (the perpetual by default) on `venue` takes the account's
/// own delta to zero.
public struct DeskHedge: Sendable {
    public let account: AccountID
    public let venue: Venue
    public let instrument: InstrumentChoice
    public let price: PriceChoice

    public init(
        account: AccountID,
        venue: Venue,
        instrument: InstrumentChoice = .perpetual,
        price: PriceChoice = .take(ticks: 2)
    ) {
        self.account = account
        self.venue = venue
        self.instrument = instrument
        self.price = price
    }
}
