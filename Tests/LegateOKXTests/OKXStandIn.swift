// A stand-in for OKX v5 on the loopback server: a public and a private WebSocket and the REST API. It checks the
// WebSocket login signature and every REST request's OK-ACCESS-SIGN, answers text `ping` with `pong`, confirms
// subscriptions, and hands everything else to the test's script, which answers from the recorded fixtures. Frames
// written here by hand (login and subscribe events, 60009, 50113, 50011, the cancel-all-after answer) follow the shapes
// of OKX's v5 documentation (shared/reference/venues.md §2) and are marked as such.
import Foundation
import LegateCore
import LegateOKX
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// One WebSocket frame the stand-in received, with which socket and which of that socket's connections it came on.
struct OKXStandInFrame: Sendable {
    let socket: OKXSocket
    let connection: Int
    let text: String

    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    var op: String? { object["op"] as? String }
    var args: [[String: Any]] { object["args"] as? [[String: Any]] ?? [] }
    var channels: [String] { args.compactMap { $0["channel"] as? String } }
}

/// One REST request the stand-in received, and whether its signature was right.
struct OKXStandInCall: Sendable {
    let method: String
    let target: String
    let body: String
    let isSignatureValid: Bool
    let receivedAt: UnixNanos
    /// `OK-ACCESS-TIMESTAMP` as sent (ISO 8601, milliseconds, UTC).
    let timestamp: String?

    var path: String { String(target.split(separator: "?", maxSplits: 1)[0]) }
}

/// What the stand-in does on a WebSocket.
enum OKXStandInAction: Sendable {
    case send(String)
    /// Closes the socket without a close frame.
    case drop
}

final class OKXStandIn: Sendable {
    typealias SocketScript = @Sendable (OKXStandInFrame, OKXStandIn) -> [OKXStandInAction]?
    typealias RESTScript = @Sendable (OKXStandInCall, OKXStandIn) -> LoopbackHTTPResponse?

    static let apiKey = "legate-okx-key"
    static let passphrase = "legate-passphrase"
    let secret: String
    let frames = Gathered<OKXStandInFrame>()
    let calls = Gathered<OKXStandInCall>()
    private let counts = Mutex<[OKXSocket: Int]>([:])
    private let socketScript: SocketScript
    private let restScript: RESTScript
    /// Public connections (1-based) dropped as soon as they open.
    private let dropsPublicOnConnect: Set<Int>
    /// Public connections on which `ping` goes unanswered.
    private let silentPublicConnections: Set<Int>
    /// The stand-in's clock runs this far ahead of ours; it serves `public/time` from it.
    let clockSkewNanos: Int64?

    init(
        secret: String = "legate-okx-secret",
        dropsPublicOnConnect: Set<Int> = [],
        silentPublicConnections: Set<Int> = [],
        clockSkewNanos: Int64? = nil,
        socketScript: @escaping SocketScript = { _, _ in nil },
        restScript: @escaping RESTScript = { _, _ in nil }
    ) {
        self.secret = secret
        self.dropsPublicOnConnect = dropsPublicOnConnect
        self.silentPublicConnections = silentPublicConnections
        self.clockSkewNanos = clockSkewNanos
        self.socketScript = socketScript
        self.restScript = restScript
    }

    var webSocketHandler: LoopbackServer.WebSocketHandler { { session in try await self.serve(session) } }
    var httpHandler: LoopbackServer.HTTPHandler { { request in self.answer(request) } }

    func frames(on socket: OKXSocket, op: String? = nil) -> [OKXStandInFrame] {
        frames.all.filter { $0.socket == socket && (op == nil || $0.op == op) }
    }

    func calls(to path: String) -> [OKXStandInCall] { calls.all.filter { $0.path == path } }

    // MARK: - WebSockets

    private func serve(_ session: LoopbackWebSocketSession) async throws {
        let socket: OKXSocket = session.target.hasSuffix("/private") ? .private : .public
        let connection = counts.withLock { counts in
            counts[socket, default: 0] += 1
            return counts[socket, default: 0]
        }
        let outbound = session.connection.outbound
        if socket == .public && dropsPublicOnConnect.contains(connection) {
            await outbound.drop()
            return
        }
        for try await message in session.connection.inbound {
            guard case .text(let text) = message else { continue }
            let frame = OKXStandInFrame(socket: socket, connection: connection, text: text)
            frames.append(frame)
            for action in socketScript(frame, self) ?? answer(frame) {
                switch action {
                case .send(let reply): try await outbound.send(text: reply)
                case .drop:
                    await outbound.drop()
                    return
                }
            }
        }
    }

    /// OKX's own answers: `pong`, login, subscription events; anything else is an invalid request (60012).
    func answer(_ frame: OKXStandInFrame) -> [OKXStandInAction] {
        if frame.text == "ping" {
            let isSilent = frame.socket == .public && silentPublicConnections.contains(frame.connection)
            return isSilent ? [] : [.send("pong")]
        }
        switch frame.op {
        case "login": return [.send(logIn(frame))]
        case "subscribe", "unsubscribe": return Self.confirm(frame).map(OKXStandInAction.send)
        default: return [.send(#"{"event":"error","code":"60012","msg":"Invalid request","connId":"a4d3ae55"}"#)]
        }
    }

    /// Checks `sign = Base64(HMAC-SHA256(secret, timestamp + "GET" + "/users/self/verify"))`, key and passphrase.
    func logIn(_ frame: OKXStandInFrame) -> String {
        let arg = frame.args.first ?? [:]
        let timestamp = Int64(arg["timestamp"] as? String ?? "") ?? -1
        let expected = OKXSigning.websocketLoginSignature(secret: secret, timestampSeconds: timestamp)
        let isValid =
            arg["apiKey"] as? String == Self.apiKey && arg["passphrase"] as? String == Self.passphrase
            && arg["sign"] as? String == expected
        // Hand-written, the documented login answers.
        return isValid
            ? #"{"event":"login","code":"0","msg":"","connId":"a4d3ae55"}"#
            : #"{"event":"error","code":"60009","msg":"Login failed.","connId":"a4d3ae55"}"#
    }

    static func confirm(_ frame: OKXStandInFrame) -> [String] {
        frame.args.map { arg in
            let json = (try? JSONSerialization.data(withJSONObject: arg, options: [.sortedKeys])) ?? Data("{}".utf8)
            return #"{"event":"\#(frame.op ?? "")","arg":"# + String(decoding: json, as: UTF8.self)
                + #","connId":"a4d3ae55"}"#
        }
    }

    // MARK: - REST

    private func answer(_ request: LoopbackHTTPRequest) -> LoopbackHTTPResponse {
        let call = OKXStandInCall(
            method: request.method,
            target: request.target,
            body: request.text,
            isSignatureValid: isSigned(request),
            receivedAt: SystemTransportClock().now(),
            timestamp: request.header("OK-ACCESS-TIMESTAMP")
        )
        calls.append(call)
        if let clockSkewNanos, call.path == "/api/v5/public/time" {
            let millis = (call.receivedAt.rawValue + clockSkewNanos) / 1_000_000
            // Hand-written, the documented answer.
            return LoopbackHTTPResponse(text: #"{"code":"0","msg":"","data":[{"ts":"\#(millis)"}]}"#)
        }
        if !call.target.hasPrefix("/api/v5/public/") && !call.isSignatureValid {
            return LoopbackHTTPResponse(status: 401, text: #"{"code":"50113","msg":"Invalid Sign","data":[]}"#)
        }
        return restScript(call, self) ?? Self.recorded(call)
    }

    /// `OK-ACCESS-SIGN = Base64(HMAC-SHA256(secret, timestamp + METHOD + path?query + body))` with the right key and
    /// passphrase.
    func isSigned(_ request: LoopbackHTTPRequest) -> Bool {
        guard let timestamp = request.header("OK-ACCESS-TIMESTAMP"), let sign = request.header("OK-ACCESS-SIGN") else {
            return false
        }
        let expected = OKXSigning.restSignature(
            secret: secret,
            timestamp: timestamp,
            method: request.method,
            requestPath: request.target,
            body: request.text
        )
        return sign == expected && request.header("OK-ACCESS-KEY") == Self.apiKey
            && request.header("OK-ACCESS-PASSPHRASE") == Self.passphrase
    }

    /// The recorded answers of the account queries and instrument listings.
    static func recorded(_ call: OKXStandInCall) -> LoopbackHTTPResponse {
        let fixture: String? =
            switch call.path == "/api/v5/trade/orders-pending" ? call.path : call.target {
            case "/api/v5/account/balance": "http_get_account_balance.json"
            case "/api/v5/account/positions": "http_get_positions.json"
            case "/api/v5/trade/orders-pending": "http_get_orders_pending.json"
            case "/api/v5/public/instruments?instType=OPTION&instFamily=BTC-USD": "http_get_instruments_option.json"
            case "/api/v5/public/instruments?instType=SWAP": "http_get_instruments_swap.json"
            default: nil
            }
        if let fixture, let data = try? Fixtures.data(fixture) {
            return LoopbackHTTPResponse(body: Array(data))
        }
        if call.path == "/api/v5/trade/cancel-all-after" {
            // Hand-written, the documented answer.
            return LoopbackHTTPResponse(
                text: #"{"code":"0","msg":"","data":[{"triggerTime":"1587971460","tag":"","ts":"1587971400"}]}"#
            )
        }
        return LoopbackHTTPResponse(
            status: 400,
            text: #"{"code":"51000","msg":"Parameter error: \#(call.target)","data":[]}"#
        )
    }

    // MARK: - Frames

    /// An order answer around one recorded item.
    static func envelope(_ item: String, code: String = "0") -> LoopbackHTTPResponse {
        LoopbackHTTPResponse(text: #"{"code":"\#(code)","msg":"","data":["# + item + "]}")
    }

    /// A push of `data` (a JSON array) on a channel.
    static func push(channel: String, key: String, value: String, data: String) -> String {
        #"{"arg":{"channel":"\#(channel)","\#(key)":"\#(value)"},"data":"# + data + "}"
    }
}

/// Values gathered from concurrent tasks, read by the assertions.
final class Gathered<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var all: [Value] { storage.withLock { $0 } }
    var count: Int { storage.withLock { $0.count } }
}
