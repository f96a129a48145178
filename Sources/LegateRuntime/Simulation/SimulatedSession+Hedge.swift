internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateRisk
internal import LegateSimulator

extension SimulatedSession {
    /// The order a hedge action sends, on the marks: under the hedge policy governing the account's book of the
    /// venue's underlying when there is one, else an order that brings the account alone to zero delta.
    func hedgeRequest(_ hedge: DeskHedge, label: String, at time: UnixNanos) throws(ResolutionError) -> OrderRequest {
        let underlying = try resolver(hedge.venue, at: time).underlying.base
        guard let policy = ledger.hedgePolicies.policy(for: hedge.account, underlying: underlying) else {
            return try flatteningRequest(hedge, label: label, at: time)
        }
        return try policyRequest(policy, hedge, label: label, at: time)
    }

    /// A hedge as the policy says: only when the book's delta is outside `target ± band`, back to the target, in the
    /// policy's instrument on its venue and account, at most `maxOrderQuantity`. The action gives only the price.
    private func policyRequest(
        _ policy: HedgePolicy,
        _ hedge: DeskHedge,
        label: String,
        at time: UnixNanos
    ) throws(ResolutionError) -> OrderRequest {
        guard policy.enabled else {
            throw ResolutionError(description: "the hedge policy of \(policy.scope) is paused")
        }
        let market = riskMarket(at: time)
        let underlying = policy.instrument.underlying.base
        let positions = ledger.positions(in: policy.scope, underlying: underlying).map {
            (account: $0.key.account, venue: $0.key.venue, instrument: $0.key.instrument, quantity: $0.quantity)
        }
        let delta = try HedgeSizer.delta(of: positions, market: market)
        let offTarget = delta - policy.targetDelta.doubleValue
        guard abs(offTarget) > policy.band.doubleValue else {
            throw ResolutionError(
                description:
                    "the delta of \(policy.scope) (\(Int(delta)) USD) is within \(policy.targetDelta) ± \(policy.band)"
            )
        }
        let resolver = try resolver(policy.venue, at: time)
        let spec = try resolver.spec(.exact(policy.instrument))
        let size = HedgeSizer.size(
            offsetting: offTarget,
            with: spec,
            market: market,
            maximum: policy.maxOrderQuantity
        )
        guard !size.isZero else {
            throw ResolutionError(
                description: "the delta of \(policy.scope) (\(Int(delta)) USD) is off its target by less than one lot"
            )
        }
        return try request(label, account: policy.account, size: size, spec, hedge.price, resolver)
    }

    /// An order in a delta-one instrument that offsets the account's delta on the marks.
    private func flatteningRequest(
        _ hedge: DeskHedge,
        label: String,
        at time: UnixNanos
    ) throws(ResolutionError) -> OrderRequest {
        let resolver = try resolver(hedge.venue, at: time)
        let spec = try resolver.spec(hedge.instrument)
        guard spec.instrument.kind != .option, spec.instrument.kind != .combo else {
            throw ResolutionError(description: "a hedge trades a delta-one instrument, not \(spec.symbol)")
        }
        let market = riskMarket(at: time)
        let positions = ledger.positions(of: hedge.account).map {
            (account: $0.key.account, venue: $0.key.venue, instrument: $0.key.instrument, quantity: $0.quantity)
        }
        let delta = try HedgeSizer.delta(of: positions, market: market)
        let size = HedgeSizer.size(offsetting: delta, with: spec, market: market)
        guard !size.isZero else {
            throw ResolutionError(description: "the delta of \(hedge.account) (\(Int(delta)) USD) is within one lot")
        }
        return try request(label, account: hedge.account, size: size, spec, hedge.price, resolver)
    }

    /// The hedge order for a signed `size` of `spec`'s instrument.
    private func request(
        _ label: String,
        account: AccountID,
        size: FixedDecimal,
        _ spec: InstrumentSpec,
        _ price: PriceChoice,
        _ resolver: DeskResolver
    ) throws(ResolutionError) -> OrderRequest {
        let side: OrderSide = size.isPositive ? .buy : .sell
        return OrderRequest(
            clientOrderID: try clientID(label),
            account: account,
            venue: resolver.venue.configuration.venue,
            instrument: spec.instrument,
            side: side,
            quantity: Quantity(size.magnitude),
            kind: .limit(LimitPrice(try resolver.price(price, spec, side: side).decimal)),
            // A hedge trades what the book offers now; a remainder left resting would hedge a stale delta later.
            timeInForce: .immediateOrCancel
        )
    }
}
