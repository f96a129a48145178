// Proves each venue's grammar on one example of every shape it names (options, perpetuals, futures, spot, linear and
// inverse, USDC and USDT settlement, decimal strikes), that the same contract on two venues is one Instrument, and that
// formatting refuses, with a typed error, instruments a venue cannot name.
import LegateCore
import LegateModel
import LegateSymbology
import Testing

private typealias V = TestValues

@Suite struct VenueGrammarTests {
    /// (venue, market, name, the instrument it means)
    static let examples: [(Venue, Market?, String, Instrument)] = [
        // Deribit
        (.deribit, nil, "BTC-27DEC24-60000-C", V.option("BTC/USD", "2024-12-27", "60000", .call, .inverse(.btc))),
        (.deribit, nil, "ETH-6AUG21-2000-P", V.option("ETH/USD", "2021-08-06", "2000", .put, .inverse(.eth))),
        (.deribit, nil, "BTC_USDC-27DEC24-60000-C", V.option("BTC/USDC", "2024-12-27", "60000", .call, .linear(.usdc))),
        (.deribit, nil, "XRP_USDC-27DEC24-0d625-C", V.option("XRP/USDC", "2024-12-27", "0.625", .call, .linear(.usdc))),
        (.deribit, nil, "AVAX_USDC-29MAY26-8d6-P", V.option("AVAX/USDC", "2026-05-29", "8.6", .put, .linear(.usdc))),
        (.deribit, nil, "BTC-PERPETUAL", V.perpetual("BTC/USD", .inverse(.btc))),
        (.deribit, nil, "BTC_USDC-PERPETUAL", V.perpetual("BTC/USDC", .linear(.usdc))),
        (.deribit, nil, "BTC-27DEC24", V.future("BTC/USD", "2024-12-27", .inverse(.btc))),
        (.deribit, nil, "ETH_USDC-27DEC24", V.future("ETH/USDC", "2024-12-27", .linear(.usdc))),
        (.deribit, nil, "BTC_USDC", V.spot("BTC/USDC")),
        (.deribit, nil, "STETH_ETH", V.spot("STETH/ETH")),
        // OKX
        (.okx, nil, "BTC-USD-241227-60000-C", V.option("BTC/USD", "2024-12-27", "60000", .call, .inverse(.btc))),
        (.okx, nil, "BTC-USD-241227", V.future("BTC/USD", "2024-12-27", .inverse(.btc))),
        (.okx, nil, "BTC-USDT-241227", V.future("BTC/USDT", "2024-12-27", .linear(.usdt))),
        (.okx, nil, "BTC-USD-SWAP", V.perpetual("BTC/USD", .inverse(.btc))),
        (.okx, nil, "BTC-USDT-SWAP", V.perpetual("BTC/USDT", .linear(.usdt))),
        (.okx, nil, "BTC-USDC-SWAP", V.perpetual("BTC/USDC", .linear(.usdc))),
        (.okx, nil, "BTC-USDT", V.spot("BTC/USDT")),
        // Bybit
        (.bybit, .option, "BTC-30JUN25-100000-C", V.option("BTC/USDC", "2025-06-30", "100000", .call, .linear(.usdc))),
        (.bybit, .option, "ETH-25JUN27-7000-P-USDT", V.option("ETH/USDT", "2027-06-25", "7000", .put, .linear(.usdt))),
        (.bybit, .option, "XRP-27DEC24-0.625-C", V.option("XRP/USDC", "2024-12-27", "0.625", .call, .linear(.usdc))),
        (.bybit, .linear, "BTCUSDT", V.perpetual("BTC/USDT", .linear(.usdt))),
        (.bybit, .linear, "BTCPERP", V.perpetual("BTC/USDC", .linear(.usdc))),
        (.bybit, .linear, "BTCUSDT-27DEC24", V.future("BTC/USDT", "2024-12-27", .linear(.usdt))),
        (.bybit, .linear, "BTC-27DEC24", V.future("BTC/USDC", "2024-12-27", .linear(.usdc))),
        (.bybit, .inverse, "BTCUSD", V.perpetual("BTC/USD", .inverse(.btc))),
        (.bybit, .inverse, "BTCUSDZ24", V.future("BTC/USD", "2024-12-27", .inverse(.btc))),
        (.bybit, .inverse, "BTCUSDH25", V.future("BTC/USD", "2025-03-28", .inverse(.btc))),
        (.bybit, .inverse, "ETHUSDM25", V.future("ETH/USD", "2025-06-27", .inverse(.eth))),
        (.bybit, .inverse, "BTCUSDU25", V.future("BTC/USD", "2025-09-26", .inverse(.btc))),
        (.bybit, .spot, "BTCUSDT", V.spot("BTC/USDT")),
        (.bybit, .spot, "ETHBTC", V.spot("ETH/BTC")),
        // Binance
        (.binance, .option, "BTC-241227-60000-C", V.option("BTC/USDT", "2024-12-27", "60000", .call, .linear(.usdt))),
        (.binance, .option, "DOGE-241227-0.15-P", V.option("DOGE/USDT", "2024-12-27", "0.15", .put, .linear(.usdt))),
        (.binance, .linear, "BTCUSDT", V.perpetual("BTC/USDT", .linear(.usdt))),
        (.binance, .linear, "BTCUSDT_210924", V.future("BTC/USDT", "2021-09-24", .linear(.usdt))),
        (.binance, .inverse, "BTCUSD_PERP", V.perpetual("BTC/USD", .inverse(.btc))),
        (.binance, .inverse, "BTCUSD_240329", V.future("BTC/USD", "2024-03-29", .inverse(.btc))),
        (.binance, .spot, "BTCUSDT", V.spot("BTC/USDT")),
        (.binance, .spot, "BNBBUSD", V.spot("BNB/BUSD")),
    ]

    @Test(arguments: examples)
    func nameMeansItsInstrumentAndFormatsBack(venue: Venue, market: Market?, name: String, expected: Instrument) throws
    {
        let parsed = try Symbology.parse(name, venue: venue, market: market)
        #expect(parsed == expected)
        #expect(try Symbology.format(expected, venue: venue) == name)
    }

    @Test func deribitDecimalStrikeIsExact() throws {
        let strike = try #require(try DeribitSymbology.parse("XRP_USDC-27DEC24-0d625-C").strike)
        #expect(strike.decimal.units == 625)
        #expect(strike.decimal.scale == 3)
    }

    /// Names of one contract on several venues: each group must parse to one instrument.
    static let sameContract: [[(Venue, Market?, String)]] = [
        [(.deribit, nil, "BTC-27DEC24-60000-C"), (.okx, nil, "BTC-USD-241227-60000-C")],
        [(.deribit, nil, "BTC_USDC-27DEC24-60000-P"), (.bybit, .option, "BTC-27DEC24-60000-P")],
        [(.binance, .option, "BTC-241227-60000-C"), (.bybit, .option, "BTC-27DEC24-60000-C-USDT")],
        [
            (.deribit, nil, "BTC-PERPETUAL"), (.okx, nil, "BTC-USD-SWAP"), (.bybit, .inverse, "BTCUSD"),
            (.binance, .inverse, "BTCUSD_PERP"),
        ],
        [(.okx, nil, "BTC-USDT-SWAP"), (.bybit, .linear, "BTCUSDT"), (.binance, .linear, "BTCUSDT")],
        [(.deribit, nil, "BTC_USDC-PERPETUAL"), (.bybit, .linear, "BTCPERP"), (.okx, nil, "BTC-USDC-SWAP")],
        [
            (.deribit, nil, "BTC-27DEC24"), (.okx, nil, "BTC-USD-241227"), (.bybit, .inverse, "BTCUSDZ24"),
            (.binance, .inverse, "BTCUSD_241227"),
        ],
        [(.okx, nil, "BTC-USDT"), (.bybit, .spot, "BTCUSDT"), (.binance, .spot, "BTCUSDT")],
    ]

    @Test(arguments: sameContract)
    func oneContractOnSeveralVenuesIsOneInstrument(names: [(Venue, Market?, String)]) throws {
        let instruments = try names.map { try Symbology.parse($0.2, venue: $0.0, market: $0.1) }
        #expect(Set(instruments).count == 1, "\(names.map(\.2))")
        // And each venue's name is recovered from any other venue's instrument
        for (venue, _, name) in names {
            #expect(try Symbology.format(instruments[0], venue: venue) == name)
        }
    }

    @Test func marketDisambiguatesReusedNames() throws {
        #expect(try BybitSymbology.parse("BTCUSDT", category: .spot).kind == .spot)
        #expect(try BybitSymbology.parse("BTCUSDT", category: .linear).kind == .perpetual)
        #expect(try BinanceSymbology.parse("BTCUSDT", market: .spot).kind == .spot)
        #expect(try BinanceSymbology.parse("BTCUSDT", market: .linear).kind == .perpetual)
    }

    /// (venue, an instrument the venue has no name for)
    static let unnameable: [(Venue, Instrument)] = [
        // Settled in neither the base coin nor the quote
        (.deribit, V.option("BTC/USD", "2024-12-27", "1", .call, .linear(.usdt))),
        (.deribit, V.perpetual("BTC/USD", .linear(.usdc))),
        (.okx, V.perpetual("BTC/USD", .linear(.usd))),
        // An inverse option on Bybit; a USDC option on Binance
        (.bybit, V.option("BTC/USD", "2024-12-27", "1", .call, .inverse(.btc))),
        (.binance, V.option("BTC/USDC", "2024-12-27", "1", .call, .linear(.usdc))),
        // A Bybit inverse future not delivering on the last Friday of its month
        (.bybit, V.future("BTC/USD", "2024-12-20", .inverse(.btc))),
        // Expiries not at 08:00 UTC, or beyond two-digit years
        (
            .deribit,
            .future(V.pair("BTC/USD"), expiry: V.expiry("2024-12-27") + 3_600_000_000_000, settlement: .inverse(.btc))
        ),
        (.okx, V.future("BTC/USD", "2124-12-27", .inverse(.btc))),
        // Non-positive strikes
        (.deribit, V.option("BTC/USD", "2024-12-27", "0", .call, .inverse(.btc))),
        (.binance, V.option("BTC/USDT", "2024-12-27", "-5", .put, .linear(.usdt))),
        // A spot pair the splitting table would cut differently (BTCB + USD reads back as BTC/BUSD)
        (.binance, V.spot("BTCB/USD")),
        // Combos where the venue lists none, or not of this shape
        (.bybit, try! DeribitSymbology.parse("BTC-CS-19MAY26-70000_75000")),
        (.binance, try! DeribitSymbology.parse("BTC-FS-19MAY26_PERP")),
        (.okx, try! DeribitSymbology.parse("BTC-CS-19MAY26-70000_75000")),
        (.simulated, V.perpetual("BTC/USD", .inverse(.btc))),
    ]

    @Test(arguments: unnameable)
    func formattingWhatTheVenueCannotNameIsATypedError(venue: Venue, instrument: Instrument) {
        #expect {
            try Symbology.format(instrument, venue: venue)
        } throws: { error in
            guard case .notExpressible(venue, instrument, let reason) = error as? SymbologyError else { return false }
            return !reason.isEmpty
        }
    }
}
