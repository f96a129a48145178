internal import Foundation
internal import LegateCore
internal import LegateDeribit
internal import LegateModel
internal import LegateVenues

/// The `venues` area: applying L2 updates to the integer book, and parsing plus applying real Deribit book messages.
enum VenueBenchmarks {
    static let all: [Benchmark] = [bookApply, deribitBookMessages]

    /// Holds the mutable state a timed body works on.
    // Safe because: a benchmark body runs on one thread at a time; the box never escapes the runner.
    final class Box<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    /// 1,000,000 level updates to a book of about 200 levels a side, most within a few ticks of the top (as venue
    /// streams are), a third of them deletes, in the steady state where inserts and deletes balance. One item is one
    /// level set or deleted; the book's storage is reserved up front, so the body must allocate nothing.
    static let bookApply = Benchmark(area: "venues", name: "book_apply", items: 1_000_000) {
        let grid = try BookGrid(priceIncrement: FixedDecimal(units: 5, scale: 1), quantityIncrement: 1)
        var book = OrderBook(grid: grid, capacity: 1_024)
        let mid: Int64 = 200_000
        for offset in 1...200 {
            book.set(.bid, ticks: mid - Int64(offset), lots: 100)
            book.set(.ask, ticks: mid + Int64(offset), lots: 100)
        }
        var generator = PricingBenchmarks.SplitMix(state: 5)
        var sides: [BookSide] = []
        var ticks: [Int64] = []
        var lots: [Int64] = []
        for _ in 0..<1_000_000 {
            let side: BookSide = generator.next() & 1 == 0 ? .bid : .ask
            // Distance from mid: geometric-like, 1...200, most updates near the top of the book.
            let distance = Int64(1 + min(199, Int(-log(generator.uniform(1e-9, 1)) * 12)))
            sides.append(side)
            ticks.append(side == .bid ? mid - distance : mid + distance)
            lots.append(generator.next() % 3 == 0 ? 0 : Int64(1 + generator.next() % 1_000))
        }
        let box = Box(book)
        return { [sides, ticks, lots] in
            for index in 0..<sides.count {
                box.value.set(sides[index], ticks: ticks[index], lots: lots[index])
            }
            return Double((box.value.bestBid?.ticks ?? 0) + Int64(box.value.depth(.ask)))
        }
    }

    /// The book messages of the real Deribit session recorded on 2021-07-22 (46 snapshots and changes of ten
    /// options, `Tests/LegateDeribitTests/Fixtures/DERIBIT.ws.1.0`), replayed 1,000 times through the fast scanner,
    /// the change-id sequencer and the integer books. One item is one message.
    static let deribitBookMessages = Benchmark(area: "venues", name: "deribit_book_messages", items: 46_000) {
        let messages = try recordedDeribitBookMessages()
        guard messages.count == 46 else {
            throw BenchmarkError.preparationFailed(
                benchmark: "deribit_book_messages",
                reason: "expected 46 book messages in the recording, found \(messages.count)"
            )
        }
        var feed = DeribitBookFeed()
        let grid = try BookGrid(
            priceIncrement: FixedDecimal(units: 1, scale: 4),
            quantityIncrement: FixedDecimal(units: 1, scale: 1)
        )
        for message in messages {
            let update = try DeribitBookScanner.bookUpdate(message)
            if feed.index(of: symbol(of: message)) == nil {
                feed.register(symbol: symbol(of: message), instrument: update.instrument, grid: grid)
            }
        }
        // One pass to check that every message applies (the timed passes then repeat the same outcomes).
        for message in messages {
            guard case .applied = try feed.handle(message) else {
                throw BenchmarkError.preparationFailed(
                    benchmark: "deribit_book_messages",
                    reason: "a message did not apply"
                )
            }
        }
        let box = Box(feed)
        return { [messages] in
            var applied = 0
            for _ in 0..<1_000 {
                for message in messages {
                    if case .applied = try? box.value.handle(message) { applied += 1 }
                }
            }
            return Double(applied)
        }
    }

    /// The recording, found from this source file's place in the repository.
    static func recordedDeribitBookMessages() throws -> [[UInt8]] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/LegateDeribitTests/Fixtures/DERIBIT.ws.1.0")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.first?.isNumber == true, line.contains("\"channel\":\"book."),
                let separator = line.range(of: ": ")
            else { return nil }
            return Array(line[separator.upperBound...].utf8)
        }
    }

    static func symbol(of message: [UInt8]) -> String {
        let text = String(decoding: message, as: UTF8.self)
        guard let start = text.range(of: "\"instrument_name\":\""),
            let end = text.range(of: "\"", range: start.upperBound..<text.endIndex)
        else { return "" }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
