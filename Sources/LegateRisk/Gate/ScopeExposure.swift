public import LegateModel

/// The positions a limit scope selects, aggregated in USD: Greeks, vega per expiry bucket, gross notional, the P&L
/// over the margin grid (in total and per underlying, with the deltas per expiry portfolio margin reads) and over
/// the VaR scenarios.
///
/// Everything but gross notional is linear in quantities, so an exposure changes by adding a profile times a
/// quantity: the gate keeps one per scope, adds fills as they are booked, and judges an order by adding its legs to
/// a reused copy. After the first few decisions nothing here allocates.
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

    /// Adds a proposed leg to a scratch copy: the linear figures only (the caller sets gross notional from the
    /// booked exposure with `grossNotionalAfter`), so judging never grows the quantity table.
    public mutating func addLeg(_ profile: InstrumentRiskProfile, quantity: Double) {
        addLinear(profile, quantity: quantity)
    }

    /// Gross notional if `quantity` more of the profiled instrument were held, `earlier` having been added already
    /// by previous legs of the same proposal.
    public func grossNotionalChange(
        adding quantity: Double,
        after earlier: Double,
        of profile: InstrumentRiskProfile,
        venue: Venue
    ) -> Double {
        let booked = quantities[InstrumentOnVenue(instrument: profile.instrument, venue: venue)] ?? 0
        return grossChange(profile, from: booked + earlier, adding: quantity)
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
        addDelta(profile.expiryDelta, times: quantity, slot: profile.slot)
    }

    /// Becomes a copy of `other`, reusing this exposure's storage (the decision path must not allocate).
    public mutating func assign(_ other: ScopeExposure) {
        usd = other.usd
        for bucket in vegaByBucket.indices { vegaByBucket[bucket] = other.vegaByBucket[bucket] }
        grid.assign(other.grid)
        for slot in gridBySlot.indices {
            gridBySlot[slot].assign(other.gridBySlot[slot])
            expiryDeltas[slot].removeAll(keepingCapacity: true)
            expiryDeltas[slot].append(contentsOf: other.expiryDeltas[slot])
        }
        tail.assign(other.tail)
        grossNotional = other.grossNotional
    }

    /// Sets gross notional on a scratch copy.
    public mutating func setGrossNotional(_ value: Double) {
        grossNotional = value
    }

    private mutating func addDelta(_ delta: ExpiryDelta, times quantity: Double, slot: Int) {
        var deltas = expiryDeltas[slot]
        expiryDeltas[slot] = []
        defer { expiryDeltas[slot] = deltas }
        if let index = deltas.firstIndex(where: { $0.expiry == delta.expiry }) {
            deltas[index].coin += delta.coin * quantity
            deltas[index].usd += delta.usd * quantity
            return
        }
        let entry = ExpiryDelta(
            expiry: delta.expiry,
            expiryYears: delta.expiryYears,
            coin: delta.coin * quantity,
            usd: delta.usd * quantity
        )
        let position = deltas.firstIndex { existing in
            switch (existing.expiry, delta.expiry) {
            case (nil, _): false
            case (_, nil): true
            case (let left?, let right?): left > right
            }
        }
        deltas.insert(entry, at: position ?? deltas.count)
    }
}

/// An instrument as traded on one venue (a perpetual's mark differs per venue).
public struct InstrumentOnVenue: Hashable, Sendable {
    public let instrument: Instrument
    public let venue: Venue

    public init(instrument: Instrument, venue: Venue) {
        self.instrument = instrument
        self.venue = venue
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
            let unit = RiskUnitExposure(index: indexPrices[slot], deltaByExpiry: exposure.expiryDeltas[slot])
            do {
                margin += try PortfolioMargin.evaluate(
                    exposure.gridBySlot[slot],
                    grid: grid,
                    slot: slot,
                    numeraire: .usd,
                    exposure: unit,
                    mmFactor: marginParameters.mmFactor
                ).requirement.initial
            } catch {
                throw .model("portfolio margin of \(coins[slot]): \(error)")
            }
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
}
