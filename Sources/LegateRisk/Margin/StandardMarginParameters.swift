/// Coefficients of the standard (per-position) margin of short options, as fractions of the underlying price.
///
/// Deribit's form (risk-methodology §1.1), per coin of notional, with `mark` the option's price in coin, `U` the
/// underlying price and `OTM` the out-of-the-money amount in USD:
/// short call IM `max(shortInitialBase − OTM/U, shortInitialMinimum) + mark`, MM `shortCallMaintenance + mark`;
/// short put IM `max(max(shortInitialBase − OTM/U, shortInitialMinimum) + mark, MM)`,
/// MM `max(shortPutMaintenanceMinimum, shortPutMaintenanceMarkFactor·mark) + mark`. Long options need no margin
/// beyond their premium.
public struct OptionMarginCoefficients: Sendable, Hashable, Codable {
    public var shortInitialBase: Double
    public var shortInitialMinimum: Double
    public var shortCallMaintenance: Double
    public var shortPutMaintenanceMinimum: Double
    public var shortPutMaintenanceMarkFactor: Double

    public init(
        shortInitialBase: Double,
        shortInitialMinimum: Double,
        shortCallMaintenance: Double,
        shortPutMaintenanceMinimum: Double,
        shortPutMaintenanceMarkFactor: Double
    ) {
        self.shortInitialBase = shortInitialBase
        self.shortInitialMinimum = shortInitialMinimum
        self.shortCallMaintenance = shortCallMaintenance
        self.shortPutMaintenanceMinimum = shortPutMaintenanceMinimum
        self.shortPutMaintenanceMarkFactor = shortPutMaintenanceMarkFactor
    }

    func validate(_ path: String) throws(MarginError) {
        try ParameterCheck.fraction(shortInitialBase, "\(path).shortInitialBase")
        try ParameterCheck.fraction(shortInitialMinimum, "\(path).shortInitialMinimum")
        try ParameterCheck.fraction(shortCallMaintenance, "\(path).shortCallMaintenance")
        try ParameterCheck.fraction(shortPutMaintenanceMinimum, "\(path).shortPutMaintenanceMinimum")
        try ParameterCheck.fraction(shortPutMaintenanceMarkFactor, "\(path).shortPutMaintenanceMarkFactor")
    }
}

/// Which delta-one product a standard margin rule covers.
public enum DeltaOneKind: String, Sendable, Hashable, Codable, CaseIterable {
    case future
    case perpetual
}

/// The size-scaled margin rate of one delta-one product: `rate = base + |size in coins|·perCoin`, and
/// `margin = rate·|size in coins|` in coin (coin-settled) or `·index` in USD (USD-settled) (risk-methodology §1.2).
public struct DeltaOneMarginRule: Sendable, Hashable, Codable {
    /// The underlying coin code (`BTC`).
    public var base: String
    public var settlement: Numeraire
    public var kind: DeltaOneKind
    public var initialBase: Double
    public var initialPerCoin: Double
    public var maintenanceBase: Double
    public var maintenancePerCoin: Double

    public init(
        base: String,
        settlement: Numeraire,
        kind: DeltaOneKind,
        initialBase: Double,
        initialPerCoin: Double,
        maintenanceBase: Double,
        maintenancePerCoin: Double
    ) {
        self.base = base
        self.settlement = settlement
        self.kind = kind
        self.initialBase = initialBase
        self.initialPerCoin = initialPerCoin
        self.maintenanceBase = maintenanceBase
        self.maintenancePerCoin = maintenancePerCoin
    }

    /// The initial and maintenance rates for a position of `coins` (either sign).
    public func rates(coins: Double) -> (initial: Double, maintenance: Double) {
        let size = abs(coins)
        return (initialBase + size * initialPerCoin, maintenanceBase + size * maintenancePerCoin)
    }
}

/// Parameters of the standard margin model (`Models/margin/deribit-standard.json`).
public struct StandardMarginParameters: Sendable, Hashable, Codable {
    /// The model's name, as accounts name it in `Config/`.
    public var model: String
    /// Options that settle in coin (inverse, Deribit BTC/ETH options).
    public var coinOptions: OptionMarginCoefficients
    /// Options that settle in USD stablecoins (linear), with the same form in coin-equivalent terms.
    public var usdOptions: OptionMarginCoefficients
    public var deltaOne: [DeltaOneMarginRule]

    public init(
        model: String,
        coinOptions: OptionMarginCoefficients,
        usdOptions: OptionMarginCoefficients,
        deltaOne: [DeltaOneMarginRule]
    ) {
        self.model = model
        self.coinOptions = coinOptions
        self.usdOptions = usdOptions
        self.deltaOne = deltaOne
    }

    /// Checks every coefficient and that no product has two rules.
    ///
    /// - Throws: `MarginError.invalidParameter` or `.invalidTable` naming the field.
    public func validate() throws(MarginError) {
        try coinOptions.validate("coinOptions")
        try usdOptions.validate("usdOptions")
        var seen: Set<String> = []
        for (index, rule) in deltaOne.enumerated() {
            let path = "deltaOne[\(index)]"
            _ = try ParameterCheck.asset(rule.base, "\(path).base")
            try ParameterCheck.fraction(rule.initialBase, "\(path).initialBase")
            try ParameterCheck.nonNegative(rule.initialPerCoin, "\(path).initialPerCoin")
            try ParameterCheck.fraction(rule.maintenanceBase, "\(path).maintenanceBase")
            try ParameterCheck.nonNegative(rule.maintenancePerCoin, "\(path).maintenancePerCoin")
            guard rule.maintenanceBase <= rule.initialBase else {
                throw .invalidTable(field: "\(path).maintenanceBase", reason: "must not exceed initialBase")
            }
            let identity = "\(rule.base)/\(rule.settlement.rawValue)/\(rule.kind.rawValue)"
            guard seen.insert(identity).inserted else {
                throw .invalidTable(field: path, reason: "a second rule for \(identity)")
            }
        }
    }

    /// The rule for one product.
    ///
    /// - Throws: `MarginError.missingDeltaOneRule`.
    public func rule(base: String, settlement: Numeraire, kind: DeltaOneKind) throws(MarginError) -> DeltaOneMarginRule
    {
        guard let rule = deltaOne.first(where: { $0.base == base && $0.settlement == settlement && $0.kind == kind })
        else {
            throw .missingDeltaOneRule(base: base, settlement: settlement, kind: kind.rawValue)
        }
        return rule
    }
}
