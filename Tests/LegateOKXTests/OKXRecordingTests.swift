// Proves the adapter on real recorded OKX traffic (2022-05-13): every instrument of the instrument lists becomes a
// spec (BTC options then had ctMult 0.1), four later identical pulls change nothing in the instrument master while a
// ctMult change is one; the 290 book messages replay through the feed with OKX's CRC32 checksum verified after each
// one; a dropped update or an altered checksum asks for a resync and a fresh snapshot recovers; tickers and trades
// translate with sizes in model units; and our subscribe builder writes the very frames cryptofeed sent.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateOKX

@Suite struct OKXRecordingTests {
    static let bookSymbols = ["BTC-USD-220527", "UNI-USD-SWAP", "BTC-USDT"]

    /// The instrument lists of each of the five pulls (five responses each), with the time each was received.
    static func pulls() throws -> [[(at: UnixNanos, wires: [OKXInstrumentWire])]] {
        let responses = try Fixtures.restResponses("OKX.0").map { response in
            (at: response.at, wires: try OKXCodec.decode(OKXResponse<OKXInstrumentWire>.self, from: response.body).data)
        }
        #expect(responses.count == 25)
        return stride(from: 0, to: responses.count, by: 5).map { Array(responses[$0..<$0 + 5]) }
    }

    static func specs(
        of pull: [(at: UnixNanos, wires: [OKXInstrumentWire])]
    ) -> (specs: [InstrumentSpec], refused: [OKXParseError]) {
        var specs: [InstrumentSpec] = []
        var refused: [OKXParseError] = []
        for response in pull {
            let result = OKXTranslator.specs(response.wires, observedAt: response.at)
            specs += result.specs
            refused += result.refused
        }
        return (specs, refused)
    }

    static func contracts() throws -> OKXContracts { OKXContracts(specs(of: try pulls()[0]).specs) }

    /// The recorded `books` pushes, in arrival order.
    static func bookMessages() throws -> [Data] {
        try Fixtures.receivedMessages("OKX.ws.1.0").filter { message in
            guard case .push(let arg, _) = try OKXFrame.classify(message) else { return false }
            return arg.channel == "books"
        }
    }

    static func feed() throws -> OKXBookFeed {
        let contracts = try contracts()
        var feed = OKXBookFeed()
        for symbol in bookSymbols { try feed.register(try #require(contracts.spec(for: symbol))) }
        return feed
    }

    @Test func everyListedInstrumentBecomesASpec() throws {
        let (specs, refused) = Self.specs(of: try Self.pulls()[0])
        #expect(refused.isEmpty, "\(refused.prefix(3))")
        #expect(specs.count == 513 + 166 + 104 + 346 + 350)
        let bySymbol = Dictionary(uniqueKeysWithValues: specs.map { ($0.symbol, $0) })
        // BTC options in 2022: ctVal 1 × ctMult 0.1 BTC, tick 0.0005 BTC.
        let option = try #require(bySymbol["BTC-USD-220514-22000-C"])
        #expect(option.contractMultiplier == dec("0.1"))
        #expect(option.lotSize == qty("0.1"))
        #expect(option.tickSize.base == dec("0.0005"))
        #expect(option.instrument.expiry == millis(1_652_515_200_000))
        #expect(try #require(bySymbol["ETH-USD-220514-1300-C"]).contractMultiplier == 1)
        let future = try #require(bySymbol["BTC-USD-220527"])
        #expect(future.contractMultiplier == 100)
        #expect(future.contractUnit == .usd)
        #expect(future.instrument.expiry == millis(1_653_638_400_000))
        let uni = try #require(bySymbol["UNI-USD-SWAP"])
        #expect(uni.contractMultiplier == 10)
        #expect(uni.instrument.settlement == .inverse(Asset(known: "UNI")))
        #expect(specs.filter { $0.instrument.kind == .option }.count == 696)
    }

    @Test func identicalLaterPullsChangeNothingAndACtMultChangeIsAChange() throws {
        let pulls = try Self.pulls()
        var master = InstrumentMaster()
        let first = Self.specs(of: pulls[0]).specs
        let listed = master.reconcile(venue: .okx, listed: first, at: pulls[0][0].at)
        #expect(listed.count == first.count)
        for pull in pulls.dropFirst() {
            #expect(master.reconcile(venue: .okx, listed: Self.specs(of: pull).specs, at: pull[0].at).isEmpty)
        }
        // OKX cut BTC options from 0.1 to 0.01 BTC a contract: the same listing with ctMult 0.01 changes its spec.
        let response = try Fixtures.restResponses("OKX.0")[8]
        #expect(response.url.hasSuffix("instType=OPTION&uly=BTC-USD"))
        let text = String(decoding: response.body, as: UTF8.self)
            .replacingOccurrences(of: "\"ctMult\":\"0.1\"", with: "\"ctMult\":\"0.01\"")
        let cut = try #require(
            try OKXCodec.decode(OKXResponse<OKXInstrumentWire>.self, from: Data(text.utf8)).data.first
        )
        #expect(cut.instId == "BTC-USD-220514-22000-C")
        let event = master.apply(try OKXTranslator.spec(cut, observedAt: response.at + 1))
        guard case .changed(_, let to, let changes) = event else {
            Issue.record("expected a change, got \(String(describing: event))")
            return
        }
        #expect(changes == [.contractMultiplier, .lotSize, .minimumSize])
        #expect(to.lotSize == qty("0.01"))
    }

    @Test func recordedBooksReplayWithEveryChecksumVerified() throws {
        var feed = try Self.feed()
        var applied = 0
        for message in try Self.bookMessages() {
            for outcome in try feed.handle(message) {
                guard case .applied(let index, _) = outcome else {
                    Issue.record("not applied: \(outcome)")
                    continue
                }
                #expect(feed.book(at: index).invariantViolation() == nil)
                applied += 1
            }
        }
        #expect(applied == 290)
        // The last state of each book (independently replayed with Python's decimal module), in model units.
        let future = try #require(feed.index(of: "BTC-USD-220527"))
        #expect(try feed.levels(at: future, .bid, maxLevels: 1) == [BookLevel(price: price("30229.4"), quantity: 200)])
        #expect(try feed.levels(at: future, .ask, maxLevels: 1) == [BookLevel(price: price("30238.8"), quantity: 300)])
        #expect(feed.book(at: future).depth(.bid) == 74)
        let uni = try #require(feed.index(of: "UNI-USD-SWAP"))
        #expect(try feed.levels(at: uni, .ask, maxLevels: 1) == [BookLevel(price: price("5.145"), quantity: 500)])
        let spot = try #require(feed.index(of: "BTC-USDT"))
        #expect(
            try feed.levels(at: spot, .bid, maxLevels: 1) == [
                BookLevel(price: price("30236.1"), quantity: qty("0.18050747"))
            ]
        )
        #expect(feed.book(at: spot).depth(.ask) == 400)
    }

    @Test func modelBookUpdatesCarryUnitsAndTheChecksum() throws {
        let contracts = try Self.contracts()
        let messages = try Self.bookMessages()
        let snapshot = try OKXTranslator.bookUpdates(
            OKXCodec.decode(OKXPush<OKXBookWire>.self, from: messages[0]),
            contracts: contracts
        )[0]
        #expect(snapshot.kind == .snapshot)
        #expect(snapshot.checksum == 1_054_815_633)
        #expect(snapshot.sequence == BookSequence(first: -1, last: -1, previous: nil))
        // The first update of BTC-USD-220527 deletes 30249.4 (size "0") and sets 30261 to 4 contracts = 400 USD.
        let update = try OKXTranslator.bookUpdates(
            OKXCodec.decode(OKXPush<OKXBookWire>.self, from: messages[3]),
            contracts: contracts
        )[0]
        #expect(update.kind == .delta)
        #expect(
            update.asks.prefix(2) == [
                BookLevel(price: price("30249.4"), quantity: 0), BookLevel(price: 30_261, quantity: 400),
            ]
        )
        #expect(update.checksum == -914_047_754)
    }

    @Test func aDroppedUpdateAsksForAResyncAndAFreshSnapshotRecovers() throws {
        let messages = try Self.bookMessages()
        var reference = try Self.feed()
        var feed = try Self.feed()
        let future = try #require(feed.index(of: "BTC-USD-220527"))
        var resyncAt: Int?
        var recovered = 0
        for (position, message) in messages.enumerated() {
            _ = try reference.handle(message)
            // Message 3 is the first update of BTC-USD-220527; drop it.
            guard position != 3 else { continue }
            let outcomes = try feed.handle(message)
            if resyncAt == nil, case .resync(let index, let resync) = outcomes[0] {
                #expect(index == future)
                #expect(resync.reason == .checksumMismatch)
                #expect(feed.book(at: future).depth(.bid) == 0)
                resyncAt = position
                // Resubscribing yields a fresh snapshot: the venue's book as of now, with its checksum.
                let fresh = try Self.snapshot(of: reference, instId: "BTC-USD-220527")
                #expect(try feed.handle(fresh) == [.applied(index: future, snapshot: true)])
                continue
            }
            if resyncAt != nil, case .applied(future, false) = outcomes[0] { recovered += 1 }
            for outcome in outcomes {
                if case .resync = outcome { Issue.record("resync after recovery at \(position)") }
            }
        }
        // The next message of that book after the gap (message 6) fails its checksum.
        #expect(resyncAt == 6)
        #expect(recovered == 96)
        #expect(feed.book(at: future).bestBid == reference.book(at: future).bestBid)
    }

    @Test func anAlteredChecksumAsksForAResyncAndLaterUpdatesWaitForASnapshot() throws {
        var messages = try Self.bookMessages()
        let original = String(decoding: messages[6], as: UTF8.self)
        messages[6] = Data(
            original.replacingOccurrences(of: "\"checksum\":1488647618", with: "\"checksum\":1488647619").utf8
        )
        var feed = try Self.feed()
        var outcomes: [OKXBookOutcome] = []
        for message in messages[0...9] { outcomes += try feed.handle(message) }
        let future = try #require(feed.index(of: "BTC-USD-220527"))
        guard case .resync(future, let resync) = outcomes[6] else {
            Issue.record("expected a resync, got \(outcomes[6])")
            return
        }
        #expect(resync.reason == .checksumMismatch)
        #expect(resync.expected == 1_488_647_619)
        #expect(resync.received == 1_488_647_618)
        #expect(outcomes[9] == .dropped(index: future, .awaitingSnapshot))
    }

    @Test func recordedTickersAndTradesTranslate() throws {
        let contracts = try Self.contracts()
        var tops: [OKXTopOfBook] = []
        var trades: [Trade] = []
        for message in try Fixtures.receivedMessages("OKX.ws.1.0") {
            guard case .push(let arg, _) = try OKXFrame.classify(message) else { continue }
            if arg.channel == "tickers" {
                for wire in try OKXCodec.decode(OKXPush<OKXTickerWire>.self, from: message).data {
                    tops.append(try OKXTranslator.topOfBook(wire, contracts: contracts))
                }
            }
            if arg.channel == "trades" {
                trades += try OKXTranslator.trades(
                    OKXCodec.decode(OKXPush<OKXTradeWire>.self, from: message).data,
                    contracts: contracts
                )
            }
        }
        #expect(tops.count == 28)
        #expect(trades.count == 74)
        // BTC-USD-220527: 4 contracts of 100 USD bid at 30210.4, 3 offered at 30220.1.
        #expect(tops[0].bestBid == BookLevel(price: price("30210.4"), quantity: 400))
        #expect(tops[0].bestAsk == BookLevel(price: price("30220.1"), quantity: 300))
        let futureTrade = try #require(trades.first { $0.tradeID == "7849" })
        #expect(futureTrade.quantity == 100)
        #expect(futureTrade.price == price("30218.8"))
        #expect(futureTrade.aggressor == .buy)
    }

    @Test func subscribeFramesMatchWhatWasSent() throws {
        let sent = try Fixtures.sentMessages("OKX.ws.1.0")
        #expect(sent.count == 3)
        let symbols = ["BTC-USD-220527", "UNI-USD-SWAP", "BTC-USDT"]
        let tickers = symbols.map { OKXChannelArg(channel: "tickers", instId: $0) }
        let contracts = try Self.contracts()
        var trades: [OKXChannelArg] = []
        var books: [OKXChannelArg] = []
        for symbol in symbols {
            let instrument = try #require(contracts.spec(for: symbol)).instrument
            trades += try OKXWebSocketMessages.channels(
                for: MarketDataSubscription(instrument: instrument, channel: .trades),
                symbol: symbol
            )
            books += try OKXWebSocketMessages.channels(
                for: MarketDataSubscription(instrument: instrument, channel: .book(depth: nil)),
                symbol: symbol
            )
        }
        #expect(OKXWebSocketMessages.subscribe(tickers) == sent[0])
        #expect(OKXWebSocketMessages.subscribe(tickers + trades) == sent[1])
        #expect(OKXWebSocketMessages.subscribe(tickers + trades + books) == sent[2])
        // And the venue's acknowledgements read as events.
        let ack = try #require(try Fixtures.receivedMessages("OKX.ws.1.0").first)
        guard case .event(let event) = try OKXFrame.classify(ack) else {
            Issue.record("the first frame is a subscribe event")
            return
        }
        #expect(event.event == "subscribe")
        #expect(event.arg == OKXChannelArg(channel: "tickers", instId: "BTC-USD-220527"))
    }

    /// A `books` snapshot push of one instrument's book in `feed`, with the checksum OKX would send for it.
    static func snapshot(of feed: OKXBookFeed, instId: String) throws -> Data {
        let index = try #require(feed.index(of: instId))
        let book = feed.book(at: index)
        func levels(_ side: BookSide) -> String {
            book.levels(side).map {
                "[\"\($0.price.decimal.normalized)\",\"\($0.quantity.decimal.normalized)\",\"0\",\"1\"]"
            }
            .joined(separator: ",")
        }
        let json = """
            {"arg":{"channel":"books","instId":"\(instId)"},"action":"snapshot","data":[{"asks":[\(levels(.ask))],\
            "bids":[\(levels(.bid))],"ts":"1652459300000","checksum":\(OKXBookChecksum.compute(book))}]}
            """
        return Data(json.utf8)
    }
}
