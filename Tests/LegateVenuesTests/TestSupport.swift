// Shared helpers for the venue tests: a seeded generator for property tests and short constructors.
import LegateCore
import LegateModel

@testable import LegateVenues

/// SplitMix64: a tiny seeded generator, so a failing property case can be rerun from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

func decimal(_ text: String) -> FixedDecimal { try! FixedDecimal(parsing: text) }
func price(_ text: String) -> Price { Price(decimal(text)) }
func quantity(_ text: String) -> Quantity { Quantity(decimal(text)) }
func level(_ priceText: String, _ quantityText: String) -> BookLevel {
    BookLevel(price: price(priceText), quantity: quantity(quantityText))
}

let btcOption = Instrument.option(
    Underlying(base: .btc, quote: .usd),
    expiry: CivilDate(year: 2024, month: 12, day: 27)!.at(hourUTC: 8),
    strike: 60_000,
    right: .call,
    settlement: .inverse(.btc)
)
