public import LegateCore
public import LegateModel

// MARK: - Instruments

extension OKXTranslator {
    /// The spec of one listed instrument, with sizes in the contract's unit.
    ///
    /// A BTC option of 2024 (`ctVal` 1, `ctMult` 0.01, `lotSz` 1) becomes multiplier 0.01 BTC and lot 0.01 BTC; one of
    /// the 2022 recording (`ctMult` 0.1) multiplier and lot 0.1 BTC. An inverse swap (`ctVal` 100 USD) is sized in USD,
    /// a linear one in its base coin, spot in the base currency.
    ///
    /// - Parameter observedAt: When this version was seen; nil dates it from `listTime`.
    /// - Throws: `OKXParseError` when the name is not understood or contradicts the type, expiry, strike, right or
    ///   settlement OKX states beside it.
    public static func spec(
        _ wire: OKXInstrumentWire,
        observedAt: UnixNanos? = nil
    ) throws(OKXParseError) -> InstrumentSpec {
        let instrument = try instrument(named: wire.instId)
        try checkType(of: instrument, against: wire)
        try checkTerms(of: instrument, against: wire)
        let (multiplier, unit) = try contractSize(of: instrument, wire)
        let listed = try wire.listTime.map { (time) throws(OKXParseError) in try instant(time, of: wire.instId) }
        guard let observed = observedAt ?? listed else {
            throw .inconsistent(what: wire.instId, reason: "no listTime and no observation time")
        }
        let quote =
            instrument.kind == .option ? instrument.settlement.currency : instrument.underlying.quote
        return InstrumentSpec(
            instrument: instrument,
            venue: .okx,
            symbol: wire.instId,
            contractMultiplier: multiplier,
            contractUnit: unit,
            quoteCurrency: quote,
            tickSize: try tickSchedule(wire.tickSz, of: wire.instId),
            lotSize: Quantity(try product(wire.lotSz.value, multiplier, of: "lot size of \(wire.instId)")),
            minimumSize: Quantity(try product(wire.minSz.value, multiplier, of: "minimum size of \(wire.instId)")),
            minimumNotional: nil,
            listingState: try listingState(wire.state, expiry: instrument.expiry, at: observed, of: wire.instId),
            effectiveFrom: observed
        )
    }

    /// Every instrument of a listing that reads cleanly, and the reason for each one that does not (one bad item must
    /// not hide the rest of a venue's listing).
    public static func specs(
        _ wires: [OKXInstrumentWire],
        observedAt: UnixNanos? = nil
    ) -> (specs: [InstrumentSpec], refused: [OKXParseError]) {
        var specs: [InstrumentSpec] = []
        var refused: [OKXParseError] = []
        for wire in wires {
            do {
                specs.append(try spec(wire, observedAt: observedAt))
            } catch {
                refused.append(error)
            }
        }
        return (specs, refused)
    }

    /// A Nitro spread as a combo spec, its legs checked against its name. Sizes are in `szCcy`, so the multiplier is 1.
    public static func spec(
        _ wire: OKXSpreadWire,
        observedAt: UnixNanos? = nil
    ) throws(OKXParseError) -> InstrumentSpec {
        let instrument = try combo(wire)
        let listed = try wire.listTime.map { (time) throws(OKXParseError) in try instant(time, of: wire.sprdId) }
        guard let observed = observedAt ?? listed else {
            throw .inconsistent(what: wire.sprdId, reason: "no listTime and no observation time")
        }
        let expiry = try wire.expTime.map { (time) throws(OKXParseError) in try instant(time, of: wire.sprdId) }
        return InstrumentSpec(
            instrument: instrument,
            venue: .okx,
            symbol: wire.sprdId,
            contractMultiplier: 1,
            contractUnit: try asset(wire.szCcy, of: "size currency of \(wire.sprdId)"),
            quoteCurrency: try asset(wire.quoteCcy, of: "quote currency of \(wire.sprdId)"),
            tickSize: try tickSchedule(wire.tickSz, of: wire.sprdId),
            lotSize: wire.lotSz.quantity,
            minimumSize: wire.minSz.quantity,
            minimumNotional: nil,
            listingState: try listingState(wire.state, expiry: expiry, at: observed, of: wire.sprdId),
            effectiveFrom: observed
        )
    }

    /// A spread's instrument: the combo its name describes, which must have the legs and sides OKX lists.
    public static func combo(_ wire: OKXSpreadWire) throws(OKXParseError) -> Instrument {
        let parsed = try instrument(named: wire.sprdId)
        guard case .combo(let combo) = parsed.terms else {
            throw .inconsistent(what: wire.sprdId, reason: "listed as a spread, but its name is not one")
        }
        var listed: [ComboLeg] = []
        for leg in wire.legs {
            let side = try side(leg.side, of: "leg \(leg.instId) of \(wire.sprdId)")
            listed.append(ComboLeg(instrument: try instrument(named: leg.instId), ratio: side.sign))
        }
        guard Set(listed) == Set(combo.legs), listed.count == combo.legs.count else {
            throw .inconsistent(
                what: wire.sprdId,
                reason: "its legs \(wire.legs.map { "\($0.side) \($0.instId)" }) differ from its name"
            )
        }
        return parsed
    }

    static func tickSchedule(_ tick: OKXDecimal, of name: String) throws(OKXParseError) -> TickSchedule {
        do {
            return try TickSchedule.uniform(tick.value)
        } catch {
            throw .inconsistent(what: "tick size of \(name)", reason: error.description)
        }
    }

    static func listingState(
        _ state: String,
        expiry: UnixNanos?,
        at time: UnixNanos,
        of name: String
    ) throws(OKXParseError) -> ListingState {
        if let expiry, expiry <= time { return .expired }
        switch state {
        case "live": return .listed
        case "suspend": return .suspended
        case "preopen", "test": return .preListing
        case "expired": return .expired
        default: throw .inconsistent(what: name, reason: "unknown state \"\(state)\"")
        }
    }

    /// Units of `ctValCcy` per contract: `ctVal × ctMult`; spot and margin count in the base currency itself.
    static func contractSize(
        of instrument: Instrument,
        _ wire: OKXInstrumentWire
    ) throws(OKXParseError) -> (FixedDecimal, Asset) {
        guard instrument.kind != .spot else {
            return (1, try asset(wire.baseCcy ?? instrument.underlying.base.code, of: "base of \(wire.instId)"))
        }
        guard let value = wire.ctVal else {
            throw .inconsistent(what: wire.instId, reason: "a \(wire.instType) without ctVal")
        }
        let multiplier = try product(value.value, wire.ctMult?.value ?? 1, of: "contract size of \(wire.instId)")
        guard multiplier.isPositive else {
            throw .inconsistent(what: wire.instId, reason: "contract size \(multiplier) is not positive")
        }
        return (multiplier, try asset(wire.ctValCcy, of: "contract unit of \(wire.instId)"))
    }

    static func checkType(of instrument: Instrument, against wire: OKXInstrumentWire) throws(OKXParseError) {
        let expected: InstrumentKind
        switch wire.instType {
        case "SPOT", "MARGIN": expected = .spot
        case "SWAP": expected = .perpetual
        case "FUTURES": expected = .future
        case "OPTION": expected = .option
        default: throw .inconsistent(what: wire.instId, reason: "unknown instType \(wire.instType)")
        }
        guard instrument.kind == expected else {
            throw .inconsistent(what: wire.instId, reason: "name says \(instrument.kind), instType \(wire.instType)")
        }
        guard expected != .spot else { return }
        if let settle = wire.settleCcy?.nonEmpty, settle != instrument.settlement.currency.code {
            throw .inconsistent(
                what: wire.instId,
                reason: "name implies settlement in \(instrument.settlement.currency), venue says \(settle)"
            )
        }
        if let type = wire.ctType?.nonEmpty, (type == "inverse") != instrument.settlement.isInverse {
            throw .inconsistent(what: wire.instId, reason: "name implies \(instrument.settlement), ctType \(type)")
        }
    }

    /// The name must agree with OKX's expiry, strike and right.
    static func checkTerms(of instrument: Instrument, against wire: OKXInstrumentWire) throws(OKXParseError) {
        let name = wire.instId
        let venueExpiry = try wire.expTime.map { (time) throws(OKXParseError) in try instant(time, of: name) }
        if let expiry = instrument.expiry, expiry != venueExpiry {
            throw .inconsistent(
                what: name,
                reason: "name says expiry \(expiry), venue says \(venueExpiry.map(\.description) ?? "none")"
            )
        }
        guard case .option(let terms) = instrument.terms else { return }
        if let strike = wire.stk, strike.price != terms.strike {
            throw .inconsistent(what: name, reason: "name says strike \(terms.strike), venue says \(strike)")
        }
        let right = wire.optType.map { $0 == "C" ? OptionRight.call : $0 == "P" ? .put : nil }
        if let right, right != terms.right {
            throw .inconsistent(what: name, reason: "name says \(terms.right), optType \(wire.optType ?? "")")
        }
    }
}
