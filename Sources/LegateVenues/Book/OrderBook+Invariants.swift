/// The book's invariants, checked by tests and, under `LEGATE_INTERNAL_CHECKS`, after every change.
extension OrderBook {
    /// The first broken invariant, or nil: each side strictly sorted with unique prices and positive sizes.
    public func invariantViolation() -> String? {
        for (name, side) in [("bids", bids), ("asks", asks)] {
            for (index, level) in side.levels.enumerated() {
                if level.lots <= 0 { return "\(name): level \(index) has size \(level.lots)" }
                if index > 0 && side.levels[index - 1].ticks >= level.ticks {
                    return "\(name): levels \(index - 1) and \(index) are out of order"
                }
            }
        }
        return nil
    }

    /// Traps when an invariant is broken; compiled in only with `-DLEGATE_INTERNAL_CHECKS`.
    @inlinable
    public func _checkInvariants() {
        #if LEGATE_INTERNAL_CHECKS
        if let violation = invariantViolation() { preconditionFailure("order book invariant broken: \(violation)") }
        #endif
    }
}
