internal import LegateCore
public import LegateModel

/// The positions a limit scope selects, aggregated in USD: Greeks, vega per expiry bucket, gross notional, the P&L
/// over the margin grid (in total and per underlying, with the deltas per expiry portfolio margin reads) and over
/// the VaR scenarios.
///
/// Everything but gross notional is linear in quantities, so an exposure changes by adding a profile times a
/// quantity: the gate keeps one per scope inside a `ScopeBook` and adds fills as they are booked; reports build one
/// from scratch, and `PortfolioRiskModel.measures` reads the figures off it (the full recomputation the gate's
/// incremental figures equal).
public struct ScopeExposure: Sendable {
    public private(set) var usd: GreekTotals = .zero
    public private(set) var vegaByBucket: [Double]
    public private(set) var grid: ScenarioVector
    public private(set) var gridBySlot: [ScenarioVector]
    /// Per slot, the net delta of each expiry (nil first, then by expiry).
    public private(set) var expiryDeltas: [[ExpiryDelta]]
    public private(set) var tail: ScenarioVector
    /// Net contracts per instrument and venue, for gross notional (|q| is not linear).
    public private(set) var quantities: [InstrumentOnVenue: Double] = [:]
    public private(set) var grossNotional: Double = 0

    /// An empty exposure shaped for `model`.
    public init(model: PortfolioRiskModel) {
        vegaByBucket = Array(repeating: 0, count: model.buckets.count)
        grid = ScenarioVector(count: model.grid.scenarios.count)
        gridBySlot = Array(repeating: ScenarioVector(count: model.grid.scenarios.count), count: model.coins.count)
        expiryDeltas = Array(repeating: [], count: model.coins.count)
        tail = ScenarioVector(count: model.tail.count)
    }

    /// Adds `quantity` contracts (signed) of the profiled instrument on `venue` to the booked positions.
    public mutating func add(_ profile: InstrumentRiskProfile, venue: Venue, quantity: Double) {
        addLinear(profile, quantity: quantity)
        let key = InstrumentOnVenue(instrument: profile.instrument, venue: venue)
        let before = quantities[key] ?? 0
        grossNotional += grossChange(profile, from: before, adding: quantity)
        quantities[key] = before + quantity
    }

    private func grossChange(_ profile: InstrumentRiskProfile, from before: Double, adding quantity: Double) -> Double {
        // Notional per contract is |size|·index for one contract, so gross moves by the change of |q|.
        ((before + quantity).magnitude - before.magnitude) * profile.usd.notional
    }

    private mutating func addLinear(_ profile: InstrumentRiskProfile, quantity: Double) {
        let unit = profile.usd
        usd.add(
            GreekTotals(
                delta: unit.delta * quantity,
                gamma: unit.gamma * quantity,
                vega: unit.vega * quantity,
                theta: unit.theta * quantity,
                vanna: unit.vanna * quantity,
                volga: unit.volga * quantity,
                notional: unit.notional * quantity.magnitude
            )
        )
        vegaByBucket[profile.bucket] += profile.usd.vega * quantity
        grid.add(profile.grid, scaledBy: quantity)
        gridBySlot[profile.slot].add(profile.grid, scaledBy: quantity)
        tail.add(profile.tail, scaledBy: quantity)
        expiryDeltas[profile.slot].add(profile.expiryDelta, times: quantity)
    }
}

extension [ExpiryDelta] {
    /// Adds `quantity` times a unit's delta to the entry of its expiry, keeping the entries ordered (nil first, then
    /// by expiry); reuses the storage once it has grown.
    mutating func add(_ delta: ExpiryDelta, times quantity: Double) {
        if let index = firstIndex(where: { $0.expiry == delta.expiry }) {
            self[index].coin += delta.coin * quantity
            self[index].usd += delta.usd * quantity
            return
        }
        let entry = ExpiryDelta(
            expiry: delta.expiry,
            expiryYears: delta.expiryYears,
            coin: delta.coin * quantity,
            usd: delta.usd * quantity
        )
        let position = firstIndex { existing in
            switch (existing.expiry, delta.expiry) {
            case (nil, _): false
            case (_, nil): true
            case (let left?, let right?): left > right
            }
        }
        insert(entry, at: position ?? count)
    }
}

/// An instrument as traded on one venue (a perpetual's mark differs per venue).
///
/// Hashed by `Instrument.hashTerms(into:)`: the gate looks one up per leg of every decision.
public struct InstrumentOnVenue: Hashable, Sendable {
    public let instrument: Instrument
    public let venue: Venue

    public init(instrument: Instrument, venue: Venue) {
        self.instrument = instrument
        self.venue = venue
    }

    public func hash(into hasher: inout Hasher) {
        instrument.hashTerms(into: &hasher)
    }
}

extension Instrument {
    /// Feeds the numbers that tell instruments apart in practice — kind, expiry, strike, right — and skips the asset
    /// codes and enum raw values, which `Instrument`'s own hash runs through the hasher as strings (four per
    /// instrument). Consistent with `==`, which still compares every field; instruments that differ only by
    /// underlying, settlement or venue share a hash and are told apart by `==`.
    public func hashTerms(into hasher: inout Hasher) {
        switch terms {
        case .spot: hasher.combine(0 as UInt8)
        case .perpetual: hasher.combine(1 as UInt8)
        case .future(let expiry):
            hasher.combine(2 as UInt8)
            hasher.combine(expiry.rawValue)
        case .option(let option):
            hasher.combine(option.right == .call ? 3 as UInt8 : 4)
            hasher.combine(option.expiry.rawValue)
            hasher.combine(option.strike.decimal)
        case .combo:
            hasher.combine(self)
        }
    }
}

/// The figures limits compare, for one scope, in USD.
public struct ScopeMeasures: Sendable, Hashable {
    /// USD change for a 100% move, to first order.
    public var delta: Double
    /// Change of USD delta for a 1% move.
    public var gamma: Double
    /// USD per volatility point (0.01).
    public var vega: Double
    /// Vega per expiry bucket as aggregated (per 1.00 of vol); read through `vega(bucket:)`.
    var rawVegaByBucket: [Double]
    /// USD per day.
    public var theta: Double
    public var grossNotional: Double
    /// The largest loss over the margin grid (≥ 0).
    public var worstScenarioLoss: Double
    /// Portfolio-margin initial margin, summed over underlyings.
    public var initialMargin: Double
    public var valueAtRisk: Double
    public var expectedShortfall: Double

    /// USD per volatility point of one expiry bucket.
    public func vega(bucket: Int) -> Double { rawVegaByBucket[bucket] / 100 }
}

extension PortfolioRiskModel {
    /// The measures of an exposure: Greeks scaled to limit units, worst grid loss, portfolio margin per underlying
    /// (they do not offset each other) and VaR/ES read off the tail vector without sorting.
    ///
    /// - Throws: `GateError.model` if the margin model refuses the vectors (a shape mismatch: a bug).
    public func measures(
        of exposure: ScopeExposure,
        margin needsMargin: Bool = true,
        tail needsTail: Bool = true
    ) throws(GateError) -> ScopeMeasures {
        var margin = 0.0
        for slot in coins.indices where needsMargin {
            margin += try slotMargin(exposure.gridBySlot[slot], deltas: exposure.expiryDeltas[slot], slot: slot)
        }
        // Reading VaR and ES is the costly part (a selection over every scenario): only when a limit needs it.
        let tailRisk =
            needsTail
            ? tail.tailRisk(of: exposure.tail)
            : TailRisk(valueAtRisk: 0, expectedShortfall: 0, varConfidence: 0, esConfidence: 0)
        return ScopeMeasures(
            delta: exposure.usd.delta,
            gamma: exposure.usd.gamma / 100,
            vega: exposure.usd.vega / 100,
            rawVegaByBucket: exposure.vegaByBucket,
            theta: exposure.usd.theta / 365,
            grossNotional: exposure.grossNotional,
            worstScenarioLoss: max(0, -(exposure.grid.worst?.pnl ?? 0)),
            initialMargin: margin,
            valueAtRisk: tailRisk.valueAtRisk,
            expectedShortfall: tailRisk.expectedShortfall
        )
    }

    /// Portfolio initial margin of one underlying's grid vector and deltas per expiry, in USD.
    ///
    /// - Throws: `GateError.model` if the margin model refuses the vector (a shape mismatch: a bug).
    public func slotMargin(_ grid: ScenarioVector, deltas: [ExpiryDelta], slot: Int) throws(GateError) -> Double {
        do {
            return try PortfolioMargin.evaluate(
                grid,
                grid: self.grid,
                slot: slot,
                numeraire: .usd,
                exposure: RiskUnitExposure(index: indexPrices[slot], deltaByExpiry: deltas),
                mmFactor: marginParameters.mmFactor
            ).requirement.initial
        } catch {
            throw .model("portfolio margin of \(coins[slot]): \(error)")
        }
    }
}
