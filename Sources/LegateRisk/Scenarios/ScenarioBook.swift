import LegateModel

/// Positions laid out column by column for full revaluation over many scenarios.
///
/// Options and delta-one rows (futures, perpetuals, spot) are kept in two column sets, because only options go
/// through the Black-76 batch pricer and the pricer wants contiguous columns. Each appended position gets a stable
/// position id (its insertion index), which `PositionScenarioPnL` rows follow.
///
/// The book also holds the index price of every underlying (`indexPrices`), which converts between the coin and USD
/// numeraires. Everything is `Double`: this is model numerics, downstream of the fixed-point book.
///
/// ```swift
/// var book = ScenarioBook(indexPrices: [100_000], groupCount: 1)
/// try book.append(.option(.call, settlement: .coin, underlying: 0, group: 0, quantity: -10,
///                          forward: 100_500, strike: 120_000, expiryYears: 0.1, vol: 0.55))
/// ```
public struct ScenarioBook: Sendable, Hashable {
    /// Index (spot) price in USD per underlying, addressed by `ScenarioPosition.underlying`.
    public private(set) var indexPrices: [Double]
    /// The number of output groups; positions name one in `0..<groupCount`.
    public let groupCount: Int

    /// Where a position id lives: in the option columns or the delta-one columns, at which row.
    enum Slot: Sendable, Hashable {
        case option(Int)
        case deltaOne(Int)
    }

    private(set) var slots: [Slot] = []
    private(set) var options = OptionColumns()
    private(set) var deltaOnes = DeltaOneColumns()

    /// Creates an empty book.
    ///
    /// - Parameters:
    ///   - indexPrices: Index price in USD of each underlying; positive and finite (checked by `validate()` and by
    ///     `append`).
    ///   - groupCount: How many output vectors the revaluation writes; at least 1.
    public init(indexPrices: [Double], groupCount: Int) {
        precondition(groupCount >= 1, "a scenario book needs at least one output group")
        self.indexPrices = indexPrices
        self.groupCount = groupCount
    }

    /// The number of positions.
    public var count: Int { slots.count }
    /// The number of underlyings (length of `indexPrices`).
    public var underlyingCount: Int { indexPrices.count }
    /// The number of option rows.
    public var optionCount: Int { options.count }

    /// Checks every index price.
    ///
    /// - Throws: `ScenarioError.invalidIndexPrice` for the first bad one.
    public func validate() throws(ScenarioError) {
        for (underlying, price) in indexPrices.enumerated() where !(price.isFinite && price > 0) {
            throw .invalidIndexPrice(underlying: underlying, value: price)
        }
    }

    /// Appends a position after checking it, and returns its position id.
    ///
    /// - Throws: `ScenarioError.invalidPosition`, `.unknownUnderlying`, `.unknownGroup` or `.invalidIndexPrice`.
    @discardableResult
    public mutating func append(_ position: ScenarioPosition) throws(ScenarioError) -> Int {
        let id = slots.count
        guard indexPrices.indices.contains(position.underlying) else {
            throw .unknownUnderlying(position: id, underlying: position.underlying, underlyingCount: underlyingCount)
        }
        guard (0..<groupCount).contains(position.group) else {
            throw .unknownGroup(position: id, group: position.group, groupCount: groupCount)
        }
        let index = indexPrices[position.underlying]
        guard index.isFinite, index > 0 else { throw .invalidIndexPrice(underlying: position.underlying, value: index) }
        try position.validate(index: id)
        if position.kind.isOption {
            slots.append(.option(options.count))
            options.append(position)
        } else {
            slots.append(.deltaOne(deltaOnes.count))
            deltaOnes.append(position)
        }
        return id
    }

    /// Reserves room for `options` option rows and `deltaOnes` delta-one rows.
    public mutating func reserveCapacity(options optionCapacity: Int, deltaOnes deltaOneCapacity: Int) {
        slots.reserveCapacity(optionCapacity + deltaOneCapacity)
        options.reserveCapacity(optionCapacity)
        deltaOnes.reserveCapacity(deltaOneCapacity)
    }

    /// The position with id `id` as it was appended (with its current quantity).
    public func position(_ id: Int) -> ScenarioPosition {
        switch slots[id] {
        case .option(let row): options.position(at: row)
        case .deltaOne(let row): deltaOnes.position(at: row)
        }
    }

    /// Changes a position's signed quantity (a fill, a what-if); P&L is linear in it.
    ///
    /// - Throws: `ScenarioError.unknownPosition` or `.invalidPosition` for a non-finite quantity.
    public mutating func setQuantity(_ quantity: Double, of id: Int) throws(ScenarioError) {
        guard slots.indices.contains(id) else { throw .unknownPosition(position: id, count: count) }
        guard quantity.isFinite else {
            throw .invalidPosition(position: id, field: "quantity", value: quantity, reason: "must be finite")
        }
        switch slots[id] {
        case .option(let row): options.quantity[row] = quantity
        case .deltaOne(let row): deltaOnes.quantity[row] = quantity
        }
    }

    /// Moves the index of one underlying (a new market state).
    ///
    /// Forwards, marks and vols of the rows are not touched: rebuild the book from the market when they change.
    ///
    /// - Throws: `ScenarioError.invalidIndexPrice` for a non-positive or non-finite price or an underlying outside the
    ///   book.
    public mutating func setIndexPrice(_ price: Double, underlying: Int) throws(ScenarioError) {
        guard indexPrices.indices.contains(underlying) else {
            throw .invalidIndexPrice(underlying: underlying, value: price)
        }
        guard price.isFinite, price > 0 else { throw .invalidIndexPrice(underlying: underlying, value: price) }
        indexPrices[underlying] = price
    }

    /// Removes every position, keeping the storage.
    public mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        options.removeAll()
        deltaOnes.removeAll()
    }
}

/// The option rows, column by column.
struct OptionColumns: Sendable, Hashable {
    /// Row indices sorted by (underlying, group), stable: the order the revaluation prices them in.
    var order: [Int32] = []
    var underlying: [Int32] = []
    var group: [Int32] = []
    var isCall: [Bool] = []
    var settlesInCoin: [Bool] = []
    var quantity: [Double] = []
    var forward: [Double] = []
    var strike: [Double] = []
    var expiryYears: [Double] = []
    var vol: [Double] = []
    var rate: [Double] = []

    var count: Int { quantity.count }

    mutating func append(_ position: ScenarioPosition) {
        let key = (Int32(position.underlying), Int32(position.group))
        // After every row with a key ≤ the new one: binary search on the sorted order keeps appends stable.
        var low = 0
        var high = order.count
        while low < high {
            let mid = (low + high) / 2
            let row = Int(order[mid])
            if (underlying[row], group[row]) <= key { low = mid + 1 } else { high = mid }
        }
        order.insert(Int32(quantity.count), at: low)
        underlying.append(key.0)
        group.append(key.1)
        isCall.append(position.kind == .option(.call))
        settlesInCoin.append(position.settlement == .coin)
        quantity.append(position.quantity)
        forward.append(position.forward)
        strike.append(position.strike)
        expiryYears.append(position.expiryYears)
        vol.append(position.vol)
        rate.append(position.rate)
    }

    func position(at row: Int) -> ScenarioPosition {
        .option(
            isCall[row] ? .call : .put,
            settlement: settlesInCoin[row] ? .coin : .usd,
            underlying: Int(underlying[row]),
            group: Int(group[row]),
            quantity: quantity[row],
            forward: forward[row],
            strike: strike[row],
            expiryYears: expiryYears[row],
            vol: vol[row],
            rate: rate[row]
        )
    }

    mutating func reserveCapacity(_ capacity: Int) {
        order.reserveCapacity(capacity)
        underlying.reserveCapacity(capacity)
        group.reserveCapacity(capacity)
        isCall.reserveCapacity(capacity)
        settlesInCoin.reserveCapacity(capacity)
        quantity.reserveCapacity(capacity)
        forward.reserveCapacity(capacity)
        strike.reserveCapacity(capacity)
        expiryYears.reserveCapacity(capacity)
        vol.reserveCapacity(capacity)
        rate.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        order.removeAll(keepingCapacity: true)
        underlying.removeAll(keepingCapacity: true)
        group.removeAll(keepingCapacity: true)
        isCall.removeAll(keepingCapacity: true)
        settlesInCoin.removeAll(keepingCapacity: true)
        quantity.removeAll(keepingCapacity: true)
        forward.removeAll(keepingCapacity: true)
        strike.removeAll(keepingCapacity: true)
        expiryYears.removeAll(keepingCapacity: true)
        vol.removeAll(keepingCapacity: true)
        rate.removeAll(keepingCapacity: true)
    }
}

/// The delta-one rows (futures, perpetuals, spot), column by column.
struct DeltaOneColumns: Sendable, Hashable {
    /// What each row is, kept to answer `position(_:)`; revaluation reads only the numbers.
    var kind: [ScenarioInstrumentKind] = []
    var underlying: [Int32] = []
    var group: [Int32] = []
    var settlesInCoin: [Bool] = []
    var quantity: [Double] = []
    var forward: [Double] = []

    var count: Int { quantity.count }

    mutating func append(_ position: ScenarioPosition) {
        kind.append(position.kind)
        underlying.append(Int32(position.underlying))
        group.append(Int32(position.group))
        settlesInCoin.append(position.settlement == .coin)
        quantity.append(position.quantity)
        forward.append(position.forward)
    }

    func position(at row: Int) -> ScenarioPosition {
        ScenarioPosition(
            kind: kind[row],
            settlement: settlesInCoin[row] ? .coin : .usd,
            underlying: Int(underlying[row]),
            group: Int(group[row]),
            quantity: quantity[row],
            forward: forward[row]
        )
    }

    mutating func reserveCapacity(_ capacity: Int) {
        kind.reserveCapacity(capacity)
        underlying.reserveCapacity(capacity)
        group.reserveCapacity(capacity)
        settlesInCoin.reserveCapacity(capacity)
        quantity.reserveCapacity(capacity)
        forward.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        kind.removeAll(keepingCapacity: true)
        underlying.removeAll(keepingCapacity: true)
        group.removeAll(keepingCapacity: true)
        settlesInCoin.removeAll(keepingCapacity: true)
        quantity.removeAll(keepingCapacity: true)
        forward.removeAll(keepingCapacity: true)
    }
}
