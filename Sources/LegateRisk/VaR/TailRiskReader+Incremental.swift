/// The lowest values of a booked P&L vector with their scenarios, ascending: what reading VaR and ES of the book
/// plus a small order needs (`TailRiskReader.read(base:prefix:legs:matrix:)`).
///
/// Built once per change of the book (`TailRiskReader.prefix(of:into:)`) and reused by every decision until the next
/// fill; rebuilding reuses the storage.
public struct TailPrefix: Sendable {
    /// Scenario indices of the kept values, in the order of `values`.
    public private(set) var scenarios: [Int] = []
    /// The lowest values of the vector, ascending.
    public private(set) var values: [Double] = []
    /// The lowest value left out; +∞ when every scenario is kept. Every scenario not kept is at or above it.
    public private(set) var firstExcluded: Double = -.infinity

    public init() {}

    /// Whether the prefix was built (an unbuilt prefix sends every read down the full pass).
    public var isBuilt: Bool { !values.isEmpty }

    mutating func assign(
        _ selected: UnsafeBufferPointer<Double>,
        _ indices: UnsafeBufferPointer<Int>,
        kept: Int,
        excluded: Double
    ) {
        values.removeAll(keepingCapacity: true)
        scenarios.removeAll(keepingCapacity: true)
        values.append(contentsOf: UnsafeBufferPointer(rebasing: selected[0..<kept]))
        scenarios.append(contentsOf: UnsafeBufferPointer(rebasing: indices[0..<kept]))
        firstExcluded = excluded
    }
}

/// One proposed leg as a tail read sees it: its VaR-scenario vector inside a matrix of unit vectors, its signed size,
/// and how far one contract moves any scenario's P&L (`max |v|`).
public struct TailLeg: Sendable, Hashable {
    /// Where the leg's unit vector starts in the matrix.
    public var offset: Int
    public var quantity: Double
    /// `max_j |v_j|` of the unit vector.
    public var reach: Double

    public init(offset: Int, quantity: Double, reach: Double) {
        self.offset = offset
        self.quantity = quantity
        self.reach = reach
    }
}

/// Reading the tail of a book plus an order without passing over every scenario.
///
/// Let `b` be the book's P&L per scenario and `s = b + d` the P&L with the order, where `|d_j| ≤ D` for every
/// scenario (`D = Σ |q_leg| · reach_leg`). The `K` lowest values of `s` (VaR and ES read only those) all come from
/// scenarios with `b_j ≤ b₍K₎ + 2D`: each of the `K` lowest scenarios of `b` has `s ≤ b₍K₎ + D`, so `s₍K₎ ≤ b₍K₎ + D`,
/// while a scenario with `b_j > b₍K₎ + 2D` has `s_j ≥ b_j − D > s₍K₎`. Those candidates are a prefix of the book's
/// scenarios sorted by P&L: the read walks the kept prefix while `b ≤ b₍K₎ + 2D`, computing `s` only there, and falls
/// back to the full pass when the bound reaches past the prefix (an order large against the book). `s_j` is summed
/// leg by leg in the order given, exactly as the full pass and `ScopeExposure` sum it, so both paths give the same
/// bits; `D` is widened by a relative 1e-9 so rounding in those sums cannot hide a candidate.
///
/// The walk also stops as soon as `b_j − D` passes the `K`-th lowest `s` found so far (which only falls): every
/// scenario after it has `s ≥ b − D` above that value, so none would enter. The same `K` lowest values are found, so
/// the figures are the same to the bit; only scenarios that could not enter are skipped.
///
/// For a 10-lot condor against a 10,000-position book the walk visits a few dozen scenarios instead of 1,000.
extension TailRiskReader {
    /// How many of the lowest scenarios a prefix keeps: four times what VaR/ES read, at least 64, at most all.
    public var prefixCount: Int { min(scenarioCount, max(4 * keptCount, 64)) }

    /// Rebuilds `prefix` from the booked P&L vector `base` (one pass; an insertion into a sorted buffer per value that
    /// enters).
    public func prefix(of base: UnsafeBufferPointer<Double>, into prefix: inout TailPrefix) {
        precondition(base.count == scenarioCount, "P&L vector of \(base.count) scenarios, expected \(scenarioCount)")
        let kept = prefixCount
        // One more than kept: the extra one is the lowest value left out.
        let capacity = min(kept + 1, scenarioCount)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: capacity) { values in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity) { indices in
                var selection = IndexedSelection(values: values, scenarios: indices)
                for scenario in 0..<scenarioCount { selection.offer(base[scenario], scenario: scenario) }
                let excluded = capacity > kept ? values[kept] : Double.infinity
                prefix.assign(UnsafeBufferPointer(values), UnsafeBufferPointer(indices), kept: kept, excluded: excluded)
            }
        }
    }

    /// VaR and ES of `base + Σ legs`, where leg `l` adds `matrix[offset_l + j] × quantity_l` to scenario `j`, read
    /// through the book's prefix when the legs' reach allows (see the extension's documentation), else by a full pass.
    public func read(
        base: UnsafeBufferPointer<Double>,
        prefix: TailPrefix,
        legs: UnsafeBufferPointer<TailLeg>,
        matrix: UnsafeBufferPointer<Double>
    ) -> TailRisk {
        precondition(base.count == scenarioCount, "P&L vector of \(base.count) scenarios, expected \(scenarioCount)")
        var reach = 0.0
        for leg in legs {
            precondition(leg.offset >= 0 && leg.offset + scenarioCount <= matrix.count, "leg vector outside the matrix")
            reach += leg.quantity.magnitude * leg.reach
        }
        guard prefix.values.count >= keptCount else { return read(base: base, legs: legs, matrix: matrix) }
        let kth = prefix.values[keptCount - 1]
        let limit = kth + 2 * reach * (1 + 1e-9) + 1e-9 * kth.magnitude
        // NaN anywhere makes the comparison false: the full pass then stops on it.
        guard limit < prefix.firstExcluded else { return read(base: base, legs: legs, matrix: matrix) }
        // How far the legs can move one scenario, widened as `limit` is.
        let band = reach * (1 + 1e-9)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: keptCount) { buffer in
            var selection = WorstSelection(buffer: buffer)
            prefix.values.withUnsafeBufferPointer { values in
                prefix.scenarios.withUnsafeBufferPointer { scenarios in
                    var rank = 0
                    while rank < values.count, values[rank] <= limit {
                        // Once the book's P&L here, less what the legs can take off it, is above the K-th lowest value
                        // kept so far, no scenario from here on can enter: the walk stops before the static bound.
                        let kept = selection.largestKept
                        if values[rank] - band > kept + 1e-9 * (kept.magnitude + values[rank].magnitude) { break }
                        let scenario = scenarios[rank]
                        var value = base[scenario]
                        // By index: the buffer's iterator is not folded away here and costs more than the sum.
                        for leg in 0..<legs.count { value += matrix[legs[leg].offset + scenario] * legs[leg].quantity }
                        selection.offer(value)
                        rank += 1
                    }
                }
            }
            return measures(worst: selection.selected)
        }
    }

    /// VaR and ES of `base + Σ legs` by one pass over every scenario.
    public func read(
        base: UnsafeBufferPointer<Double>,
        legs: UnsafeBufferPointer<TailLeg>,
        matrix: UnsafeBufferPointer<Double>
    ) -> TailRisk {
        precondition(base.count == scenarioCount, "P&L vector of \(base.count) scenarios, expected \(scenarioCount)")
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: keptCount) { buffer in
            var selection = WorstSelection(buffer: buffer)
            for scenario in 0..<scenarioCount {
                var value = base[scenario]
                for leg in legs { value += matrix[leg.offset + scenario] * leg.quantity }
                selection.offer(value)
            }
            return measures(worst: selection.selected)
        }
    }
}

/// The `values.count` lowest values offered so far with their scenarios, ascending, in caller storage
/// (`WorstSelection` with the scenario carried along).
struct IndexedSelection {
    let values: UnsafeMutableBufferPointer<Double>
    let scenarios: UnsafeMutableBufferPointer<Int>
    private(set) var filled = 0
    private var threshold = Double.infinity

    init(values: UnsafeMutableBufferPointer<Double>, scenarios: UnsafeMutableBufferPointer<Int>) {
        precondition(values.count > 0 && values.count == scenarios.count, "a selection keeps at least one value")
        self.values = values
        self.scenarios = scenarios
    }

    @inline(__always)
    mutating func offer(_ value: Double, scenario: Int) {
        if value >= threshold { return }
        insert(value, scenario)
    }

    private mutating func insert(_ value: Double, _ scenario: Int) {
        precondition(!value.isNaN, "NaN in scenario \(scenario) of a P&L vector")
        if filled < values.count { filled += 1 }
        var slot = filled - 1
        while slot > 0, values[slot - 1] > value {
            values[slot] = values[slot - 1]
            scenarios[slot] = scenarios[slot - 1]
            slot -= 1
        }
        values[slot] = value
        scenarios[slot] = scenario
        if filled == values.count { threshold = values[filled - 1] }
    }
}
