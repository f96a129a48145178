import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Notifications: market data and our orders

extension DeribitSession {
    /// Turns one subscription notification into model values on the right stream.
    func route(_ channel: String, _ data: Data, at now: UnixNanos) {
        do throws(DeribitParseError) {
            if channel.hasPrefix("book.") {
                try routeBook(channel, data)
            } else if channel.hasPrefix("ticker.") {
                for value in try DeribitTranslator.marketData(try notification(DeribitTickerWire.self, data)) {
                    outputs.publish(value)
                }
            } else if channel.hasPrefix("trades.") {
                for trade in try DeribitTranslator.trades(try notification([DeribitTradeWire].self, data)) {
                    outputs.publish(.trade(trade))
                }
            } else if channel.hasPrefix("user.orders.") {
                try routeOrders(data)
            } else if channel.hasPrefix("user.trades.") {
                var fills: [VenueReport] = []
                for trade in try notification([DeribitTradeWire].self, data) {
                    if let fill = try Self.fill(trade) { fills.append(.fill(fill)) }
                }
                publish(fills)
            } else if channel.hasPrefix("user.mmp_trigger.") {
                let trigger = try notification(DeribitMMPTriggerWire.self, data)
                emit(.marketMakerProtectionTriggered(try DeribitTranslator.marketMakerProtectionTrigger(trigger)))
            } else {
                emit(.unreadable(what: channel, reason: "no route for this channel"))
            }
        } catch {
            emit(.unreadable(what: channel, reason: error.description))
        }
    }

    /// Books pass the sequencer before anyone sees them; a broken chain re-subscribes the channel (Deribit's
    /// documented recovery), and deltas are dropped until its new snapshot arrives.
    func routeBook(_ channel: String, _ data: Data) throws(DeribitParseError) {
        let update: BookUpdate
        if channel.split(separator: ".").count == 3 {
            // `book.{name}.{interval}`: raw deltas, read by the allocation-light scanner.
            update = try DeribitBookScanner.bookUpdate(Array(data))
        } else {
            // `book.{name}.{group}.{depth}.{interval}`: grouped snapshots, which the scanner does not read.
            update = try DeribitTranslator.bookUpdate(try notification(DeribitBookWire.self, data))
        }
        var sequencer = books[channel] ?? DeribitBookSequencer()
        let action =
            update.kind == .snapshot
            ? sequencer.snapshot(changeID: update.sequence.last)
            : sequencer.change(changeID: update.sequence.last, previousChangeID: update.sequence.previous)
        books[channel] = sequencer
        switch action {
        case .applySnapshot, .applyDelta:
            outputs.publish(.book(update))
        case .drop(let drop):
            emit(.bookDropped(channel: channel, drop))
        case .resync(let resync):
            emit(.bookResync(channel: channel, resync))
            connection?.chores.yield(.resubscribe(channel: channel))
        }
    }

    /// `user.orders.{…}.raw` carries one order; the aggregated intervals carry a list.
    func routeOrders(_ data: Data) throws(DeribitParseError) {
        let orders: [DeribitOrderWire]
        if let one = try? notification(DeribitOrderWire.self, data) {
            orders = [one]
        } else {
            orders = try notification([DeribitOrderWire].self, data)
        }
        for order in orders {
            remember(order)
            publish(try DeribitTranslator.reports(order: order))
        }
    }

    /// Keeps the venue's id of our orders, so they can be amended and cancelled by our id alone.
    func remember(_ order: DeribitOrderWire) {
        guard let orderID = try? DeribitTranslator.orderID(order), let venueOrderID = try? VenueOrderID(order.orderId)
        else { return }
        orders[orderID]?.venueOrderID = venueOrderID
    }

    func notification<Payload: Decodable & Sendable>(
        _ type: Payload.Type,
        _ data: Data
    ) throws(DeribitParseError) -> Payload {
        do {
            return try DeribitCodec.decoder().decode(DeribitNotification<Payload>.self, from: data).params.data
        } catch {
            throw .decoding(what: "notification of \(Payload.self)", reason: "\(error)")
        }
    }

    /// One of our trades as a fill, with its fee and liquidity; trades of orders without our label (placed in the web
    /// UI) are not ours to report.
    static func fill(_ trade: DeribitTradeWire, orderID known: OrderID? = nil) throws(DeribitParseError) -> VenueFill? {
        var orderID = known
        if let label = trade.label, !label.isEmpty {
            do {
                orderID = try OrderID(label)
            } catch {
                throw .inconsistent(what: "label \(label)", reason: error.description)
            }
        }
        guard let orderID else { return nil }
        var fee: Money?
        if let amount = trade.fee, let code = trade.feeCurrency {
            fee = Money(amount.value, try DeribitTranslator.asset(code, of: "fee currency of trade \(trade.tradeId)"))
        }
        let liquidity: Liquidity? =
            switch trade.liquidity {
            case "M": .maker
            case "T": .taker
            default: nil
            }
        return VenueFill(
            venue: .deribit,
            tradeID: trade.tradeId,
            orderID: orderID,
            quantity: trade.amount.quantity,
            price: trade.price.price,
            fee: fee,
            liquidity: liquidity
        )
    }
}
