import LegateCore

/// Ready-made `Asset`s for the codes most names contain, found by their bytes without building a string.
///
/// `Asset.init` validates a `String` through an unspecialised generic `StringProtocol` parameter, which costs about a
/// third of a whole parse. The codes below cover every base and quote of the Deribit lists and the majors of OKX,
/// Bybit and Binance; any other code takes the ordinary path. The table is immutable after its one-time build.
enum KnownAssets {
    /// The asset for the bytes, if the code is in the table.
    @inline(__always)
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Asset? {
        guard range.count <= 8 else { return nil }
        var key: UInt64 = 0
        var index = range.lowerBound
        while index < range.upperBound {
            key = key << 8 | UInt64(bytes[index])
            index += 1
        }
        return table.find(key)
    }

    /// Codes packed big-endian into a `UInt64` (codes have no zero bytes, so lengths cannot collide).
    static func key(_ code: StaticString) -> UInt64 {
        var key: UInt64 = 0
        for index in 0..<code.utf8CodeUnitCount { key = key << 8 | UInt64(code.utf8Start[index]) }
        return key
    }

    private static let table = Table(codes: [
        "1INCH", "AAVE", "ADA", "ALGO", "APT", "ARB", "ATOM", "AVAX", "BCH", "BNB", "BRL", "BTC", "BUSD", "DAI",
        "DOGE", "DOT", "EOS", "ETC", "ETH", "EUR", "FDUSD", "FIL", "GBP", "LINK", "LTC", "MATIC", "NEAR", "OKB", "OP",
        "PAXG", "PEPE", "SHIB", "SOL", "SUI", "TON", "TRX", "TRY", "TUSD", "UNI", "USD", "USDC", "USDE", "USDK", "USDT",
        "XLM", "XRP",
    ])

    /// An open-addressing hash table from packed code to asset: one multiply, a shift and usually one probe.
    private struct Table {
        static let slotBits = 7
        var keys: [UInt64]
        var assets: [Asset?]

        init(codes: [StaticString]) {
            let slots = 1 << Self.slotBits
            precondition(codes.count < slots / 2, "KnownAssets table needs at most \(slots / 2) codes")
            keys = Array(repeating: 0, count: slots)
            assets = Array(repeating: nil, count: slots)
            for code in codes {
                let key = KnownAssets.key(code)
                var slot = Self.slot(key)
                while keys[slot] != 0 { slot = (slot + 1) & (slots - 1) }
                keys[slot] = key
                assets[slot] = Asset(known: code)
            }
        }

        @inline(__always)
        static func slot(_ key: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
        }

        @inline(__always)
        func find(_ key: UInt64) -> Asset? {
            let mask = keys.count - 1
            var slot = Self.slot(key)
            while true {
                let candidate = keys[slot]
                if candidate == key { return assets[slot] }
                if candidate == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }
}
