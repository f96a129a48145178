internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateOrders
internal import LegateRisk
internal import OrderedCollections

/// The gate's decision on a what-if and the firm's measures before and after it.
struct RiskWhatIfReport: Encodable {
    struct Decision: Encodable {
        /// The order or package judged.
        let order: String
        /// accept, reject, needs_approval or unassessable.
        let decision: String
        let measure: String?
        let scope: String?
        let now: String?
        let after: String?
        let threshold: String?
        let reason: String?
    }

    struct Change: Encodable {
        let measure: String
        let before: Double
        let after: Double
    }

    let decisions: [Decision]
    let measures: [Change]
}

/// Books the portfolio into an `Engine<PortfolioGate>`, sets the limits, and places the what-if.
struct RiskWhatIfRun {
    static let actor = UserID(known: "risk-cli")
    var engine: Engine<PortfolioGate>
    var clock: Int64
    var number = 0
    let file: String

    init(_ inputs: RiskInputs, whatIf: RiskWhatIfFile, file: String) throws(RiskInputError) {
        self.file = file
        var accounts = Set(inputs.limits.accounts.map(\.account))
        accounts.formUnion(inputs.portfolio.positions.map(\.account))
        switch whatIf {
        case .orders(let orders): accounts.formUnion(orders.map(\.account))
        case .package(let package): accounts.insert(package.account)
        }
        let user = UserProfile(id: Self.actor, roles: [.trader, .riskManager], accounts: accounts)
        let configuration = EngineConfiguration(users: [user], desks: inputs.limits.desks)
        engine = Engine(
            configuration: configuration,
            gate: PortfolioGate(
                model: inputs.model,
                equity: inputs.limits.equity,
                marginModels: inputs.limits.marginModels
            )
        )
        clock = inputs.portfolio.market.asOf.rawValue
        for (index, entry) in inputs.portfolio.positions.enumerated() where !entry.quantity.isZero {
            try book(entry, path: "positions[\(index)]", portfolio: inputs.portfolioPath)
        }
        for (index, limit) in inputs.limits.limits.enumerated() {
            let outputs = command(.setLimit(limit.key, limit: limit))
            if let rejected = Self.rejection(outputs) {
                throw RiskInputError(file: inputs.limits.file, path: "limits[\(index)]", problem: rejected)
            }
        }
    }

    mutating func command(_ command: Command) -> [Output] {
        number += 1
        clock += 1_000_000_000
        let envelope = CommandEnvelope(correlationID: "risk\(number)", actor: Self.actor, command: command)
        return engine.handle(.command(envelope), at: UnixNanos(clock))
    }

    mutating func report(_ report: VenueReport) {
        clock += 1_000_000_000
        _ = engine.handle(.venueReport(report), at: UnixNanos(clock))
    }

    static func rejection(_ outputs: [Output]) -> String? {
        for case .event(.commandRejected(let rejected)) in outputs { return rejected.reason }
        return nil
    }

    static func decisions(_ outputs: [Output]) -> [RiskDecision] {
        outputs.compactMap { output in
            if case .event(let event) = output { event.riskDecision?.decision } else { nil }
        }
    }

    /// A position becomes an order placed, acknowledged and filled at its average price.
    private mutating func book(_ entry: RiskPositionEntry, path: String, portfolio: String) throws(RiskInputError) {
        let side: OrderSide = entry.quantity.decimal < .zero ? .sell : .buy
        let request = OrderRequest(
            clientOrderID: ClientOrderID(known: "book\(number + 1)"),
            account: entry.account,
            venue: entry.venue,
            instrument: entry.instrument,
            side: side,
            quantity: Quantity(side == .sell ? .zero - entry.quantity.decimal : entry.quantity.decimal),
            kind: .limit(LimitPrice(entry.averagePrice.decimal))
        )
        let outputs = command(.placeOrder(request, stage: false))
        guard let orderID = engine.state.orders.keys.last, Self.rejection(outputs) == nil else {
            throw RiskInputError(
                file: portfolio,
                path: path,
                problem: "the engine refused to book it: \(Self.rejection(outputs) ?? "no order")"
            )
        }
        report(.acknowledged(orderID: orderID, venueOrderID: VenueOrderID(known: "v\(number)")))
        let fill = VenueFill(
            venue: entry.venue,
            tradeID: "t\(number)",
            orderID: orderID,
            quantity: request.quantity,
            price: entry.averagePrice
        )
        report(.fill(fill))
    }
}
