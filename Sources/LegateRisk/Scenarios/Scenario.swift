/// One market scenario: a relative spot move and a vol shift per underlying, and a step of calendar time.
///
/// The spot move m gives `S' = S·(1+m)` and moves every forward of that underlying by the same factor (the basis is
/// held in relative terms). The vol shift is read by the set's `VolShockRule` (absolute vol points, relative, or
/// relative with vega-power time scaling). Time passes by `timeStepYears` for every option; an option whose expiry
/// falls inside the step is worth its intrinsic value on the shocked forward.
public struct Scenario: Sendable, Hashable {
    /// Relative spot move per underlying; each must be > −1.
    public var spotMoves: [Double]
    /// Vol shift per underlying, in the units of the set's `VolShockRule`.
    public var volShifts: [Double]
    /// Calendar time that passes, in years (≥ 0).
    public var timeStepYears: Double

    public init(spotMoves: [Double], volShifts: [Double], timeStepYears: Double = 0) {
        self.spotMoves = spotMoves
        self.volShifts = volShifts
        self.timeStepYears = timeStepYears
    }

    /// The same move and shift for each of `underlyingCount` underlyings (a margin grid applies one move to every
    /// risk unit, each of which holds one underlying).
    public static func uniform(
        underlyingCount: Int,
        spotMove: Double,
        volShift: Double,
        timeStepYears: Double = 0
    ) -> Scenario {
        Scenario(
            spotMoves: Array(repeating: spotMove, count: underlyingCount),
            volShifts: Array(repeating: volShift, count: underlyingCount),
            timeStepYears: timeStepYears
        )
    }
}

/// How a scenario's vol shift turns an option's vol σ into the shocked vol σ'.
///
/// Whatever the rule, σ' is floored at `min(ScenarioSet.volFloor, σ)`, so a zero shift returns σ exactly and a
/// large down shock cannot give a zero or negative vol.
public enum VolShockRule: Sendable, Hashable {
    /// `σ' = σ + shift` (vol points as a fraction: 0.05 = +5 vol points).
    case absolute
    /// `σ' = σ·(1 + shift)`.
    case relative
    /// Relative with time scaling: `σ' = σ + base·shift·(pivot/max(minimumDays, DTE))^p`, where `p` is the short-term
    /// power below the pivot and the long-term power from it, and `base = max(σ, minimumVolForShockUp)` for an up
    /// shift and `σ` for a down shift. Deribit's risk matrix (risk-methodology §1.3 item 3).
    case vegaPower(VegaPowerScaling)
}

/// The parameters of vega-power time scaling (Deribit `short_term_vega_power`, `long_term_vega_power`,
/// `min_volatility_for_shock_up`; Paradex's DTE floor).
public struct VegaPowerScaling: Sendable, Hashable, Codable {
    /// Power for days to expiry below `pivotDays`.
    public var shortTermPower: Double
    /// Power from `pivotDays` on.
    public var longTermPower: Double
    /// Days to expiry at which the scale is 1 (30 on Deribit).
    public var pivotDays: Double
    /// Floor on days to expiry, so that an expiring option's scale stays finite.
    public var minimumDays: Double
    /// The vol an up shock is proportional to at least: `base = max(σ, minimumVolForShockUp)`.
    public var minimumVolForShockUp: Double

    public init(
        shortTermPower: Double,
        longTermPower: Double,
        pivotDays: Double,
        minimumDays: Double,
        minimumVolForShockUp: Double
    ) {
        self.shortTermPower = shortTermPower
        self.longTermPower = longTermPower
        self.pivotDays = pivotDays
        self.minimumDays = minimumDays
        self.minimumVolForShockUp = minimumVolForShockUp
    }

    /// Checks every field.
    ///
    /// - Throws: `ScenarioError.invalidVolShock` naming the first bad field.
    public func validate() throws(ScenarioError) {
        let fields: [(String, Double, Bool)] = [
            ("shortTermPower", shortTermPower, shortTermPower >= 0),
            ("longTermPower", longTermPower, longTermPower >= 0),
            ("pivotDays", pivotDays, pivotDays > 0),
            ("minimumDays", minimumDays, minimumDays > 0),
            ("minimumVolForShockUp", minimumVolForShockUp, minimumVolForShockUp >= 0),
        ]
        for (field, value, ok) in fields where !(ok && value.isFinite) {
            throw .invalidVolShock(field: field, value: value, reason: "must be finite and in its domain")
        }
    }
}
