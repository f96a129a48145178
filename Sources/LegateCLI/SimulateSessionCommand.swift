internal import ArgumentParser
internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateJournal
internal import LegateModel
internal import LegateOrders
internal import LegateRuntime
internal import OrderedCollections

/// `legate simulate-session`: writes a seeded trading session through the durable engine into a new journal, so
/// `replay` and `audit` have something real to read before venues and the server exist.
struct SimulateSessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-session",
        abstract: "Write a seeded session (orders, a package, approvals, fills, cancels) into a new journal.",
        discussion: """
            Users: alice (trader, account A), rita (risk manager). rita sets limits, alice places orders on a
            Deribit BTC option and an iron condor; the session acknowledges, fills, cancels, approves a soft-limit
            breach and allocates fills to sub-accounts, with venue reports played by the command itself. Every
            batch is committed before the next starts. Prints the last sequence and the state hash, which
            `legate replay` must reproduce.
            """
    )

    @Option(help: "Path of the journal to create (must not exist).")
    var journal: String

    @Option(help: "Number of single orders.")
    var orders: Int = 200

    @Option(help: "Seed for sizes, prices and which orders fill.")
    var seed: UInt64 = 1

    func validate() throws {
        guard !FileManager.default.fileExists(atPath: journal) else {
            throw ValidationError("\(journal) exists; give a new path")
        }
        guard (1...1_000_000).contains(orders) else { throw ValidationError("--orders must be in 1...1000000") }
    }

    func run() throws {
        let store: SQLiteJournal
        do {
            store = try SQLiteJournal(path: journal)
        } catch {
            throw ValidationError("cannot create journal \(journal): \(error)")
        }
        let session = try SessionScript(seed: seed)
        let durable = DurableEngine(
            engine: Engine(configuration: session.configuration, gate: LimitGate()),
            journal: store,
            lastSequence: 0
        )
        var clock: Int64 = 1_767_225_600_000_000_000  // 2026-01-01T00:00:00Z
        func run(_ inputs: [Input]) throws -> [[Output]] {
            var batch: [(input: Input, at: UnixNanos)] = []
            for input in inputs {
                clock += 1_000_000
                batch.append((input, UnixNanos(clock)))
            }
            return try durable.process(batch)
        }
        _ = try run(session.limits())
        var placed: [OrderID] = []
        var start = 0
        while start < orders {
            let count = min(500, orders - start)
            let results = try run((start..<(start + count)).map(session.order))
            for outputs in results {
                for case .venue(.place(let orderID, _)) in outputs { placed.append(orderID) }
            }
            start += count
        }
        let sent = placed.compactMap { durable.engine.state.orders[$0] }
        _ = try run(session.reports(for: sent))
        _ = try run([session.package()])
        let pending = durable.engine.state.orders.values.filter { $0.status == .pendingApproval }.map(\.id)
        _ = try run(pending.prefix(1).map(session.approve) + placed.prefix(3).map(session.allocate))
        let state = durable.engine.state
        print("journal:        \(journal)")
        print("last sequence:  \(durable.lastSequence)")
        print(
            "orders:         \(state.orders.count), packages \(state.packages.count), fills \(state.bookedTrades.count)"
        )
        print("state hash:     \(try state.stateHash())")
    }
}

/// The deterministic content of a simulated session.
struct SessionScript {
    let alice: UserID
    let rita: UserID
    let account: AccountID
    let configuration: EngineConfiguration
    let seed: UInt64

    init(seed: UInt64) throws {
        alice = try UserID("alice")
        rita = try UserID("rita")
        account = try AccountID("A")
        configuration = EngineConfiguration(users: [
            UserProfile(id: alice, roles: [.trader], accounts: [account]),
            UserProfile(id: rita, roles: [.riskManager], accounts: [account]),
        ])
        self.seed = seed
    }

    func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ seed &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let expiry = CivilDate(year: 2026, month: 12, day: 25).map { $0.at(hourUTC: 8) } ?? UnixNanos(0)

    static func option(_ strike: Int64, _ right: OptionRight) -> Instrument {
        Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: expiry,
            strike: Price(FixedDecimal(strike)),
            right: right,
            settlement: .inverse(.btc)
        )
    }

    func command(_ actor: UserID, _ id: String, _ command: Command) -> Input {
        .command(CommandEnvelope(correlationID: id, actor: actor, command: command))
    }

    func limits() -> [Input] {
        let limits = [
            Limit(measure: .orderQuantity, scope: .account(account), threshold: 25, severity: .hard),
            Limit(measure: .orderQuantity, scope: .account(account), threshold: 8, severity: .soft),
            Limit(measure: .openOrders, scope: .account(account), threshold: 100_000, severity: .hard),
        ]
        return limits.enumerated().map { index, limit in
            command(rita, "limit-\(index)", .setLimit(limit.key, limit: limit))
        }
    }

    func order(_ number: Int) -> Input {
        let random = mix(UInt64(number))
        let strikes: [Int64] = [80_000, 90_000, 100_000, 110_000, 120_000]
        let instrument = Self.option(strikes[Int(random % 5)], random & 8 == 0 ? .call : .put)
        let quantity = Quantity(FixedDecimal(units: Int64(1 + random % 100), scale: 1))  // 0.1 … 10.0
        let price = FixedDecimal(units: Int64(50 + (random >> 8) % 400) * 5, scale: 5)  // 0.0025 … 0.02, tick 0.00005
        let request = OrderRequest(
            clientOrderID: ClientOrderID(known: "s\(number)"),
            account: account,
            venue: .deribit,
            instrument: instrument,
            side: random & 16 == 0 ? .buy : .sell,
            quantity: quantity,
            kind: .limit(LimitPrice(price))
        )
        return command(alice, "s\(number)", .placeOrder(request, stage: false))
    }

    /// Acknowledge every sent order; fill some fully, some half at their limit; cancel some.
    func reports(for orders: [Order]) -> [Input] {
        var inputs: [Input] = []
        for (index, order) in orders.enumerated() {
            let random = mix(UInt64(index) &+ 1_000_003)
            let venueOrderID = VenueOrderID(known: "D-\(index)")
            inputs.append(.venueReport(.acknowledged(orderID: order.id, venueOrderID: venueOrderID)))
            let price = order.kind.boundingPrice ?? .zero
            switch random % 4 {
            case 0:
                inputs.append(fill(order.id, index, quantity: order.quantity, price: price))
            case 1:
                let half = (try? order.quantity.decimal.divided(by: 2, scale: 1, rounding: .down)) ?? .zero
                if half.isPositive { inputs.append(fill(order.id, index, quantity: Quantity(half), price: price)) }
            case 2:
                inputs.append(command(alice, "x\(index)", .cancel(order.id)))
                inputs.append(.venueReport(.cancelled(orderID: order.id, reason: "user")))
            default:
                break
            }
        }
        return inputs
    }

    func fill(_ orderID: OrderID, _ index: Int, quantity: Quantity, price: Price) -> Input {
        .venueReport(
            .fill(VenueFill(venue: .deribit, tradeID: "T\(index)", orderID: orderID, quantity: quantity, price: price))
        )
    }

    /// The session's iron condor; its legs are fixed literals, so a validation failure is a bug in this script.
    func package() -> Input {
        let condor: StrategyPackage
        do {
            condor = try StrategyPackage.makeIronCondor(
                putWing: Self.option(80_000, .put),
                innerPut: Self.option(90_000, .put),
                innerCall: Self.option(110_000, .call),
                callWing: Self.option(120_000, .call),
                side: .buy,
                quantity: 10,
                limitPrice: Price(FixedDecimal(units: -150, scale: 4))
            )
        } catch {
            preconditionFailure("the session's iron condor is invalid: \(error)")
        }
        let prices = [
            FixedDecimal(units: 40, scale: 4), FixedDecimal(units: 120, scale: 4), FixedDecimal(units: 110, scale: 4),
            FixedDecimal(units: 30, scale: 4),
        ]
        let request = PackageRequest(
            clientPackageID: ClientOrderID(known: "condor-1"),
            account: account,
            venue: .deribit,
            package: condor,
            legPrices: prices.map(Price.init)
        )
        return command(alice, "condor-1", .placePackage(request, stage: false))
    }

    func approve(_ orderID: OrderID) -> Input {
        command(rita, "approve-\(orderID)", .approve(orderID))
    }

    func allocate(_ orderID: OrderID) -> Input {
        let weights = [
            AllocationWeight(target: AccountID(known: "A-fund-1"), weight: 1),
            AllocationWeight(target: AccountID(known: "A-fund-2"), weight: 2),
        ]
        return command(
            alice,
            "allocate-\(orderID)",
            .allocate(orderID, .proRata(weights: weights, lot: Quantity(FixedDecimal(units: 1, scale: 1))))
        )
    }
}
