// Minimal wire shapes of OKX, Bybit and Binance book messages, enough to replay the recordings through the
// sequencers; the real adapters own the full types.
import Foundation
import LegateCore
import LegateModel

@testable import LegateVenues

/// OKX `books`: `{"arg":{...},"action":"snapshot"|"update","data":[{"asks":[[px,sz,"0",n]],"bids":…}]}`.
struct OKXBookMessage: Decodable {
    struct Argument: Decodable { let instId: String }
    struct Payload: Decodable {
        let asks: [[String]]
        let bids: [[String]]
        let checksum: Int32
        let seqId: Int64?
        let prevSeqId: Int64?
    }
    let arg: Argument
    let action: String
    let data: [Payload]
}

/// Bybit `orderbook.{depth}.{symbol}`.
struct BybitBookMessage: Decodable {
    struct Payload: Decodable {
        let s: String
        let b: [[String]]
        let a: [[String]]
        let u: Int64
        let seq: Int64
    }
    let topic: String
    let type: String
    let data: Payload
}

/// Binance `depthUpdate`, bare or inside a combined-stream envelope.
struct BinanceDepthUpdate: Decodable {
    let e: String
    let s: String
    let U: Int64
    let u: Int64
    let pu: Int64?
    let b: [[String]]
    let a: [[String]]
}

struct BinanceStreamEnvelope: Decodable {
    let stream: String
    let data: BinanceDepthUpdate
}

extension Array where Element == [String] {
    /// `[[price, size, …]]` as grid levels; size "0" becomes zero lots (a delete).
    func tickLevels(on grid: BookGrid) throws -> [TickLevel] {
        try map { row in
            TickLevel(
                ticks: try grid.ticks(Price(parsing: row[0])),
                lots: try grid.lots(Quantity(parsing: row[1]))
            )
        }
    }
}

/// A grid fine enough for every price and size in the recordings.
let exactGrid = try! BookGrid(priceIncrement: decimal("0.00000001"), quantityIncrement: decimal("0.00000001"))

extension OrderBook {
    mutating func applyDelta(bids: [TickLevel], asks: [TickLevel]) {
        for level in bids { set(.bid, ticks: level.ticks, lots: level.lots) }
        for level in asks { set(.ask, ticks: level.ticks, lots: level.lots) }
    }
}
