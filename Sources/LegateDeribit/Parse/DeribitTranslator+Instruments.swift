public import LegateCore
public import LegateModel
import LegateSymbology

/// Pure translation of Deribit wire values into the model. Each function checks what the venue says twice where it
/// can (an instrument's name against its own fields), so a symbology mistake cannot slip in silently.
public enum DeribitTranslator {
    /// A venue timestamp in milliseconds; one beyond 2262 is a malformed message, not a reason to trap.
    static func instant(millis: Int64) throws(DeribitParseError) -> UnixNanos {
        guard let instant = representableInstant(millis: millis) else {
            throw .inconsistent(what: "timestamp \(millis) ms", reason: "beyond the year 2262")
        }
        return instant
    }

    /// An instant that `UnixNanos` can hold (until 2262); perpetuals' year-3000 "expiry" cannot and needs none.
    static func representableInstant(millis: Int64) -> UnixNanos? {
        let (nanos, overflow) = millis.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? nil : UnixNanos(nanos)
    }

    static func instrument(named name: String) throws(DeribitParseError) -> Instrument {
        do {
            return try DeribitSymbology.parse(name)
        } catch {
            throw .unknownInstrument(name: name, reason: error.description)
        }
    }

    static func asset(_ code: String, of what: String) throws(DeribitParseError) -> Asset {
        do {
            return try Asset(code)
        } catch {
            throw .inconsistent(what: what, reason: error.description)
        }
    }
}

// MARK: - Instruments

extension DeribitTranslator {
    /// The spec of one listed instrument.
    ///
    /// - Parameter observedAt: When this version was seen; a first listing may pass nil to date it from its creation.
    /// - Throws: `DeribitParseError` when the name is not understood or contradicts the expiry, strike or right.
    public static func spec(
        _ wire: DeribitInstrumentWire,
        observedAt: UnixNanos? = nil
    ) throws(DeribitParseError) -> InstrumentSpec {
        let instrument = try instrument(named: wire.instrumentName)
        try checkTerms(of: instrument, against: wire)
        let schedule: TickSchedule
        do {
            let steps = (wire.tickSizeSteps ?? []).map {
                TickSchedule.Step(abovePrice: $0.abovePrice.value, tick: $0.tickSize.value)
            }
            schedule = try TickSchedule(base: wire.tickSize.value, steps: steps)
        } catch {
            throw .inconsistent(what: "tick size of \(wire.instrumentName)", reason: error.description)
        }
        // Inverse futures are sized in USD (`contract_size` 10 for BTC, 1 for ETH in 2021); everything else in coin.
        let isInverseFuture = instrument.settlement.isInverse && (wire.kind == "future" || wire.kind == "future_combo")
        let unitCode = isInverseFuture ? (wire.counterCurrency ?? instrument.underlying.quote.code) : wire.baseCurrency
        let unit = try asset(unitCode, of: "contract unit of \(wire.instrumentName)")
        let created = try instant(millis: wire.creationTimestamp)
        let observed = observedAt ?? created
        return InstrumentSpec(
            instrument: instrument,
            venue: .deribit,
            symbol: wire.instrumentName,
            contractMultiplier: wire.contractSize.value,
            contractUnit: unit,
            quoteCurrency: try asset(wire.quoteCurrency, of: "quote currency of \(wire.instrumentName)"),
            tickSize: schedule,
            lotSize: wire.minTradeAmount.quantity,
            minimumSize: wire.minTradeAmount.quantity,
            minimumNotional: nil,
            listingState: listingState(wire, at: observed),
            effectiveFrom: observed
        )
    }

    /// Every instrument of a `get_instruments` list that reads cleanly, and the reason for each one that does not
    /// (one bad item must not hide the rest of a venue's listing).
    public static func specs(
        _ wires: [DeribitInstrumentWire],
        observedAt: UnixNanos? = nil
    ) -> (specs: [InstrumentSpec], refused: [DeribitParseError]) {
        var specs: [InstrumentSpec] = []
        var refused: [DeribitParseError] = []
        for wire in wires {
            do {
                specs.append(try spec(wire, observedAt: observedAt))
            } catch {
                refused.append(error)
            }
        }
        return (specs, refused)
    }

    static func listingState(_ wire: DeribitInstrumentWire, at time: UnixNanos) -> ListingState {
        if wire.isActive && (wire.state == nil || wire.state == "open") { return .listed }
        guard let expiry = wire.expirationTimestamp.flatMap(representableInstant(millis:)) else { return .suspended }
        return expiry <= time ? .expired : .suspended
    }

    /// The name must agree with the venue's expiry, strike and right.
    static func checkTerms(of instrument: Instrument, against wire: DeribitInstrumentWire) throws(DeribitParseError) {
        let name = wire.instrumentName
        let venueExpiry = wire.expirationTimestamp.flatMap(representableInstant(millis:))
        if case .option(let terms) = instrument.terms {
            guard terms.expiry == venueExpiry else {
                throw .inconsistent(
                    what: name,
                    reason: "name says expiry \(terms.expiry), venue says \(venueExpiry.map(\.description) ?? "none")"
                )
            }
            if let strike = wire.strike, strike.price != terms.strike {
                throw .inconsistent(what: name, reason: "name says strike \(terms.strike), venue says \(strike)")
            }
            if let right = wire.optionType, right != terms.right.rawValue {
                throw .inconsistent(what: name, reason: "name says \(terms.right.rawValue), venue says \(right)")
            }
        }
        if case .future(let expiry) = instrument.terms, expiry != venueExpiry {
            throw .inconsistent(
                what: name,
                reason: "name says expiry \(expiry), venue says \(venueExpiry.map(\.description) ?? "none")"
            )
        }
    }

    /// A listed combo as the model's instrument, checked against the legs the venue lists for it.
    public static func combo(_ wire: DeribitComboWire) throws(DeribitParseError) -> Instrument {
        let instrument = try instrument(named: wire.id)
        guard case .combo(let combo) = instrument.terms else {
            throw .inconsistent(what: wire.id, reason: "get_combos lists it, but its name is not a combo")
        }
        var listed: [ComboLeg] = []
        for leg in wire.legs {
            listed.append(ComboLeg(instrument: try self.instrument(named: leg.instrumentName), ratio: leg.amount))
        }
        guard Set(listed) == Set(combo.legs), listed.count == combo.legs.count else {
            throw .inconsistent(
                what: wire.id,
                reason: "its legs \(wire.legs.map(\.instrumentName)) differ from its name"
            )
        }
        return instrument
    }
}
