import LegateModel

/// Many options of one model, stored column by column (struct of arrays) for the vectorized pricer.
///
/// Columns rather than an array of `OptionInputs` because the pricer loads four neighbouring options of one
/// field into a single SIMD register; a column is contiguous, a field of an array of structs is strided. Every
/// column must have the same length. Fill the batch once, reuse it, and price it with `priceGreeks(into:)`.
///
/// ```swift
/// var batch = OptionBatch(model: .inverse, reservingCapacity: book.count)
/// for leg in book { batch.append(leg.inputs, vol: leg.markVol) }
/// try batch.validate()
/// var greeks = GreeksBatch(count: batch.count)
/// batch.priceGreeks(into: &greeks)
/// ```
public struct OptionBatch: Sendable, Hashable {
    /// The model every option in the batch is priced with.
    public var model: PricingModel
    /// Spot for `blackScholes`, forward in USD for `black76` and `inverse` (see `OptionInputs.underlying`).
    public var underlying: [Double]
    /// Strikes, in the units of `underlying`.
    public var strike: [Double]
    /// Times to expiry in years.
    public var expiryYears: [Double]
    /// The USD rate, or the coin rate for `inverse` (see `OptionInputs.rate`).
    public var rate: [Double]
    /// The carry yield q, read for `blackScholes` only.
    public var dividend: [Double]
    /// Volatilities σ per √year.
    public var vol: [Double]
    /// `true` for a call, `false` for a put.
    public var isCall: [Bool]

    /// Creates a batch from whole columns, which must all have the same length.
    public init(
        model: PricingModel,
        underlying: [Double],
        strike: [Double],
        expiryYears: [Double],
        rate: [Double],
        dividend: [Double],
        vol: [Double],
        isCall: [Bool]
    ) {
        self.model = model
        self.underlying = underlying
        self.strike = strike
        self.expiryYears = expiryYears
        self.rate = rate
        self.dividend = dividend
        self.vol = vol
        self.isCall = isCall
        precondition(hasEqualColumns, "OptionBatch columns must all have the same length")
    }

    /// Creates an empty batch with room for `capacity` options, so that appending them does not reallocate.
    public init(model: PricingModel, reservingCapacity capacity: Int) {
        self.model = model
        underlying = []
        strike = []
        expiryYears = []
        rate = []
        dividend = []
        vol = []
        isCall = []
        reserveCapacity(capacity)
    }

    /// The number of options.
    public var count: Int { underlying.count }

    /// Whether every column has the length of `underlying`; the pricer requires it.
    public var hasEqualColumns: Bool {
        let n = underlying.count
        return strike.count == n && expiryYears.count == n && rate.count == n && dividend.count == n
            && vol.count == n && isCall.count == n
    }

    /// Appends one option; its model must be the batch's.
    public mutating func append(_ inputs: OptionInputs, vol: Double) {
        precondition(inputs.model == model, "appending a \(inputs.model.rawValue) option to a \(model.rawValue) batch")
        underlying.append(inputs.underlying)
        strike.append(inputs.strike)
        expiryYears.append(inputs.expiryYears)
        rate.append(inputs.rate)
        dividend.append(inputs.dividend)
        self.vol.append(vol)
        isCall.append(inputs.right == .call)
    }

    /// Removes every option, keeping the storage for the next fill by default.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        underlying.removeAll(keepingCapacity: keepingCapacity)
        strike.removeAll(keepingCapacity: keepingCapacity)
        expiryYears.removeAll(keepingCapacity: keepingCapacity)
        rate.removeAll(keepingCapacity: keepingCapacity)
        dividend.removeAll(keepingCapacity: keepingCapacity)
        vol.removeAll(keepingCapacity: keepingCapacity)
        isCall.removeAll(keepingCapacity: keepingCapacity)
    }

    /// Reserves room for `capacity` options in every column.
    public mutating func reserveCapacity(_ capacity: Int) {
        underlying.reserveCapacity(capacity)
        strike.reserveCapacity(capacity)
        expiryYears.reserveCapacity(capacity)
        rate.reserveCapacity(capacity)
        dividend.reserveCapacity(capacity)
        vol.reserveCapacity(capacity)
        isCall.reserveCapacity(capacity)
    }

    /// The inputs of option `index`, without its volatility.
    public func inputs(at index: Int) -> OptionInputs {
        OptionInputs(
            model: model,
            right: isCall[index] ? .call : .put,
            underlying: underlying[index],
            strike: strike[index],
            expiryYears: expiryYears[index],
            rate: rate[index],
            dividend: dividend[index]
        )
    }
}
