public import LegateCore
public import LegateModel
public import LegateRisk

/// What became of an attempt to revalue a gate on a new market (`PortfolioGate.remarked(on:at:hasRebuilt:)`).
public enum MarketRefresh: Sendable, Hashable {
    /// The gate values on the new market.
    case rebuilt(MarketStamp)
    /// The marks do not hold a full market yet and never have: the gate values on the market it was made with.
    case awaitingMarks(kept: MarketStamp)
    /// The rebuild failed: the gate keeps valuing on a market older than the marks.
    case failed(MarketRefreshFailure)
}

/// A market rebuild that failed, with the market the gate kept.
public struct MarketRefreshFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The marks no longer hold a full market (an index and an option expiry per underlying), as after the last
        /// marked expiry settles.
        case marksIncomplete
        /// The model refused the market.
        case modelRefused(GateError)
    }

    public let at: UnixNanos
    public let kept: MarketStamp
    public let reason: Reason

    public init(at: UnixNanos, kept: MarketStamp, reason: Reason) {
        self.at = at
        self.kept = kept
        self.reason = reason
    }

    public var description: String {
        let why =
            switch reason {
            case .marksIncomplete: "the marks no longer hold a full market"
            case .modelRefused(let error): "\(error)"
            }
        return "the gate's market was not rebuilt at \(at): \(why); it still values on \(kept)"
    }
}

extension PortfolioGate {
    /// This gate's model, equity and margin models on `market` (nil: the marks hold no full market), or why not.
    ///
    /// - Parameter hasRebuilt: Whether a gate has been rebuilt from marks before: a market missing after that is a
    ///   failure (the gate would keep a stale market), before it the expected start-up state.
    public func remarked(
        on market: LegateRisk.MarketState?,
        at time: UnixNanos,
        hasRebuilt: Bool
    ) -> (gate: PortfolioGate?, outcome: MarketRefresh) {
        guard let market else {
            guard hasRebuilt else { return (nil, .awaitingMarks(kept: self.market)) }
            return (nil, .failed(MarketRefreshFailure(at: time, kept: self.market, reason: .marksIncomplete)))
        }
        do throws(GateError) {
            let gate = PortfolioGate(
                model: try model.revalued(on: market),
                equity: equity,
                marginModels: marginModels
            )
            return (gate, .rebuilt(gate.market))
        } catch {
            return (nil, .failed(MarketRefreshFailure(at: time, kept: self.market, reason: .modelRefused(error))))
        }
    }
}
