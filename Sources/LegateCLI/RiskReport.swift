internal import LegateCore
internal import LegateModel
internal import LegateRisk

/// What `legate risk` prints: every figure in USD, Greeks in limit units (delta per 100% move, gamma per 1% move,
/// vega per vol point, theta per day), so a figure and its limit read the same.
struct RiskReport: Encodable {
    struct GreekRow: Encodable {
        let underlying: String
        /// An expiry-bucket label, or "total".
        let bucket: String
        let delta: Double
        let gamma: Double
        let vega: Double
        let theta: Double
        let notional: Double
    }

    /// The scenario a model's requirement comes from: the largest loss over its grid or risk array.
    struct WorstScenario: Encodable {
        let riskUnit: String
        let spotMove: Double
        /// up, same or down.
        let vol: String
        /// An extended (portfolio margin) or extreme (SPAN) move, of which only part of the loss counts.
        let extended: Bool
        /// The loss as the model counts it (after partial coverage), in USD.
        let lossUSD: Double
    }

    /// The position with the largest standard requirement: standard margin has no scenarios, it adds positions up.
    struct LargestPosition: Encodable {
        let account: String
        let instrument: String
        let initialUSD: Double
    }

    /// One margin model over the whole portfolio, in USD.
    struct ModelMargin: Encodable {
        /// The `model` name of the parameters file.
        let model: String
        let initial: Double
        let maintenance: Double
        /// Nil for standard margin, and when no scenario loses.
        let worstScenario: WorstScenario?
        /// Standard margin only.
        let largestPosition: LargestPosition?
    }

    /// Every margin model over the whole portfolio: standard (per position), portfolio (risk matrix, the gate's
    /// mode), SPAN-like, and the house model (the firm as one cross-collateral portfolio).
    struct Margin: Encodable {
        let standard: ModelMargin
        let portfolio: ModelMargin
        let span: ModelMargin
        let house: ModelMargin
    }

    /// One cross-margin view: a venue account, a venue, a collateral currency or a desk.
    struct MarginViewRow: Encodable {
        /// account, venue, currency or desk.
        let scope: String
        /// account@venue, the venue, the currency code or the desk.
        let name: String
        /// The account's desk (account rows only).
        let desk: String?
        /// The account's margin model; "accounts" for a sum of accounts under their own models; "house" for a desk.
        let model: String
        /// What equity and margin are counted in: the account's collateral; USD for venues and desks.
        let currency: String
        let equity: Double
        let initial: Double
        let maintenance: Double
        /// Equity above initial margin.
        let available: Double
        let initialUtilisation: Double?
        let maintenanceUtilisation: Double?
        /// The spot moves (relative, down < 0 < up) at which equity reaches maintenance; nil when the curve never
        /// gets there within its moves.
        let liquidationMoveDown: Double?
        let liquidationMoveUp: Double?
    }

    struct CrossMargin: Encodable {
        /// The moves the liquidation estimate reads (the house grid with vol unchanged): beyond them, nil.
        let lowestMove: Double
        let highestMove: Double
        let views: [MarginViewRow]
    }

    struct Tail: Encodable {
        let valueAtRisk: Double
        let expectedShortfall: Double
        let varConfidence: Double
        let esConfidence: Double
        let scenarios: Int
    }

    struct LimitRow: Encodable {
        let measure: String
        let scope: String
        let severity: String
        /// Nil for a per-order measure (it has no book figure).
        let figure: Double?
        let threshold: Double
        let usedPercent: Double?
    }

    let valuationTime: Int64
    let positions: Int
    let greeks: [GreekRow]
    let margin: Margin
    let crossMargin: CrossMargin
    let tail: Tail
    let limits: [LimitRow]
    var whatIf: RiskWhatIfReport?
}

/// Everything a report is computed from.
struct RiskInputs {
    let modelFile: RiskModelFile
    let model: PortfolioRiskModel
    let portfolio: RiskPortfolioFile
    let limits: RiskLimitsFile
    /// The portfolio file, for errors about its positions.
    let portfolioPath: String

    /// The portfolio's positions as the risk library books them (zero realized P&L: a snapshot has none).
    var positions: [LegateRisk.Position] {
        portfolio.positions.map { entry in
            LegateRisk.Position(
                key: PositionKey(account: entry.account, venue: entry.venue, instrument: entry.instrument),
                quantity: entry.quantity,
                averagePrice: entry.averagePrice,
                realizedPnL: Money(.zero, entry.instrument.settlement.currency)
            )
        }
    }

    /// Loads the model, limits and portfolio and checks that the model can value every position.
    static func load(models: String, limits: String, portfolio: String) throws(RiskInputError) -> RiskInputs {
        let modelFile = try RiskModelFile.load(models: models)
        let limitsFile = try RiskLimitsFile.load(limits, model: modelFile)
        let portfolioFile = try RiskPortfolioFile.load(portfolio)
        try checkMarginModelsAgree(portfolioFile, portfolio, limitsFile, limits)
        let model: PortfolioRiskModel
        do {
            model = try PortfolioRiskModel(
                market: portfolioFile.market,
                marginParameters: modelFile.portfolioParameters,
                coins: modelFile.coins,
                tail: modelFile.tail,
                buckets: modelFile.buckets,
                bucketLabels: modelFile.bucketLabels,
                margins: GateMarginParameters(
                    standard: modelFile.standardParameters,
                    span: modelFile.spanParameters,
                    house: modelFile.houseParameters
                )
            )
        } catch {
            throw RiskInputError(
                file: portfolio,
                path: "market",
                problem: "\(error) (coins of \(models)/risk/gate.json)"
            )
        }
        return RiskInputs(
            modelFile: modelFile,
            model: model,
            portfolio: portfolioFile,
            limits: limitsFile,
            portfolioPath: portfolio
        )
    }

    /// The report margins an account under the model the portfolio file names, the gate under the one the limits
    /// file names: an account both name must get the same, or the report would show one margin and the what-if
    /// decision judge another.
    static func checkMarginModelsAgree(
        _ portfolioFile: RiskPortfolioFile,
        _ portfolio: String,
        _ limitsFile: RiskLimitsFile,
        _ limits: String
    ) throws(RiskInputError) {
        let gateModels = limitsFile.marginModels
        for account in portfolioFile.accounts.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let settings = portfolioFile.accounts[account],
                try settings.json.optional("margin_model") != nil,
                let gateModel = gateModels[account], gateModel.rawValue != settings.marginModel.rawValue
            else { continue }
            throw RiskInputError(
                file: portfolio,
                path: "accounts.\(account).margin_model",
                problem:
                    "\"\(settings.marginModel.rawValue)\" disagrees with \(limits): accounts.\(account).margin_model "
                    + "\"\(gateModel.rawValue)\"; the report and the gate must margin an account alike"
            )
        }
    }
}
