internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateRisk

extension RiskWhatIfRun {
    /// Places the what-if (each order on its own, or the package as one unit) and reports the decisions and the
    /// firm's measures before and after the whole what-if fills.
    mutating func judge(_ whatIf: RiskWhatIfFile, inputs: RiskInputs) throws(RiskInputError) -> RiskWhatIfReport {
        var decisions: [RiskWhatIfReport.Decision] = []
        var legs: [(instrument: Instrument, venue: Venue, quantity: Double)] = []
        switch whatIf {
        case .orders(let orders):
            for (index, order) in orders.enumerated() {
                let request = OrderRequest(
                    clientOrderID: ClientOrderID(known: "whatif\(index)"),
                    account: order.account,
                    venue: order.venue,
                    instrument: order.instrument,
                    side: order.side,
                    quantity: order.quantity,
                    kind: .limit(LimitPrice(order.price.decimal))
                )
                let label = "\(order.side.rawValue) \(order.quantity.decimal) \(order.instrument)"
                decisions.append(try decide(.placeOrder(request, stage: false), label: label, path: "[\(index)]"))
                let signed = order.quantity.doubleValue * Double(order.side.sign)
                legs.append((order.instrument, order.venue, signed))
            }
        case .package(let package):
            let request = try packageRequest(package)
            let label = "\(package.side.rawValue) \(package.quantity.decimal) \(package.shape)"
            decisions.append(try decide(.placePackage(request, stage: false), label: label, path: "package"))
            for (leg, _) in package.legs {
                let sign = Double(leg.orderSide(whenPackageIs: package.side).sign)
                legs.append((leg.instrument, package.venue, package.quantity.doubleValue * Double(leg.ratio) * sign))
            }
        }
        return RiskWhatIfReport(decisions: decisions, measures: try changes(legs, inputs: inputs))
    }

    private mutating func decide(
        _ command: Command,
        label: String,
        path: String
    ) throws(RiskInputError) -> RiskWhatIfReport.Decision {
        let outputs = self.command(command)
        if let rejected = Self.rejection(outputs) {
            throw RiskInputError(file: file, path: path, problem: "the engine refused the order: \(rejected)")
        }
        guard let decision = Self.decisions(outputs).first(where: { !$0.isAccepted }) ?? Self.decisions(outputs).first
        else { throw RiskInputError(file: file, path: path, problem: "the engine made no risk decision") }
        return Self.describe(decision, label: label)
    }

    static func describe(_ decision: RiskDecision, label: String) -> RiskWhatIfReport.Decision {
        let name: String
        var breach: RiskBreach?
        var reason: String?
        switch decision {
        case .accept: name = "accept"
        case .reject(let found):
            name = "reject"
            breach = found
        case .needsApproval(let found):
            name = "needs_approval"
            breach = found
        case .unassessable(let why):
            name = "unassessable"
            reason = why
        }
        return RiskWhatIfReport.Decision(
            order: label,
            decision: name,
            measure: breach?.measure.rawValue,
            scope: breach?.scope.description,
            now: breach.map { "\($0.current)" },
            after: breach.map { "\($0.after)" },
            threshold: breach.map { "\($0.threshold)" },
            reason: reason
        )
    }

    private func packageRequest(_ package: RiskWhatIfPackage) throws(RiskInputError) -> PackageRequest {
        var net = FixedDecimal.zero
        for (leg, price) in package.legs {
            net += leg.side == .buy ? price.decimal : .zero - price.decimal
            for _ in 1..<max(leg.ratio, 1) { net += leg.side == .buy ? price.decimal : .zero - price.decimal }
        }
        do {
            let strategy = try StrategyPackage(
                shape: package.shape,
                side: package.side,
                legs: package.legs.map(\.leg),
                quantity: package.quantity,
                limitPrice: Price(net),
                asOf: UnixNanos(clock)
            )
            return PackageRequest(
                clientPackageID: ClientOrderID(known: "whatif-package"),
                account: package.account,
                venue: package.venue,
                package: strategy,
                legPrices: package.legs.map(\.price)
            )
        } catch {
            throw RiskInputError(file: file, path: "package", problem: "not a valid \(package.shape): \(error)")
        }
    }

    /// The firm's measures now and with every leg filled.
    private func changes(
        _ legs: [(instrument: Instrument, venue: Venue, quantity: Double)],
        inputs: RiskInputs
    ) throws(RiskInputError) -> [RiskWhatIfReport.Change] {
        var builder = RiskExposureBuilder(inputs)
        let base = try builder.exposure { _ in true }
        var after = base
        for (index, leg) in legs.enumerated() {
            let profile = try builder.profile(leg.instrument, leg.venue, at: "what-if leg \(index)")
            after.add(profile, venue: leg.venue, quantity: leg.quantity)
        }
        let now = try inputs.measures(of: base)
        let then = try inputs.measures(of: after)
        return [
            .init(measure: "delta", before: now.delta, after: then.delta),
            .init(measure: "gamma", before: now.gamma, after: then.gamma),
            .init(measure: "vega", before: now.vega, after: then.vega),
            .init(measure: "theta", before: now.theta, after: then.theta),
            .init(measure: "gross_notional", before: now.grossNotional, after: then.grossNotional),
            .init(measure: "worst_scenario_loss", before: now.worstScenarioLoss, after: then.worstScenarioLoss),
            .init(measure: "portfolio_initial_margin", before: now.initialMargin, after: then.initialMargin),
            .init(measure: "value_at_risk", before: now.valueAtRisk, after: then.valueAtRisk),
            .init(measure: "expected_shortfall", before: now.expectedShortfall, after: then.expectedShortfall),
        ]
    }
}
