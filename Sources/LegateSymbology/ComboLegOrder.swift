import LegateCore
import LegateModel

/// The one order legs of a parsed combo are kept in, so equal packages from two venues are equal `Instrument`s.
///
/// Spot first, then perpetuals, then dated legs by expiry; at one expiry futures before options, options by strike,
/// calls before puts. This is also the order Deribit's `public/get_combos` lists legs in for every real combo in
/// `nautilus/deribit/http_get_combos.json` (the perpetual first in `BTC-FS-19MAY26_PERP`, the box as 58000 C, 58000 P,
/// 60000 C, 60000 P), and OKX's spreads name their legs in it too (`ETH-USD-SWAP_ETH-USD-231229`).
enum ComboLegOrder {
    static func sorted(_ legs: [ComboLeg]) -> [ComboLeg] {
        legs.sorted(by: precedes)
    }

    /// The instrument with its combo legs (at any depth) in canonical order; other instruments unchanged.
    static func canonical(_ instrument: Instrument) -> Instrument {
        guard case .combo(let combo) = instrument.terms else { return instrument }
        let legs = combo.legs.map { ComboLeg(instrument: canonical($0.instrument), ratio: $0.ratio) }
        return Instrument(
            underlying: instrument.underlying,
            settlement: instrument.settlement,
            terms: .combo(Combo(legs: sorted(legs)))
        )
    }

    static func precedes(_ lhs: ComboLeg, _ rhs: ComboLeg) -> Bool {
        let left = lhs.instrument
        let right = rhs.instrument
        if rank(left) != rank(right) { return rank(left) < rank(right) }
        let leftExpiry = left.expiry?.rawValue ?? Int64.min
        let rightExpiry = right.expiry?.rawValue ?? Int64.min
        if leftExpiry != rightExpiry { return leftExpiry < rightExpiry }
        if (left.kind == .option) != (right.kind == .option) { return right.kind == .option }
        if left.strike != right.strike, let leftStrike = left.strike, let rightStrike = right.strike {
            return leftStrike < rightStrike
        }
        if left.right != right.right { return left.right == .call }
        if left.underlying != right.underlying { return left.underlying < right.underlying }
        return left.settlement.currency < right.settlement.currency
    }

    private static func rank(_ instrument: Instrument) -> Int {
        switch instrument.terms {
        case .spot: 0
        case .perpetual: 1
        case .future, .option, .combo: 2
        }
    }
}
