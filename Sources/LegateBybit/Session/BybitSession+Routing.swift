import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues

/// Just enough of a frame to route it: a push names its topic, an answer its op.
struct BybitFrameProbe: Decodable {
    let topic: String?
    let op: String?
}

// MARK: - Receiving: answers, market data, our orders and account

extension BybitSession {
    /// One text frame from a link.
    func receive(_ text: String, on link: BybitLink) {
        let data = Data(text.utf8)
        let probe: BybitFrameProbe
        do {
            probe = try BybitCodec.decode(BybitFrameProbe.self, from: data)
        } catch {
            emit(.unreadable(what: "\(link) frame", reason: error.description))
            return
        }
        do throws(BybitParseError) {
            if let topic = probe.topic {
                switch link {
                case .market(let market): try routePublic(topic, data, category: market)
                case .account: try routePrivate(topic, data)
                }
            } else if probe.op != nil {
                answer(try BybitCodec.decode(BybitOpResponse.self, from: data), on: link)
            } else {
                emit(.unreadable(what: "\(link) frame", reason: "neither a topic nor an op"))
            }
        } catch {
            emit(.unreadable(what: probe.topic ?? "\(link) frame", reason: error.description))
        }
    }

    func routePublic(_ topic: String, _ data: Data, category: Market) throws(BybitParseError) {
        if topic.hasPrefix("orderbook.") {
            let message = try BybitCodec.decode(BybitTopicMessage<BybitBookWire>.self, from: data)
            try routeBook(topic, try BybitTranslator.bookMessage(message, category: category))
        } else if topic.hasPrefix("tickers.") {
            let message = try BybitCodec.decode(BybitTopicMessage<BybitTickerWire>.self, from: data)
            for value in try BybitTranslator.marketData(fullTicker(message), category: category) {
                outputs.publish(value)
            }
        } else if topic.hasPrefix("publicTrade.") {
            let message = try BybitCodec.decode(BybitTopicMessage<[BybitPublicTradeWire]>.self, from: data)
            for trade in try BybitTranslator.trades(message, category: category) {
                outputs.publish(.trade(trade))
            }
        } else {
            emit(.unreadable(what: topic, reason: "no route for this topic"))
        }
    }

    /// Books pass the builder before anyone sees them; a broken chain re-subscribes the topic for a fresh snapshot
    /// (Bybit's documented recovery), and deltas are dropped until it arrives.
    func routeBook(_ topic: String, _ message: BybitBookMessage) throws(BybitParseError) {
        guard let grid = bookGrids[topic] else {
            throw .missingField(field: "instrument spec (book grid)", in: topic)
        }
        var builder = books[topic] ?? BybitBookBuilder(grid: grid)
        let action: BookSequenceAction
        do {
            action = try builder.apply(message)
        } catch {
            books[topic] = builder
            resync(topic, BookResync(venue: .bybit, reason: .gap, expected: nil, received: message.updateID))
            throw .inconsistent(what: topic, reason: "\(error)")
        }
        books[topic] = builder
        switch action {
        case .applySnapshot:
            // `u == 1` arrives as a delta after a restart and replaces the book: say so downstream.
            outputs.publish(
                .book(message.isSnapshot ? message.update : BybitBookBuilder.asSnapshot(message.update))
            )
        case .applyDelta:
            outputs.publish(.book(message.update))
        case .drop(let drop):
            emit(.bookDropped(topic: topic, drop))
        case .resync(let resync):
            self.resync(topic, resync)
        }
    }

    func resync(_ topic: String, _ resync: BookResync) {
        emit(.bookResync(topic: topic, resync))
        guard let category = Market.allCases.first(where: { publicTopics[$0]?.contains(topic) == true }) else { return }
        connections[.market(category)]?.chores.yield(.resubscribe(topic: topic))
    }

    /// Linear and inverse tickers send a snapshot, then deltas of what changed: lay each delta over the last whole
    /// ticker of its topic.
    func fullTicker(
        _ message: BybitTopicMessage<BybitTickerWire>
    ) -> BybitTopicMessage<BybitTickerWire> {
        var ticker = message.data
        if message.type == "delta", let last = tickers[message.topic] { ticker = ticker.laid(over: last) }
        tickers[message.topic] = ticker
        return BybitTopicMessage(
            topic: message.topic,
            type: message.type,
            ts: message.ts,
            id: message.id,
            creationTime: message.creationTime,
            cs: message.cs,
            data: ticker
        )
    }

    func routePrivate(_ topic: String, _ data: Data) throws(BybitParseError) {
        switch topic {
        case "order":
            for order in try BybitCodec.decode(BybitTopicMessage<[BybitOrderWire]>.self, from: data).data {
                remember(order)
                publish(try BybitTranslator.reports(order: order))
                try noteProtectionTrigger(order)
            }
        case "execution", "execution.fast":
            var fills: [VenueReport] = []
            for wire in try BybitCodec.decode(BybitTopicMessage<[BybitExecutionWire]>.self, from: data).data {
                let execution = try BybitTranslator.execution(wire)
                emit(.execution(execution))
                if execution.fill.orderID != nil, let report = execution.report { fills.append(report) }
            }
            publish(fills)
        case "position":
            for wire in try BybitCodec.decode(BybitTopicMessage<[BybitPositionWire]>.self, from: data).data {
                emit(.position(try BybitTranslator.position(wire)))
            }
        case "wallet":
            for wallet in try BybitCodec.decode(BybitTopicMessage<[BybitWalletWire]>.self, from: data).data {
                emit(.balances(try BybitTranslator.balances(wallet) + [BybitTranslator.accountMargin(wallet)]))
            }
        case "dcp":
            // Bybit's own view of the switch; the session keeps its state from the answers to its requests.
            break
        default:
            emit(.unreadable(what: topic, reason: "no route for this topic"))
        }
    }

    /// Keeps Bybit's id of our orders, so they can be amended and cancelled by our id alone.
    func remember(_ order: BybitOrderWire) {
        guard let known = try? BybitTranslator.orderID(order.orderLinkId),
            let venueOrderID = try? VenueOrderID(order.orderId)
        else { return }
        orders[known]?.venueOrderID = venueOrderID
    }
}
