public import LegateCore
public import LegateModel

/// The contract size of every OKX instrument Legate knows, by `instId`: how OKX's sizes become model quantities.
///
/// OKX counts SWAP, FUTURES and OPTION sizes (orders, fills, books, positions, trades) in contracts of
/// `ctVal × ctMult` `ctValCcy`; the model counts them in that unit. Spot sizes and Nitro spread sizes are already in a
/// currency (the base, the spread's `szCcy`), so they need no spec. A contract size is never guessed: a derivative
/// without a spec is an error.
public struct OKXContracts: Sendable {
    private var specs: [String: InstrumentSpec] = [:]

    public init() {}

    public init(_ specs: some Sequence<InstrumentSpec>) {
        for spec in specs { insert(spec) }
    }

    /// Adds or replaces the spec of one OKX symbol (specs of other venues are ignored).
    public mutating func insert(_ spec: InstrumentSpec) {
        guard spec.venue == .okx else { return }
        specs[spec.symbol] = spec
    }

    public func spec(for instId: String) -> InstrumentSpec? { specs[instId] }

    public var count: Int { specs.count }

    /// Units of the contract's unit per OKX size unit.
    ///
    /// - Throws: `OKXParseError.unknownContract` for a derivative whose spec was never loaded.
    public func multiplier(for instId: String) throws(OKXParseError) -> FixedDecimal {
        if let spec = specs[instId] { return spec.contractMultiplier }
        let instrument = try OKXTranslator.instrument(named: instId)
        guard instrument.kind == .spot || instrument.kind == .combo else { throw .unknownContract(instId: instId) }
        return 1
    }

    /// An OKX size (contracts, or currency for spot and spreads) as a model quantity, exactly.
    public func quantity(_ size: OKXDecimal, of instId: String) throws(OKXParseError) -> Quantity {
        Quantity(try OKXTranslator.product(size.value, multiplier(for: instId), of: "size \(size) of \(instId)"))
    }
}
