/// The shape of a package: which legs it has and how they relate (STYLE §3.6: *strategy* = the package's shape).
///
/// Each shape has one canonical leg layout, written as the package is when **bought**; selling the package reverses
/// every leg. One layout per shape keeps equal packages equal (`Hashable`) and lets validation name the leg that is
/// wrong. The layouts, leg by leg (K = strike, T = expiry):
///
/// | shape | legs as bought | relations |
/// |---|---|---|
/// | straddle | +1 call K, +1 put K | one expiry, one strike |
/// | strangle | +1 put K1, +1 call K2 | one expiry, K1 < K2 |
/// | vertical | +1 K1, −1 K2 (one right) | one expiry, K1 < K2; bought = bull, sold = bear |
/// | butterfly | +1 K1, −2 K2, +1 K3 (one right) | one expiry, K1 < K2 < K3, equal wings unless allowed |
/// | ironCondor | +1 put K1, −1 put K2, −1 call K3, +1 call K4 | one expiry, K1 < K2 < K3 < K4, equal wings |
/// | ironButterfly | +1 put K1, −1 put K2, −1 call K2, +1 call K3 | one expiry, K1 < K2 < K3, equal wings |
/// | calendar | −1 near, +1 far (one right) | one strike, T near < T far |
/// | diagonal | −1 near, +1 far (one right) | different strikes, T near < T far |
/// | riskReversal | −1 put K1, +1 call K2 | one expiry, K1 < K2; bought = bullish |
/// | ratioSpread | +a nearer the money, −b further out (one right) | one expiry, a ≠ b; sold = backspread |
/// | box | +1 call K1, −1 put K1, −1 call K2, +1 put K2 | one expiry, K1 < K2 |
/// | custom | any legs (options, futures, perpetuals, spot) | the generic rules only |
///
/// Butterfly, iron butterfly and iron condor are all "wings bought, body sold" when bought, so buying any of them is
/// the same short-volatility payoff; the iron versions are then a credit (a negative net price).
public enum StrategyShape: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case straddle
    case strangle
    case vertical
    case butterfly
    case ironCondor
    case ironButterfly
    case calendar
    case diagonal
    case riskReversal
    case ratioSpread
    case box
    case custom

    /// Whether every leg must be an option (all shapes but `custom`).
    public var requiresOptions: Bool { self != .custom }

    /// The number of legs the shape has, or nil for `custom` (2…`StrategyPackage.maximumLegs`).
    public var legCount: Int? {
        switch self {
        case .straddle, .strangle, .vertical, .calendar, .diagonal, .riskReversal, .ratioSpread: 2
        case .butterfly: 3
        case .ironCondor, .ironButterfly, .box: 4
        case .custom: nil
        }
    }

    /// Whether the shape has wings whose widths the `WingPolicy` governs.
    public var hasWings: Bool {
        switch self {
        case .butterfly, .ironCondor, .ironButterfly: true
        default: false
        }
    }

    /// The name a trader reads in an error or a blotter ("iron condor").
    public var description: String {
        switch self {
        case .straddle: "straddle"
        case .strangle: "strangle"
        case .vertical: "vertical"
        case .butterfly: "butterfly"
        case .ironCondor: "iron condor"
        case .ironButterfly: "iron butterfly"
        case .calendar: "calendar"
        case .diagonal: "diagonal"
        case .riskReversal: "risk reversal"
        case .ratioSpread: "ratio spread"
        case .box: "box"
        case .custom: "custom package"
        }
    }
}
