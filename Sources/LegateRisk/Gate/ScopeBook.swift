public import LegateModel

/// Which of the costly figures a decision needs: portfolio margin and the VaR tail are only computed when a limit on
/// the scope reads them.
public struct FigureNeeds: Sendable, Hashable {
    public var margin: Bool
    public var tail: Bool
    /// The worst grid loss after the proposal (one pass over the grid per decision); the booked one is always known.
    public var worstLoss: Bool

    public init(margin: Bool, tail: Bool, worstLoss: Bool = true) {
        self.margin = margin
        self.tail = tail
        self.worstLoss = worstLoss
    }

    public static let greeksOnly = FigureNeeds(margin: false, tail: false, worstLoss: false)
}

/// The figures limits compare for one scope, in USD, in the units of `ScopeMeasures`; margin and the tail are nil
/// when they were not asked for, and the worst loss after a proposal is 0 unless asked for. Holds no array, so a
/// decision can keep one per scope without allocating.
public struct ScopeFigures: Sendable, Hashable {
    public var delta: Double
    public var gamma: Double
    public var vega: Double
    public var theta: Double
    public var grossNotional: Double
    public var worstScenarioLoss: Double
    public var initialMargin: Double?
    public var tail: TailRisk?
}

/// One proposed leg inside one scope: its profile id and signed quantity (buys positive).
public struct ScopedLeg: Sendable, Hashable {
    public var profile: Int
    public var quantity: Double

    public init(profile: Int, quantity: Double) {
        self.profile = profile
        self.quantity = quantity
    }
}

/// Storage a decision reuses (the decision path must not allocate).
public struct GateScratch: Sendable {
    var slotGrid: ScenarioVector
    var houseGrid: ScenarioVector
    var spanArray: ScenarioVector
    var deltas: [ExpiryDelta] = []
    var tailLegs: [TailLeg] = []

    /// Scratch with no storage (allocates nothing): a placeholder while a decision borrows the real one.
    public init() {
        slotGrid = ScenarioVector(count: 0)
        houseGrid = ScenarioVector(count: 0)
        spanArray = ScenarioVector(count: 0)
    }

    public init(model: PortfolioRiskModel) {
        slotGrid = ScenarioVector(count: model.grid.scenarios.count)
        houseGrid = ScenarioVector(count: model.margins?.houseGrid.scenarios.count ?? 0)
        spanArray = ScenarioVector(count: model.margins?.spanScenarios.count ?? 0)
    }
}

/// One limit scope's booked positions, kept for incremental decisions: the aggregated exposure, net contracts per
/// profile id (for gross notional), and what the booked figures need cached until the next fill — the figures
/// themselves, portfolio margin per underlying, and the lowest VaR scenarios (`TailPrefix`).
///
/// `figuresAfter` computes the figures of the book plus a proposal without copying the book: Greeks and gross
/// notional from the legs' unit figures, the worst grid loss in one pass over the grid, margin only for the
/// underlyings the legs touch (the others keep the booked margin), and VaR/ES through the tail prefix. Every sum is
/// formed in the order `ScopeExposure.add` forms it, so the figures equal `PortfolioRiskModel.measures` of the book
/// with the legs added, to the last bit.
public struct ScopeBook: Sendable {
    public private(set) var exposure: ScopeExposure
    /// Net contracts per profile id; ids past the end hold nothing.
    public private(set) var quantities: [Double] = []
    /// The model the scope's margin is computed under.
    public let basis: ScopeMarginBasis
    private var booked: ScopeFigures?
    var slotMargins: [Double]
    private var prefix = TailPrefix()
    /// House or SPAN: the booked P&L per slot over that model's scenarios (empty for the other bases).
    var basisBySlot: [ScenarioVector] = []
    /// SPAN: short option coins per slot.
    var shortOptionCoins: [Double]
    /// Standard: the booked positions' initial margin in USD, and the positions the model cannot margin (by id).
    var standardInitial = 0.0
    var unmarginable: [Int: String] = [:]

    public init(model: PortfolioRiskModel, basis: ScopeMarginBasis = .riskMatrix) {
        exposure = ScopeExposure(model: model)
        slotMargins = Array(repeating: 0, count: model.coins.count)
        shortOptionCoins = Array(repeating: 0, count: model.coins.count)
        let basisCount: Int? =
            switch basis {
            case .house: model.margins?.houseGrid.scenarios.count
            case .span: model.margins?.spanScenarios.count
            case .riskMatrix, .standard: nil
            }
        precondition(basis == .riskMatrix || model.margins != nil, "a \(basis) book needs a model with margins")
        if let basisCount {
            basisBySlot = Array(repeating: ScenarioVector(count: basisCount), count: model.coins.count)
        }
        self.basis = basis
    }

    /// Books `quantity` contracts (signed) of profile `id` on `venue`.
    public mutating func book(_ profile: InstrumentRiskProfile, id: Int, venue: Venue, quantity: Double) {
        let before = self.quantity(id)
        exposure.add(profile, venue: venue, quantity: quantity)
        if quantities.count <= id { quantities.append(contentsOf: repeatElement(0, count: id + 1 - quantities.count)) }
        quantities[id] += quantity
        bookMargin(profile, id: id, from: before, adding: quantity)
        booked = nil
    }

    /// Keeps the basis's own aggregates current: its vectors are linear in size; standard margin and SPAN's short
    /// option minimum are not, so they change by the position's figure after less its figure before.
    private mutating func bookMargin(
        _ profile: InstrumentRiskProfile,
        id: Int,
        from before: Double,
        adding quantity: Double
    ) {
        let after = before + quantity
        switch basis {
        case .riskMatrix:
            break
        case .house:
            if let house = profile.house { basisBySlot[profile.slot].add(house, scaledBy: quantity) }
        case .span:
            if let span = profile.span { basisBySlot[profile.slot].add(span, scaledBy: quantity) }
            shortOptionCoins[profile.slot] += (max(-after, 0) - max(-before, 0)) * profile.optionCoins
        case .standard:
            if let problem = profile.standard.problem {
                unmarginable[id] = after == 0 ? nil : "\(profile.instrument): \(problem)"
            } else {
                standardInitial += profile.standard.initial(after) - profile.standard.initial(before)
            }
        }
    }

    /// The booked contracts of profile `id`.
    public func quantity(_ id: Int) -> Double {
        id < quantities.count ? quantities[id] : 0
    }

    /// The figures of the booked positions, computing (and caching) what `needs` asks for and is not cached yet.
    ///
    /// - Throws: `GateError.model` when the margin model refuses the vectors (a shape mismatch: a bug).
    public mutating func figures(needs: FigureNeeds, model: PortfolioRiskModel) throws(GateError) -> ScopeFigures {
        var figures = booked ?? greekFigures()
        if needs.margin, figures.initialMargin == nil { figures.initialMargin = try bookedMargin(model: model) }
        if needs.tail, figures.tail == nil {
            figures.tail = model.tail.tailRisk(of: exposure.tail)
            // Swapped out so the rebuild reuses the storage without overlapping accesses to `self`.
            var rebuilt = TailPrefix()
            swap(&rebuilt, &prefix)
            exposure.tail.values.withUnsafeBufferPointer { model.tail.reader.prefix(of: $0, into: &rebuilt) }
            prefix = rebuilt
        }
        booked = figures
        return figures
    }

    /// The cached booked figures when they hold everything `needs` asks for (what `figures(needs:model:)` would
    /// return without computing anything); nil otherwise. Not mutating and not reading the model, so a decision
    /// reads a cached book without passing (or copying) either.
    public func cachedFigures(needs: FigureNeeds) -> ScopeFigures? {
        guard let booked, !needs.margin || booked.initialMargin != nil, !needs.tail || booked.tail != nil else {
            return nil
        }
        return booked
    }

    /// `cachedFigures(needs:)` on a book held in an array or another value's storage: as a mutating call it reads the
    /// book in place, where the non-mutating call on an element copies the whole book first (every array retained
    /// and released). Changes nothing.
    public mutating func cachedFiguresInPlace(needs: FigureNeeds) -> ScopeFigures? {
        cachedFigures(needs: needs)
    }

    private func greekFigures() -> ScopeFigures {
        ScopeFigures(
            delta: exposure.usd.delta,
            gamma: exposure.usd.gamma / 100,
            vega: exposure.usd.vega / 100,
            theta: exposure.usd.theta / 365,
            grossNotional: exposure.grossNotional,
            worstScenarioLoss: max(0, -(exposure.grid.worst?.pnl ?? 0)),
            initialMargin: nil,
            tail: nil
        )
    }

    /// USD per volatility point of one expiry bucket, booked.
    public func vega(bucket: Int) -> Double {
        exposure.vegaByBucket[bucket] / 100
    }

    /// USD per volatility point of one expiry bucket with `legs` added.
    public func vega(bucket: Int, with legs: [ScopedLeg], table: GateProfileTable) -> Double {
        var vega = exposure.vegaByBucket[bucket]
        for leg in legs where table.buckets[leg.profile] == bucket {
            vega += table.units[leg.profile].vega * leg.quantity
        }
        return vega / 100
    }

    /// The figures of the booked positions with `legs` added (each leg filling completely), in leg order.
    ///
    /// Not mutating, so nothing here copies the book: call `figures(needs:model:)` with the same needs first, which
    /// caches what this reads (margin per underlying, the tail prefix).
    ///
    /// - Throws: `GateError.model` when the margin model refuses the vectors (a shape mismatch: a bug).
    public func figuresAfter(
        _ legs: [ScopedLeg],
        needs: FigureNeeds,
        table: GateProfileTable,
        model: PortfolioRiskModel,
        scratch: inout GateScratch
    ) throws(GateError) -> ScopeFigures {
        precondition(
            booked.map { (!needs.margin || $0.initialMargin != nil) && (!needs.tail || $0.tail != nil) } == true,
            "figuresAfter needs the booked figures computed first, with the same needs"
        )
        var figures = linearFiguresAfter(legs, table: table)
        if needs.worstLoss { figures.worstScenarioLoss = worstLossAfter(legs, table: table) }
        if needs.margin { figures.initialMargin = try marginAfter(legs, table: table, model: model, scratch: &scratch) }
        if needs.tail { figures.tail = tailAfter(legs, table: table, model: model, scratch: &scratch) }
        return figures
    }

    /// `figuresAfter(_:needs:table:model:scratch:)` on a book held in an array or another value's storage: as a
    /// mutating call it reads the book in place, where the non-mutating call on an element copies the whole book
    /// first (every array retained and released). Changes nothing.
    ///
    /// - Throws: `GateError.model` when the margin model refuses the vectors (a shape mismatch: a bug).
    public mutating func figuresAfterInPlace(
        _ legs: [ScopedLeg],
        needs: FigureNeeds,
        table: GateProfileTable,
        model: PortfolioRiskModel,
        scratch: inout GateScratch
    ) throws(GateError) -> ScopeFigures {
        try figuresAfter(legs, needs: needs, table: table, model: model, scratch: &scratch)
    }

    private func linearFiguresAfter(_ legs: [ScopedLeg], table: GateProfileTable) -> ScopeFigures {
        var usd = exposure.usd
        var gross = exposure.grossNotional
        for (index, leg) in legs.enumerated() {
            let unit = table.units[leg.profile]
            usd.delta += unit.delta * leg.quantity
            usd.gamma += unit.gamma * leg.quantity
            usd.vega += unit.vega * leg.quantity
            usd.theta += unit.theta * leg.quantity
            // Earlier legs on the same instrument (a ratio written as two legs) move the base of |q|.
            var before = quantity(leg.profile)
            for previous in legs[..<index] where previous.profile == leg.profile { before += previous.quantity }
            gross += ((before + leg.quantity).magnitude - before.magnitude) * unit.notional
        }
        return ScopeFigures(
            delta: usd.delta,
            gamma: usd.gamma / 100,
            vega: usd.vega / 100,
            theta: usd.theta / 365,
            grossNotional: gross,
            worstScenarioLoss: 0,
            initialMargin: nil,
            tail: nil
        )
    }

    private func worstLossAfter(_ legs: [ScopedLeg], table: GateProfileTable) -> Double {
        let count = table.gridCount
        var worst = 0.0
        exposure.grid.values.withUnsafeBufferPointer { base in
            table.gridMatrix.withUnsafeBufferPointer { matrix in
                for scenario in 0..<count {
                    var value = base[scenario]
                    for leg in legs { value += matrix[table.gridOffset(leg.profile) + scenario] * leg.quantity }
                    if scenario == 0 || value < worst { worst = value }
                }
            }
        }
        return count == 0 ? 0 : max(0, -worst)
    }

    private func tailAfter(
        _ legs: [ScopedLeg],
        table: GateProfileTable,
        model: PortfolioRiskModel,
        scratch: inout GateScratch
    ) -> TailRisk {
        scratch.tailLegs.removeAll(keepingCapacity: true)
        for leg in legs {
            scratch.tailLegs.append(
                TailLeg(
                    offset: table.tailOffset(leg.profile),
                    quantity: leg.quantity,
                    reach: table.tailReach[leg.profile]
                )
            )
        }
        return exposure.tail.values.withUnsafeBufferPointer { base in
            table.tailMatrix.withUnsafeBufferPointer { matrix in
                scratch.tailLegs.withUnsafeBufferPointer { tailLegs in
                    model.tail.reader.read(base: base, prefix: prefix, legs: tailLegs, matrix: matrix)
                }
            }
        }
    }
}
