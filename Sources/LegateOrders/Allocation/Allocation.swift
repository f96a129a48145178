public import LegateCore

/// Splitting one fill among sub-accounts or strategies, exactly.
///
/// Allocation is per fill: every slice of a fill carries the fill's own price, so each target's average price over
/// its slices equals the fill's price exactly and no price is ever rounded. Quantities are split either by
/// **weights** (`proRata`) — rounded to the lot with a stated remainder rule, summing exactly to the fill — or by
/// **explicit amounts** (`explicit`), which must sum to the fill exactly.
///
/// Targets are any `Hashable` ids (`AccountID`, `StrategyID`); the output lists every target in the order given,
/// including those that receive zero, so callers control determinism by the order they pass (sorted by id, say).
public enum Allocation {
    /// Most targets one fill may be split among (STYLE habit 6).
    public static let maximumTargets = 256

    /// One execution to split: its quantity (positive) and price (any sign; combos trade at negative prices).
    public struct Fill: Hashable, Sendable, Codable, CustomStringConvertible {
        public let quantity: Quantity
        public let price: Price

        public init(quantity: Quantity, price: Price) {
            self.quantity = quantity
            self.price = price
        }

        public var description: String { "\(quantity) @ \(price)" }
    }

    /// A target's share by weight; weights are relative (1:3, 25%:75% and 0.25:0.75 allocate alike), never negative.
    public struct Weight<Target: Hashable & Sendable>: Hashable, Sendable {
        public let target: Target
        public let weight: FixedDecimal

        public init(_ target: Target, _ weight: FixedDecimal) {
            self.target = target
            self.weight = weight
        }

        public init(_ target: Target, _ weight: Int) {
            self.init(target, FixedDecimal(Int64(weight)))
        }
    }

    /// A target's explicit quantity of a fill.
    public struct Amount<Target: Hashable & Sendable>: Hashable, Sendable {
        public let target: Target
        public let quantity: Quantity

        public init(_ target: Target, _ quantity: Quantity) {
            self.target = target
            self.quantity = quantity
        }
    }

    /// What one target receives from one fill: a quantity at the fill's price.
    public struct Slice<Target: Hashable & Sendable>: Hashable, Sendable {
        public let target: Target
        public let quantity: Quantity
        /// Always the fill's price: allocation never averages across fills.
        public let price: Price

        public init(target: Target, quantity: Quantity, price: Price) {
            self.target = target
            self.quantity = quantity
            self.price = price
        }
    }

    /// Where the lots left after every target's whole-lot floor go, and the fill's sub-lot remainder with them.
    public enum RemainderRule: String, Hashable, Sendable, Codable, CaseIterable {
        /// Largest-remainder (Hamilton) method: each target first gets the whole lots of its exact share, rounded
        /// down; the lots left go one each to the targets with the largest fractional remainders, ties to the
        /// earlier target in the list; a sub-lot remainder of the fill (when the fill is not a lot multiple) goes
        /// whole, as one final piece, to the next target in that same order. Every target then deviates from its
        /// exact pro-rata share by less than one lot.
        case largestRemainder
        /// Every leftover lot and the sub-lot remainder go to the target with the largest weight (ties to the
        /// earlier one). Simpler to explain; that target may deviate by several lots.
        case toLargestWeight
    }
}

// Allocations are journaled with their targets: codable whenever the target id is (AccountID, StrategyID are).
extension Allocation.Weight: Codable where Target: Codable {}
extension Allocation.Amount: Codable where Target: Codable {}
extension Allocation.Slice: Codable where Target: Codable {}
