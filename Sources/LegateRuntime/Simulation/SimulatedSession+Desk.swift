internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateSimulator

extension SimulatedSession {
    /// The engine input of a desk action on the market as it stands, or nil (told as skipped) when it cannot run.
    func resolve(_ action: ScheduledAction, at time: UnixNanos, _ observer: (SessionRecord) -> Void) -> Input? {
        do throws(ResolutionError) {
            let command = try command(for: action, at: time)
            return .command(CommandEnvelope(correlationID: action.label, actor: action.actor, command: command))
        } catch {
            observer(.skipped(at: time, action: action, reason: error.description))
            return nil
        }
    }

    private func command(for action: ScheduledAction, at time: UnixNanos) throws(ResolutionError) -> Command {
        switch action.action {
        case .command(let command):
            return command
        case .order(let order):
            let resolver = try resolver(order.venue, at: time)
            let spec = try resolver.spec(order.instrument)
            let price = try resolver.price(order.price, spec, side: order.side)
            let request = OrderRequest(
                clientOrderID: try clientID(action.label),
                account: order.account,
                venue: order.venue,
                instrument: spec.instrument,
                side: order.side,
                quantity: order.quantity,
                kind: .limit(LimitPrice(price.decimal)),
                timeInForce: order.timeInForce
            )
            return .placeOrder(request, stage: false)
        case .package(let package):
            return .placePackage(try packageRequest(package, label: action.label, at: time), stage: false)
        case .cancel(let label, let account):
            let key = DeskLedger.Key(account: account, label: label)
            if let packageID = ledger.packages[key] { return .cancelPackage(packageID) }
            return .cancel(try order(named: key))
        case .approve(let label, let account):
            return .approve(try order(named: DeskLedger.Key(account: account, label: label)))
        case .deny(let label, let account, let reason):
            return .deny(try order(named: DeskLedger.Key(account: account, label: label)), reason: reason)
        case .hedge(let hedge):
            return .placeOrder(try hedgeRequest(hedge, label: action.label, at: time), stage: false)
        }
    }

    func resolver(_ venue: Venue, at time: UnixNanos) throws(ResolutionError) -> DeskResolver {
        guard let simulated = venues.venue(venue) else {
            throw ResolutionError(description: "no simulated venue \(venue) in this session")
        }
        return DeskResolver(venue: simulated, time: time)
    }

    func clientID(_ label: String) throws(ResolutionError) -> ClientOrderID {
        do {
            return try ClientOrderID(label)
        } catch {
            throw ResolutionError(description: "\"\(label)\" is not a client order id: \(error)")
        }
    }

    /// The first order an earlier action placed (a package's first leg: the engine acts on the whole package).
    private func order(named key: DeskLedger.Key) throws(ResolutionError) -> OrderID {
        guard let orderID = ledger.orders[key]?.first else {
            throw ResolutionError(description: "no order or package \"\(key.label)\" of \(key.account) was placed")
        }
        return orderID
    }

    private func packageRequest(
        _ package: DeskPackage,
        label: String,
        at time: UnixNanos
    ) throws(ResolutionError) -> PackageRequest {
        let resolver = try resolver(package.venue, at: time)
        var legs: [PackageLeg] = []
        var prices: [Price] = []
        var net = FixedDecimal.zero
        for leg in package.legs {
            let expiry = try resolver.nearestExpiry(days: leg.expiryDays ?? package.expiryDays, kind: .option)
            let instrument = try resolver.option(expiry: expiry, strike: leg.strike, right: leg.right)
            let spec = try resolver.spec(.exact(instrument))
            let orderSide = package.side == .buy ? leg.side : leg.side.opposite
            let price = try resolver.price(package.price, spec, side: orderSide)
            legs.append(PackageLeg(instrument: instrument, side: leg.side, ratio: leg.ratio))
            prices.append(price)
            guard
                let weighted = try? price.decimal.multipliedExactly(by: FixedDecimal(Int64(leg.side.sign * leg.ratio)))
            else { throw ResolutionError(description: "leg price \(price) × \(leg.ratio) does not fit") }
            net += weighted
        }
        do {
            let strategy = try StrategyPackage(
                shape: package.shape,
                side: package.side,
                legs: legs,
                quantity: package.quantity,
                limitPrice: Price(net),
                asOf: time
            )
            return PackageRequest(
                clientPackageID: try clientID(label),
                account: package.account,
                venue: package.venue,
                package: strategy,
                legPrices: prices
            )
        } catch let error as ResolutionError {
            throw error
        } catch {
            throw ResolutionError(description: "not a valid \(package.shape): \(error)")
        }
    }
}
