public import LegateCore

extension Instrument {
    /// The unit Legate counts this instrument's size in (orders, fills, positions, the gate): USD (the quote) for
    /// coin-settled futures and perpetuals, the base coin for options, spot and linear delta-one contracts. A combo
    /// counts in its legs' unit.
    public var canonicalSizeUnit: Asset {
        switch terms {
        case .future, .perpetual: settlement.isInverse ? underlying.quote : underlying.base
        case .spot, .option: underlying.base
        case .combo(let combo): combo.legs.first?.instrument.canonicalSizeUnit ?? underlying.base
        }
    }
}

/// How a venue that sizes in contracts meets Legate's canonical size, exactly and in both directions.
///
/// Legate counts a size in `unit` (`Instrument.canonicalSizeUnit`); a contract is `contractValue` of it (0.01 BTC per
/// OKX option, 100 USD per OKX inverse swap, 10 USD per Deribit perpetual). `lot` and `minimum` are canonical, as
/// `InstrumentSpec` carries them (the venue translators multiply the venue's own lot by the contract value). A size
/// that is not a whole number of lots is refused, never rounded: rounding would trade a size nobody asked for.
public struct ContractSizing: Hashable, Sendable, CustomStringConvertible {
    public let symbol: String
    /// Canonical units per contract.
    public let contractValue: FixedDecimal
    /// The canonical size unit.
    public let unit: Asset
    /// The unit the venue states the contract value in; it must be `unit`, or no size converts.
    public let contractUnit: Asset
    /// Canonical sizes are whole multiples of this.
    public let lot: Quantity
    /// The smallest canonical order size.
    public let minimum: Quantity

    public init(
        symbol: String,
        contractValue: FixedDecimal,
        unit: Asset,
        contractUnit: Asset? = nil,
        lot: Quantity,
        minimum: Quantity
    ) {
        self.symbol = symbol
        self.contractValue = contractValue
        self.unit = unit
        self.contractUnit = contractUnit ?? unit
        self.lot = lot
        self.minimum = minimum
    }

    /// The sizing a spec describes.
    public init(_ spec: InstrumentSpec) {
        self.init(
            symbol: spec.symbol,
            contractValue: spec.contractMultiplier,
            unit: spec.instrument.canonicalSizeUnit,
            contractUnit: spec.contractUnit,
            lot: spec.lotSize,
            minimum: spec.minimumSize
        )
    }

    /// The canonical size of `contracts` contracts of `contractValue` each (a venue's lot or minimum, in contracts).
    public static func canonical(
        contracts: FixedDecimal,
        contractValue: FixedDecimal
    ) throws(FixedDecimalError) -> Quantity {
        Quantity(try contracts.multipliedExactly(by: contractValue))
    }

    /// A signed canonical size (a fill, a position) in contracts, exactly.
    ///
    /// - Throws: `.notWholeLots` when `size` is not a whole number of lots, `.unitMismatch` when the contract is not
    ///   counted in the canonical unit, `.notRepresentable` when the quotient has no exact decimal.
    public func contracts(_ size: Quantity) throws(ContractSizingError) -> FixedDecimal {
        guard contractUnit == unit else { throw .unitMismatch(self) }
        guard size.decimal.isMultiple(of: lot.decimal) else { throw .notWholeLots(size: size, self) }
        guard let contracts = Self.exactQuotient(size.decimal, contractValue) else {
            throw .notRepresentable(size: size, self, reason: "the quotient has no exact decimal of 18 places or fewer")
        }
        return contracts
    }

    /// `dividend ÷ divisor` at the fewest decimal places that hold it exactly, or nil when none up to 18 does.
    /// (`FixedDecimal.dividedExactly` works at 18 places, where any quotient above 9.2 overflows.)
    static func exactQuotient(_ dividend: FixedDecimal, _ divisor: FixedDecimal) -> FixedDecimal? {
        for scale in Int8(0)...FixedDecimal.maximumScale {
            guard let quotient = try? dividend.divided(by: divisor, scale: scale, rounding: .towardZero) else {
                continue
            }
            if let product = try? quotient.multipliedExactly(by: divisor), product == dividend { return quotient }
        }
        return nil
    }

    /// An order's canonical size in contracts: positive, at least the minimum, a whole number of lots.
    public func orderContracts(_ size: Quantity) throws(ContractSizingError) -> FixedDecimal {
        guard size.decimal.isPositive else { throw .nonPositive(size: size, self) }
        guard size >= minimum else { throw .belowMinimum(size: size, self) }
        return try contracts(size)
    }

    /// A venue's signed size in contracts as a canonical size, exactly.
    public func quantity(contracts: FixedDecimal) throws(ContractSizingError) -> Quantity {
        guard contractUnit == unit else { throw .unitMismatch(self) }
        do {
            return try Self.canonical(contracts: contracts, contractValue: contractValue)
        } catch {
            throw .notRepresentable(size: Quantity(contracts), self, reason: "\(contracts) contracts: \(error)")
        }
    }

    public var description: String {
        "\(symbol): lot \(lot) \(unit), minimum \(minimum) \(unit), one contract = \(contractValue) \(contractUnit)"
    }
}

extension InstrumentSpec {
    /// How this venue's contracts convert to canonical sizes.
    public var sizing: ContractSizing { ContractSizing(self) }
}

/// A size a venue cannot take or report exactly in its contracts; each case names the size, the lot and the
/// contract value (through the sizing it carries).
public enum ContractSizingError: Error, Hashable, Sendable, CustomStringConvertible {
    case nonPositive(size: Quantity, ContractSizing)
    case belowMinimum(size: Quantity, ContractSizing)
    case notWholeLots(size: Quantity, ContractSizing)
    case unitMismatch(ContractSizing)
    case notRepresentable(size: Quantity, ContractSizing, reason: String)

    public var sizing: ContractSizing {
        switch self {
        case .nonPositive(_, let sizing), .belowMinimum(_, let sizing), .notWholeLots(_, let sizing),
            .unitMismatch(let sizing), .notRepresentable(_, let sizing, _):
            sizing
        }
    }

    public var description: String {
        let terms = sizing
        let unit = terms.unit
        let contract = "one contract is \(terms.contractValue) \(terms.contractUnit)"
        switch self {
        case .nonPositive(let size, _):
            return "size \(size) \(unit) of \(terms.symbol) must be positive"
        case .belowMinimum(let size, _):
            return "size \(size) \(unit) of \(terms.symbol) is below the minimum \(terms.minimum) \(unit) "
                + "(lot \(terms.lot) \(unit); \(contract))"
        case .notWholeLots(let size, _):
            return "size \(size) \(unit) of \(terms.symbol) is not a whole number of lots of \(terms.lot) \(unit) "
                + "(\(contract))"
        case .unitMismatch:
            return "\(terms.symbol) is sized in \(unit) but \(contract)"
        case .notRepresentable(let size, _, let reason):
            return "size \(size) \(unit) of \(terms.symbol) has no exact contract count (\(contract)): \(reason)"
        }
    }
}
