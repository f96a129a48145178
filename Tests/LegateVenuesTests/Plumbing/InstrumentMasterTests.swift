// Proves the instrument master: a first spec lists, a repeat is silent, a tick change is a spec-change event naming
// the field, a missing symbol in a full list is delisted, lookups answer "as of time t", and a renamed symbol keeps
// both mappings in time.
import LegateCore
import LegateModel
import Testing

@testable import LegateVenues

@Suite struct InstrumentMasterTests {
    func spec(
        _ symbol: String,
        instrument: Instrument = btcOption,
        tick: String = "0.0005",
        state: ListingState = .listed,
        from: Int64
    ) -> InstrumentSpec {
        InstrumentSpec(
            instrument: instrument,
            venue: .deribit,
            symbol: symbol,
            contractMultiplier: 1,
            contractUnit: .btc,
            quoteCurrency: .btc,
            tickSize: try! TickSchedule.uniform(decimal(tick)),
            lotSize: quantity("0.1"),
            minimumSize: quantity("0.1"),
            minimumNotional: nil,
            listingState: state,
            effectiveFrom: UnixNanos(from)
        )
    }

    @Test func listingChangeAndRepeat() {
        var master = InstrumentMaster()
        let first = spec("BTC-27DEC24-60000-C", from: 100)
        #expect(master.apply(first) == .listed(first))
        #expect(master.apply(spec("BTC-27DEC24-60000-C", from: 200)) == nil)
        let finer = spec("BTC-27DEC24-60000-C", tick: "0.0001", from: 300)
        #expect(master.apply(finer) == .changed(from: first, to: finer, changes: [.tickSize]))
        #expect(master.spec(venue: .deribit, symbol: "BTC-27DEC24-60000-C", at: UnixNanos(250)) == first)
        #expect(master.spec(venue: .deribit, symbol: "BTC-27DEC24-60000-C", at: UnixNanos(300)) == finer)
        #expect(master.spec(venue: .deribit, symbol: "BTC-27DEC24-60000-C", at: UnixNanos(50)) == nil)
        #expect(master.history(venue: .deribit, symbol: "BTC-27DEC24-60000-C").count == 2)
    }

    @Test func reconcileDelistsWhatTheVenueNoLongerLists() {
        var master = InstrumentMaster()
        let put = Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: btcOption.expiry!,
            strike: 60_000,
            right: .put,
            settlement: .inverse(.btc)
        )
        let call = spec("BTC-27DEC24-60000-C", from: 100)
        let putSpec = spec("BTC-27DEC24-60000-P", instrument: put, from: 100)
        #expect(
            master.reconcile(venue: .deribit, listed: [putSpec, call], at: UnixNanos(100)) == [
                .listed(call), .listed(putSpec),
            ]
        )
        let events = master.reconcile(venue: .deribit, listed: [call], at: UnixNanos(500))
        let delisted = putSpec.with(listingState: .delisted, effectiveFrom: UnixNanos(500))
        #expect(events == [.delisted(previous: putSpec, current: delisted)])
        #expect(master.reconcile(venue: .deribit, listed: [call], at: UnixNanos(600)).isEmpty)
        #expect(
            master.spec(venue: .deribit, symbol: "BTC-27DEC24-60000-P", at: UnixNanos(499))?.listingState == .listed
        )
    }

    @Test func symbolMappingsAreVersioned() {
        var master = InstrumentMaster()
        _ = master.apply(spec("OLD-NAME", from: 100))
        _ = master.apply(spec("BTC-27DEC24-60000-C", from: 1_000))
        #expect(master.symbol(for: btcOption, venue: .deribit, at: UnixNanos(500)) == "OLD-NAME")
        #expect(master.symbol(for: btcOption, venue: .deribit, at: UnixNanos(1_000)) == "BTC-27DEC24-60000-C")
        #expect(master.symbol(for: btcOption, venue: .okx, at: UnixNanos(1_000)) == nil)
        #expect(master.instrument(venue: .deribit, symbol: "OLD-NAME", at: UnixNanos(500)) == btcOption)
    }

    @Test func anOlderSpecIsKeptInHistoryWithoutAnEvent() {
        var master = InstrumentMaster()
        _ = master.apply(spec("BTC-27DEC24-60000-C", from: 1_000))
        let older = spec("BTC-27DEC24-60000-C", tick: "0.001", from: 10)
        #expect(master.apply(older) == nil)
        #expect(master.spec(venue: .deribit, symbol: "BTC-27DEC24-60000-C", at: UnixNanos(500)) == older)
    }
}
