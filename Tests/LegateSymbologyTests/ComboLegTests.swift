// Proves that combo and spread names parse to the legs and signs the venues themselves list for them: every real
// Deribit combo in http_get_combos.json and every OKX spread in http_get_spreads.json gives exactly the listed legs,
// in the listed order, and formats back to the same id; codes without confirmed legs are refused, not guessed.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import Testing

@Suite struct ComboLegTests {
    @Test func deribitCombosHaveTheLegsGetCombosLists() throws {
        // Given every combo Deribit's public/get_combos returned, with its legs and amounts
        let combos: [ListedCombo] = try Fixtures.decode("deribit_combos")
        #expect(combos.count == 6)
        for combo in combos {
            // When the id is parsed
            let instrument = try DeribitSymbology.parse(combo.symbol)
            guard case .combo(let parsed) = instrument.terms else {
                Issue.record("\(combo.symbol) did not parse as a combo")
                continue
            }
            // Then its legs are the listed instruments with the listed signed amounts, in the listed order
            let listed = try combo.legs.map {
                ComboLeg(instrument: try DeribitSymbology.parse($0.symbol), ratio: $0.ratio)
            }
            #expect(parsed.legs == listed, "\(combo.symbol)")
            #expect(try DeribitSymbology.format(instrument) == combo.symbol)
        }
    }

    @Test func okxSpreadsSellTheFirstLegAndBuyTheSecond() throws {
        // Given the spreads OKX's /api/v5/sprd/spreads returned, with leg sides
        let spreads: [ListedCombo] = try Fixtures.decode("okx_spreads")
        #expect(spreads.count == 2)
        for spread in spreads {
            let instrument = try OKXSymbology.parse(spread.symbol)
            guard case .combo(let parsed) = instrument.terms else {
                Issue.record("\(spread.symbol) did not parse as a combo")
                continue
            }
            // Then the legs and sides are the listed ones, and the name formats back
            let listed = try spread.legs.map {
                ComboLeg(instrument: try OKXSymbology.parse($0.symbol), ratio: $0.ratio)
            }
            #expect(parsed.legs == listed, "\(spread.symbol)")
            #expect(try OKXSymbology.format(instrument) == spread.symbol)
        }
    }

    @Test func okxSpreadTakesItsUnderlyingAndSettlementFromTheDerivativeLeg() throws {
        let inverse = try OKXSymbology.parse("ETH-USD-SWAP_ETH-USD-231229")
        #expect(inverse.underlying == Underlying(base: .eth, quote: .usd))
        #expect(inverse.settlement == .inverse(.eth))
        let linear = try OKXSymbology.parse("BTC-USDT_BTC-USDT-SWAP")
        #expect(linear.underlying == Underlying(base: .btc, quote: .usdt))
        #expect(linear.settlement == .linear(.usdt))
        #expect(Market.of(linear) == .linear)
    }

    @Test func sameFutureSpreadOnDeribitAndOKXIsOneInstrument() throws {
        // Given a Deribit future spread and the OKX spread that sells the perpetual and buys the same expiry
        let deribit = try DeribitSymbology.parse("BTC-FS-29DEC23_PERP")
        let okx = try OKXSymbology.parse("BTC-USD-SWAP_BTC-USD-231229")
        // Then they are the same canonical package, and each venue names it its own way
        #expect(deribit == okx)
        #expect(try Symbology.format(okx, venue: .deribit) == "BTC-FS-29DEC23_PERP")
        #expect(try Symbology.format(deribit, venue: .okx) == "BTC-USD-SWAP_BTC-USD-231229")
    }

    /// Each confirmed code with the legs it must produce: (`id`, [(leg, ratio)]).
    static let confirmedShapes: [(String, [(String, Int)])] = [
        ("BTC-FS-20MAY26_19MAY26", [("BTC-19MAY26", -1), ("BTC-20MAY26", 1)]),
        ("BTC-FS-19MAY26_PERP", [("BTC-PERPETUAL", -1), ("BTC-19MAY26", 1)]),
        ("BTC-CS-19MAY26-70000_75000", [("BTC-19MAY26-70000-C", 1), ("BTC-19MAY26-75000-C", -1)]),
        ("BTC_USDC-PS-18SEP26-77000_70000", [("BTC_USDC-18SEP26-70000-P", -1), ("BTC_USDC-18SEP26-77000-P", 1)]),
        ("BTC-STRD-29MAY26-77000", [("BTC-29MAY26-77000-C", 1), ("BTC-29MAY26-77000-P", 1)]),
        ("BTC-STRG-19MAY26-74000_79000", [("BTC-19MAY26-74000-P", 1), ("BTC-19MAY26-79000-C", 1)]),
        (
            "BTC-BOX-25DEC26-58000_60000",
            [
                ("BTC-25DEC26-58000-C", 1), ("BTC-25DEC26-58000-P", -1), ("BTC-25DEC26-60000-C", -1),
                ("BTC-25DEC26-60000-P", 1),
            ]
        ),
        ("BTC-CCAL-26JUN26_19JUN26-69000", [("BTC-19JUN26-69000-C", -1), ("BTC-26JUN26-69000-C", 1)]),
        ("ETH-PCAL-25DEC26_25SEP26-1400", [("ETH-25SEP26-1400-P", -1), ("ETH-25DEC26-1400-P", 1)]),
        ("XRP_USDC-CS-27DEC24-0d6_0d625", [("XRP_USDC-27DEC24-0d6-C", 1), ("XRP_USDC-27DEC24-0d625-C", -1)]),
        ("ETH_USDC-FS-25APR26_PERP", [("ETH_USDC-PERPETUAL", -1), ("ETH_USDC-25APR26", 1)]),
    ]

    @Test(arguments: confirmedShapes)
    func comboCodeGivesItsLegs(id: String, legs: [(String, Int)]) throws {
        let instrument = try DeribitSymbology.parse(id)
        let expected = try legs.map { ComboLeg(instrument: try DeribitSymbology.parse($0.0), ratio: $0.1) }
        #expect(instrument.terms == .combo(Combo(legs: expected)))
        #expect(instrument.underlying == expected[0].instrument.underlying)
        #expect(instrument.settlement == expected[0].instrument.settlement)
        #expect(instrument.expiry == expected.compactMap(\.instrument.expiry).min())
        #expect(try DeribitSymbology.format(instrument) == id)
    }

    @Test(arguments: [
        "BTC-CSR12-16JAN26-88000_92000", "BTC-RR-31JAN25-60000_70000", "BTC-ICOND-25APR26-1_2_3_4",
        "BTC-CDIAG-26JUN26_2JAN26-60000_90000", "BTC-JR-25APR26_3APR26-90000",
        "BTC-PCOND-24JAN25-35000_50000_65000_80000",
    ])
    func unconfirmedComboCodesAreRefusedByName(id: String) {
        #expect {
            try DeribitSymbology.parse(id)
        } throws: { error in
            guard case .unsupportedCombo(.deribit, id, let reason) = error as? SymbologyError else { return false }
            return reason.contains("not confirmed")
        }
    }

    @Test func comboFormattingIsIndependentOfLegOrder() throws {
        // Given a box built with its legs in an arbitrary order
        let box = try DeribitSymbology.parse("BTC-BOX-25DEC26-58000_60000")
        guard case .combo(let combo) = box.terms else {
            Issue.record("not a combo")
            return
        }
        let shuffled = Instrument(
            underlying: box.underlying,
            settlement: box.settlement,
            terms: .combo(Combo(legs: combo.legs.reversed()))
        )
        // Then Deribit still names it (the venue's id does not depend on how the caller ordered the legs)
        #expect(try DeribitSymbology.format(shuffled) == "BTC-BOX-25DEC26-58000_60000")
    }

    @Test func shapesDeribitDoesNotListAreNotExpressible() throws {
        let call = try DeribitSymbology.parse("BTC-19MAY26-70000-C")
        let put = try DeribitSymbology.parse("BTC-19MAY26-75000-P")
        // A ratio spread, a call-put spread with mixed signs, and a one-legged combo have no Deribit code here
        let shapes = [
            [
                ComboLeg(instrument: call, ratio: 1),
                ComboLeg(instrument: try DeribitSymbology.parse("BTC-19MAY26-75000-C"), ratio: -2),
            ],
            [ComboLeg(instrument: call, ratio: 1), ComboLeg(instrument: put, ratio: -1)],
            [ComboLeg(instrument: call, ratio: 1)],
        ]
        for legs in shapes {
            let combo = Instrument(
                underlying: call.underlying,
                settlement: call.settlement,
                terms: .combo(Combo(legs: legs))
            )
            #expect {
                try DeribitSymbology.format(combo)
            } throws: { error in
                guard case .notExpressible(.deribit, combo, _) = error as? SymbologyError else { return false }
                return true
            }
        }
    }
}
