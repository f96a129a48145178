// A stand-in for Deribit's WebSocket API on the loopback server: it checks client signatures, issues tokens, answers
// the session's housekeeping (heartbeat, subscriptions, cancel-on-disconnect, public/test) as Deribit documents, and
// hands every other request to the test's script, which answers from the recorded fixtures. Hand-written frames
// (auth results, acks, 13004) follow docs.deribit.com and are marked as such; market data and order answers are the
// recordings in Fixtures/.
import Foundation
import LegateTransport
import LegateVenues
import Synchronization
import Testing

/// One JSON-RPC request the stand-in received.
struct ReceivedRequest: Sendable {
    let connection: Int
    let id: Int64
    let method: String
    let text: String

    var params: [String: Any] {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return object?["params"] as? [String: Any] ?? [:]
    }

    func string(_ key: String) -> String? { params[key] as? String }
    func integer(_ key: String) -> Int64? { (params[key] as? NSNumber)?.int64Value }
    var channels: [String] { params["channels"] as? [String] ?? [] }
}

/// What the stand-in does next on a connection.
enum VenueAction: Sendable {
    case send(String)
    /// Closes the socket without a close frame.
    case drop
}

final class DeribitStandIn: Sendable {
    typealias Script = @Sendable (ReceivedRequest, DeribitStandIn) -> [VenueAction]?

    static let clientID = "legate-test"
    let secret: String
    let tokenLifetimeSeconds: Int64
    let requests = Collected<ReceivedRequest>()
    /// Access tokens issued, in order.
    let tokens = Collected<String>()
    private let script: Script
    private let dropsOnConnect: Set<Int>

    /// - Parameters:
    ///   - dropsOnConnect: Connections (1-based) dropped as soon as they open.
    ///   - script: Answers a request (nil: the stand-in's own answer).
    init(
        secret: String = "legate-test-secret",
        tokenLifetimeSeconds: Int64 = 900,
        dropsOnConnect: Set<Int> = [],
        script: @escaping Script = { _, _ in nil }
    ) {
        self.secret = secret
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.dropsOnConnect = dropsOnConnect
        self.script = script
    }

    var handler: LoopbackServer.WebSocketHandler {
        { session in try await self.serve(session) }
    }

    private func serve(_ session: LoopbackWebSocketSession) async throws {
        let outbound = session.connection.outbound
        if dropsOnConnect.contains(session.number) {
            await outbound.drop()
            return
        }
        for try await message in session.connection.inbound {
            guard case .text(let text) = message, let request = Self.parse(text, connection: session.number) else {
                continue
            }
            requests.append(request)
            let actions = script(request, self) ?? answer(request)
            guard try await perform(actions, on: outbound) else { return }
        }
    }

    /// Performs actions; false when the connection was dropped.
    private func perform(_ actions: [VenueAction], on outbound: WebSocketOutbound) async throws -> Bool {
        for action in actions {
            switch action {
            case .send(let text): try await outbound.send(text: text)
            case .drop:
                await outbound.drop()
                return false
            }
        }
        return true
    }

    static func parse(_ text: String, connection: Int) -> ReceivedRequest? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let id = (object["id"] as? NSNumber)?.int64Value, let method = object["method"] as? String
        else { return nil }
        return ReceivedRequest(connection: connection, id: id, method: method, text: text)
    }

    // MARK: - Deribit's own answers

    /// The stand-in's answer to the session's housekeeping; anything else is a method it does not know.
    func answer(_ request: ReceivedRequest) -> [VenueAction] {
        switch request.method {
        case "public/auth": return [.send(authenticate(request))]
        case "public/subscribe", "private/subscribe", "public/unsubscribe", "private/unsubscribe":
            return [.send(Self.result(request.id, Self.json(request.channels)))]
        case "public/set_heartbeat", "private/enable_cancel_on_disconnect", "private/disable_cancel_on_disconnect":
            return [.send(Self.result(request.id, #""ok""#))]
        case "public/test":
            return [.send(Fixtures.answering((try? Fixtures.text("http_test.json")) ?? "", id: request.id))]
        default:
            return [.send(Self.error(request.id, code: -32_601, message: "Method not found"))]
        }
    }

    /// Checks `client_signature` (HMAC-SHA256 of `timestamp\nnonce\ndata` under the secret) or a refresh token it
    /// issued; answers with a new token pair, or 13004 `invalid_credentials`.
    func authenticate(_ request: ReceivedRequest) -> String {
        let valid: Bool
        switch request.string("grant_type") {
        case "client_signature":
            let expected = DeribitSigning.clientSignature(
                secret: secret,
                timestampMillis: request.integer("timestamp") ?? 0,
                nonce: request.string("nonce") ?? "",
                data: request.string("data") ?? ""
            )
            valid = request.string("client_id") == Self.clientID && request.string("signature") == expected
        case "refresh_token":
            valid = request.string("refresh_token") == "refresh-\(tokens.count)"
        default:
            valid = false
        }
        guard valid else { return Self.error(request.id, code: 13_004, message: "invalid_credentials") }
        tokens.append("token-\(tokens.count + 1)")
        let count = tokens.count
        return Self.result(
            request.id,
            #"{"access_token":"token-\#(count)","expires_in":\#(tokenLifetimeSeconds),"#
                + #""refresh_token":"refresh-\#(count)","scope":"connection mainaccount","token_type":"bearer"}"#
        )
    }

    // MARK: - Frames

    static func result(_ id: Int64, _ result: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"result":\#(result),"usIn":1700000000000000,"usOut":1700000000000100,"#
            + #""usDiff":100,"testnet":false}"#
    }

    static func error(_ id: Int64, code: Int, message: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":\#(code),"message":"\#(message)","data":null}}"#
    }

    static func json(_ strings: [String]) -> String {
        "[" + strings.map { #""\#($0)""# }.joined(separator: ",") + "]"
    }

    /// A subscription notification around a recorded `data` payload.
    static func notification(channel: String, data: String) -> String {
        #"{"jsonrpc":"2.0","method":"subscription","params":{"channel":"\#(channel)","data":\#(data)}}"#
    }
}

/// Values gathered from concurrent tasks, for assertions.
final class Collected<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
    var count: Int { values.withLock { $0.count } }
}
