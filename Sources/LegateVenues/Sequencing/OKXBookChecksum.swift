import LegateCore
import LegateModel

/// OKX's book checksum: CRC-32 (signed) over the best 25 bids and asks, interleaved as
/// `bidPx:bidSz:askPx:askSz:…`; when one side runs out the other continues alone (`bid1:ask1:bid2:bid3`).
///
/// OKX builds the string from the price and size strings it sends. Those are plain decimals without trailing zeros
/// (checked over all 16,528 strings of the 2022 recording), so the book formats each level from its ticks the same way
/// and the checksum needs no strings kept from the wire. Computing it allocates nothing.
public enum OKXBookChecksum {
    /// The number of levels per side the checksum covers.
    public static let depth = 25

    /// The checksum OKX would send for this book.
    public static func compute(_ book: OrderBook, depth: Int = OKXBookChecksum.depth) -> Int32 {
        var crc = CRC32()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { scratch in
            var first = true
            for index in 0..<depth {
                for side in [BookSide.bid, .ask] {
                    guard let level = book.level(side, at: index) else { continue }
                    if !first { crc.update(UInt8(ascii: ":")) }
                    first = false
                    let price = book.grid.priceIncrement
                    let size = book.grid.quantityIncrement
                    feed(units: level.ticks * price.units, scale: price.scale, into: &crc, scratch: scratch)
                    crc.update(UInt8(ascii: ":"))
                    feed(units: level.lots * size.units, scale: size.scale, into: &crc, scratch: scratch)
                }
            }
        }
        return crc.signedValue
    }

    /// The string the checksum is taken over, for diagnostics and tests.
    public static func checksumString(_ book: OrderBook, depth: Int = OKXBookChecksum.depth) -> String {
        var parts: [String] = []
        for index in 0..<depth {
            for side in [BookSide.bid, .ask] {
                guard let level = book.level(side, at: index) else { continue }
                parts.append(book.grid.price(ticks: level.ticks).decimal.normalized.description)
                parts.append(book.grid.quantity(lots: level.lots).decimal.normalized.description)
            }
        }
        return parts.joined(separator: ":")
    }

    /// Feeds `units × 10^-scale` as a plain decimal without trailing fractional zeros.
    static func feed(units: Int64, scale: Int8, into crc: inout CRC32, scratch: UnsafeMutableBufferPointer<UInt8>) {
        var magnitude = units.magnitude
        var scale = Int(scale)
        while scale > 0 && magnitude % 10 == 0 {
            magnitude /= 10
            scale -= 1
        }
        // Digits least significant first, with the point after `scale` of them and a leading zero if needed.
        var count = 0
        repeat {
            if count == scale && scale > 0 {
                scratch[count] = UInt8(ascii: ".")
                count += 1
            }
            scratch[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0 || count <= scale
        if units < 0 { crc.update(UInt8(ascii: "-")) }
        while count > 0 {
            count -= 1
            crc.update(scratch[count])
        }
    }
}
