public import LegateCore
public import LegateModel
internal import OrderedCollections

/// What the gate values on: one market state, the portfolio-margin grid, the VaR scenario set and the expiry
/// buckets, with the underlyings in one order (slot `i` of the grid is slot `i` of the VaR scenarios).
///
/// Every figure the gate produces is in USD, so one threshold means the same for every underlying. A unit profile
/// (`profile(of:venue:workspace:)`) costs one revaluation per scenario; the gate computes it once per instrument
/// and market state and scales it by quantities.
public struct PortfolioRiskModel: Sendable {
    public var market: MarketState { storage.market }
    public var marginParameters: PortfolioMarginParameters { storage.marginParameters }
    public var grid: MarginGrid { storage.grid }
    public var tail: VaRScenarioSet { storage.tail }
    public var buckets: ExpiryBuckets { storage.buckets }
    /// One label per expiry bucket, as limits name them (`LimitScope.expiryBucket`).
    public var bucketLabels: [String] { storage.bucketLabels }
    /// Base asset codes in slot order.
    public var coins: [String] { storage.coins }
    /// Index price per slot, as the scenario books need them.
    public var indexPrices: [Double] { storage.indexPrices }
    /// Standard, SPAN and house margin, for accounts margined under their own models and desks under the house
    /// model; nil margins every scope on the risk matrix.
    public var margins: GateMarginModels? { storage.margins }

    /// Everything the model holds, behind one reference: the model is immutable, and a decision passes it (or a gate
    /// holding it) around several times, where a copy of the fields themselves moved some 750 bytes and retained
    /// every array and string in them each time. Copying the model retains this one object.
    private let storage: Storage

    private final class Storage: Sendable {
        let market: MarketState
        let marginParameters: PortfolioMarginParameters
        let grid: MarginGrid
        let tail: VaRScenarioSet
        let buckets: ExpiryBuckets
        let bucketLabels: [String]
        let coins: [String]
        let indexPrices: [Double]
        let margins: GateMarginModels?

        init(
            market: MarketState,
            marginParameters: PortfolioMarginParameters,
            grid: MarginGrid,
            tail: VaRScenarioSet,
            buckets: ExpiryBuckets,
            bucketLabels: [String],
            coins: [String],
            indexPrices: [Double],
            margins: GateMarginModels?
        ) {
            self.market = market
            self.marginParameters = marginParameters
            self.grid = grid
            self.tail = tail
            self.buckets = buckets
            self.bucketLabels = bucketLabels
            self.coins = coins
            self.indexPrices = indexPrices
            self.margins = margins
        }
    }

    /// - Throws: `GateError.model` when the pieces do not fit together (slot counts, labels, missing indices).
    public init(
        market: MarketState,
        marginParameters: PortfolioMarginParameters,
        coins: [String],
        tail: VaRScenarioSet,
        buckets: ExpiryBuckets,
        bucketLabels: [String],
        margins: GateMarginParameters? = nil
    ) throws(GateError) {
        guard !coins.isEmpty, Set(coins).count == coins.count else {
            throw .model("the coins \(coins) must be distinct and not empty")
        }
        guard tail.scenarios.underlyingCount == coins.count else {
            throw .model(
                "the VaR scenarios move \(tail.scenarios.underlyingCount) underlyings; the gate has \(coins.count)"
            )
        }
        guard bucketLabels.count == buckets.count, Set(bucketLabels).count == bucketLabels.count else {
            throw .model("\(bucketLabels.count) distinct bucket labels are needed for \(buckets.count) expiry buckets")
        }
        let grid: MarginGrid
        do {
            grid = try MarginGrid(parameters: marginParameters, coins: coins)
        } catch {
            throw .model("portfolio-margin grid: \(error)")
        }
        var prices: [Double] = []
        for coin in coins {
            guard let underlying = market.underlyings.keys.first(where: { $0.base.code == coin }),
                let index = market.underlyings[underlying]?.index
            else { throw .model("the market has no index for \(coin)") }
            prices.append(index)
        }
        var marginModels: GateMarginModels?
        if let margins { marginModels = try GateMarginModels(margins, coins: coins) }
        storage = Storage(
            market: market,
            marginParameters: marginParameters,
            grid: grid,
            tail: tail,
            buckets: buckets,
            bucketLabels: bucketLabels,
            coins: coins,
            indexPrices: prices,
            margins: marginModels
        )
    }

    /// The same model on another market state: grids, VaR scenarios, buckets and margin models kept.
    ///
    /// - Throws: `GateError.model` when the market lacks an index for one of the coins.
    public func revalued(on market: MarketState) throws(GateError) -> PortfolioRiskModel {
        try PortfolioRiskModel(
            market: market,
            marginParameters: marginParameters,
            coins: coins,
            tail: tail,
            buckets: buckets,
            bucketLabels: bucketLabels,
            margins: margins?.parameters
        )
    }

    /// The slot of an underlying's base asset, or nil when the gate does not cover it.
    public func slot(of base: Asset) -> Int? {
        coins.firstIndex(of: base.code)
    }

    /// The bucket of a label, or nil for an unknown label.
    public func bucket(labelled label: String) -> Int? {
        bucketLabels.firstIndex(of: label)
    }

    /// The risk of one contract of `instrument` on `venue`: Greeks in USD, its expiry bucket and delta, and its P&L
    /// over the margin grid and the VaR scenarios.
    ///
    /// - Throws: `GateError.unvalued` naming the instrument and what the market lacks.
    public func profile(
        of instrument: Instrument,
        venue: Venue,
        workspace: inout ScenarioRevaluation
    ) throws(GateError) -> InstrumentRiskProfile {
        guard let slot = slot(of: instrument.underlying.base) else {
            throw .unvalued(instrument, reason: "the gate's risk model does not cover \(instrument.underlying.base)")
        }
        let key = PositionKey(account: Self.unitAccount, venue: venue, instrument: instrument)
        let currency = instrument.settlement.currency
        let unit = Position(
            key: key,
            quantity: Quantity(FixedDecimal(1)),
            averagePrice: .zero,
            realizedPnL: Money(.zero, currency)
        )
        let risk: PositionRisk
        let quote: InstrumentMarket
        do {
            risk = try PositionRisk(unit, market: market)
            quote = try market.market(for: instrument, venue: venue)
        } catch {
            throw .unvalued(instrument, reason: "\(error)")
        }
        let row = ScenarioPosition(unit, quote: quote, underlying: slot, group: 0)
        let gridVector = try vector(of: row, under: grid.scenarios, workspace: &workspace, instrument: instrument)
        let tailVector = try vector(of: row, under: tail.scenarios, workspace: &workspace, instrument: instrument)
        var house: ScenarioVector?
        var span: ScenarioVector?
        if let margins {
            house = try vector(
                of: row,
                under: margins.houseGrid.scenarios,
                workspace: &workspace,
                instrument: instrument
            )
            span = try vector(of: row, under: margins.spanScenarios, workspace: &workspace, instrument: instrument)
        }
        let bucket = buckets.bucket(days: risk.expiryYears * 365.25)
        return InstrumentRiskProfile(
            instrument: instrument,
            slot: slot,
            usd: risk.usd,
            expiryDelta: ExpiryDelta(
                expiry: risk.expiry,
                expiryYears: risk.expiryYears,
                coin: risk.coin.delta,
                usd: risk.usd.delta
            ),
            bucket: bucket,
            grid: gridVector,
            tail: tailVector,
            house: house,
            span: span,
            standard: standardUnit(of: instrument, venue: venue, slot: slot),
            optionCoins: instrument.kind == .option ? risk.coinQuantity : 0
        )
    }

    private func vector(
        of row: ScenarioPosition,
        under scenarios: ScenarioSet,
        workspace: inout ScenarioRevaluation,
        instrument: Instrument
    ) throws(GateError) -> ScenarioVector {
        var book = ScenarioBook(indexPrices: indexPrices, groupCount: 1)
        var output = PositionScenarioPnL(positionCount: 1, scenarioCount: scenarios.count)
        do {
            _ = try book.append(row)
            try workspace.revaluePositions(book, under: scenarios, into: &output)
        } catch {
            throw .unvalued(instrument, reason: "revaluation: \(error)")
        }
        return output.vector(position: 0, in: .usd)
    }

    /// The account unit profiles are computed under (profiles do not depend on who holds the position).
    static let unitAccount = AccountID(known: "unit")
}

/// The risk of one contract of an instrument on one market state, in USD: what the gate scales by quantities.
public struct InstrumentRiskProfile: Sendable {
    public let instrument: Instrument
    /// The underlying's slot in the model.
    public let slot: Int
    public let usd: GreekTotals
    public let expiryDelta: ExpiryDelta
    /// The expiry bucket (`PortfolioRiskModel.buckets`).
    public let bucket: Int
    /// P&L over the margin grid.
    public let grid: ScenarioVector
    /// P&L over the VaR scenarios.
    public let tail: ScenarioVector
    /// P&L over the house grid and the SPAN scenarios; nil when the model has no `GateMarginModels`.
    public let house: ScenarioVector?
    public let span: ScenarioVector?
    /// Standard initial margin by size.
    public let standard: StandardUnitMargin
    /// Coins of option per contract (0 for other kinds): what a short counts toward SPAN's short option minimum.
    public let optionCoins: Double
}

/// Why the gate cannot judge.
public enum GateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The model's pieces do not fit together.
    case model(String)
    /// The market cannot value an instrument the decision needs.
    case unvalued(Instrument, reason: String)

    public var description: String {
        switch self {
        case .model(let reason): "risk model: \(reason)"
        case .unvalued(let instrument, let reason): "cannot value \(instrument): \(reason)"
        }
    }
}
