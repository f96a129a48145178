import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Frames from either socket

extension OKXSession {
    /// One text frame: `pong`, an event (login, subscribe, error), or a push on a channel.
    func receive(_ text: String, on socket: OKXSocket) {
        let now = clock.now()
        lastHeard[socket] = now
        let data = Data(text.utf8)
        let frame: OKXFrame
        do {
            frame = try OKXFrame.classify(data)
        } catch {
            emit(.unreadable(what: "\(socket) frame", reason: error.description))
            return
        }
        switch frame {
        case .pong: emit(.pongReceived(connection: link?.number ?? 0, socket: socket))
        case .event(let event): handle(event, on: socket, at: now)
        case .operation(let id, let op, _): emit(.unreadable(what: "answer to \(op) \(id)", reason: "no such request"))
        case .push(let arg, _):
            do throws(OKXParseError) {
                try route(arg, data)
            } catch {
                emit(.unreadable(what: "\(arg.channel) push", reason: error.description))
            }
        }
    }

    func handle(_ event: OKXEvent, on socket: OKXSocket, at now: UnixNanos) {
        switch event.event {
        case "login":
            let refusal = OKXTranslator.venueError(event, at: now)
            login.deliver(refusal.map { .failure($0) } ?? .success(()))
            if refusal != nil { refused(event) }
        case "subscribe":
            guard let arg = event.arg else { return }
            emit(
                .subscribed(
                    connection: link?.number ?? 0,
                    socket: socket,
                    channel: arg.channel,
                    instrument: arg.instId ?? arg.instFamily ?? arg.instType
                )
            )
        case "error":
            // OKX answers a refused login with an error event, not a login event.
            if socket == .private && isAwaitingLogin {
                login.deliver(.failure(OKXTranslator.venueError(event, at: now) ?? Self.loginFailure(event)))
                refused(event)
                return
            }
            publish(monitor.failed(id: nil, at: now))
            emit(.subscriptionRefused(socket: socket, code: event.code ?? "", message: event.msg ?? ""))
        default:
            return
        }
    }

    static func loginFailure(_ event: OKXEvent) -> VenueError {
        .authenticationFailed(venue: .okx, reason: "\(event.code ?? "") \(event.msg ?? "")")
    }

    func refused(_ event: OKXEvent) {
        emit(.loginRefused(connection: link?.number ?? 0, code: event.code ?? "", message: event.msg ?? ""))
    }

    /// A push into model values on the right stream.
    func route(_ arg: OKXChannelArg, _ data: Data) throws(OKXParseError) {
        switch arg.channel {
        case "books", "books5", "bbo-tbt", "books-l2-tbt", "books50-l2-tbt":
            try routeBook(OKXCodec.decode(OKXPush<OKXBookWire>.self, from: data))
        case "tickers":
            for wire in try OKXCodec.decode(OKXPush<OKXTickerWire>.self, from: data).data {
                yieldTicker(board.apply(try OKXTranslator.topOfBook(wire, contracts: contracts)))
            }
        case "mark-price":
            for wire in try OKXCodec.decode(OKXPush<OKXMarkPriceWire>.self, from: data).data {
                yieldTicker(board.apply(try OKXTranslator.mark(wire)))
            }
        case "opt-summary":
            // The channel covers a whole family; only instruments with a mark (those subscribed) make tickers.
            for wire in try OKXCodec.decode(OKXPush<OKXOptionSummaryWire>.self, from: data).data {
                yieldTicker(board.apply(try OKXTranslator.optionSummary(wire)))
            }
        case "index-tickers":
            for wire in try OKXCodec.decode(OKXPush<OKXIndexTickerWire>.self, from: data).data {
                board.apply(try OKXTranslator.indexPrice(wire))
            }
        case "funding-rate":
            for wire in try OKXCodec.decode(OKXPush<OKXFundingRateWire>.self, from: data).data {
                outputs.publish(.funding(try OKXTranslator.funding(wire)))
            }
        case "trades":
            let wires = try OKXCodec.decode(OKXPush<OKXTradeWire>.self, from: data).data
            for trade in try OKXTranslator.trades(wires, contracts: contracts) {
                outputs.publish(.trade(trade))
            }
        case "orders":
            for wire in try OKXCodec.decode(OKXPush<OKXOrderWire>.self, from: data).data { try routeOrder(wire) }
        default:
            throw .unsupported(what: "channel \(arg.channel)", reason: "the session has no route for it")
        }
    }

    func yieldTicker(_ ticker: Ticker?) {
        if let ticker { outputs.publish(.ticker(ticker)) }
    }

    /// Books pass the feed (sequence and checksum) before anyone sees them; a broken chain or a checksum mismatch
    /// re-subscribes the book, and its updates are dropped until the fresh snapshot arrives.
    func routeBook(_ push: OKXPush<OKXBookWire>) throws(OKXParseError) {
        let instId = push.arg.instId ?? push.arg.channel
        let outcomes: [OKXBookOutcome]
        do {
            outcomes = try books.handle(push)
        } catch {
            guard case .offGrid = error else { throw error }
            emit(.unreadable(what: "book of \(instId)", reason: error.description))
            link?.chores.yield(.resubscribe(push.arg))
            return
        }
        var updates: [BookUpdate]?
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .applied:
                let translated: [BookUpdate]
                if let updates {
                    translated = updates
                } else {
                    translated = try OKXTranslator.bookUpdates(push, contracts: contracts)
                }
                updates = translated
                outputs.publish(.book(translated[index]))
            case .dropped(_, let drop):
                emit(.bookDropped(instrument: instId, drop))
            case .resync(_, let resync):
                emit(.bookResync(instrument: instId, resync))
                link?.chores.yield(.resubscribe(push.arg))
            case .notRegistered:
                emit(.unreadable(what: "book of \(instId)", reason: "no instrument spec registered for it"))
            }
        }
    }

    /// An `orders` push: remember the venue's id of our order, then publish what is news.
    func routeOrder(_ wire: OKXOrderWire) throws(OKXParseError) {
        let reports = try OKXTranslator.reports(wire, contracts: contracts)
        try noteProtectionTrigger(wire)
        if let orderID = try OKXTranslator.orderID(wire.clOrdId) {
            let venueOrderID = try OKXTranslator.venueOrderID(wire.ordId)
            if orders[orderID] == nil {
                orders[orderID] = KnownOrder(symbol: wire.instId, venueOrderID: venueOrderID)
            } else {
                orders[orderID]?.venueOrderID = venueOrderID
            }
        }
        publish(reports)
    }

    // MARK: - Books

    static func isBook(_ arg: OKXChannelArg) -> Bool {
        ["books", "books5", "bbo-tbt", "books-l2-tbt", "books50-l2-tbt"].contains(arg.channel)
    }

    /// Starts a book on the grid of its spec; false when the spec is unknown.
    @discardableResult
    func registerBook(_ arg: OKXChannelArg) -> Bool {
        guard let instId = arg.instId, let spec = contracts.spec(for: instId) else { return false }
        do {
            try books.register(spec)
            return true
        } catch {
            emit(.unreadable(what: "book grid of \(instId)", reason: error.description))
            return false
        }
    }
}
