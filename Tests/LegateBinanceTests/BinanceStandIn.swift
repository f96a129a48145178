// A stand-in for one Binance API on the loopback server: REST that checks every signed request's HMAC-SHA256 and
// API key as Binance documents them (and refuses with -1022 / -2015 otherwise), listen keys, depth snapshots and
// account answers from the recorded fixtures; a combined market stream that answers SUBSCRIBE and then plays what the
// test scripts; a user-data stream on `/ws/<listenKey>`. Answers written here by hand (listen keys, acks, error
// bodies) follow the Binance API docs; market and order messages are the fixtures of Fixtures/.
import Foundation
import LegateCore
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// One REST request the stand-in received.
struct StandInRequest: Sendable {
    let method: String
    let path: String
    let query: String
    let apiKey: String?
    let isSigned: Bool

    var parameters: [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }
}

/// What the stand-in does on a stream.
enum StreamAction: Sendable {
    case send(String)
    case ping([UInt8])
    /// Waits this many milliseconds (so a keep-alive can happen first).
    case pause(Int)
    /// Waits until `condition` holds (polled every millisecond, at most 20 s).
    case waitFor(@Sendable () -> Bool)
    /// Closes the socket without a close frame.
    case drop
}

final class BinanceStandIn: Sendable {
    typealias RESTScript = @Sendable (StandInRequest) -> LoopbackHTTPResponse?
    typealias MarketScript = @Sendable (_ connection: Int, _ streams: [String]) -> [StreamAction]
    typealias UserScript = @Sendable (_ connection: Int, _ listenKey: String) -> [StreamAction]

    static let apiKey = "binance-stand-in-key"
    static let secret = "binance-stand-in-secret"

    let requests = Gathered<StandInRequest>()
    let subscriptions = Gathered<(connection: Int, streams: [String])>()
    let userConnections = Gathered<String>()
    let pongs = Gathered<[UInt8]>()
    private let rest: RESTScript
    private let market: MarketScript
    private let user: UserScript
    private let dropsOnConnect: Set<Int>
    /// The stand-in's clock runs this far ahead of ours: it serves `<api>/time` from it and, as Binance does, refuses
    /// (-1021) a signed request whose `timestamp` is a second or more ahead of it or more than `recvWindow` behind.
    private let clockSkewNanos: Int64?
    private let listenKeys = Mutex(0)
    private let userCount = Mutex(0)

    init(
        dropsOnConnect: Set<Int> = [],
        clockSkewNanos: Int64? = nil,
        rest: @escaping RESTScript = { _ in nil },
        market: @escaping MarketScript = { _, _ in [] },
        user: @escaping UserScript = { _, _ in [] }
    ) {
        self.dropsOnConnect = dropsOnConnect
        self.clockSkewNanos = clockSkewNanos
        self.rest = rest
        self.market = market
        self.user = user
    }

    var http: LoopbackServer.HTTPHandler { { request in self.answer(request) } }
    var webSocket: LoopbackServer.WebSocketHandler { { session in try await self.serve(session) } }

    // MARK: - REST

    func answer(_ http: LoopbackHTTPRequest) -> LoopbackHTTPResponse {
        let target = http.target.split(separator: "?", maxSplits: 1)
        let path = String(target[0])
        let query = target.count > 1 ? String(target[1]) : ""
        let key = http.header("X-MBX-APIKEY")
        let signed = query.contains("signature=")
        let request = StandInRequest(method: http.method, path: path, query: query, apiKey: key, isSigned: signed)
        requests.append(request)
        if (signed || path.hasSuffix("listenKey") || path.hasSuffix("userDataStream")) && key != Self.apiKey {
            return Self.error(401, code: -2015, "Invalid API-key, IP, or permissions for action.")
        }
        if signed && !Self.verifies(query) {
            return Self.error(400, code: -1022, "Signature for this request is not valid.")
        }
        if let clockSkewNanos {
            let serverMillis = (SystemTransportClock().now().rawValue + clockSkewNanos) / 1_000_000
            if path.hasSuffix("/time") && !signed {
                return LoopbackHTTPResponse(text: #"{"serverTime":\#(serverMillis)}"#)
            }
            if signed && !Self.withinWindow(request.parameters, serverMillis: serverMillis) {
                return Self.error(400, code: -1021, "Timestamp for this request is outside of the recvWindow.")
            }
        }
        return rest(request) ?? standardAnswer(request)
    }

    /// Binance's rule: `timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`.
    static func withinWindow(_ parameters: [String: String], serverMillis: Int64) -> Bool {
        guard let timestamp = parameters["timestamp"].flatMap({ Int64($0) }) else { return false }
        let window = parameters["recvWindow"].flatMap { Int64($0) } ?? 5_000
        return timestamp < serverMillis + 1_000 && serverMillis - timestamp <= window
    }

    /// HMAC-SHA256 of everything before `&signature=`, under the secret, as Binance checks it.
    static func verifies(_ query: String) -> Bool {
        guard let range = query.range(of: "&signature=") else { return false }
        let payload = String(query[..<range.lowerBound])
        let signature = String(query[range.upperBound...])
        return BinanceSigning.signature(secret: secret, totalParams: payload) == signature
    }

    func standardAnswer(_ request: StandInRequest) -> LoopbackHTTPResponse {
        if request.path.hasSuffix("listenKey") || request.path.hasSuffix("userDataStream") {
            guard request.method == "POST" else { return LoopbackHTTPResponse(text: "{}") }
            let number = listenKeys.withLock { count in
                count += 1
                return count
            }
            return LoopbackHTTPResponse(text: #"{"listenKey":"key-\#(number)"}"#)
        }
        if request.path.hasSuffix("countdownCancelAll") || request.path.hasSuffix("countdownCancelAllHeartBeat") {
            return LoopbackHTTPResponse(text: "{}")
        }
        return Self.error(404, code: -1000, "the stand-in has no answer for \(request.method) \(request.path)")
    }

    static func error(
        _ status: Int,
        code: Int,
        _ message: String,
        headers: [(name: String, value: String)] = []
    )
        -> LoopbackHTTPResponse
    {
        LoopbackHTTPResponse(status: status, headers: headers, text: #"{"code":\#(code),"msg":"\#(message)"}"#)
    }

    static func fixture(_ path: String) -> LoopbackHTTPResponse {
        LoopbackHTTPResponse(text: (try? String(contentsOf: Fixtures.url(path), encoding: .utf8)) ?? "missing \(path)")
    }

    // MARK: - Streams

    private func serve(_ session: LoopbackWebSocketSession) async throws {
        let outbound = session.connection.outbound
        if session.target.hasPrefix("/ws/") {
            let key = String(session.target.dropFirst(4))
            userConnections.append(key)
            let number = userCount.withLock { count in
                count += 1
                return count
            }
            guard try await perform(user(number, key), on: outbound) else { return }
            for try await _ in session.connection.inbound {}
            return
        }
        if dropsOnConnect.contains(session.number) {
            await outbound.drop()
            return
        }
        for try await message in session.connection.inbound {
            switch message {
            case .pong(let payload): pongs.append(payload)
            case .text(let text):
                guard let (id, streams) = Self.subscription(text) else { continue }
                subscriptions.append((session.number, streams))
                try await outbound.send(text: #"{"result":null,"id":\#(id)}"#)
                guard try await perform(market(session.number, streams), on: outbound) else { return }
            case .binary: continue
            }
        }
    }

    /// Performs actions; false when the connection was dropped.
    private func perform(_ actions: [StreamAction], on outbound: WebSocketOutbound) async throws -> Bool {
        for action in actions {
            switch action {
            case .send(let text): try await outbound.send(text: text)
            case .ping(let payload): try await outbound.ping(payload)
            case .pause(let millis): try await Task.sleep(for: .milliseconds(millis))
            case .waitFor(let condition):
                for _ in 0..<20_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
            case .drop:
                await outbound.drop()
                return false
            }
        }
        return true
    }

    static func subscription(_ text: String) -> (Int64, [String])? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            object["method"] as? String == "SUBSCRIBE", let id = (object["id"] as? NSNumber)?.int64Value
        else { return nil }
        return (id, object["params"] as? [String] ?? [])
    }
}

/// Values gathered from concurrent tasks, for assertions.
final class Gathered<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
    var count: Int { values.withLock { $0.count } }
}
