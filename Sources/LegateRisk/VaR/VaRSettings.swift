/// The settings of the VaR and ES models, decoded from `Models/var/settings.json`.
///
/// The values live in that file, never in code (DESIGN.md: parameters live in `Models/`); this type only gives
/// them names, types and checks. `Models/README.md` documents every field and the reason for its value.
public struct VaRSettings: Sendable, Hashable, Codable {
    /// Horizon in days; shocks scale with `√(horizonDays/daysPerYear)`.
    public var horizonDays: Double
    /// Days per year for annualised vols (365: crypto trades every day, risk-methodology §4.7).
    public var daysPerYear: Double
    /// VaR confidence α (0.99 by the file).
    public var varConfidence: Double
    /// ES confidence (0.975 by the file, FRTB §4.5).
    public var esConfidence: Double
    /// The lowest vol a vol shock can leave (an option already below keeps its own vol as the floor).
    public var volFloor: Double
    public var monteCarlo: MonteCarloSettings
    public var historical: HistoricalSettings
    /// What to do with a factor correlation matrix that is not positive definite.
    public var correlationRepair: CorrelationRepairPolicy
    /// Scenarios in the fixed VaR scenario set the gate's incremental P&L vectors run over (≥ 1,000).
    public var gateScenarioCount: Int

    public init(
        horizonDays: Double,
        daysPerYear: Double,
        varConfidence: Double,
        esConfidence: Double,
        volFloor: Double,
        monteCarlo: MonteCarloSettings,
        historical: HistoricalSettings,
        correlationRepair: CorrelationRepairPolicy,
        gateScenarioCount: Int
    ) {
        self.horizonDays = horizonDays
        self.daysPerYear = daysPerYear
        self.varConfidence = varConfidence
        self.esConfidence = esConfidence
        self.volFloor = volFloor
        self.monteCarlo = monteCarlo
        self.historical = historical
        self.correlationRepair = correlationRepair
        self.gateScenarioCount = gateScenarioCount
    }

    /// The smallest VaR scenario set the gate accepts: at 1,000 scenarios the 99 % VaR is the 10th worst loss and the
    /// 97.5 % ES averages 25, enough that one scenario does not decide a limit.
    public static let minimumGateScenarioCount = 1_000

    /// The horizon in years.
    public var horizonYears: Double { horizonDays / daysPerYear }

    /// Checks every field.
    ///
    /// - Throws: `VaRError.confidenceOutOfRange`, `.valueNotPositive`, `.countNotPositive` or `.seriesTooShort`
    ///   naming the field.
    public func validate() throws(VaRError) {
        try validateConfidence(varConfidence, what: "varConfidence")
        try validateConfidence(esConfidence, what: "esConfidence")
        for (name, value) in [("horizonDays", horizonDays), ("daysPerYear", daysPerYear), ("volFloor", volFloor)]
        where !(value > 0 && value.isFinite) {
            throw .valueNotPositive(what: name, value: value)
        }
        try monteCarlo.validate()
        guard gateScenarioCount >= Self.minimumGateScenarioCount else {
            throw .seriesTooShort(
                what: "gateScenarioCount",
                count: gateScenarioCount,
                minimum: Self.minimumGateScenarioCount
            )
        }
    }
}

/// How spot factors turn into price moves.
public enum SpotShockModel: String, Sendable, Hashable, Codable {
    /// `S′ = S·exp(x − ½s²)`: log-normal and driftless, prices stay positive (full-revaluation default).
    case logNormal
    /// `S′ = S·(1 + x)`: normal returns, the model under which a linear book's VaR is the delta-normal closed form.
    case normal
}

/// Monte Carlo settings.
public struct MonteCarloSettings: Sendable, Hashable, Codable {
    public var pathCount: Int
    public var seed: UInt64
    public var spotShocks: SpotShockModel
    /// Whether options age by the horizon in each path (theta in the P&L) or are shocked instantaneously.
    public var ageOverHorizon: Bool

    public init(pathCount: Int, seed: UInt64, spotShocks: SpotShockModel, ageOverHorizon: Bool) {
        self.pathCount = pathCount
        self.seed = seed
        self.spotShocks = spotShocks
        self.ageOverHorizon = ageOverHorizon
    }

    public func validate() throws(VaRError) {
        guard pathCount > 0 else { throw .countNotPositive(what: "monteCarlo.pathCount", value: pathCount) }
    }
}

/// Historical-simulation settings.
public struct HistoricalSettings: Sendable, Hashable, Codable {
    /// The return series, relative to `Models/` (`returns/btc-usd-daily.csv`).
    public var returnSeries: String
    /// How implied vols respond to each historical spot move.
    public var volDynamics: HistoricalVolDynamics

    public init(returnSeries: String, volDynamics: HistoricalVolDynamics) {
        self.returnSeries = returnSeries
        self.volDynamics = volDynamics
    }
}

/// How implied vols move in a historical scenario (the series holds spot returns only).
public enum HistoricalVolDynamics: String, Sendable, Hashable, Codable {
    /// Every option keeps its implied vol: `σ′(K) = σ(K)`.
    case stickyStrike
    /// The smile travels with spot: `σ′(K) = σ(K·S/S′) ≈ σ(K) − skew·ln(1 + r)`, to first order in the move, with the
    /// caller's ATM skew `∂σ/∂ln K` per underlying (read off the surface). One vol shift per underlying, so the
    /// scenarios stay vectors the gate can add.
    case stickyMoneyness
}
