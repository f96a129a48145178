// Proves the adapter on real recorded traffic: every instrument of the 2021/2022 instrument lists becomes a spec; the
// 46 book messages of the 2021-07-22 session replay through the fast feed into books whose best bid and ask equal the
// venue's own tickers (89 tickers, each against the book as of its timestamp); the fast scanner and the Codable path
// read every book message identically; and dropping one change message makes the feed ask for a resync.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateDeribit

@Suite struct DeribitRecordingTests {
    struct Recording {
        /// Book notifications in arrival order, as raw bytes.
        var books: [[UInt8]] = []
        var tickers: [DeribitTickerWire] = []
    }

    static func recording() throws -> Recording {
        var recording = Recording()
        for message in try Fixtures.receivedMessages("DERIBIT.ws.1.0") {
            guard let header = try? JSONDecoder().decode(DeribitFrameHeader.self, from: message),
                let channel = header.params?.channel
            else { continue }
            if channel.hasPrefix("book.") { recording.books.append(Array(message)) }
            if channel.hasPrefix("ticker.") {
                let notification = try DeribitCodec.decoder().decode(
                    DeribitNotification<DeribitTickerWire>.self,
                    from: message
                )
                recording.tickers.append(notification.params.data)
            }
        }
        return recording
    }

    static func specs() throws -> [String: InstrumentSpec] {
        var specs: [String: InstrumentSpec] = [:]
        for response in try Fixtures.restResponses("DERIBIT.0") {
            let instruments = try DeribitCodec.decodeResponse([DeribitInstrumentWire].self, from: response.body)
            for wire in try #require(instruments.result) {
                specs[wire.instrumentName] = try DeribitTranslator.spec(
                    wire,
                    observedAt: UnixNanos.seconds(1_626_993_723)
                )
            }
        }
        return specs
    }

    /// A feed with every recorded instrument registered on the grid of its listed spec.
    static func feed() throws -> DeribitBookFeed {
        let specs = try specs()
        var feed = DeribitBookFeed()
        for symbol in recordedSymbols {
            let spec = try #require(specs[symbol])
            feed.register(
                symbol: symbol,
                instrument: spec.instrument,
                grid: try BookGrid(tickSize: spec.tickSize, lotSize: spec.lotSize.decimal)
            )
        }
        return feed
    }

    static let recordedSymbols = [
        "BTC-24SEP21-8000-P", "BTC-30JUL21-24000-P", "ETH-30JUL21-2800-C", "BTC-31DEC21-34000-P",
        "BTC-24SEP21-34000-P", "BTC-24JUN22-15000-C", "BTC-31DEC21-300000-C", "ETH-27AUG21-4000-P",
        "BTC-25MAR22-30000-C", "ETH-23JUL21-2300-C",
    ]

    @Test func everyListedInstrumentBecomesASpec() throws {
        let specs = try Self.specs()
        #expect(specs.count == 1_017)
        #expect(specs.values.filter { $0.instrument.kind == .option }.count == 980)
        let eth = try #require(specs["ETH-30JUL21-2800-C"])
        #expect(eth.lotSize == 1)
        #expect(eth.quoteCurrency == .eth)
        let future = try #require(specs["ETH-23JUL21"])
        #expect(future.contractUnit == .usd)
        #expect(future.contractMultiplier == 1)
        let linear = try #require(specs["UNI_USDC-PERPETUAL"])
        #expect(linear.instrument.settlement == .linear(.usdc))
        #expect(linear.contractUnit == Asset(known: "UNI"))
    }

    @Test func recordedBooksReplayIntoBooksThatMatchTheTickers() throws {
        let recording = try Self.recording()
        #expect(recording.books.count == 46)
        var feed = try Self.feed()
        // The top of each book after each message, with the message's timestamp.
        var tops: [String: [(at: Int64, bid: BookLevel?, ask: BookLevel?)]] = [:]
        for message in recording.books {
            let outcome = try feed.handle(message)
            guard case .applied(let index, _) = outcome else {
                Issue.record("book message not applied: \(outcome)")
                continue
            }
            let book = feed.book(at: index)
            #expect(book.invariantViolation() == nil)
            #expect(!book.isCrossed)
            let update = try DeribitBookScanner.bookUpdate(message)
            tops[feed.entries[index].symbol, default: []].append(
                (update.at.milliseconds, book.bestBidLevel, book.bestAskLevel)
            )
        }
        var checked = 0
        for ticker in recording.tickers {
            // The book as of the ticker: after the last book message at or before the ticker's timestamp.
            guard let top = tops[ticker.instrumentName]?.last(where: { $0.at <= ticker.timestamp }) else { continue }
            let data = try DeribitTranslator.marketData(ticker)
            guard case .ticker(let model) = data[0] else { continue }
            #expect(model.bestBid == top.bid, "\(ticker.instrumentName) at \(ticker.timestamp)")
            #expect(model.bestAsk == top.ask, "\(ticker.instrumentName) at \(ticker.timestamp)")
            checked += 1
        }
        #expect(checked == 89)
    }

    @Test func scannerAndCodableReadEveryBookMessageIdentically() throws {
        for message in try Self.recording().books {
            let wire = try DeribitCodec.decoder().decode(DeribitNotification<DeribitBookWire>.self, from: Data(message))
            let codable = try DeribitTranslator.bookUpdate(wire.params.data)
            let fast = try DeribitBookScanner.bookUpdate(message)
            #expect(fast == codable)
        }
        for name in ["ws_book_snapshot.json", "ws_book_delta.json"] {
            let data = try Fixtures.data(name)
            let wire = try DeribitCodec.decoder().decode(DeribitNotification<DeribitBookWire>.self, from: data)
            #expect(try DeribitBookScanner.bookUpdate(Array(data)) == DeribitTranslator.bookUpdate(wire.params.data))
        }
    }

    @Test func aDroppedChangeAsksForAResync() throws {
        let books = try Self.recording().books
        var feed = try Self.feed()
        // Message 21 is a change of BTC-24SEP21-8000-P (33195895729 → 33195895734); drop it. The instrument's next
        // change (message 24) then names 33195895734 as its predecessor while the book last applied 33195895729.
        let dropped = try DeribitBookScanner.bookUpdate(books[21])
        #expect(dropped.kind == .delta)
        var resyncs: [BookResync] = []
        var afterResync: [DeribitBookOutcome] = []
        for (index, message) in books.enumerated() where index != 21 {
            let outcome = try feed.handle(message)
            if case .resync(_, let resync) = outcome {
                resyncs.append(resync)
            } else if !resyncs.isEmpty, try DeribitBookScanner.bookUpdate(message).instrument == dropped.instrument {
                afterResync.append(outcome)
            }
        }
        #expect(resyncs.count == 1)
        let resync = try #require(resyncs.first)
        #expect(resync.reason == .gap)
        #expect(resync.expected == dropped.sequence.previous)
        #expect(resync.received == dropped.sequence.last)
        let slot = try #require(feed.index(of: "BTC-24SEP21-8000-P"))
        #expect(afterResync.allSatisfy { $0 == .dropped(index: slot, .awaitingSnapshot) })
        #expect(feed.book(at: slot).depth(.bid) == 0)
    }

    @Test func optionTickerCarriesIVsAndGreeks() throws {
        let ticker = try #require(try Self.recording().tickers.first { $0.instrumentName == "BTC-31DEC21-34000-P" })
        guard case .ticker(let model) = try DeribitTranslator.marketData(ticker)[0] else {
            Issue.record("expected a ticker")
            return
        }
        // The first BTC-31DEC21-34000-P ticker of the session (also quoted in venues.md §1.2).
        #expect(model.markImpliedVolatility == FixedDecimal(units: 8_002, scale: 4))
        #expect(model.bidImpliedVolatility == FixedDecimal(units: 7_963, scale: 4))
        #expect(model.greeks?.delta == FixedDecimal(units: -42_256, scale: 5))
        #expect(model.greeks?.rho == FixedDecimal(units: -9_498_694, scale: 5))
        #expect(model.underlyingPrice == Price(FixedDecimal(units: 3_274_481, scale: 2)))
        #expect(model.markPrice == Price(FixedDecimal(units: 2_335_098, scale: 7)))
    }

    @Test func messagesForUnregisteredInstrumentsAreReported() throws {
        var feed = DeribitBookFeed()
        #expect(try feed.handle(try Self.recording().books[0]) == .notRegistered)
    }

    @Test(arguments: [
        #"{"method":"subscription","params":{"channel":"book.X.raw","data":{"type":"change"}}}"#,
        #"{"method":"subscription","params":{"channel":"book.X.raw","data":{"type":"snapshot","timestamp":1,"#,
        #"{"method":"subscription","params":{"channel":"book.BTC\u002dX.raw","data":{}}}"#,
        #"{"method":"heartbeat","params":{"type":"test_request"}}"#,
        #"{"method":"subscription","params":{"channel":"ticker.X.raw","data":{}}}"#,
        #"{"method":"subscription","params":{"channel":"book.X.raw","data":{"type":"change","timestamp":1,"change_id":2,"instrument_name":"X","bids":[["add",1,1]],"asks":[]}}}"#,
        #"{"method":"subscription","params":{"channel":"book.X.raw","data":{"type":"change","timestamp":1,"change_id":2.5,"instrument_name":"X","bids":[],"asks":[]}}}"#,
    ])
    func scannerRefusesWhatIsNotARawBookMessage(text: String) {
        #expect(throws: DeribitParseError.self) { try DeribitBookScanner.bookUpdate(Array(text.utf8)) }
    }

    @Test func offGridLevelsAreErrorsAndInvalidateTheBook() throws {
        var feed = DeribitBookFeed()
        let grid = try BookGrid(
            priceIncrement: FixedDecimal(units: 5, scale: 4),
            quantityIncrement: FixedDecimal(units: 1, scale: 1)
        )
        let option = try DeribitTranslator.instrument(named: "BTC-24SEP21-8000-P")
        feed.register(symbol: "BTC-24SEP21-8000-P", instrument: option, grid: grid)
        let snapshot =
            #"{"method":"subscription","params":{"channel":"book.BTC-24SEP21-8000-P.raw","data":{"type":"snapshot","timestamp":1,"instrument_name":"BTC-24SEP21-8000-P","change_id":10,"bids":[["new",0.0005,1.0]],"asks":[]}}}"#
        #expect(try feed.handle(Array(snapshot.utf8)) == .applied(index: 0, snapshot: true))
        let bad =
            #"{"method":"subscription","params":{"channel":"book.BTC-24SEP21-8000-P.raw","data":{"type":"change","timestamp":2,"prev_change_id":10,"instrument_name":"BTC-24SEP21-8000-P","change_id":11,"bids":[["new",0.001,1.0],["new",0.0007,1.0]],"asks":[]}}}"#
        #expect(throws: DeribitParseError.self) { try feed.handle(Array(bad.utf8)) }
        // The change could not be applied, so the book is stale: cleared, and only a snapshot is accepted next.
        #expect(feed.book(at: 0).depth(.bid) == 0)
        let next =
            #"{"method":"subscription","params":{"channel":"book.BTC-24SEP21-8000-P.raw","data":{"type":"change","timestamp":3,"prev_change_id":11,"instrument_name":"BTC-24SEP21-8000-P","change_id":12,"bids":[],"asks":[]}}}"#
        #expect(try feed.handle(Array(next.utf8)) == .dropped(index: 0, .awaitingSnapshot))
    }
}

extension DeribitRecordingTests {
    @Test func optionSpecCarriesTheVenueTerms() throws {
        let spec = try #require(try Self.specs()["BTC-24SEP21-8000-P"])
        let expiry = CivilDate(year: 2021, month: 9, day: 24)!.at(hourUTC: 8)
        #expect(
            spec.instrument
                == .option(
                    Underlying(base: .btc, quote: .usd),
                    expiry: expiry,
                    strike: 8_000,
                    right: .put,
                    settlement: .inverse(.btc)
                )
        )
        #expect(spec.contractMultiplier == 1)
        #expect(spec.contractUnit == .btc)
        #expect(spec.quoteCurrency == .btc)
        #expect(spec.tickSize.base == FixedDecimal(units: 5, scale: 4))
        #expect(spec.lotSize == Quantity(FixedDecimal(units: 1, scale: 1)))
        #expect(spec.listingState == .listed)
        #expect(spec.effectiveFrom == UnixNanos.seconds(1_626_993_723))
    }
}
