internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateSymbology
internal import OrderedCollections

/// The desk's positions with their P&L on the latest marks, kept from the engine's fills and the venues' fees.
///
/// P&L is a risk figure (Double, USD at the index): an inverse option's is `net × mark − Σ signed q × p` in coin,
/// an inverse perpetual's or future's `Σ signed q / p − net / mark` in coin (sizes in USD), a linear instrument's
/// `net × mark − Σ signed q × p` in its quote. Fees are charged as they are reported.
struct RunBook {
    struct Key: Hashable {
        let account: AccountID
        let venue: Venue
        let instrument: Instrument
    }

    struct Line {
        var net = 0.0
        /// Σ signed q × p (or Σ signed q / p for inverse delta-one instruments).
        var cost = 0.0
        var fills = 0
    }

    private(set) var lines: OrderedDictionary<Key, Line> = [:]
    private(set) var marks: [Instrument: Price] = [:]
    private(set) var feesUSD: [AccountID: Double] = [:]
    private(set) var index: [Underlying: Double] = [:]

    mutating func mark(_ instrument: Instrument, _ price: Price) {
        marks[instrument] = price
        if case .spot = instrument.terms { index[instrument.underlying] = price.doubleValue }
    }

    mutating func book(_ fill: BookedFill) {
        let key = Key(account: fill.account, venue: fill.venue, instrument: fill.instrument)
        let signed = fill.quantity.doubleValue * Double(fill.side.sign)
        let price = fill.price.doubleValue
        var line = lines[key] ?? Line()
        line.net += signed
        line.cost += Self.isInverseDeltaOne(fill.instrument) ? signed / price : signed * price
        line.fills += 1
        lines[key] = line
    }

    mutating func charge(_ fee: Money?, account: AccountID, underlying: Underlying) {
        guard let fee else { return }
        feesUSD[account, default: 0] += fee.amount.doubleValue * usdPerUnit(fee.currency, underlying)
    }

    static func isInverseDeltaOne(_ instrument: Instrument) -> Bool {
        instrument.settlement.isInverse && instrument.kind != .option && instrument.kind != .combo
    }

    func usdPerUnit(_ currency: Asset, _ underlying: Underlying) -> Double {
        if ["USD", "USDC", "USDT"].contains(currency.code) { return 1 }
        return index[underlying] ?? 0
    }

    /// The P&L of one line in USD on the latest mark (before fees); nil while the instrument has no mark.
    func pnl(_ key: Key) -> Double? {
        guard let line = lines[key], let mark = marks[key.instrument]?.doubleValue, mark != 0 else { return nil }
        let instrument = key.instrument
        let native: Double
        if Self.isInverseDeltaOne(instrument) {
            native = line.cost - line.net / mark
        } else {
            native = line.net * mark - line.cost
        }
        return native * usdPerUnit(instrument.settlement.currency, instrument.underlying)
    }

    /// P&L and fees of one account, in USD.
    func account(_ account: AccountID) -> (pnl: Double, fees: Double, open: Int) {
        var pnl = 0.0
        var open = 0
        for (key, line) in lines where key.account == account {
            pnl += self.pnl(key) ?? 0
            if line.net != 0 { open += 1 }
        }
        return (pnl, feesUSD[account] ?? 0, open)
    }

    var accounts: [AccountID] {
        var seen: [AccountID] = []
        for key in lines.keys where !seen.contains(key.account) { seen.append(key.account) }
        return seen
    }

    /// A venue's name for an instrument (Deribit's, OKX's), or the canonical description.
    static func symbol(_ instrument: Instrument, on venue: Venue) -> String {
        switch venue {
        case .okx: (try? OKXSymbology.format(instrument)) ?? "\(instrument)"
        default: (try? DeribitSymbology.format(instrument)) ?? "\(instrument)"
        }
    }
}
