/// Initial and maintenance margin in one currency.
public struct MarginRequirement: Sendable, Hashable {
    public var initial: Double
    public var maintenance: Double

    public init(initial: Double, maintenance: Double) {
        self.initial = initial
        self.maintenance = maintenance
    }

    public static let zero = MarginRequirement(initial: 0, maintenance: 0)

    public mutating func add(_ other: MarginRequirement) {
        initial += other.initial
        maintenance += other.maintenance
    }

    /// Both figures times `factor` (a currency conversion).
    public func scaled(by factor: Double) -> MarginRequirement {
        MarginRequirement(initial: initial * factor, maintenance: maintenance * factor)
    }
}
