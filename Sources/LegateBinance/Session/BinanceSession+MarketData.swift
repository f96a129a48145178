import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

/// Just enough of a combined-stream frame to route it: an event names its stream, an answer its request id.
struct BinanceStreamFrame: Decodable, Sendable {
    let stream: String?
    let id: Int64?
    let error: BinanceErrorResponse?
}

// MARK: - Market stream: answers, books, marks, trades

extension BinanceSession {
    func receiveMarket(_ text: String) {
        let data = Data(text.utf8)
        guard let frame = try? BinanceCodec.decode(BinanceStreamFrame.self, from: data) else {
            emit(.unreadable(what: "market frame", reason: String(text.prefix(80))))
            return
        }
        if frame.stream == nil, let id = frame.id {
            waiters.answer(id, error: frame.error)
            return
        }
        guard let stream = frame.stream else {
            emit(.unreadable(what: "market frame", reason: "neither a stream event nor an answer"))
            return
        }
        do throws(BinanceParseError) {
            try route(stream, data)
        } catch {
            emit(.unreadable(what: stream, reason: error.description))
        }
    }

    func route(_ stream: String, _ data: Data) throws(BinanceParseError) {
        let market = configuration.market
        if stream.hasSuffix("@optionMarkPrice") {
            for wire in try BinanceCodec.event([BinanceOptionMarkWire].self, from: data) {
                let ticker = try BinanceTranslator.optionTicker(wire)
                if tickerInstruments.contains(ticker.instrument) { publish(.ticker(ticker)) }
            }
        } else if stream.contains("@markPrice") {
            for value in try BinanceTranslator.marketData(try BinanceCodec.event(BinanceMarkPriceWire.self, from: data))
            {
                publish(value)
            }
        } else if stream.contains("@depth") {
            if market == .options {
                publish(
                    .book(
                        try BinanceTranslator.optionBook(
                            try BinanceCodec.event(BinanceOptionDepthWire.self, from: data)
                        )
                    )
                )
            } else {
                let wire = try BinanceCodec.event(BinanceDepthUpdateWire.self, from: data)
                receiveDiff(try BinanceTranslator.depthUpdate(wire, market: market.symbology), symbol: wire.symbol)
            }
        } else if stream.hasSuffix("@trade") {
            let wire = try BinanceCodec.event(BinanceTradeEventWire.self, from: data)
            publish(.trade(try BinanceTranslator.trade(wire, market: market.symbology)))
        } else {
            emit(.unreadable(what: stream, reason: "no route for this stream"))
        }
    }

    // MARK: - Diff books

    /// A `depthUpdate` through the symbol's builder: applied deltas are published; the first buffered one (and any
    /// resync) asks for a REST snapshot.
    func receiveDiff(_ update: BookUpdate, symbol: String) {
        guard var builder = books[symbol] else { return }
        let outcome: BinanceBookBuilder.Outcome
        do {
            outcome = try builder.receive(update)
        } catch {
            books[symbol] = builder
            emit(.unreadable(what: "depthUpdate of \(symbol)", reason: error.description))
            requestSnapshot(symbol)
            return
        }
        books[symbol] = builder
        switch outcome {
        case .applied: publish(.book(update))
        case .buffered: requestSnapshot(symbol)
        case .dropped(let drop): emit(.bookDropped(symbol: symbol, drop))
        case .resync(let resync):
            emit(.bookResync(symbol: symbol, resync))
            requestSnapshot(symbol)
        case .appliedSnapshot: break
        }
    }

    func requestSnapshot(_ symbol: String) {
        guard let market, !snapshotsInFlight.contains(symbol) else { return }
        snapshotsInFlight.insert(symbol)
        emit(.snapshotRequested(symbol: symbol))
        market.chores.yield(.snapshot(symbol: symbol))
    }

    func perform(_ chore: MarketChore) async {
        switch chore {
        case .snapshot(let symbol):
            do throws(VenueError) {
                try await applySnapshot(symbol)
            } catch {
                snapshotsInFlight.remove(symbol)
                emit(.unreadable(what: "depth snapshot of \(symbol)", reason: error.description))
            }
        }
    }

    /// Fetches `symbol`'s REST depth and bridges the buffered diffs to it; publishes the resulting book whole.
    func applySnapshot(_ symbol: String) async throws(VenueError) {
        let market = configuration.market
        let limit = configuration.depthSnapshotLimit
        let wire = try await result(BinanceDepthSnapshotWire.self, withAPIKey: false) { _ in
            BinanceRequests.depthSnapshot(market, symbol: symbol, limit: limit)
        }
        let now = clock.now()
        let snapshot = try translated { () throws(BinanceParseError) in
            try BinanceTranslator.depthSnapshot(wire, symbol: symbol, market: market.symbology, receivedAt: now)
        }
        snapshotsInFlight.remove(symbol)
        guard var builder = books[symbol] else { return }
        let outcome: BinanceBookBuilder.Outcome
        do {
            outcome = try builder.receiveSnapshot(snapshot)
        } catch {
            books[symbol] = builder
            throw .malformedMessage(venue: .binance, what: "depth snapshot of \(symbol)", reason: error.description)
        }
        books[symbol] = builder
        switch outcome {
        case .appliedSnapshot:
            let book = BookUpdate(
                venue: .binance,
                instrument: snapshot.instrument,
                kind: .snapshot,
                bids: builder.book.levels(.bid),
                asks: builder.book.levels(.ask),
                sequence: snapshot.sequence,
                at: snapshot.at
            )
            publish(.book(book))
        case .resync(let resync):
            emit(.bookResync(symbol: symbol, resync))
            requestSnapshot(symbol)
        case .applied, .buffered, .dropped: break
        }
    }

    /// A fresh builder for `symbol`, on its spec's grid: it waits for a snapshot.
    func resetBook(_ symbol: String) {
        guard let spec = specsBySymbol[symbol],
            let grid = try? BookGrid(tickSize: spec.tickSize, lotSize: spec.lotSize.decimal)
        else { return }
        books[symbol] = BinanceBookBuilder(market: configuration.market == .spot ? .spot : .usdMFutures, grid: grid)
    }
}
