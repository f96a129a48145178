import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues

/// The user-data stream told us its listen key expired: the connection ends and the next one makes a new key.
struct BinanceListenKeyExpired: Error, CustomStringConvertible {
    let listenKey: String
    var description: String { "listen key \(listenKey) expired" }
}

// MARK: - User-data stream: listen key, keep-alive, order events

extension BinanceSession {
    /// One user-stream connection: create (or fetch) the listen key, open the stream on it, keep the key alive, and
    /// read our orders' events until the socket drops or Binance says the key expired.
    nonisolated func runUserConnection(_ attempt: ConnectionAttempt) async throws {
        let key = try await createListenKey(connection: attempt.number)
        let base = configuration.userStreamURL
        let url = WebSocketURL(
            isSecure: base.isSecure,
            host: base.host,
            port: base.port,
            target: base.target + "/" + key
        )
        try await WebSocketClient.connect(to: url, configuration: configuration.webSocket) { socket in
            await attachUser(key)
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in socket.inbound {
                            guard case .text(let text) = message else { continue }
                            if await self.receiveUser(text) { throw BinanceListenKeyExpired(listenKey: key) }
                        }
                    }
                    group.addTask {
                        await attempt.markReady()
                        try await self.keepListenKeyAlive(key)
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            } catch {
                await detachUser(reason: "\(error)")
                throw error
            }
            await detachUser(reason: "the user stream closed")
        }
    }

    func createListenKey(connection number: Int) async throws(VenueError) -> String {
        _ = try credentials(for: "the user-data stream")
        let market = configuration.market
        let wire = try await result(BinanceListenKeyWire.self) { _ in
            BinanceRequests.userStream(market, method: "POST")
        }
        emit(.listenKeyCreated(connection: number, listenKey: wire.listenKey))
        return wire.listenKey
    }

    /// `PUT` on the key every `listenKeyKeepAliveNanos`; a refused keep-alive (the key is gone) ends the connection.
    nonisolated func keepListenKeyAlive(_ key: String) async throws {
        while true {
            try await configuration.clock.sleep(nanos: configuration.listenKeyKeepAliveNanos)
            try await keepAlive(key)
        }
    }

    func keepAlive(_ key: String) async throws(VenueError) {
        let market = configuration.market
        _ = try await result(BinanceEmptyAnswer.self) { _ in
            BinanceRequests.userStream(market, method: "PUT", listenKey: key)
        }
        emit(.listenKeyKeptAlive(listenKey: key))
    }

    func attachUser(_ key: String) {
        listenKey = key
        publish(monitor.connected(at: clock.now()))
    }

    func detachUser(reason: String) {
        listenKey = nil
        publish(monitor.disconnected(reason: "user stream: \(reason)", at: clock.now()))
    }

    /// One user-data event into reports; true when it says the listen key expired.
    func receiveUser(_ text: String) -> Bool {
        let data = Data(text.utf8)
        guard let header = try? BinanceCodec.event(BinanceEventHeader.self, from: data), let type = header.eventType
        else {
            emit(.unreadable(what: "user-data frame", reason: String(text.prefix(80))))
            return false
        }
        do throws(BinanceParseError) {
            switch type {
            case "listenKeyExpired":
                emit(.listenKeyExpired(listenKey: listenKey ?? ""))
                return true
            case "ORDER_TRADE_UPDATE" where configuration.market == .options:
                for order in try BinanceCodec.event(BinanceOptionOrderUpdateWire.self, from: data).orders {
                    publish(try BinanceTranslator.optionReports(order, multiplier: multiplier(order.symbol)))
                }
            case "ORDER_TRADE_UPDATE":
                let wire = try BinanceCodec.event(BinanceOrderTradeUpdateWire.self, from: data)
                publish(try BinanceTranslator.orderUpdate(wire, market: .linear).reports)
            case "TRADE_LITE":
                let wire = try BinanceCodec.event(BinanceTradeLiteWire.self, from: data)
                if let execution = try BinanceTranslator.execution(wire, market: .linear) {
                    publish([execution.report])
                }
            case "executionReport":
                let wire = try BinanceCodec.event(BinanceExecutionReportWire.self, from: data)
                publish(
                    withoutReplacedCancel(try BinanceTranslator.orderUpdate(wire).reports, venueOrder: wire.orderID)
                )
            default:
                // Account and balance events: balances and positions are read on demand.
                break
            }
        } catch {
            emit(.unreadable(what: type, reason: error.description))
        }
        return false
    }
}

/// `{}`: the answer to a listen-key keep-alive.
struct BinanceEmptyAnswer: Decodable, Sendable {}
