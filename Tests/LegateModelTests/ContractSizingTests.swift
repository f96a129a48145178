// Proves contract sizing: canonical sizes (coin for options, USD for inverse perpetuals) become a venue's contracts
// and back exactly; a size that is not a whole number of lots, below the minimum or not positive is refused with
// the size, the lot and the contract value named. Contract terms are OKX's and Deribit's (venues.md §1.1, §2.1:
// OKX option ctMult 0.01 BTC, lotSz 1; OKX inverse swap ctVal 100 USD; Deribit perpetual contract_size 10 USD,
// min_trade_amount 10 USD; Deribit option contract_size 1 BTC, min_trade_amount 0.1).
import LegateCore
import LegateModel
import Testing

@Suite struct ContractSizingTests {
    static let btcUSD = Underlying(base: .btc, quote: .usd)
    static let expiry = CivilDate(year: 2024, month: 12, day: 17)!.at(hourUTC: 8)
    static let option = Instrument.option(
        btcUSD,
        expiry: expiry,
        strike: Price(92_000),
        right: .call,
        settlement: .inverse(.btc)
    )
    static let inversePerpetual = Instrument.perpetual(btcUSD, settlement: .inverse(.btc))

    static func decimal(_ text: String) -> FixedDecimal { try! FixedDecimal(parsing: text) }
    static func quantity(_ text: String) -> Quantity { Quantity(decimal(text)) }

    static func spec(
        _ instrument: Instrument,
        _ symbol: String,
        multiplier: String,
        unit: Asset,
        lot: String,
        minimum: String
    ) -> InstrumentSpec {
        InstrumentSpec(
            instrument: instrument,
            venue: .okx,
            symbol: symbol,
            contractMultiplier: decimal(multiplier),
            contractUnit: unit,
            quoteCurrency: .btc,
            tickSize: try! .uniform(decimal("0.0001")),
            lotSize: quantity(lot),
            minimumSize: quantity(minimum),
            minimumNotional: nil,
            listingState: .listed,
            effectiveFrom: UnixNanos(expiry.rawValue - 86_400 * UnixNanos.nanosecondsPerSecond)
        )
    }

    /// OKX `BTC-USD-241217-92000-C`: one contract is 0.01 BTC, the lot and minimum one contract (0.01 BTC).
    static let okxOption = spec(
        option,
        "BTC-USD-241217-92000-C",
        multiplier: "0.01",
        unit: .btc,
        lot: "0.01",
        minimum: "0.01"
    )
    /// OKX `BTC-USD-SWAP`: one contract is 100 USD.
    static let okxSwap = spec(
        inversePerpetual,
        "BTC-USD-SWAP",
        multiplier: "100",
        unit: .usd,
        lot: "100",
        minimum: "100"
    )
    /// Deribit `BTC-PERPETUAL`: contract_size 10 USD, sizes in USD in multiples of 10.
    static let deribitPerpetual = spec(
        inversePerpetual,
        "BTC-PERPETUAL",
        multiplier: "10",
        unit: .usd,
        lot: "10",
        minimum: "10"
    )
    /// Deribit options: contract_size 1 BTC, 0.1 BTC steps.
    static let deribitOption = spec(
        option,
        "BTC-17DEC24-92000-C",
        multiplier: "1",
        unit: .btc,
        lot: "0.1",
        minimum: "0.1"
    )

    @Test func canonicalUnitIsCoinForOptionsAndUSDForInverseDeltaOne() {
        #expect(Self.option.canonicalSizeUnit == .btc)
        #expect(Self.inversePerpetual.canonicalSizeUnit == .usd)
        #expect(
            Instrument.future(Self.btcUSD, expiry: Self.expiry, settlement: .inverse(.btc)).canonicalSizeUnit == .usd
        )
        #expect(Instrument.perpetual(Self.btcUSD, settlement: .linear(.usdt)).canonicalSizeUnit == .btc)
        #expect(Instrument.spot(Self.btcUSD).canonicalSizeUnit == .btc)
        let combo = Instrument(
            underlying: Self.btcUSD,
            settlement: .inverse(.btc),
            terms: .combo(Combo(legs: [ComboLeg(instrument: Self.option, ratio: 1)]))
        )
        #expect(combo.canonicalSizeUnit == .btc)
    }

    @Test func halfABitcoinOfAnOKXOptionIsFiftyContracts() throws {
        let sizing = Self.okxOption.sizing
        #expect(try sizing.orderContracts(Self.quantity("0.5")) == 50)
        #expect(try sizing.quantity(contracts: 50) == Self.quantity("0.5"))
        #expect(try sizing.contracts(Self.quantity("-0.37")) == -37)
        #expect(sizing.lot == Self.quantity("0.01") && sizing.minimum == Self.quantity("0.01"))
    }

    @Test func aSizeOffTheLotIsRefusedNamingSizeLotAndContractValue() {
        let sizing = Self.okxOption.sizing
        #expect(throws: ContractSizingError.notWholeLots(size: Self.quantity("0.015"), sizing)) {
            try sizing.orderContracts(Self.quantity("0.015"))
        }
        do {
            _ = try sizing.orderContracts(Self.quantity("0.015"))
        } catch {
            let text = error.description
            #expect(text.contains("0.015 BTC") && text.contains("lots of 0.01 BTC"))
            #expect(text.contains("one contract is 0.01 BTC") && text.contains("BTC-USD-241217-92000-C"))
        }
        #expect(throws: ContractSizingError.belowMinimum(size: Self.quantity("0.005"), sizing)) {
            try sizing.orderContracts(Self.quantity("0.005"))
        }
        #expect(throws: ContractSizingError.nonPositive(size: .zero, sizing)) { try sizing.orderContracts(.zero) }
    }

    @Test func inverseSwapsConvertUSDByTheContractValue() throws {
        let okx = Self.okxSwap.sizing
        #expect(try okx.orderContracts(Self.quantity("2500")) == 25)
        #expect(try okx.quantity(contracts: -7) == Self.quantity("-700"))
        #expect(throws: ContractSizingError.notWholeLots(size: Self.quantity("150"), okx)) {
            try okx.orderContracts(Self.quantity("150"))
        }
        let deribit = Self.deribitPerpetual.sizing
        #expect(try deribit.orderContracts(Self.quantity("30")) == 3)
        #expect(throws: ContractSizingError.notWholeLots(size: Self.quantity("25"), deribit)) {
            try deribit.orderContracts(Self.quantity("25"))
        }
    }

    @Test func fractionalContractsWhereTheVenueAllowsThem() throws {
        // Deribit options trade 0.1 of a 1 BTC contract.
        let sizing = Self.deribitOption.sizing
        #expect(try sizing.orderContracts(Self.quantity("0.3")) == Self.decimal("0.3"))
        #expect(throws: ContractSizingError.self) { try sizing.orderContracts(Self.quantity("0.25")) }
    }

    @Test func aContractCountedInAnotherUnitConvertsNothing() {
        // An option whose contract value is stated in USD cannot be sized in BTC without a price.
        let wrong = Self.spec(Self.option, "BAD", multiplier: "100", unit: .usd, lot: "100", minimum: "100")
        #expect(throws: ContractSizingError.unitMismatch(wrong.sizing)) {
            try wrong.sizing.contracts(Self.quantity("100"))
        }
        #expect(throws: ContractSizingError.unitMismatch(wrong.sizing)) { try wrong.sizing.quantity(contracts: 1) }
    }

    @Test func venueLotsInContractsBecomeCanonical() throws {
        #expect(
            try ContractSizing.canonical(contracts: 1, contractValue: Self.decimal("0.01")) == Self.quantity("0.01")
        )
        #expect(try ContractSizing.canonical(contracts: 1, contractValue: 100) == Self.quantity("100"))
    }

    /// Round trip over seeded contract counts and contract values: contracts → canonical → contracts is the identity.
    @Test func roundTripIsExact() throws {
        var state: UInt64 = 0x5EED_C0DE
        func next() -> UInt64 {
            // splitmix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let specs = [Self.okxOption, Self.okxSwap, Self.deribitPerpetual]
        for _ in 0..<1_000 {
            let spec = specs[Int(next() % UInt64(specs.count))]
            let contracts = FixedDecimal(Int64(next() % 2_000_000)) - 1_000_000
            let canonical = try spec.sizing.quantity(contracts: contracts)
            #expect(try spec.sizing.contracts(canonical) == contracts)
        }
    }
}
