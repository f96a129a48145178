internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import OrderedCollections

/// What the session keeps from the engine's outputs: which orders and packages each action placed (so later
/// actions can name them), which orders are the engine's at the venues, net positions, fees and the hedge policies.
///
/// It is kept from committed outputs rather than read from the engine, whose state belongs to the writer thread
/// while the session runs; the hedge policies start from the engine's state as the session found it.
struct DeskLedger {
    struct Key: Hashable {
        let account: AccountID
        let label: String
    }

    struct PositionKey: Hashable {
        let account: AccountID
        let venue: Venue
        let instrument: Instrument
    }

    /// Action label → the orders it created (a package's legs in leg order).
    private(set) var orders: [Key: [OrderID]] = [:]
    private(set) var packages: [Key: PackageID] = [:]
    /// The engine's orders sent to a venue, and where.
    private(set) var venueOf: [OrderID: Venue] = [:]
    private(set) var positions: OrderedDictionary<PositionKey, FixedDecimal> = [:]
    private(set) var fees: OrderedDictionary<Asset, FixedDecimal> = [:]
    private(set) var accounts: Set<AccountID> = []
    private(set) var hedgePolicies: HedgePolicyBook

    init(hedgePolicies: HedgePolicyBook = HedgePolicyBook()) {
        self.hedgePolicies = hedgePolicies
    }

    mutating func record(_ outputs: [Output]) {
        for case .event(let event) in outputs {
            switch event {
            case .packageCreated(let created):
                let key = Key(account: created.request.account, label: created.request.clientPackageID.rawValue)
                packages[key] = created.packageID
                orders[key] = created.legOrderIDs
            case .orderCreated(let created) where created.packageID == nil:
                let key = Key(account: created.request.account, label: created.request.clientOrderID.rawValue)
                orders[key] = [created.orderID]
                accounts.insert(created.request.account)
            case .orderCreated(let created):
                accounts.insert(created.request.account)
            case .hedgePolicyChanged(let scope, let policy, _):
                hedgePolicies.record(scope: scope, policy: policy)
            case .fillBooked(let fill):
                let key = PositionKey(account: fill.account, venue: fill.venue, instrument: fill.instrument)
                let signed = fill.side == .buy ? fill.quantity.decimal : .zero - fill.quantity.decimal
                positions[key, default: .zero] += signed
            default:
                break
            }
        }
    }

    mutating func sent(_ command: VenueCommand) {
        if case .place(let orderID, let request) = command { venueOf[orderID] = request.venue }
    }

    /// The venue of a report about one of the engine's orders; nil for anyone else's (the crowd's).
    func venue(of report: VenueReport) -> Venue? {
        report.orderID.flatMap { venueOf[$0] }
    }

    mutating func charge(_ fee: Money?) {
        guard let fee else { return }
        fees[fee.currency, default: .zero] += fee.amount
    }

    func positions(of account: AccountID) -> [(key: PositionKey, quantity: FixedDecimal)] {
        positions.filter { $0.key.account == account && !$0.value.isZero }.map { ($0.key, $0.value) }
    }

    /// The open positions in `underlying` of the book `scope` selects (its accounts, by the policy book's desks).
    func positions(in scope: LimitScope, underlying: Asset) -> [(key: PositionKey, quantity: FixedDecimal)] {
        positions.filter {
            !$0.value.isZero && $0.key.instrument.underlying.base == underlying
                && hedgePolicies.holds(scope, $0.key.account)
        }.map { ($0.key, $0.value) }
    }
}
