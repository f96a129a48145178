internal import LegateCore
internal import LegateModel

/// The margin model a venue account names in `Config/limits.json` (`accounts.<id>.margin_model`).
public enum AccountMarginModel: String, Sendable, Hashable, CaseIterable {
    /// Per-position venue margin (`StandardMargin`, risk-methodology §1.1–1.2).
    case standard
    /// The risk matrix of the gate's model (`PortfolioMargin`, §1.3).
    case portfolio
    /// SPAN-like (`SpanMargin`, §3).
    case span

    /// What an account that names no model is margined under: a venue opens accounts on standard margin (Deribit's
    /// default is S:SM, risk-methodology §1.2).
    public static let unnamed = AccountMarginModel.standard

    /// Reads a model name as the limits file writes it.
    ///
    /// - Throws: `AccountMarginModelError` naming the account and the value.
    public init(parsing text: String, account: String) throws(AccountMarginModelError) {
        guard let model = AccountMarginModel(rawValue: text) else {
            throw AccountMarginModelError(account: account, value: text)
        }
        self = model
    }
}

/// A margin model name that is not one of `AccountMarginModel`'s.
public struct AccountMarginModelError: Error, Hashable, Sendable, CustomStringConvertible {
    public let account: String
    public let value: String

    public init(account: String, value: String) {
        self.account = account
        self.value = value
    }

    public var description: String {
        let names = AccountMarginModel.allCases.map(\.rawValue).joined(separator: ", ")
        return "accounts.\(account).margin_model: \"\(value)\" is not a margin model (one of \(names))"
    }
}

/// The margin models beside the risk matrix a gate needs to margin accounts under their own models and desks under
/// the house model (parameters from `Models/margin/`, each `validate()`d by whoever decodes it).
public struct GateMarginParameters: Sendable {
    public let standard: StandardMarginParameters
    public let span: SpanParameters
    /// The house model: one portfolio margin across every account of a desk (`Models/margin/house.json`).
    public let house: PortfolioMarginParameters

    public init(standard: StandardMarginParameters, span: SpanParameters, house: PortfolioMarginParameters) {
        self.standard = standard
        self.span = span
        self.house = house
    }
}

/// `GateMarginParameters` laid out for the model's coins: the house grid and the SPAN scenarios.
public struct GateMarginModels: Sendable {
    public let parameters: GateMarginParameters
    public let houseGrid: MarginGrid
    public let spanScenarios: ScenarioSet

    /// - Throws: `GateError.model` when a model has no parameters for one of `coins`.
    init(_ parameters: GateMarginParameters, coins: [String]) throws(GateError) {
        self.parameters = parameters
        do {
            houseGrid = try MarginGrid(parameters: parameters.house, coins: coins)
        } catch {
            throw .model("house margin grid: \(error)")
        }
        do {
            spanScenarios = try SpanMargin.scenarios(parameters.span, coins: coins)
        } catch {
            throw .model("SPAN scenarios: \(error)")
        }
    }
}

/// Which model a scope book's margin is computed under.
public enum ScopeMarginBasis: Sendable, Hashable {
    /// The gate model's risk matrix (`PortfolioRiskModel.marginParameters`): every scope of a gate without
    /// `GateMarginModels`, and accounts on `portfolio`.
    case riskMatrix
    /// The house model over the scope's positions as one portfolio: desks and the firm.
    case house
    case span
    case standard

    /// An account's basis.
    public init(_ model: AccountMarginModel) {
        switch model {
        case .standard: self = .standard
        case .portfolio: self = .riskMatrix
        case .span: self = .span
        }
    }
}

/// The standard initial margin of one instrument as a function of the signed contracts held, in USD.
///
/// Per side the requirement is `linear·|q| + quadratic·q²`: options (§1.1) are linear in size and need nothing long;
/// futures and perpetuals (§1.2) charge `(base + |coins|·perCoin)·|coins|`. The coefficients are read off
/// `StandardMargin` at one and two contracts, so the gate restates none of its formulas and a book's requirement
/// changes by `initial(q + Δq) − initial(q)` per leg.
public struct StandardUnitMargin: Sendable, Hashable {
    let longLinear: Double
    let longQuadratic: Double
    let shortLinear: Double
    let shortQuadratic: Double
    /// Why the model cannot margin the instrument (no rule for the product), or nil.
    public let problem: String?

    /// Nothing to margin (spot), or a gate without standard parameters.
    static let none = StandardUnitMargin(at: (0, 0), (0, 0))

    /// From the requirements at ±1 and ±2 contracts: `(long, short)` pairs.
    init(at one: (long: Double, short: Double), _ two: (long: Double, short: Double)) {
        longQuadratic = (two.long - 2 * one.long) / 2
        longLinear = one.long - longQuadratic
        shortQuadratic = (two.short - 2 * one.short) / 2
        shortLinear = one.short - shortQuadratic
        problem = nil
    }

    init(problem: String) {
        longLinear = 0
        longQuadratic = 0
        shortLinear = 0
        shortQuadratic = 0
        self.problem = problem
    }

    /// USD initial margin of `quantity` contracts (signed).
    public func initial(_ quantity: Double) -> Double {
        quantity >= 0
            ? longLinear * quantity + longQuadratic * quantity * quantity
            : shortLinear * -quantity + shortQuadratic * quantity * quantity
    }
}

extension PortfolioRiskModel {
    /// The standard margin of one contract of `instrument` as a function of size, in USD (coin requirements at the
    /// index, as the cross-margin views convert them).
    func standardUnit(of instrument: Instrument, venue: Venue, slot: Int) -> StandardUnitMargin {
        guard let margins else { return .none }
        let key = PositionKey(account: Self.unitAccount, venue: venue, instrument: instrument)
        let usdPerUnit = instrument.settlement.isInverse ? indexPrices[slot] : 1
        func initial(_ contracts: Int64) throws(MarginError) -> Double {
            let position = Position(
                key: key,
                quantity: Quantity(FixedDecimal(contracts)),
                averagePrice: .zero,
                realizedPnL: Money(.zero, instrument.settlement.currency)
            )
            return try StandardMargin.requirement(position, market: market, parameters: margins.parameters.standard)
                .initial * usdPerUnit
        }
        do {
            return StandardUnitMargin(at: (try initial(1), try initial(-1)), (try initial(2), try initial(-2)))
        } catch {
            return StandardUnitMargin(problem: "\(error)")
        }
    }

    /// House-model initial margin of one underlying's vector over the house grid, in USD.
    ///
    /// - Throws: `GateError.model` without house parameters or when the vector does not fit the grid (a bug).
    public func houseSlotMargin(_ grid: ScenarioVector, deltas: [ExpiryDelta], slot: Int) throws(GateError) -> Double {
        guard let margins else { throw .model("the gate has no house margin model") }
        do {
            return try PortfolioMargin.evaluate(
                grid,
                grid: margins.houseGrid,
                slot: slot,
                numeraire: .usd,
                exposure: RiskUnitExposure(index: indexPrices[slot], deltaByExpiry: deltas),
                mmFactor: margins.parameters.house.mmFactor
            ).requirement.initial
        } catch {
            throw .model("house margin of \(coins[slot]): \(error)")
        }
    }

    /// SPAN-like requirement of one underlying's risk array, in USD.
    ///
    /// - Throws: `GateError.model` without SPAN parameters or when the array does not fit them (a bug).
    public func spanSlotMargin(
        _ riskArray: ScenarioVector,
        deltas: [ExpiryDelta],
        shortOptionCoins: Double,
        slot: Int
    ) throws(GateError) -> Double {
        guard let margins else { throw .model("the gate has no SPAN margin model") }
        do {
            return try SpanMargin.requirement(
                riskArray: riskArray,
                coin: coins[slot],
                exposure: RiskUnitExposure(index: indexPrices[slot], deltaByExpiry: deltas),
                shortOptionCoins: shortOptionCoins,
                parameters: margins.parameters.span
            ).requirement
        } catch {
            throw .model("SPAN margin of \(coins[slot]): \(error)")
        }
    }
}
