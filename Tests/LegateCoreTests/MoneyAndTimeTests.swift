// Proves the money, time and identifier types: notionals are exact, currencies never mix silently, calendar
// arithmetic agrees with known Unix timestamps, and invalid ids or asset codes are typed errors.
import LegateCore
import Testing

@Suite struct MoneyTests {
    @Test func notionalIsExact() throws {
        let notional = try Money.notional(
            price: Price(parsing: "0.0125"),
            quantity: Quantity(parsing: "2.5"),
            multiplier: 1,
            currency: .btc
        )
        #expect(notional == Money(try FixedDecimal(parsing: "0.03125"), .btc))
        #expect(notional.description == "0.03125 BTC")
    }

    @Test func conversionRoundsByTheNamedRule() throws {
        let btc = Money(try FixedDecimal(parsing: "0.03125"), .btc)
        let usd = try btc.converted(
            to: .usd,
            rate: FixedDecimal(parsing: "97123.45"),
            scale: 2,
            rounding: .toNearestOrEven
        )
        #expect(usd == Money(try FixedDecimal(parsing: "3035.11"), .usd))
    }

    @Test func sameCurrencyArithmetic() throws {
        let a = Money(try FixedDecimal(parsing: "1.5"), .usdc)
        let b = Money(try FixedDecimal(parsing: "0.25"), .usdc)
        #expect(a + b == Money(try FixedDecimal(parsing: "1.75"), .usdc))
        #expect(a - b > b)
    }

    @Test(arguments: ["", "btc", "BTC-USD", "ABCDEFGHIJKLMNOPQ", "US D"])
    func invalidAssetCodes(code: String) {
        #expect(throws: AssetError.self) { try Asset(code) }
    }
}

@Suite struct TimeTests {
    @Test(arguments: [
        // Deribit BTC-27DEC24 expiration_timestamp 1735286400000 = 2024-12-27T08:00:00Z
        (2024, 12, 27, Int64(1_735_286_400_000)),
        // OKX BTC-USD-241217 expTime 1734422400000 = 2024-12-17T08:00:00Z
        (2024, 12, 17, 1_734_422_400_000),
        (2000, 2, 29, 951_811_200_000),
        (1970, 1, 1, 28_800_000),
    ])
    func expiryAtEightUTC(year: Int, month: Int, day: Int, milliseconds: Int64) throws {
        let date = try #require(CivilDate(year: year, month: month, day: day))
        #expect(date.at(hourUTC: 8) == UnixNanos.milliseconds(milliseconds))
        #expect(CivilDate(unixNanos: .milliseconds(milliseconds)) == date)
    }

    @Test func rejectsImpossibleDates() {
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2024, month: 1, day: 0) == nil)
    }

    @Test func civilDateRoundTripsOverFourCenturies() {
        // Int64 nanoseconds span ±292 years around 1970.
        for days in stride(from: -100_000, through: 100_000, by: 7) {
            let instant = UnixNanos(Int64(days) * UnixNanos.nanosecondsPerDay)
            #expect(CivilDate(unixNanos: instant).unixNanos == instant)
        }
    }

    @Test func printsISO8601() {
        #expect(UnixNanos.milliseconds(1_735_286_400_000).description == "2024-12-27T08:00:00Z")
        #expect(UnixNanos(1_735_286_400_000_000_123).description == "2024-12-27T08:00:00.000000123Z")
    }

    @Test func yearFractionIsACT365_25() {
        let start = UnixNanos.seconds(0)
        let later = start + Int64(365.25 * 86_400) * UnixNanos.nanosecondsPerSecond
        #expect(start.years(until: later) == 1)
    }
}

@Suite struct IdentifierTests {
    @Test func typedIdsValidate() throws {
        let account = try AccountID("desk-1/acct-7")
        #expect(account.description == "desk-1/acct-7")
        #expect(throws: IdentifierError.self) { try OrderID("") }
        #expect(throws: IdentifierError.self) { try ClientOrderID("has space") }
        #expect(throws: IdentifierError.self) { try ClientOrderID(String(repeating: "x", count: 65)) }
    }
}
