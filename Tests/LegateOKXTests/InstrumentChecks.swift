// Instrument listings into specs: contract multipliers (option ctMult 0.01), ticks, lots and minimums in the
// contract's unit, settlement, expiry and listing state, and Nitro spreads as combos whose legs match their names.
import LegateCore
import LegateModel
import Testing

@testable import LegateOKX

enum InstrumentChecks {
    static func options(_ fixture: OKXFixture) throws {
        let specs = try fixture.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
        #expect(specs.count == 4)
        let call = specs[0]
        #expect(call.symbol == "BTC-USD-241217-92000-C")
        // ctVal 1 × ctMult 0.01 BTC per contract; lotSz 1 and minSz 1 contract.
        #expect(call.contractMultiplier == dec("0.01"))
        #expect(call.contractUnit == .btc)
        #expect(call.lotSize == qty("0.01"))
        #expect(call.minimumSize == qty("0.01"))
        #expect(call.tickSize == (try TickSchedule.uniform(dec("0.0001"))))
        #expect(call.quoteCurrency == .btc)
        #expect(call.instrument.settlement == .inverse(.btc))
        #expect(call.instrument.strike == price("92000"))
        #expect(call.instrument.right == .call)
        #expect(call.instrument.expiry == millis(1_734_422_400_000))
        #expect(call.listingState == .listed)
        #expect(call.effectiveFrom == millis(1_734_165_000_000))
        #expect(specs[1].instrument.right == .put)
        #expect(specs[3].instrument.strike == price("94000"))
        // Seen after its expiry, the same listing is expired.
        let late = try OKXTranslator.spec(
            fixture.items(OKXInstrumentWire.self)[0],
            observedAt: millis(1_734_422_400_000)
        )
        #expect(late.listingState == .expired)
    }

    static func futures(_ fixture: OKXFixture) throws {
        let wires = try fixture.items(OKXInstrumentWire.self)
        let specs = try wires.map { try OKXTranslator.spec($0) }
        #expect(
            specs.map(\.symbol) == [
                "BTC-USD-241220", "BTC-USD-241227", "BTC-USD-250131", "BTC-USD-250228", "BTC-USD-250328",
                "BTC-USD-250627",
            ]
        )
        let first = specs[0]
        // Inverse: ctVal 100 USD per contract, so sizes are in USD.
        #expect(first.contractMultiplier == 100)
        #expect(first.contractUnit == .usd)
        #expect(first.lotSize == 100)
        #expect(first.quoteCurrency == .usd)
        #expect(first.instrument.settlement == .inverse(.btc))
        #expect(first.instrument.expiry == millis(1_734_681_600_000))
        #expect(wires[0].alias == "this_week")
        #expect(first.tickSize.base == dec("0.1"))
    }

    static func swaps(_ fixture: OKXFixture) throws {
        let specs = try fixture.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
        #expect(specs.map(\.symbol) == ["BTC-USD-SWAP", "ETH-USDT-SWAP", "BTC-USDT-SWAP"])
        #expect(specs[0].instrument.kind == .perpetual)
        #expect(specs[0].contractMultiplier == 100)
        #expect(specs[0].contractUnit == .usd)
        // ETH-USDT-SWAP: ctVal 0.1 ETH, lotSz 0.01 contracts = 0.001 ETH.
        #expect(specs[1].instrument.settlement == .linear(.usdt))
        #expect(specs[1].contractMultiplier == dec("0.1"))
        #expect(specs[1].contractUnit == Asset(known: "ETH"))
        #expect(specs[1].lotSize == qty("0.001"))
        #expect(specs[1].minimumSize == qty("0.001"))
        #expect(specs[1].tickSize.base == dec("0.01"))
        #expect(specs[2].contractMultiplier == dec("0.01"))
        #expect(specs[2].lotSize == qty("0.0001"))
        #expect(specs[2].quoteCurrency == .usdt)
    }

    static func spot(_ fixture: OKXFixture) throws {
        let specs = try fixture.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
        #expect(specs.map(\.symbol) == ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "USDT-USD"])
        #expect(specs[0].instrument == .spot(Underlying(base: .btc, quote: .usd)))
        #expect(specs[0].contractMultiplier == 1)
        #expect(specs[0].contractUnit == .btc)
        #expect(specs[0].lotSize == qty("0.00000001"))
        #expect(specs[0].minimumSize == qty("0.00001"))
        #expect(specs[4].instrument.underlying.base == .usdt)
        #expect(specs[4].tickSize.base == dec("0.0001"))
    }

    static func margin(_ fixture: OKXFixture) throws {
        let specs = try fixture.items(OKXInstrumentWire.self).map { try OKXTranslator.spec($0) }
        #expect(specs.map(\.symbol) == ["BTC-USDT", "ETH-USDT", "OKB-USDT", "SOL-USDT"])
        #expect(specs[0].instrument == .spot(Underlying(base: .btc, quote: .usdt)))
        #expect(specs[2].minimumSize == qty("0.1"))
        #expect(specs[2].contractUnit == Asset(known: "OKB"))
    }

    static func instrumentsPush(_ fixture: OKXFixture) throws {
        let push = try fixture.push(OKXInstrumentWire.self)
        #expect(push.arg == OKXChannelArg(channel: "instruments", instType: "SWAP"))
        let spec = try OKXTranslator.spec(try #require(push.data.first))
        #expect(spec.symbol == "BTC-USDT-SWAP")
        #expect(spec.contractMultiplier == dec("0.01"))
        #expect(spec.lotSize == qty("0.01"))
        #expect(spec.instrument.settlement == .linear(.usdt))
        #expect(spec.effectiveFrom == millis(1_611_916_828_000))
    }

    static func spreads(_ fixture: OKXFixture) throws {
        let wires = try fixture.items(OKXSpreadWire.self)
        let specs = try wires.map { try OKXTranslator.spec($0, observedAt: millis(1_700_000_000_000)) }
        let inverse = specs[0]
        #expect(inverse.symbol == "ETH-USD-SWAP_ETH-USD-231229")
        guard case .combo(let combo) = inverse.instrument.terms else {
            Issue.record("a spread is a combo")
            return
        }
        let eth = Underlying(base: Asset(known: "ETH"), quote: .usd)
        #expect(
            Set(combo.legs) == [
                ComboLeg(instrument: .perpetual(eth, settlement: .inverse(Asset(known: "ETH"))), ratio: -1),
                ComboLeg(
                    instrument: .future(
                        eth,
                        expiry: millis(1_703_836_800_000),
                        settlement: .inverse(Asset(known: "ETH"))
                    ),
                    ratio: 1
                ),
            ]
        )
        #expect(inverse.contractUnit == .usd)
        #expect(inverse.lotSize == 10)
        #expect(inverse.minimumSize == 10)
        #expect(inverse.tickSize.base == dec("0.01"))
        #expect(inverse.listingState == .listed)
        let linear = specs[1]
        #expect(linear.contractUnit == .btc)
        #expect(linear.quoteCurrency == .usdt)
        #expect(linear.lotSize == qty("0.001"))
        // After the dated leg's expiry the spread is expired.
        let late = try OKXTranslator.spec(wires[0], observedAt: millis(1_703_836_800_000))
        #expect(late.listingState == .expired)
    }
}
