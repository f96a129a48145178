public import LegateCore
public import LegateModel

/// Translation between the integer book and the model's decimal `BookLevel`s and `BookUpdate`s.
extension OrderBook {
    /// The grid form of a model level.
    ///
    /// - Throws: `BookError.offGrid` for a price or size not on the grid, `.negativeQuantity` for a negative size.
    public func tickLevel(_ level: BookLevel) throws(BookError) -> TickLevel {
        guard !level.quantity.decimal.isNegative else { throw .negativeQuantity(level.quantity.description) }
        return TickLevel(ticks: try grid.ticks(level.price), lots: try grid.lots(level.quantity))
    }

    /// The model form of a grid level.
    public func bookLevel(_ level: TickLevel) -> BookLevel {
        BookLevel(price: grid.price(ticks: level.ticks), quantity: grid.quantity(lots: level.lots))
    }

    /// Applies a model update: a snapshot replaces the book, a delta sets each level (size zero deletes).
    ///
    /// The update is converted in full before the book is touched, so an off-grid level leaves the book unchanged.
    ///
    /// - Throws: `BookError` naming the first level that is off the grid or negative.
    public mutating func apply(_ update: BookUpdate) throws(BookError) {
        var bidLevels: [TickLevel] = []
        var askLevels: [TickLevel] = []
        bidLevels.reserveCapacity(update.bids.count)
        askLevels.reserveCapacity(update.asks.count)
        for level in update.bids { bidLevels.append(try tickLevel(level)) }
        for level in update.asks { askLevels.append(try tickLevel(level)) }
        switch update.kind {
        case .snapshot:
            replace(bids: bidLevels, asks: askLevels)
        case .delta:
            for level in bidLevels { set(.bid, ticks: level.ticks, lots: level.lots) }
            for level in askLevels { set(.ask, ticks: level.ticks, lots: level.lots) }
        }
    }

    /// The best `maxLevels` levels of a side, best first, as model levels.
    public func levels(_ side: BookSide, maxLevels: Int = .max) -> [BookLevel] {
        let count = Swift.min(maxLevels, depth(side))
        var result: [BookLevel] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            if let level = level(side, at: index) { result.append(bookLevel(level)) }
        }
        return result
    }

    /// The best bid as a model level.
    public var bestBidLevel: BookLevel? { bestBid.map(bookLevel) }

    /// The best ask as a model level.
    public var bestAskLevel: BookLevel? { bestAsk.map(bookLevel) }

    /// The size on a side within the best `levels` levels, as a model quantity.
    public func cumulativeQuantity(_ side: BookSide, levels: Int) -> Quantity {
        grid.quantity(lots: cumulativeLots(side, levels: levels))
    }
}
