internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateRisk
internal import LegateSimulator
internal import OrderedCollections

extension SimulatedSession {
    /// Keeps the outputs the session acts on (reports, tickers, connection changes, settlements) until their
    /// delivery instant; book updates, trades, funding and listings stay with the venues.
    func enqueue(_ outputs: [TimedOutput]) {
        for output in outputs {
            switch output.output {
            case .report, .connection, .settled, .marketData(.ticker): pending.push(output)
            default: break
            }
        }
    }

    /// Delivers every output due at `time`: reports about the engine's orders and marks become inputs (reports
    /// first, in delivery order, then each venue's marks); connection changes and the desk's settlements are told.
    func deliver(
        due time: UnixNanos,
        _ observer: (SessionRecord) -> Void
    ) -> [(input: Input, origin: InputOrigin)] {
        var inputs: [(input: Input, origin: InputOrigin)] = []
        var tickers: OrderedDictionary<Venue, [Ticker]> = [:]
        var settlements: OrderedSet<ExpirySettlement> = []
        while let delivered = pending.popDue(time) {
            switch delivered.output {
            case .report(let report):
                guard let venue = ledger.venue(of: report) else { continue }
                if case .fill(let fill) = report { ledger.charge(fill.fee) }
                inputs.append((.venueReport(report), .venue(venue)))
            case .marketData(.ticker(let ticker)):
                tickers[ticker.venue, default: []].append(ticker)
            case .connection(let event):
                note(event, at: time)
                observer(.connection(at: time, event: event))
            case .settled(let report):
                guard ledger.accounts.contains(report.account) else { continue }
                observer(.settled(at: time, report: report))
                // One settlement per instrument and venue closes every account's position in it.
                settlements.append(
                    ExpirySettlement(
                        instrument: report.instrument,
                        venue: report.venue,
                        deliveryPrice: report.settlementPrice
                    )
                )
            default:
                break
            }
        }
        // After the reports of the same instant: the venue's expiries of working orders must reach the engine
        // before the settlement makes those orders final, or they would be quarantined as reports on final orders.
        inputs += settlements.map { (.settlement($0), .venue($0.venue)) }
        guard !tickers.isEmpty else { return inputs }
        let primary = venues.venue(feed.primary)
        for (venue, batch) in tickers {
            let marks = feed.marks(from: batch) { instrument in primary?.spec(for: instrument) != nil }
            inputs += marks.map { ($0, .market(venue)) }
        }
        return inputs
    }

    /// Keeps each venue's outage and disconnect counts and durations.
    func note(_ event: ConnectionEvent, at time: UnixNanos) {
        switch event {
        case .outageStarted(let venue, _):
            update(venue) { health in
                health.outages += 1
                health.outageSince = time
            }
        case .outageEnded(let venue, _):
            update(venue) { health in
                health.outageNanos += health.outageSince.map { time - $0 } ?? 0
                health.outageSince = nil
            }
        case .disconnected(let venue, _):
            update(venue) { health in
                health.disconnects += 1
                health.disconnectedSince = time
            }
        case .reconnected(let venue, _):
            update(venue) { health in
                health.disconnectedNanos += health.disconnectedSince.map { time - $0 } ?? 0
                health.disconnectedSince = nil
            }
        }
    }

    private func update(_ venue: Venue, _ change: (inout VenueHealth) -> Void) {
        guard let index = health.firstIndex(where: { $0.venue == venue }) else { return }
        change(&health[index])
    }

    /// The final state, read once the writer has stopped.
    func result() throws(SimulationError) -> SessionResult {
        let state = durable.engine.state
        let hash: String
        do {
            hash = try state.stateHash()
        } catch {
            throw .state(error)
        }
        var final = health
        for index in final.indices {
            let venue = final[index].venue
            final[index].listedAtEnd = venues.venue(venue)?.listedInstruments.count ?? 0
            if let since = final[index].outageSince { final[index].outageNanos += settings.end - since }
            if let since = final[index].disconnectedSince { final[index].disconnectedNanos += settings.end - since }
        }
        return SessionResult(
            start: settings.start,
            end: settings.end,
            state: state,
            stateHash: hash,
            lastSequence: durable.lastSequence,
            inputs: inputCount,
            venues: final,
            fees: ledger.fees,
            market: riskMarket(at: settings.end),
            marks: feed.last,
            gateMarket: (durable.engine.gate as? any MarketRebuildingGate)?.marketHealth
        )
    }

    /// The market the marks describe now, or the primary venue's own when they do not make one.
    func riskMarket(at time: UnixNanos) -> LegateRisk.MarketState {
        let underlyings = venues.venues.map(\.market.configuration.underlying).reduce(into: [Underlying]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let names = venues.venues.map(\.configuration.venue)
        if let marked = MarkedMarket.build(marks: feed.last, underlyings: underlyings, venues: names, at: time) {
            return marked
        }
        return MarkedMarket.simulated(venues.venues[0])
    }
}
