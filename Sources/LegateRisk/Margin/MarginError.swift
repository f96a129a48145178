import LegateCore

/// Why margin parameters were refused or a requirement could not be computed.
///
/// Parameter errors name the field by its path in the JSON file (`underlyings.BTC.priceRange`), so a bad
/// `Models/margin/*.json` is found from the message alone.
public enum MarginError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter is not finite or outside its domain.
    case invalidParameter(field: String, value: Double, reason: String)
    /// A parameter list or table is malformed (empty, unsorted, duplicate, wrong length).
    case invalidTable(field: String, reason: String)
    /// The model has no parameters for this underlying coin.
    case missingUnderlying(String, model: String)
    /// The standard model has no rule for this delta-one product.
    case missingDeltaOneRule(base: String, settlement: Numeraire, kind: String)
    /// The vector, grid or exposures do not fit together.
    case shapeMismatch(String)
    /// Revaluing the scenarios failed.
    case scenario(ScenarioError)
    /// Valuing the positions failed.
    case book(BookError)
    /// The market could not value a position.
    case market(MarketDataError)
    /// No USD price for a collateral currency, so a view across currencies cannot be summed.
    case missingConversion(currency: String)

    public var description: String {
        switch self {
        case .invalidParameter(let field, let value, let reason): "margin parameter \(field) = \(value): \(reason)"
        case .invalidTable(let field, let reason): "margin parameter \(field): \(reason)"
        case .missingUnderlying(let asset, let model): "\(model) has no parameters for \(asset)"
        case .missingDeltaOneRule(let base, let settlement, let kind):
            "standard margin has no rule for \(base) \(settlement)-settled \(kind)"
        case .shapeMismatch(let what): "margin inputs do not fit: \(what)"
        case .scenario(let error): error.description
        case .book(let error): error.description
        case .market(let error): error.description
        case .missingConversion(let currency): "no USD price for \(currency) to sum margin across currencies"
        }
    }
}

/// Small checks shared by the parameter validators.
enum ParameterCheck {
    static func finite(_ value: Double, _ field: String) throws(MarginError) {
        guard value.isFinite else { throw .invalidParameter(field: field, value: value, reason: "must be finite") }
    }

    static func nonNegative(_ value: Double, _ field: String) throws(MarginError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidParameter(field: field, value: value, reason: "must be finite and ≥ 0")
        }
    }

    static func positive(_ value: Double, _ field: String) throws(MarginError) {
        guard value.isFinite, value > 0 else {
            throw .invalidParameter(field: field, value: value, reason: "must be finite and > 0")
        }
    }

    static func fraction(_ value: Double, _ field: String) throws(MarginError) {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw .invalidParameter(field: field, value: value, reason: "must be in [0, 1]")
        }
    }

    static func asset(_ code: String, _ field: String) throws(MarginError) -> Asset {
        do {
            return try Asset(code)
        } catch {
            throw .invalidTable(field: field, reason: error.description)
        }
    }
}
