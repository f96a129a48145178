internal import LegateCore
public import LegateModel
public import LegateOrders
public import LegateRisk
internal import OrderedCollections

/// Storage one decision reuses, so that after the first decisions judging allocates nothing.
struct DecisionScratch {
    /// Per limit, in the engine's limit order: the book slot of a covered scope limit, or -1.
    var plan: [Int] = []
    /// Per book slot: what this decision needs of it (nil: no covered limit reads it).
    var needs: [FigureNeeds?] = []
    /// Per book slot: its figures with the proposal added, once computed in this decision.
    var after: [ScopeFigures?] = []
    /// Per book slot: its booked figures with what `needs` asks for, once read in this decision.
    var before: [ScopeFigures?] = []
    /// The proposal's orders with their profile ids, resolved once per decision.
    var legs: [ResolvedLeg] = []
    /// Why a leg has no profile: leg `i` with `profile == -1 - k` failed for `failures[k]`.
    var failures: [GateError] = []
    var legsResolved = false
    /// The legs of the book slot `scopedSlot` covers.
    var scoped: [ScopedLeg] = []
    var scopedSlot = -1
    /// Profile ids found in recent decisions, kept across decisions (ids never change for a gate's table): a
    /// proposal repeating an instrument finds its id by `==` alone, without hashing the instrument.
    var recent: [RecentProfile] = []
    /// The entry of `recent` the next new instrument replaces once it is full.
    var recentNext = 0
    static let recentCapacity = 8

    mutating func reset(books: Int) {
        plan.removeAll(keepingCapacity: true)
        if needs.count < books { needs.append(contentsOf: repeatElement(nil, count: books - needs.count)) }
        if after.count < books { after.append(contentsOf: repeatElement(nil, count: books - after.count)) }
        if before.count < books { before.append(contentsOf: repeatElement(nil, count: books - before.count)) }
        for slot in needs.indices {
            needs[slot] = nil
            after[slot] = nil
            before[slot] = nil
        }
        legs.removeAll(keepingCapacity: true)
        failures.removeAll(keepingCapacity: true)
        legsResolved = false
        scoped.removeAll(keepingCapacity: true)
        scopedSlot = -1
    }
}

/// An instrument on a venue and its profile id in the gate's table.
struct RecentProfile {
    let key: InstrumentOnVenue
    let id: Int
}

extension DecisionScratch {
    /// The profile id of order `index`'s instrument if a recent decision found it (the table's own equality). The
    /// entry at the order's own position is tried first: a repeated proposal then costs one comparison per leg.
    ///
    /// Mutating only so that the call reads the scratch in place (a non-mutating call on the gate's scratch copies it
    /// first, every array retained and released); changes nothing.
    mutating func recentProfile(_ orders: Proposal, _ index: Int) -> Int? {
        // Through the buffer: an entry read off the array is a copy, retaining its instrument's texts.
        recent.withUnsafeBufferPointer { recent in
            if index < recent.count, Self.matches(recent, index, orders, index) { return recent[index].id }
            for slot in recent.indices where slot != index && Self.matches(recent, slot, orders, index) {
                return recent[slot].id
            }
            return nil
        }
    }

    private static func matches(
        _ recent: UnsafeBufferPointer<RecentProfile>,
        _ slot: Int,
        _ orders: Proposal,
        _ index: Int
    ) -> Bool {
        // Every field of the instrument, as its `==` compares them, with the terms (what differs in practice) first.
        recent[slot].key.venue == orders[index].request.venue
            && recent[slot].key.instrument.terms == orders[index].request.instrument.terms
            && recent[slot].key.instrument.underlying == orders[index].request.instrument.underlying
            && recent[slot].key.instrument.settlement == orders[index].request.instrument.settlement
    }

    /// Remembers a profile id, replacing the oldest entry once `recentCapacity` are kept.
    mutating func remember(_ key: InstrumentOnVenue, id: Int) {
        if recent.count < Self.recentCapacity {
            recent.append(RecentProfile(key: key, id: id))
        } else {
            recent[recentNext] = RecentProfile(key: key, id: id)
        }
        recentNext = (recentNext + 1) % Self.recentCapacity
    }
}

/// A proposed order with what the figures need, looked up once per decision (at the order's index in the proposal;
/// scope matching reads the proposal's `OrderScope`s). Holds no reference, so reading one retains nothing.
struct ResolvedLeg {
    /// The profile id; negative when the instrument has none (`DecisionScratch.failures` says why).
    var profile: Int
    var quantity: Double
}

extension PortfolioGate {
    /// Prepares a decision: which scope limits cover the proposal, and what each scope's figures must include.
    /// Returns false when no portfolio or legging limit covers any order (order limits alone decide).
    mutating func plan(_ proposal: ScopedProposal, _ context: borrowing RiskContext) -> Bool {
        decision.reset(books: books.count)
        var any = false
        // Through the buffer: a limit read off `limits.values` is a copy, retaining the texts of its scope.
        let limits = context.state.limits.values.elements
        limits.withUnsafeBufferPointer { limits in
            for index in limits.indices {
                let measure = limits[index].measure
                guard Self.isScopeMeasure(measure) || Self.isLeggingMeasure(measure),
                    Self.covers(limits, index, proposal, context)
                else {
                    decision.plan.append(-1)
                    continue
                }
                any = true
                guard Self.isScopeMeasure(measure) else {
                    decision.plan.append(-1)
                    continue
                }
                let slot =
                    Self.keptSlot(bookScopes, limits, index)
                    ?? book(for: ExposureScope(limits[index].scope), context.state, context.configuration)
                decision.plan.append(slot)
                var needs = decision.needs[slot] ?? .greeksOnly
                needs.margin = needs.margin || measure == .marginUtilisation
                needs.tail = needs.tail || measure == .valueAtRisk || measure == .expectedShortfall
                needs.worstLoss = needs.worstLoss || measure == .worstScenarioLoss
                decision.needs[slot] = needs
            }
        }
        return any
    }

    /// The slot of the book kept for limit `index`'s scope, matched on the limit's scope in place (an `ExposureScope`
    /// made of it copies its texts); nil when there is none yet or too many scopes to compare (`book(for:)` decides).
    /// Static: a method on `self` called from the mutating `plan` copies the whole gate first.
    static func keptSlot(
        _ bookScopes: [ExposureScope],
        _ limits: UnsafeBufferPointer<Limit>,
        _ index: Int
    ) -> Int? {
        guard bookScopes.count <= 16 else { return nil }
        for slot in bookScopes.indices
        where bookScopes[slot].desk == limits[index].scope.desk
            && bookScopes[slot].account == limits[index].scope.account
            && bookScopes[slot].underlying == limits[index].scope.underlying
        {
            return slot
        }
        return nil
    }

    /// Whether limit `index` of `limits` applies to any order of the proposal (by account, desk, underlying and
    /// role), `ScopedProposal.covers`'s rule read on the limit's scope in place (a `Limit` passed by value is a copy).
    static func covers(
        _ limits: UnsafeBufferPointer<Limit>,
        _ index: Int,
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext
    ) -> Bool {
        for order in proposal.scopes.indices
        where proposal.scopes[order].isCovered(by: limits[index].scope, context.configuration) {
            return true
        }
        return false
    }

    /// The figures of book `slot` with the proposal's legs in its scope added, computed once per decision.
    mutating func figuresAfter(
        slot: Int,
        _ proposal: ScopedProposal,
        _ context: borrowing RiskContext
    ) throws(GateError) -> ScopeFigures {
        if let known = decision.after[slot] { return known }
        try scopeLegs(slot: slot, proposal, context)
        let needs = decision.needs[slot] ?? .greeksOnly
        _ = try bookedFigures(slot: slot)
        // In place: the non-mutating `books[slot].figuresAfter` (or one through `withUnsafeBufferPointer`) copies the
        // whole book first, every array retained and released. The scratch is moved out for the call so it does not
        // overlap the access to `books`; an empty scratch holds no storage, so the swaps allocate nothing.
        var borrowed = GateScratch()
        swap(&borrowed, &scratch)
        defer { swap(&borrowed, &scratch) }
        let figures = try books[slot].figuresAfterInPlace(
            decision.scoped,
            needs: needs,
            table: table,
            model: model,
            scratch: &borrowed
        )
        decision.after[slot] = figures
        return figures
    }

    /// The booked figures of book `slot` with what its limits in this decision need: read once per decision, from
    /// the book's cache when it holds them, else computed and cached in the book.
    mutating func bookedFigures(slot: Int) throws(GateError) -> ScopeFigures {
        if let known = decision.before[slot] { return known }
        let needs = decision.needs[slot] ?? .greeksOnly
        let figures: ScopeFigures
        if let cached = books[slot].cachedFiguresInPlace(needs: needs) {
            figures = cached
        } else {
            figures = try books[slot].figures(needs: needs, model: model)
        }
        decision.before[slot] = figures
        return figures
    }

    /// Fills `decision.scoped` with the legs book `slot`'s scope covers, in proposal order.
    mutating func scopeLegs(slot: Int, _ proposal: ScopedProposal, _ context: borrowing RiskContext) throws(GateError) {
        if decision.scopedSlot == slot { return }
        resolveLegs(proposal, context)
        decision.scoped.removeAll(keepingCapacity: true)
        decision.scopedSlot = -1
        let scope = bookScopes[slot]
        for index in decision.legs.indices {
            let profile = decision.legs[index].profile
            let quantity = decision.legs[index].quantity
            guard scope.covers(proposal.scopes[index]) else { continue }
            if profile < 0 { throw decision.failures[-1 - profile] }
            decision.scoped.append(ScopedLeg(profile: profile, quantity: quantity))
        }
        decision.scopedSlot = slot
    }

    /// Looks up every proposed order's profile (computing it on first use) and desk, once per decision.
    mutating func resolveLegs(_ proposal: ScopedProposal, _ context: borrowing RiskContext) {
        guard !decision.legsResolved else { return }
        for index in proposal.orders.indices {
            var leg = ResolvedLeg(profile: -1, quantity: Self.remaining(proposal.orders, index))
            if let known = decision.recentProfile(proposal.orders, index) {
                leg.profile = known
                decision.legs.append(leg)
                continue
            }
            switch profileID(proposal.orders[index].request.instrument, proposal.orders[index].request.venue) {
            case .success(let id):
                leg.profile = id
                let key = InstrumentOnVenue(
                    instrument: proposal.orders[index].request.instrument,
                    venue: proposal.orders[index].request.venue
                )
                decision.remember(key, id: id)
            case .failure(let error):
                leg.profile = -1 - decision.failures.count
                decision.failures.append(error)
            }
            decision.legs.append(leg)
        }
        decision.legsResolved = true
    }

    /// The dense id of an instrument's unit profile, computing the profile on first use.
    mutating func profileID(_ instrument: Instrument, _ venue: Venue) -> Result<Int, GateError> {
        let key = InstrumentOnVenue(instrument: instrument, venue: venue)
        if let known = table.id(of: key) { return .success(known) }
        do {
            let made = try model.profile(of: instrument, venue: venue, workspace: &revaluation)
            return .success(table.insert(made, venue: venue))
        } catch {
            return .failure(error)
        }
    }

    /// The figures of one limit scope before and after `proposal` fills completely — margin and VaR/ES included —
    /// exactly as a decision computes them: for what-if views, and to check the incremental path against a full
    /// recomputation (`PortfolioRiskModel.measures` of the scope's positions with the proposal added).
    ///
    /// - Throws: `GateError` when the market cannot value a position or a leg of the scope.
    public mutating func figures(
        of proposal: [Order],
        in scope: LimitScope,
        context: RiskContext
    ) throws(GateError) -> (before: ScopeFigures, after: ScopeFigures) {
        let result = proposal.withUnsafeBufferPointer { orders in
            withUnsafeTemporaryAllocation(of: OrderScope.self, capacity: orders.count) { scopes in
                OrderScope.initialize(scopes, from: orders, context.configuration)
                defer { scopes.deinitialize() }
                let proposal = ScopedProposal(orders: orders, scopes: UnsafeBufferPointer(scopes))
                return Result { () throws(GateError) in try figures(of: proposal, in: scope, context) }
            }
        }
        return try result.get()
    }

    private mutating func figures(
        of proposal: ScopedProposal,
        in scope: LimitScope,
        _ context: borrowing RiskContext
    ) throws(GateError) -> (before: ScopeFigures, after: ScopeFigures) {
        decision.reset(books: books.count)
        let slot = book(for: ExposureScope(scope), context.state, context.configuration)
        if !unvalued.isEmpty, let problem = Self.unvaluedProblem(unvalued, in: bookScopes[slot], context.configuration)
        {
            throw problem
        }
        let everything = FigureNeeds(margin: true, tail: true, worstLoss: true)
        decision.needs[slot] = everything
        let before = try books[slot].figures(needs: everything, model: model)
        return (before, try figuresAfter(slot: slot, proposal, context))
    }

    // MARK: - Keeping the books current

    public mutating func observe(_ event: Event, state: EngineState, configuration: EngineConfiguration) {
        // Only these events change what is left of an order working at a venue.
        switch event {
        case .orderAccepted(let orderID, _, _), .orderTransitioned(let orderID, _):
            noteWorking(orderID, state, configuration)
        case .fillBooked(let fill):
            noteWorking(fill.orderID, state, configuration)
        default:
            break
        }
        switch event {
        case .fillBooked(let fill):
            let quantity = fill.quantity.doubleValue * Double(fill.side.sign)
            book(fill.account, fill.venue, fill.instrument, quantity: quantity, configuration)
            positions.book(fill, desk: configuration.desks[fill.account])
            noteLegging(fill, state)
        case .limitChanged(let key, let limit?, _) where Self.isScopeMeasure(key.measure):
            _ = book(for: ExposureScope(limit.scope), state, configuration)
        case .instrumentSettled:
            // The state's positions in the instrument are flat now: rebuilding drops it from every book (and from
            // `unvalued`, where an expired instrument the market can no longer value would fail every decision
            // closed). Settlements are rare, so the full rebuild's cost does not matter.
            rebuild(from: state, configuration: configuration)
        default:
            break
        }
    }

    public mutating func rebuild(from state: EngineState, configuration: EngineConfiguration) {
        books.removeAll()
        bookScopes.removeAll()
        bookIndex.removeAll()
        unvalued.removeAll()
        working.removeAll()
        for order in state.orders {
            if let entry = WorkingOrder(order) { working[order.id] = entry }
        }
        for limit in state.limits.values where Self.isScopeMeasure(limit.measure) {
            _ = book(for: ExposureScope(limit.scope), state, configuration)
        }
        rebuildLegging(state)
        positions.rebuild(from: state, working: working.values, configuration: configuration)
    }

    /// The slot of the book kept for `scope`, building it from the engine's positions the first time.
    mutating func book(
        for scope: ExposureScope,
        _ state: borrowing EngineState,
        _ configuration: EngineConfiguration
    ) -> Int {
        // A few scopes in practice: comparing them is cheaper than hashing one.
        if bookScopes.count <= 16 {
            if let known = bookScopes.firstIndex(of: scope) { return known }
        } else if let known = bookIndex[scope] {
            return known
        }
        var book = ScopeBook(model: model, basis: marginBasis(of: scope))
        for (key, position) in state.positions where scope.covers(key.account, key.instrument, configuration) {
            add(key.instrument, key.venue, quantity: position.netQuantity.doubleValue, to: &book)
        }
        for entry in working.values where scope.covers(entry.account, entry.instrument, configuration) {
            add(entry.instrument, entry.venue, quantity: entry.remaining, to: &book)
        }
        let slot = books.count
        books.append(book)
        bookScopes.append(scope)
        bookIndex[scope] = slot
        decision.needs.append(nil)
        decision.after.append(nil)
        decision.before.append(nil)
        return slot
    }

    private mutating func add(_ instrument: Instrument, _ venue: Venue, quantity: Double, to book: inout ScopeBook) {
        guard quantity != 0 else { return }
        switch profileID(instrument, venue) {
        case .failure(let error):
            unvalued[InstrumentOnVenue(instrument: instrument, venue: venue)] = error.description
        case .success(let id):
            book.book(table.profiles[id], id: id, venue: venue, quantity: quantity)
        }
    }

    /// Brings the books in line with what is left working of `orderID` after an event: the change in its working
    /// remainder is booked like a fill (a fill of a working order then changes nothing: the position gains what the
    /// remainder loses).
    mutating func noteWorking(_ orderID: OrderID, _ state: EngineState, _ configuration: EngineConfiguration) {
        let now = state.orders[orderID].flatMap(WorkingOrder.init)
        let before = working[orderID]
        guard now?.remaining != before?.remaining else { return }
        working[orderID] = now
        guard let entry = now ?? before else { return }
        let change = (now?.remaining ?? 0) - (before?.remaining ?? 0)
        book(entry.account, entry.venue, entry.instrument, quantity: change, configuration)
        let exact = (now?.signed ?? .zero) - (before?.signed ?? .zero)
        positions.work(exact, of: entry, desk: configuration.desks[entry.account])
    }

    private mutating func book(
        _ account: AccountID,
        _ venue: Venue,
        _ instrument: Instrument,
        quantity: Double,
        _ configuration: EngineConfiguration
    ) {
        guard bookScopes.contains(where: { $0.covers(account, instrument, configuration) }) else { return }
        switch profileID(instrument, venue) {
        case .failure(let error):
            unvalued[InstrumentOnVenue(instrument: instrument, venue: venue)] = error.description
        case .success(let id):
            for slot in bookScopes.indices where bookScopes[slot].covers(account, instrument, configuration) {
                books[slot].book(table.profiles[id], id: id, venue: venue, quantity: quantity)
            }
        }
    }
}

/// An order the venue may fill (sent, acknowledged or partly filled) and what is left of it, signed (buys positive).
/// Scope books count it as if it filled: orders that each pass a limit cannot together break it. Buys and sells net,
/// as the positions they would make do.
struct WorkingOrder {
    let account: AccountID
    let venue: Venue
    let instrument: Instrument
    let remaining: Double
    /// `remaining`, exact: what the position-per-instrument limit counts.
    let signed: FixedDecimal

    /// Nil when the order is not working at a venue or nothing of it is left.
    init?(_ order: borrowing Order) {
        guard order.status.isAtVenue else { return nil }
        let remaining = PortfolioGate.remaining(order)
        guard remaining != 0 else { return nil }
        account = order.request.account
        venue = order.request.venue
        instrument = order.request.instrument
        self.remaining = remaining
        let left = (order.quantity - order.filledQuantity).decimal
        signed = order.request.side == .buy ? left : FixedDecimal.zero - left
    }
}

/// The positions a limit scope selects: by desk, account and underlying. The role narrows which orders a limit
/// judges, and the expiry bucket which part of vega it reads; neither changes the positions.
struct ExposureScope: Hashable {
    let desk: DeskID?
    let account: AccountID?
    let underlying: Asset?

    init(_ scope: LimitScope) {
        desk = scope.desk
        account = scope.account
        underlying = scope.underlying
    }

    /// Whether a position of `account` (nil: any) in `instrument` (nil: any) belongs to the scope.
    func covers(_ account: AccountID?, _ instrument: Instrument?, _ configuration: EngineConfiguration) -> Bool {
        if let account {
            if let wanted = self.account, wanted != account { return false }
            if let desk, configuration.desks[account] != desk { return false }
        } else if self.account != nil || desk != nil {
            return instrument != nil && underlyingMatches(instrument?.underlying.base)
        }
        return underlyingMatches(instrument?.underlying.base)
    }

    /// Whether a proposed order's leg belongs to the scope.
    func covers(_ order: borrowing OrderScope) -> Bool {
        if let wanted = account, wanted != order.account { return false }
        if let wanted = desk, order.desk != wanted { return false }
        return underlyingMatches(order.base)
    }

    private func underlyingMatches(_ base: Asset?) -> Bool {
        guard let underlying, let base else { return true }
        return base == underlying
    }
}
