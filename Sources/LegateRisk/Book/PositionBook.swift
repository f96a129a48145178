public import LegateCore
public import LegateModel
public import OrderedCollections

/// Every position of every account, venue and instrument, in booking order.
///
/// Fills go in with `apply`; a position that returns to flat stays (it carries realized P&L). Iteration order is the
/// order positions were first booked, so reports and events built from the book are deterministic.
public struct PositionBook: Sendable, Hashable {
    public let conventions: BookConventions
    public private(set) var positions: OrderedDictionary<PositionKey, Position> = [:]

    /// An empty book.
    ///
    /// - Throws: `BookError.invalidConventions`.
    public init(conventions: BookConventions) throws(BookError) {
        try conventions.validate()
        self.conventions = conventions
    }

    /// Books a fill: `side` and the fill's positive quantity at its price, for `account` in `instrument`.
    ///
    /// - Throws: `BookError` (combo instruments are refused: book their legs).
    public mutating func apply(
        _ fill: VenueFill,
        side: OrderSide,
        account: AccountID,
        instrument: Instrument
    ) throws(BookError) {
        let signed = side == .buy ? fill.quantity : -fill.quantity
        try apply(
            fill: signed,
            price: fill.price,
            key: PositionKey(account: account, venue: fill.venue, instrument: instrument)
        )
    }

    /// Books a signed fill (buy > 0) at `price` into the position `key`.
    ///
    /// - Throws: `BookError`.
    public mutating func apply(fill: Quantity, price: Price, key: PositionKey) throws(BookError) {
        if case .combo = key.instrument.terms { throw .unsupportedInstrument(key.instrument) }
        var position = positions[key] ?? Position(key: key)
        try position.apply(fill: fill, price: price, conventions: conventions)
        positions[key] = position
    }

    /// Loads a position as it stands (from a venue or a snapshot), replacing any held under its key.
    ///
    /// - Throws: `BookError.unsupportedInstrument` for a combo.
    public mutating func load(_ position: Position) throws(BookError) {
        if case .combo = position.key.instrument.terms { throw .unsupportedInstrument(position.key.instrument) }
        positions[position.key] = position
    }

    /// The position held under `key`, if any.
    public func position(_ key: PositionKey) -> Position? {
        positions[key]
    }

    /// The positions of one account, in booking order.
    public func positions(of account: AccountID) -> [Position] {
        positions.values.filter { $0.key.account == account }
    }

    /// The open (non-zero) positions, in booking order.
    public var openPositions: [Position] {
        positions.values.filter { !$0.quantity.isZero }
    }
}
