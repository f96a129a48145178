public import LegateEngine

/// How the gate's market rebuilds from the engine's marks went over a session: a failed rebuild leaves the gate
/// valuing on a stale market, which every decision after it is judged on, so the session's summary names it.
///
/// Read off the gate when the session ends, not journaled: a rebuild is derived state of the gate, and the journal
/// (and the state hash) stay the same whether or not anyone reads it.
public struct GateMarketHealth: Sendable, Hashable, CustomStringConvertible {
    /// Rebuilds that failed, each keeping a market older than the marks.
    public let failedRefreshes: Int
    /// The last rebuild that failed, with its typed reason; nil when none failed.
    public let lastFailure: MarketRefreshFailure?
    /// What the last rebuild came to; nil when the gate never judged on marks.
    public let lastRefresh: MarketRefresh?

    public init(failedRefreshes: Int, lastFailure: MarketRefreshFailure?, lastRefresh: MarketRefresh?) {
        self.failedRefreshes = failedRefreshes
        self.lastFailure = lastFailure
        self.lastRefresh = lastRefresh
    }

    /// Whether the gate valued on a stale market at some point of the session.
    public var hasFailures: Bool { failedRefreshes > 0 }

    public var description: String {
        guard let lastFailure, hasFailures else {
            return "no market rebuild failed" + (lastRefresh.map { "; last: \(Self.describe($0))" } ?? "")
        }
        let count = failedRefreshes == 1 ? "1 market rebuild failed" : "\(failedRefreshes) market rebuilds failed"
        return "\(count) (\(lastFailure.reason.code)); last: \(lastFailure)"
    }

    static func describe(_ refresh: MarketRefresh) -> String {
        switch refresh {
        case .rebuilt(let market): "rebuilt on \(market)"
        case .awaitingMarks(let kept): "awaiting a full market in the marks, valuing on \(kept)"
        case .failed(let failure): "\(failure)"
        }
    }
}

extension MarketRefreshFailure.Reason {
    /// The reason as a stable code, for machine-readable output.
    public var code: String {
        switch self {
        case .marksIncomplete: "marks_incomplete"
        case .modelRefused: "model_refused"
        }
    }
}

/// A gate that rebuilds its market from the engine's marks and can say how that went (`MarkedPortfolioGate`).
public protocol MarketRebuildingGate: RiskGate {
    var marketHealth: GateMarketHealth { get }
}

extension MarkedPortfolioGate: MarketRebuildingGate {
    public var marketHealth: GateMarketHealth {
        GateMarketHealth(failedRefreshes: refreshFailures, lastFailure: lastFailure, lastRefresh: lastRefresh)
    }
}
