import LegateCore
public import LegateModel

/// One `book.{instrument}.{interval}` notification as the fast scanner reads it, into storage reused message after
/// message (so a steady stream allocates nothing).
public struct DeribitBookFrame: Sendable {
    public enum Kind: Hashable, Sendable {
        case snapshot
        case change
    }

    /// One `[action, price, amount]` entry, numbers as exact decimal units and scale.
    public struct Level: Hashable, Sendable {
        public var isDelete: Bool
        public var priceUnits: Int64
        public var priceScale: Int8
        public var amountUnits: Int64
        public var amountScale: Int8
    }

    public var kind: Kind = .change
    public var timestampMillis: Int64 = 0
    public var changeID: Int64 = 0
    public var previousChangeID: Int64?
    /// Where the instrument name sits in the message bytes.
    public var instrumentName: Range<Int> = 0..<0
    public var bids: [Level] = []
    public var asks: [Level] = []

    public init(capacity: Int = 256) {
        bids.reserveCapacity(capacity)
        asks.reserveCapacity(capacity)
    }
}

/// A strict, allocation-free reader of Deribit's raw book notifications, the hot path of `DeribitBookFeed`.
///
/// Foundation's `JSONDecoder` builds a dictionary per object and a `Decimal` per number; this reads the one message
/// shape in a single pass: keys in any order, whitespace anywhere, unknown keys skipped, numbers exact. Anything else
/// (a grouped book without actions, an escaped string) is an error, and the Codable path (`DeribitBookWire`) remains
/// for everything that is not a raw book. A test checks that both read every recorded book message identically.
public enum DeribitBookScanner {
    private enum Field {
        static let type: UInt8 = 1
        static let timestamp: UInt8 = 2
        static let changeID: UInt8 = 4
        static let instrument: UInt8 = 8
        static let bids: UInt8 = 16
        static let asks: UInt8 = 32
        static let all: UInt8 = 63
    }

    /// Reads one message into `frame`.
    ///
    /// - Throws: `DeribitParseError.malformed` with the byte offset of the first thing out of shape.
    public static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        into frame: inout DeribitBookFrame
    ) throws(DeribitParseError) {
        var cursor = JSONCursor(bytes)
        try cursor.expect(UInt8(ascii: "{"))
        var first = true
        var sawData = false
        while let key = try cursor.nextKey(first: &first) {
            if cursor.equals(key, "params") {
                try params(&cursor, into: &frame)
                sawData = true
            } else if cursor.equals(key, "method") {
                let method = try cursor.string()
                guard cursor.equals(method, "subscription") else { throw cursor.malformed("not a subscription") }
            } else {
                try cursor.skipValue()
            }
        }
        guard sawData else { throw cursor.malformed("no params") }
    }

    private static func params(_ cursor: inout JSONCursor, into frame: inout DeribitBookFrame) throws(DeribitParseError)
    {
        try cursor.expect(UInt8(ascii: "{"))
        var first = true
        var sawData = false
        while let key = try cursor.nextKey(first: &first) {
            if cursor.equals(key, "channel") {
                let channel = try cursor.string()
                try checkRawBookChannel(channel, in: cursor)
            } else if cursor.equals(key, "data") {
                try data(&cursor, into: &frame)
                sawData = true
            } else {
                try cursor.skipValue()
            }
        }
        guard sawData else { throw cursor.malformed("no data") }
    }

    /// `book.{instrument}.{interval}`: grouped books (`book.X.none.10.100ms`) carry no actions or chain.
    private static func checkRawBookChannel(_ channel: Range<Int>, in cursor: JSONCursor) throws(DeribitParseError) {
        guard channel.count > 5, cursor.equals(channel.lowerBound..<(channel.lowerBound + 5), "book.") else {
            throw cursor.malformed("not a book channel")
        }
        var dots = 0
        for index in channel where cursor.bytes[index] == UInt8(ascii: ".") { dots += 1 }
        guard dots == 2 else { throw cursor.malformed("not a raw book channel") }
    }

    private static func data(_ cursor: inout JSONCursor, into frame: inout DeribitBookFrame) throws(DeribitParseError) {
        try cursor.expect(UInt8(ascii: "{"))
        var first = true
        var seen: UInt8 = 0
        frame.previousChangeID = nil
        while let key = try cursor.nextKey(first: &first) {
            if cursor.equals(key, "type") {
                let type = try cursor.string()
                if cursor.equals(type, "snapshot") {
                    frame.kind = .snapshot
                } else if cursor.equals(type, "change") {
                    frame.kind = .change
                } else {
                    throw cursor.malformed("unknown book type")
                }
                seen |= Field.type
            } else if cursor.equals(key, "timestamp") {
                frame.timestampMillis = try cursor.integer()
                seen |= Field.timestamp
            } else if cursor.equals(key, "change_id") {
                frame.changeID = try cursor.integer()
                seen |= Field.changeID
            } else if cursor.equals(key, "prev_change_id") {
                frame.previousChangeID = try cursor.nullOrInteger()
            } else if cursor.equals(key, "instrument_name") {
                frame.instrumentName = try cursor.string()
                seen |= Field.instrument
            } else if cursor.equals(key, "bids") {
                try levels(&cursor, into: &frame.bids)
                seen |= Field.bids
            } else if cursor.equals(key, "asks") {
                try levels(&cursor, into: &frame.asks)
                seen |= Field.asks
            } else {
                try cursor.skipValue()
            }
        }
        guard seen == Field.all else { throw cursor.malformed("book data lacks a field (mask \(seen))") }
    }

    private static func levels(
        _ cursor: inout JSONCursor,
        into levels: inout [DeribitBookFrame.Level]
    ) throws(DeribitParseError) {
        levels.removeAll(keepingCapacity: true)
        try cursor.expect(UInt8(ascii: "["))
        var first = true
        while try cursor.nextElement(first: &first) {
            try cursor.expect(UInt8(ascii: "["))
            let action = try cursor.string()
            let isDelete: Bool
            if cursor.equals(action, "delete") {
                isDelete = true
            } else if cursor.equals(action, "new") || cursor.equals(action, "change") {
                isDelete = false
            } else {
                throw cursor.malformed("unknown book action")
            }
            try cursor.expect(UInt8(ascii: ","))
            let price = try cursor.number()
            try cursor.expect(UInt8(ascii: ","))
            let amount = try cursor.number()
            try cursor.expect(UInt8(ascii: "]"))
            levels.append(
                DeribitBookFrame.Level(
                    isDelete: isDelete,
                    priceUnits: price.units,
                    priceScale: price.scale,
                    amountUnits: amount.units,
                    amountScale: amount.scale
                )
            )
        }
    }

    // MARK: - Model

    /// One message read by the scanner, as a model update (allocates; for checks and for callers off the hot path).
    public static func bookUpdate(_ message: [UInt8]) throws(DeribitParseError) -> BookUpdate {
        var frame = DeribitBookFrame(capacity: 16)
        let name: String = try message.withUnsafeBufferPointer { (bytes) throws(DeribitParseError) -> String in
            try scan(bytes, into: &frame)
            return String(decoding: bytes[frame.instrumentName], as: UTF8.self)
        }
        func levels(_ levels: [DeribitBookFrame.Level]) -> [BookLevel] {
            levels.map { level in
                BookLevel(
                    price: Price(FixedDecimal(units: level.priceUnits, scale: level.priceScale)),
                    quantity: level.isDelete
                        ? .zero : Quantity(FixedDecimal(units: level.amountUnits, scale: level.amountScale))
                )
            }
        }
        return BookUpdate(
            venue: .deribit,
            instrument: try DeribitTranslator.instrument(named: name),
            kind: frame.kind == .snapshot ? .snapshot : .delta,
            bids: levels(frame.bids),
            asks: levels(frame.asks),
            sequence: BookSequence(first: frame.changeID, last: frame.changeID, previous: frame.previousChangeID),
            at: try DeribitTranslator.instant(millis: frame.timestampMillis)
        )
    }
}
