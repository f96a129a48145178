public import LegateCore

/// Which strikes a venue lists for an expiry: a step and a count either side of the forward, by time to expiry.
public struct StrikeLadder: Hashable, Sendable, Codable {
    /// Rules by time to expiry; the first whose `maximumDays` covers the expiry applies, else the last.
    public var rules: [Rule]

    public struct Rule: Hashable, Sendable, Codable {
        public var maximumDays: Int
        public var step: FixedDecimal
        public var strikesEachSide: Int

        public init(maximumDays: Int, step: FixedDecimal, strikesEachSide: Int) {
            self.maximumDays = maximumDays
            self.step = step
            self.strikesEachSide = strikesEachSide
        }
    }

    public init(rules: [Rule]) {
        precondition(!rules.isEmpty, "a strike ladder needs at least one rule")
        self.rules = rules
    }

    /// The strikes around `forward` for an expiry `days` away, ascending and positive.
    public func strikes(forward: Double, days: Double) -> [Price] {
        guard let rule = rules.first(where: { Double($0.maximumDays) >= days }) ?? rules.last else { return [] }
        let step = rule.step.doubleValue
        let centre = Int64((forward / step).rounded(.toNearestOrEven))
        var strikes: [Price] = []
        for offset in -Int64(rule.strikesEachSide)...Int64(rule.strikesEachSide) {
            let multiple = centre + offset
            guard multiple > 0 else { continue }
            do {
                strikes.append(Price(try rule.step.multipliedExactly(by: FixedDecimal(multiple))))
            } catch {
                preconditionFailure("strike \(multiple) × \(rule.step) does not fit: \(error)")
            }
        }
        return strikes
    }
}
