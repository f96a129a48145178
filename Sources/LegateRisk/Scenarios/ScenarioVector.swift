/// A P&L per scenario, one number per scenario of a set, in one numeraire: the unit the risk gate adds and compares.
///
/// Scenario P&L is linear in position size, so vectors add: the book's vector per risk unit plus an order's legs'
/// vectors is the vector after the order, and a leg's vector for one unit scales by its quantity. `add` and
/// `assign` reuse the storage and do not allocate.
public struct ScenarioVector: Sendable, Hashable {
    public private(set) var values: [Double]

    /// A vector of zeros, one per scenario.
    public init(count: Int) {
        values = Array(repeating: 0, count: count)
    }

    /// A vector with these values.
    public init(_ values: [Double]) {
        self.values = values
    }

    /// The number of scenarios.
    public var count: Int { values.count }

    public subscript(scenario: Int) -> Double {
        get { values[scenario] }
        set { values[scenario] = newValue }
    }

    /// Adds `other × scale` in place.
    ///
    /// - Precondition: both vectors have the same count.
    public mutating func add(_ other: ScenarioVector, scaledBy scale: Double = 1) {
        precondition(other.count == count, "adding a vector of \(other.count) scenarios to one of \(count)")
        values.withUnsafeMutableBufferPointer { target in
            other.values.withUnsafeBufferPointer { source in
                for index in target.indices { target[index] += source[index] * scale }
            }
        }
    }

    /// Adds `source[offset ..< offset + count] × scale` in place, element by element as `add(_:scaledBy:)` does (the
    /// same sums), without a bounds or uniqueness check per element.
    ///
    /// - Precondition: `source` holds `count` values from `offset`.
    public mutating func add(_ source: UnsafeBufferPointer<Double>, from offset: Int, scaledBy scale: Double) {
        precondition(offset >= 0 && offset + count <= source.count, "a unit vector outside its matrix")
        values.withUnsafeMutableBufferPointer { target in
            for index in target.indices { target[index] += source[offset + index] * scale }
        }
    }

    /// Overwrites this vector with `other`'s values, keeping the storage.
    ///
    /// - Precondition: both vectors have the same count.
    public mutating func assign(_ other: ScenarioVector) {
        precondition(other.count == count, "assigning a vector of \(other.count) scenarios to one of \(count)")
        values.withUnsafeMutableBufferPointer { target in
            other.values.withUnsafeBufferPointer { source in
                for index in target.indices { target[index] = source[index] }
            }
        }
    }

    /// Sets every entry to zero, keeping the storage.
    public mutating func setZero() {
        values.withUnsafeMutableBufferPointer { target in
            for index in target.indices { target[index] = 0 }
        }
    }

    /// The lowest P&L (the worst scenario) and its index; nil for an empty vector.
    public var worst: (pnl: Double, scenario: Int)? {
        guard var best = values.first.map({ (pnl: $0, scenario: 0) }) else { return nil }
        for (index, value) in values.enumerated() where value < best.pnl { best = (value, index) }
        return best
    }
}
