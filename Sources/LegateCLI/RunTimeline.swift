internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateOrders
internal import LegateRisk
internal import LegateRuntime
internal import LegateSimulator
internal import OrderedCollections

/// One line of the run's timeline.
struct RunLine: Encodable {
    let time: String
    let kind: String
    let text: String
}

/// Turns what the session tells into timeline lines: the desk's orders and packages, the gate's decisions with
/// their figures, approvals, acknowledgements, fills with fees and the position after them, cancels and rejects,
/// venue outages and disconnects, and every quarter hour the market and each account's P&L.
struct RunTimeline {
    var book = RunBook()
    var names: [OrderID: String] = [:]
    private var lastMarketLine: UnixNanos?
    private var lastBookLine: UnixNanos?
    private(set) var markInputs = 0
    private(set) var sentCommands = 0
    let underlyings: [Underlying]
    let venues: [Venue]
    static let marketEvery: Int64 = 15 * 60 * UnixNanos.nanosecondsPerSecond
    static let bookEvery: Int64 = 30 * 60 * UnixNanos.nanosecondsPerSecond

    init(underlyings: [Underlying], venues: [Venue]) {
        self.underlyings = underlyings
        self.venues = venues
    }

    mutating func lines(for record: SessionRecord) -> [RunLine] {
        switch record {
        case .handled(let time, let input, let outputs, let origin):
            return handled(time, input, outputs, origin)
        case .skipped(let time, let action, let reason):
            return [line(time, "skipped", "[\(action.label)] by \(action.actor): \(reason)")]
        case .sent:
            sentCommands += 1
            return []
        case .connection(let time, let event):
            return [line(time, "venue", Self.describe(event))]
        case .settled(let time, let report):
            let symbol = RunBook.symbol(report.instrument, on: report.venue)
            return [
                line(
                    time,
                    "settled",
                    "\(report.account) \(symbol) \(report.quantity) at \(report.settlementPrice): \(report.payout) "
                        + "(the engine takes no settlement input yet)"
                )
            ]
        }
    }

    private mutating func handled(
        _ time: UnixNanos,
        _ input: Input,
        _ outputs: [Output],
        _ origin: InputOrigin
    ) -> [RunLine] {
        var lines: [RunLine] = []
        if case .mark(let instrument, let price) = input {
            markInputs += 1
            book.mark(instrument, price)
        }
        if case .venueReport(.fill(let fill)) = input, let account = fillAccount(outputs) {
            book.charge(
                fill.fee,
                account: account,
                underlying: underlyings.first ?? Underlying(base: .btc, quote: .usd)
            )
        }
        var decided: Set<String> = []
        for case .event(let event) in outputs {
            if let text = describe(event, input: input, origin: origin, decided: &decided) {
                lines.append(line(time, text.kind, text.text))
            }
        }
        // Timer ticks come after the instant's marks, so a periodic line sees the whole batch.
        if case .timer = input { lines += periodic(time) }
        return lines
    }

    private func fillAccount(_ outputs: [Output]) -> AccountID? {
        for case .event(.fillBooked(let fill)) in outputs { return fill.account }
        return nil
    }

    /// The market every quarter hour and each account's book every half hour, on simulated time.
    private mutating func periodic(_ time: UnixNanos) -> [RunLine] {
        var lines: [RunLine] = []
        if lastMarketLine.map({ time - $0 >= Self.marketEvery }) ?? !book.index.isEmpty {
            lastMarketLine = time
            lines.append(line(time, "market", marketText(time)))
        }
        if lastBookLine.map({ time - $0 >= Self.bookEvery }) ?? false {
            lastBookLine = time
            for account in book.accounts {
                let figures = book.account(account)
                lines.append(
                    line(
                        time,
                        "book",
                        "\(account): \(figures.open) open positions, P&L \(Self.usd(figures.pnl, signed: true)) USD, "
                            + "fees \(Self.usd(figures.fees)) USD"
                    )
                )
            }
        } else if lastBookLine == nil, !book.lines.isEmpty {
            lastBookLine = time
        }
        return lines
    }

    private func marketText(_ time: UnixNanos) -> String {
        var parts: [String] = []
        for underlying in underlyings {
            guard let index = book.index[underlying] else { continue }
            parts.append("\(underlying.base) index \(String(format: "%.2f", index))")
            let perpetual = book.marks.first { $0.key.underlying == underlying && $0.key.kind == .perpetual }
            if let perpetual { parts.append("perpetual \(perpetual.value)") }
        }
        if let market = MarkedMarket.build(marks: book.marks, underlyings: underlyings, venues: venues, at: time) {
            for underlying in underlyings {
                let vols = [7, 30, 90].compactMap { days -> String? in
                    let expiry = time + Int64(days) * UnixNanos.nanosecondsPerDay
                    guard let forward = try? market.forward(of: underlying, expiry: expiry),
                        let vol = try? market.vol(of: underlying, strike: forward, expiry: expiry)
                    else { return nil }
                    return "\(days)d \(String(format: "%.1f%%", vol * 100))"
                }
                if !vols.isEmpty { parts.append("ATM vol " + vols.joined(separator: " ")) }
            }
        }
        return parts.joined(separator: " · ") + " (\(markInputs) marks so far)"
    }

    func line(_ time: UnixNanos, _ kind: String, _ text: String) -> RunLine {
        RunLine(time: Self.clock(time), kind: kind, text: text)
    }

    /// A figure of a limit: whole units with thousands separators from 10 up, four decimals below.
    static func figure(_ value: FixedDecimal) -> String {
        let double = value.doubleValue
        return double.magnitude >= 10 ? usd(double) : String(format: "%.4f", double)
    }

    /// `HH:MM:SS.mmm` of the UTC day (with the date when it is not the first day of the run).
    static func clock(_ time: UnixNanos) -> String {
        let nanosOfDay =
            ((time.rawValue % UnixNanos.nanosecondsPerDay) + UnixNanos.nanosecondsPerDay)
            % UnixNanos.nanosecondsPerDay
        let millis = nanosOfDay / 1_000_000
        return String(
            format: "%02d:%02d:%02d.%03d",
            millis / 3_600_000,
            millis / 60_000 % 60,
            millis / 1_000 % 60,
            millis % 1_000
        )
    }

    /// Whole dollars with thousands separators (`+1,234` when `signed`).
    static func usd(_ value: Double, signed: Bool = false) -> String {
        let whole = Int64(value.rounded())
        var digits = String(whole.magnitude)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let sign = whole < 0 ? "-" : (signed && whole > 0 ? "+" : "")
        return sign + digits + grouped
    }
}
