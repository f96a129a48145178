import LegateCore

extension Allocation {
    /// Assigns explicit quantities of a fill, which must be non-negative and sum to the fill exactly.
    ///
    /// The quantities are taken as the trader gave them (no lot rounding); only their sign, the targets and the sum
    /// are checked. For a partial fill of an order with explicit amounts, allocate by `proRata` with those amounts as
    /// weights instead.
    ///
    /// - Throws: `AllocationError.explicitSumMismatch` when the amounts do not add up to the fill, and the target,
    ///   sign and fill checks of `proRata`.
    public static func explicit<Target>(
        _ fill: Fill,
        amounts: [Amount<Target>]
    ) throws(AllocationError) -> [Slice<Target>] {
        try checkTargets(amounts.map(\.target))
        guard fill.quantity.decimal.isPositive else { throw .nonPositiveFillQuantity(fill.quantity) }
        var sum = WideDecimal<AllocationError>()
        for (index, amount) in amounts.enumerated() {
            guard !amount.quantity.decimal.isNegative else {
                throw .negativeQuantity(index: index, target: "\(amount.target)", quantity: amount.quantity)
            }
            try sum.add(amount.quantity.decimal, times: 1)
        }
        let total = Quantity(try sum.decimal())
        guard total == fill.quantity else { throw .explicitSumMismatch(expected: fill.quantity, found: total) }
        return amounts.map { Slice(target: $0.target, quantity: $0.quantity, price: fill.price) }
    }
}
