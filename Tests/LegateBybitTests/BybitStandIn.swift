// A stand-in for Bybit v5 on the loopback server, for the session tests: public streams at /v5/public/{category}, the
// private stream at /v5/private, and REST. It checks what Bybit checks (the `auth` signature over "GET/realtime" +
// expires, the X-BAPI-SIGN of every signed request), answers the session's housekeeping as Bybit documents it
// (subscribe, unsubscribe, ping), and hands everything else to the test's scripts, which answer from Fixtures/.
// Frames marked hand-written follow bybit-exchange.github.io/docs/v5 (ws/connect, order/create, order/dcp); market
// data, account and order pushes are the recorded fixtures.
import Foundation
import LegateBybit
import LegateCore
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// One WebSocket message the stand-in received.
struct StandInFrame: Sendable {
    /// `/v5/private` or `/v5/public/{category}`.
    let stream: String
    /// 1 for the stream's first connection, counting up.
    let connection: Int
    let op: String
    let requestID: String?
    /// The arguments, numbers written as text.
    let args: [String]
    let text: String

    static func parse(_ text: String, stream: String, connection: Int) -> StandInFrame? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let op = object["op"] as? String
        else { return nil }
        let args = (object["args"] as? [Any] ?? []).map { value in
            (value as? String) ?? (value as? NSNumber)?.stringValue ?? "\(value)"
        }
        return StandInFrame(
            stream: stream,
            connection: connection,
            op: op,
            requestID: object["req_id"] as? String,
            args: args,
            text: text
        )
    }
}

/// One REST request the stand-in received.
struct StandInRequest: Sendable {
    let method: String
    let path: String
    let query: String
    let body: String
    /// Whether X-BAPI-SIGN matched; nil for an unsigned request.
    let isSignatureValid: Bool?
    let receivedAt: UnixNanos
    /// `X-BAPI-TIMESTAMP` and `X-BAPI-RECV-WINDOW` as sent (ms).
    var timestampMillis: Int64? = nil
    var recvWindowMillis: Int64? = nil

    /// A top-level string or number of the JSON body.
    func field(_ key: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        guard let value = object?[key] else { return nil }
        return (value as? String) ?? (value as? NSNumber)?.stringValue
    }
}

/// What the stand-in does next on a WebSocket.
enum StandInAction: Sendable {
    case send(String)
    /// Closes the socket without a close frame.
    case drop
}

final class BybitStandIn: Sendable {
    typealias FrameScript = @Sendable (StandInFrame, BybitStandIn) -> [StandInAction]?
    typealias RESTScript = @Sendable (StandInRequest, BybitStandIn) async -> LoopbackHTTPResponse?

    static let apiKey = "bybit-test-key"
    static let privateStream = "/v5/private"
    let secret: String
    let frames = Gathered<StandInFrame>()
    let requests = Gathered<StandInRequest>()
    private let frameScript: FrameScript
    /// The stand-in's clock runs this far ahead of ours: it serves `market/time` from it and, as Bybit does, refuses
    /// (10002) a signed request stamped a second or more ahead of it or more than `recvWindow` behind.
    private let clockSkewNanos: Int64?
    private let restScript: RESTScript
    /// Connections (1-based, per stream) dropped as soon as they open.
    private let dropsOnConnect: [String: Set<Int>]
    private let connectionCounts = Mutex<[String: Int]>([:])
    private let outbounds = Mutex<[String: WebSocketOutbound]>([:])

    init(
        secret: String = "bybit-test-secret",
        dropsOnConnect: [String: Set<Int>] = [:],
        clockSkewNanos: Int64? = nil,
        frames frameScript: @escaping FrameScript = { _, _ in nil },
        rest restScript: @escaping RESTScript = { _, _ in nil }
    ) {
        self.secret = secret
        self.clockSkewNanos = clockSkewNanos
        self.dropsOnConnect = dropsOnConnect
        self.frameScript = frameScript
        self.restScript = restScript
    }

    // MARK: - WebSocket

    var webSocketHandler: LoopbackServer.WebSocketHandler {
        { session in try await self.serve(session) }
    }

    private func serve(_ session: LoopbackWebSocketSession) async throws {
        let stream = session.target
        let outbound = session.connection.outbound
        let number = connectionCounts.withLock { counts in
            counts[stream, default: 0] += 1
            return counts[stream, default: 0]
        }
        if dropsOnConnect[stream]?.contains(number) == true {
            await outbound.drop()
            return
        }
        outbounds.withLock { $0[stream] = outbound }
        for try await message in session.connection.inbound {
            guard case .text(let text) = message,
                let frame = StandInFrame.parse(text, stream: stream, connection: number)
            else { continue }
            frames.append(frame)
            for action in frameScript(frame, self) ?? answer(frame) {
                switch action {
                case .send(let reply): try await outbound.send(text: reply)
                case .drop:
                    await outbound.drop()
                    return
                }
            }
        }
    }

    /// Sends `text` on the latest connection of `stream` (an account push after a REST request).
    func push(_ text: String, on stream: String = BybitStandIn.privateStream) async {
        guard let outbound = outbounds.withLock({ $0[stream] }) else {
            Issue.record("no connection on \(stream) to push to")
            return
        }
        try? await outbound.send(text: text)
    }

    /// Bybit's own answers to the session's housekeeping.
    func answer(_ frame: StandInFrame) -> [StandInAction] {
        switch frame.op {
        case "auth": return [.send(authenticate(frame))]
        case "subscribe", "unsubscribe": return [.send(Self.acknowledgement(frame))]
        case "ping": return [.send(Self.pong(frame))]
        default: return []
        }
    }

    /// Checks `["apiKey", expires, hex(HMAC-SHA256(secret, "GET/realtime" + expires))]` and an expiry in the future;
    /// answers with the recorded success or the recorded refusal.
    func authenticate(_ frame: StandInFrame) -> String {
        let fixture = isValidAuthentication(frame) ? "ws_auth_success.json" : "ws_auth_failure.json"
        return (try? Fixtures.text(fixture)) ?? ""
    }

    func isValidAuthentication(_ frame: StandInFrame) -> Bool {
        guard frame.args.count == 3, let expires = Int64(frame.args[1]) else { return false }
        let expected = BybitSigning.websocketAuthSignature(secret: secret, expiresMillis: expires)
        let now = SystemTransportClock().now().milliseconds
        return frame.args[0] == Self.apiKey && frame.args[2] == expected && expires > now
    }

    /// The recorded subscription answer with this request's id and op.
    static func acknowledgement(_ frame: StandInFrame) -> String {
        #"{"success":true,"ret_msg":"","conn_id":"cejreaspqfm9se7usbrg-2xh","req_id":"\#(frame.requestID ?? "")","#
            + #""op":"\#(frame.op)"}"#
    }

    /// Hand-written pongs as the v5 docs show them: the private stream answers op "pong" with no `success`, the
    /// public ones op "ping" with `ret_msg` "pong".
    static func pong(_ frame: StandInFrame) -> String {
        let id = frame.requestID ?? ""
        if frame.stream == privateStream {
            return #"{"req_id":"\#(id)","op":"pong","args":["1675418560633"],"conn_id":"cfcb820ts2d6gk5ep4qg-1"}"#
        }
        return #"{"success":true,"ret_msg":"pong","conn_id":"0970e817-426e-429a-a679-ff7f55e0b16a","#
            + #""req_id":"\#(id)","op":"ping"}"#
    }

    // MARK: - REST

    var httpHandler: LoopbackServer.HTTPHandler {
        { request in await self.respond(request) }
    }

    private func respond(_ http: LoopbackHTTPRequest) async -> LoopbackHTTPResponse {
        let parts = http.target.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count > 1 ? parts[1] : ""
        let payload = http.method == "GET" ? query : http.text
        var valid: Bool?
        if let signature = http.header("X-BAPI-SIGN") {
            let expected = BybitSigning.restSignature(
                secret: secret,
                timestampMillis: Int64(http.header("X-BAPI-TIMESTAMP") ?? "") ?? 0,
                apiKey: http.header("X-BAPI-API-KEY") ?? "",
                recvWindowMillis: Int64(http.header("X-BAPI-RECV-WINDOW") ?? "") ?? 0,
                payload: payload
            )
            valid = signature == expected && http.header("X-BAPI-API-KEY") == Self.apiKey
        }
        let request = StandInRequest(
            method: http.method,
            path: parts[0],
            query: query,
            body: http.text,
            isSignatureValid: valid,
            receivedAt: SystemTransportClock().now(),
            timestampMillis: http.header("X-BAPI-TIMESTAMP").flatMap { Int64($0) },
            recvWindowMillis: http.header("X-BAPI-RECV-WINDOW").flatMap { Int64($0) }
        )
        requests.append(request)
        if valid == false {
            return Self.envelope(code: 10_004, message: "error sign! origin_string[...]", result: "{}")
        }
        if let clockSkewNanos, let answer = Self.clockAnswer(request, skewNanos: clockSkewNanos) { return answer }
        if let scripted = await restScript(request, self) { return scripted }
        return Self.answer(request)
    }

    /// With a skewed clock: `market/time` from it (hand-written, the documented shape), and 10002 for a signed
    /// request outside `server - recvWindow <= timestamp < server + 1000`.
    static func clockAnswer(_ request: StandInRequest, skewNanos: Int64) -> LoopbackHTTPResponse? {
        let serverNanos = request.receivedAt.rawValue + skewNanos
        if request.path == "/v5/market/time" {
            let result = #"{"timeSecond":"\#(serverNanos / 1_000_000_000)","timeNano":"\#(serverNanos)"}"#
            return envelope(code: 0, message: "OK", result: result)
        }
        guard request.isSignatureValid == true, let timestamp = request.timestampMillis else { return nil }
        let serverMillis = serverNanos / 1_000_000
        let window = request.recvWindowMillis ?? 5_000
        guard timestamp >= serverMillis + 1_000 || serverMillis - timestamp > window else { return nil }
        return envelope(
            code: 10_002,
            message: "invalid request, please check your server timestamp or recv_window param",
            result: "{}"
        )
    }

    /// The default answers: recorded listings and account state, and hand-written order acknowledgements.
    static func answer(_ request: StandInRequest) -> LoopbackHTTPResponse {
        let isLinearUSDT = request.query.hasPrefix("category=linear&settleCoin=USDT")
        switch request.path {
        case "/v5/market/instruments-info":
            return recorded(request.query.contains("category=linear") ? "http_get_instruments_linear.json" : nil)
        case "/v5/account/wallet-balance": return recorded("http_get_wallet_balance.json")
        case "/v5/position/list": return recorded(isLinearUSDT ? "http_get_positions.json" : nil)
        case "/v5/order/realtime": return recorded(isLinearUSDT ? "http_get_orders_realtime.json" : nil)
        case "/v5/order/create", "/v5/order/amend", "/v5/order/cancel":
            return orderAcknowledgement(linkID: request.field("orderLinkId") ?? "")
        case "/v5/order/cancel-all": return envelope(code: 0, message: "OK", result: #"{"list":[],"success":"1"}"#)
        case "/v5/order/disconnected-cancel-all": return envelope(code: 0, message: "success", result: "{}")
        default: return LoopbackHTTPResponse(status: 404, text: "no route for \(request.path)")
        }
    }

    /// Bybit's order id in the recorded trade-stream answer (ws_order_response.json).
    static let venueOrderID = "1726025498520715008"

    /// Hand-written: `/v5/order/create|amend|cancel` answer `{"orderId","orderLinkId"}` in the v5 envelope.
    static func orderAcknowledgement(linkID: String) -> LoopbackHTTPResponse {
        envelope(code: 0, message: "OK", result: #"{"orderId":"\#(venueOrderID)","orderLinkId":"\#(linkID)"}"#)
    }

    static func envelope(code: Int, message: String, result: String) -> LoopbackHTTPResponse {
        LoopbackHTTPResponse(
            headers: [(name: "Content-Type", value: "application/json")],
            text: #"{"retCode":\#(code),"retMsg":"\#(message)","result":\#(result),"retExtInfo":{},"#
                + #""time":1700000000000}"#
        )
    }

    /// A recorded answer, or an empty page for a scope the fixtures do not cover.
    static func recorded(_ fixture: String?) -> LoopbackHTTPResponse {
        guard let fixture, let text = try? Fixtures.text(fixture) else {
            return envelope(code: 0, message: "OK", result: #"{"list":[],"nextPageCursor":""}"#)
        }
        return LoopbackHTTPResponse(headers: [(name: "Content-Type", value: "application/json")], text: text)
    }
}

/// Values gathered from concurrent tasks, read by the assertions.
final class Gathered<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var all: [Value] { storage.withLock { $0 } }
    var count: Int { storage.withLock { $0.count } }
}

extension Fixtures {
    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }
}
