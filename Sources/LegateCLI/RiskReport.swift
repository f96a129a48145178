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

    struct WorstScenario: Encodable {
        let riskUnit: String
        let spotMove: Double
        let vol: String
        let lossUSD: Double
    }

    struct Margin: Encodable {
        let standardInitial: Double
        let standardMaintenance: Double
        let portfolioModel: String
        let portfolioInitial: Double
        let portfolioMaintenance: Double
        let worstScenario: WorstScenario?
    }

    struct AccountRow: Encodable {
        let account: String
        let desk: String?
        let equity: Double
        let standardInitial: Double
        let portfolioInitial: Double
        let portfolioMaintenance: Double
        let initialUtilisation: Double?
        let maintenanceUtilisation: Double?
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
    let accounts: [AccountRow]
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
        let model: PortfolioRiskModel
        do {
            model = try PortfolioRiskModel(
                market: portfolioFile.market,
                marginParameters: modelFile.portfolioParameters,
                coins: modelFile.coins,
                tail: modelFile.tail,
                buckets: modelFile.buckets,
                bucketLabels: modelFile.bucketLabels
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
}
