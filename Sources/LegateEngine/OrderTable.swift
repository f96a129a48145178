public import LegateCore
public import LegateOrders

/// The engine's orders in creation order, found by the number in their id.
///
/// Order ids come from the engine's counter (`O0000000001`, `O0000000002`, …) and orders are never removed, so the
/// n-th order created has number n: finding an order parses its id instead of hashing it, and the table grows in
/// fixed-size chunks, so growing never copies (or faults in again) the orders it already holds. Both were large
/// shares of the engine's time per order with a hashed, contiguous table.
public struct OrderTable: Sendable {
    static let chunkShift = 12
    static let chunkSize = 1 << chunkShift
    private var chunks: [ContiguousArray<Order>] = []
    public private(set) var count = 0

    public init() {}

    /// The number an engine-made order id carries: `O` and at least ten digits; nil for any other text.
    public static func number(of id: OrderID) -> Int? {
        // Over the bytes themselves: iterating a substring's UTF-8 view byte by byte was a visible share of every
        // order (several lookups each), and the ids are small strings that `withUTF8` reads in place.
        var text = id.rawValue
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count >= 11, bytes.count <= 19, bytes[0] == UInt8(ascii: "O") else { return nil }
            var number = 0
            for byte in bytes[1...] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return number
        }
    }

    /// The id of the order with `number`.
    public static func id(number: UInt64) -> OrderID { counterID(OrderID.self, prefix: "O", number) }

    /// The position of the order with this id, or nil when there is none.
    public func index(of id: OrderID) -> Int? {
        guard let number = Self.number(of: id), number >= 1, number <= count else { return nil }
        let index = number - 1
        // The exact text too: `O00000000001` carries number 1 but is not order `O0000000001`.
        guard chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)].id == id else { return nil }
        return index
    }

    public subscript(id: OrderID) -> Order? {
        index(of: id).map { self[$0] }
    }

    /// The id the next order must carry.
    public var nextID: OrderID { Self.id(number: UInt64(count + 1)) }

    /// Adds the next order; false (and nothing added) when it does not carry the next number.
    mutating func append(_ order: Order) -> Bool {
        guard Self.number(of: order.id) == count + 1, order.id == nextID else { return false }
        if count & (Self.chunkSize - 1) == 0 {
            var chunk = ContiguousArray<Order>()
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(order)
        count += 1
        return true
    }

    /// Changes the order at `index` in place (no copy out and back in).
    mutating func update<Result, Failure: Error>(
        at index: Int,
        _ body: (inout Order) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(&chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)])
    }

    /// Every order, in creation order (the table is itself that collection; kept for readers of the old API).
    public var values: OrderTable { self }
    /// Every order id, in creation order.
    public var keys: LazyMapCollection<OrderTable, OrderID> { lazy.map(\.id) }
}

extension OrderTable: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Order {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
    }
}

extension OrderTable: Hashable {
    public static func == (lhs: OrderTable, rhs: OrderTable) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for order in self { hasher.combine(order) }
    }
}

/// An id made from a counter: `prefix` and the number zero-padded to ten digits, so lexical and numeric order agree.
func counterID<Tag>(_ type: Identifier<Tag>.Type, prefix: String, _ number: UInt64) -> Identifier<Tag> {
    var digits = 0
    var remaining = number
    repeat {
        digits += 1
        remaining /= 10
    } while remaining > 0
    let width = max(10, digits)
    // Written digit by digit into a stack buffer: one id per order, and short strings stay off the heap.
    let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { buffer in
        var value = number
        for position in stride(from: width - 1, through: 0, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        return prefix + String(decoding: buffer, as: UTF8.self)
    }
    return Identifier<Tag>(known: text)
}
