public import LegateCore
public import LegateModel
public import OrderedCollections

/// Delta of one expiry (nil: perpetuals and spot), in both numeraires: what roll-shock and calendar-spread charges
/// read.
public struct ExpiryDelta: Sendable, Hashable {
    public let expiry: UnixNanos?
    /// Years to expiry; 0 for perpetuals and spot.
    public let expiryYears: Double
    public var coin: Double
    public var usd: Double

    public init(expiry: UnixNanos?, expiryYears: Double, coin: Double, usd: Double) {
        self.expiry = expiry
        self.expiryYears = expiryYears
        self.coin = coin
        self.usd = usd
    }
}

/// One underlying's aggregated figures: the sum over its positions.
public struct UnderlyingRisk: Sendable, Hashable {
    public let underlying: Underlying
    /// The index the figures were computed at.
    public let index: Double
    public internal(set) var coin: GreekTotals = .zero
    public internal(set) var usd: GreekTotals = .zero
    /// Vega per expiry bucket (the `ExpiryBuckets` the risk was computed with), per numeraire.
    public internal(set) var coinVegaByBucket: [Double]
    public internal(set) var usdVegaByBucket: [Double]
    /// Delta per expiry, sorted by expiry with perpetuals and spot (nil) first.
    public internal(set) var deltaByExpiry: [ExpiryDelta] = []

    init(underlying: Underlying, index: Double, bucketCount: Int) {
        self.underlying = underlying
        self.index = index
        coinVegaByBucket = Array(repeating: 0, count: bucketCount)
        usdVegaByBucket = Array(repeating: 0, count: bucketCount)
    }

    /// The number of coins to trade to flatten USD delta (`usd.delta / index`).
    public var usdDeltaInCoins: Double { usd.delta / index }

    mutating func add(_ risk: PositionRisk, buckets: ExpiryBuckets) {
        coin.add(risk.coin)
        usd.add(risk.usd)
        if risk.expiry != nil {
            let days = risk.expiryYears * UnixNanos.nanosecondsPerYear / Double(UnixNanos.nanosecondsPerDay)
            let bucket = buckets.bucket(days: days)
            coinVegaByBucket[bucket] += risk.coin.vega
            usdVegaByBucket[bucket] += risk.usd.vega
        }
        if let index = deltaByExpiry.firstIndex(where: { $0.expiry == risk.expiry }) {
            deltaByExpiry[index].coin += risk.coin.delta
            deltaByExpiry[index].usd += risk.usd.delta
        } else {
            let entry = ExpiryDelta(
                expiry: risk.expiry,
                expiryYears: risk.expiryYears,
                coin: risk.coin.delta,
                usd: risk.usd.delta
            )
            let insertAt = deltaByExpiry.firstIndex { Self.precedes(entry.expiry, $0.expiry) } ?? deltaByExpiry.count
            deltaByExpiry.insert(entry, at: insertAt)
        }
    }

    private static func precedes(_ lhs: UnixNanos?, _ rhs: UnixNanos?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case (let lhs?, let rhs?): lhs < rhs
        }
    }
}

/// The book's sensitivities on one market state: per position, and summed per underlying.
///
/// Aggregates are plain sums of the position figures (a property test checks it), so the gate can keep them and add
/// an order's legs.
public struct BookRisk: Sendable, Hashable {
    /// The market state every figure was computed on.
    public let marketVersion: MarketStateVersion
    public let buckets: ExpiryBuckets
    public private(set) var positions: [PositionRisk] = []
    public private(set) var underlyings: OrderedDictionary<Underlying, UnderlyingRisk> = [:]

    /// The aggregate of one underlying, if the book holds it.
    public func risk(of underlying: Underlying) -> UnderlyingRisk? {
        underlyings[underlying]
    }

    /// Every underlying's aggregate, in order of first appearance.
    public var underlyingRisks: [UnderlyingRisk] { Array(underlyings.values) }

    /// Values every open position of `book` that `include` selects.
    ///
    /// - Throws: `BookError` for the first position the market cannot value.
    public init(
        _ book: PositionBook,
        market: MarketState,
        buckets: ExpiryBuckets,
        including include: (Position) -> Bool = { _ in true }
    ) throws(BookError) {
        marketVersion = market.version
        self.buckets = buckets
        for position in book.openPositions where include(position) {
            add(try PositionRisk(position, market: market))
        }
    }

    /// Adds one position's figures (a what-if leg, or a position valued elsewhere).
    public mutating func add(_ risk: PositionRisk) {
        positions.append(risk)
        let underlying = risk.key.instrument.underlying
        var aggregate =
            underlyings[underlying]
            ?? UnderlyingRisk(underlying: underlying, index: risk.index, bucketCount: buckets.count)
        aggregate.add(risk, buckets: buckets)
        underlyings[underlying] = aggregate
    }
}
