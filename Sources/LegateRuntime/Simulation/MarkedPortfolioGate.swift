public import LegateCore
public import LegateEngine
public import LegateModel
public import LegateOrders
public import LegateRisk
internal import OrderedCollections

/// The portfolio gate on the live market: a `PortfolioGate` whose risk model is rebuilt from the engine's marks.
///
/// Marks are journaled events (`markUpdated`), so the market the gate values on is a function of the journal. A
/// mark makes the model stale; the next decision rebuilds it from every mark the state holds (`MarkedMarket`),
/// valued at that decision's time, and rebuilds the gate's exposures on it. Until the marks hold a full market
/// (an index and an option expiry per underlying) the gate values on the model it was made with. A settlement
/// (`instrumentSettled`) drops the instrument from the books, so an expired position no longer fails decisions.
///
/// A rebuild that fails once the gate has valued on marks (the marks no longer hold a full market, or the model
/// refuses the market) keeps the last market it built, which is stale: `lastRefresh` says so with a typed
/// `MarketRefreshFailure`, `refreshFailures` counts them and `lastFailure` keeps the last, for the session to report
/// (`GateMarketHealth` in `SessionResult`). Every decision still names the market it was judged on (`MarketStamp`).
public struct MarkedPortfolioGate: RiskGate {
    /// The model the gate starts from; its margin grid, VaR scenarios and buckets are kept, its market replaced.
    public let template: PortfolioRiskModel
    public let equity: [AccountID: Double]
    /// The margin model each account names (`PortfolioGate.marginModels`).
    public let marginModels: [AccountID: AccountMarginModel]
    /// The venues whose perpetuals take the perpetual's mark.
    public let venues: [Venue]
    private let underlyings: [Underlying]
    private var inner: PortfolioGate
    private var stale = true
    /// Whether the gate has valued on marks yet.
    private var hasRebuilt = false
    /// The market the gate values on now.
    public private(set) var market: LegateRisk.MarketState
    /// What the last rebuild came to; nil before the first decision.
    public private(set) var lastRefresh: MarketRefresh?
    /// Rebuilds that failed, keeping a stale market.
    public private(set) var refreshFailures = 0
    /// The last rebuild that failed, with its typed reason (a later rebuild that succeeds does not clear it).
    public private(set) var lastFailure: MarketRefreshFailure?
    /// The smiles of the last rebuild (which expiries are fitted, which flat and why, which marks were skipped);
    /// an expiry whose marks did not change keeps its fit.
    public private(set) var smileCache = MarkedSmileCache()

    public init(
        template: PortfolioRiskModel,
        equity: [AccountID: Double],
        venues: [Venue],
        marginModels: [AccountID: AccountMarginModel] = [:]
    ) {
        self.template = template
        self.equity = equity
        self.marginModels = marginModels
        self.venues = venues
        underlyings = template.market.underlyings.keys.filter { template.coins.contains($0.base.code) }
        inner = PortfolioGate(model: template, equity: equity, marginModels: marginModels)
        market = template.market
    }

    public mutating func evaluate(_ proposal: [Order], context: borrowing RiskContext) -> RiskDecision {
        if stale { refresh(context.state, context.configuration, at: context.time) }
        return inner.evaluate(proposal, context: context)
    }

    public func unsupportedReason(_ key: LimitKey) -> String? {
        inner.unsupportedReason(key)
    }

    public mutating func observe(_ event: Event, state: EngineState, configuration: EngineConfiguration) {
        if case .markUpdated = event { stale = true }
        inner.observe(event, state: state, configuration: configuration)
    }

    public mutating func rebuild(from state: EngineState, configuration: EngineConfiguration) {
        stale = true
    }

    private mutating func refresh(_ state: EngineState, _ configuration: EngineConfiguration, at time: UnixNanos) {
        stale = false
        let marked = MarkedMarket.build(
            marks: state.marks,
            underlyings: underlyings,
            venues: venues,
            at: time,
            cache: &smileCache
        )
        let (rebuilt, outcome) = inner.remarked(on: marked, at: time, hasRebuilt: hasRebuilt)
        lastRefresh = outcome
        if case .failed(let failure) = outcome {
            refreshFailures += 1
            lastFailure = failure
        }
        if let rebuilt, let marked {
            market = marked
            inner = rebuilt
            hasRebuilt = true
        }
        inner.rebuild(from: state, configuration: configuration)
    }
}
