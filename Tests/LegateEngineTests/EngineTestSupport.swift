// Builders shared by the engine tests: users with roles, a BTC option, order requests and a harness that feeds
// inputs at increasing times and keeps the event log for replay checks.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections

enum Fixture {
    static let alice = try! UserID("alice")  // trader on desk account A
    static let bob = try! UserID("bob")  // trader on account A too
    static let rita = try! UserID("rita")  // risk manager
    static let vera = try! UserID("vera")  // viewer
    static let carl = try! UserID("carl")  // trader on account B only
    static let accountA = try! AccountID("A")
    static let accountB = try! AccountID("B")
    static let accountC = try! AccountID("C")
    static let hugo = try! UserID("hugo")  // trader and admin on account C
    static let deskOne = try! DeskID("D1")  // accounts A and C
    static let deskTwo = try! DeskID("D2")  // account B

    static let configuration = EngineConfiguration(
        users: [
            UserProfile(id: alice, roles: [.trader], accounts: [accountA]),
            UserProfile(id: bob, roles: [.trader], accounts: [accountA]),
            UserProfile(id: rita, roles: [.riskManager], accounts: [accountA, accountB]),
            UserProfile(id: vera, roles: [.viewer], accounts: [accountA]),
            UserProfile(id: carl, roles: [.trader], accounts: [accountB]),
            UserProfile(id: hugo, roles: [.trader, .admin], accounts: [accountC]),
        ],
        desks: [accountA: deskOne, accountB: deskTwo, accountC: deskOne],
        approvalTimeToLive: 60 * 1_000_000_000
    )

    static let expiry = CivilDate(year: 2030, month: 12, day: 27)!.at(hourUTC: 8)
    static let call = Instrument.option(
        Underlying(base: .btc, quote: .usd),
        expiry: expiry,
        strike: 100_000,
        right: .call,
        settlement: .inverse(.btc)
    )

    static func request(
        _ clientID: String,
        account: AccountID = accountA,
        side: OrderSide = .buy,
        quantity: String = "1",
        price: String = "0.05",
        timeInForce: TimeInForce = .goodTillCancelled,
        instrument: Instrument = call
    ) -> OrderRequest {
        OrderRequest(
            clientOrderID: try! ClientOrderID(clientID),
            account: account,
            venue: .deribit,
            instrument: instrument,
            side: side,
            quantity: try! Quantity(parsing: quantity),
            kind: .limit(LimitPrice(try! FixedDecimal(parsing: price))),
            timeInForce: timeInForce
        )
    }
}

/// Drives a real engine and records its events with their times, as the journal would.
struct Harness {
    var engine = Engine(configuration: Fixture.configuration, gate: LimitGate())
    var clock: Int64 = 1_900_000_000_000_000_000
    var log: [(event: Event, at: UnixNanos)] = []
    var correlation = 0

    var state: EngineState { engine.state }

    @discardableResult
    mutating func input(_ input: Input, advance: Int64 = 1_000_000) -> [Output] {
        clock += advance
        let now = UnixNanos(clock)
        let outputs = engine.handle(input, at: now)
        for case .event(let event) in outputs { log.append((event, now)) }
        return outputs
    }

    @discardableResult
    mutating func command(_ actor: UserID, _ command: Command) -> [Output] {
        correlation += 1
        return input(.command(CommandEnvelope(correlationID: "c\(correlation)", actor: actor, command: command)))
    }

    @discardableResult
    mutating func report(_ report: VenueReport) -> [Output] { input(.venueReport(report)) }

    /// The id of the order most recently created.
    var lastOrderID: OrderID? {
        log.reversed().lazy.compactMap { entry -> OrderID? in
            if case .orderCreated(let created) = entry.event { return created.orderID }
            return nil
        }.first
    }

    func order(_ id: OrderID) -> Order? { engine.state.orders[id] }

    func replayed() throws -> Engine<LimitGate> {
        try Engine.replay(configuration: Fixture.configuration, gate: LimitGate(), events: log)
    }
}

extension [Output] {
    var events: [Event] { compactMap { if case .event(let event) = $0 { event } else { nil } } }
    var venueCommands: [VenueCommand] { compactMap { if case .venue(let command) = $0 { command } else { nil } } }
    var rejection: CommandRejected? {
        events.lazy.compactMap { if case .commandRejected(let rejected) = $0 { rejected } else { nil } }.first
    }
}

func limit(_ measure: LimitMeasure, _ scope: LimitScope, _ threshold: String, _ severity: LimitSeverity) -> Command {
    let limit = Limit(
        measure: measure,
        scope: scope,
        threshold: try! FixedDecimal(parsing: threshold),
        severity: severity
    )
    return .setLimit(limit.key, limit: limit)
}
