import Foundation
import LegateCore
import LegateEngine
import LegateModel
import OrderedCollections

/// The small desk the crash writer trades for: one trader, one risk manager, one account, two options.
enum Desk {
    static let trader = UserID(known: "alice")
    static let riskManager = UserID(known: "rita")
    static let account = AccountID(known: "A")
    static let configuration = EngineConfiguration(users: [
        UserProfile(id: trader, roles: [.trader], accounts: [account]),
        UserProfile(id: riskManager, roles: [.riskManager], accounts: [account]),
    ])

    static let expiry = CivilDate(year: 2040, month: 12, day: 28).map { $0.at(hourUTC: 8) } ?? UnixNanos(0)
    static let instruments = [
        Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: expiry,
            strike: 90_000,
            right: .call,
            settlement: .inverse(.btc)
        ),
        Instrument.option(
            Underlying(base: .btc, quote: .usd),
            expiry: expiry,
            strike: 80_000,
            right: .put,
            settlement: .inverse(.btc)
        ),
    ]

    /// Quantities above 20 are refused; orders worth more than 0.25 BTC need the risk manager's approval.
    static let limits = [
        Limit(measure: .orderQuantity, scope: .account(account), threshold: 20, severity: .hard),
        Limit(
            measure: .orderNotional,
            scope: .firm,
            threshold: FixedDecimal(units: 25, scale: 2),
            severity: .soft
        ),
        Limit(measure: .openOrders, scope: .account(account), threshold: 1_000_000, severity: .hard),
        Limit(measure: .positionPerInstrument, scope: .firm, threshold: 1_000_000, severity: .soft),
    ]

    static func command(_ correlationID: String, by actor: UserID, _ command: Command) -> Input {
        .command(CommandEnvelope(correlationID: correlationID, actor: actor, command: command))
    }

    /// The limits a fresh (or partly configured) journal still lacks, as the risk manager's commands.
    static func missingLimits(in state: EngineState) -> [Input] {
        limits.enumerated().compactMap { index, limit in
            guard state.limits[limit.key] == nil else { return nil }
            return command("limit-\(index)", by: riskManager, .setLimit(limit.key, limit: limit))
        }
    }
}

/// SplitMix64: a tiny seeded generator, so a run can be repeated from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whole lines on stdout and stderr: one unbuffered write each, so a kill never leaves an earlier line half written.
enum Lines {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("LegateEngineCrashWriter: \(message)\n".utf8))
        exit(2)
    }
}
