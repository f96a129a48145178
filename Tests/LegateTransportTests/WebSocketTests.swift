// Proves the WebSocket client and the loopback server against each other over real sockets on 127.0.0.1: text both
// ways, large messages, pings answered on both sides, the close handshake with its code and reason, a dropped
// connection told apart from a closed one, a refused upgrade, and a handshake that never ends bounded by its timeout.
// Nothing leaves the machine.
import LegateTransport
import NIOCore
import NIOPosix
import Testing

@Suite struct WebSocketTests {
    @Test func textMessagesTravelBothWays() async throws {
        // Given a server that answers every text with "echo: " and the text
        let handler: LoopbackServer.WebSocketHandler = { session in
            for try await message in session.connection.inbound {
                if case .text(let text) = message { try await session.connection.outbound.send(text: "echo: \(text)") }
            }
        }
        try await LoopbackServer.withServer(webSocket: handler) { server in
            // When the client sends two messages
            let answers = try await WebSocketClient.connect(to: server.webSocketURL("/ws/api/v2")) { connection in
                var answers: [String] = []
                try await connection.outbound.send(text: "one")
                try await connection.outbound.send(text: #"{"jsonrpc":"2.0","id":1}"#)
                for try await message in connection.inbound {
                    if case .text(let text) = message { answers.append(text) }
                    if answers.count == 2 { break }
                }
                await connection.outbound.close()
                return answers
            }
            // Then both come back, in order
            #expect(answers == ["echo: one", #"echo: {"jsonrpc":"2.0","id":1}"#])
        }
    }

    @Test func aMessageLargerThanNIOsDefaultFrameLimitArrivesWhole() async throws {
        let big = String(repeating: "x", count: 1 << 20)
        let handler: LoopbackServer.WebSocketHandler = { session in
            try await session.connection.outbound.send(text: big)
            for try await _ in session.connection.inbound {}
        }
        try await LoopbackServer.withServer(webSocket: handler) { server in
            let received = try await WebSocketClient.connect(to: server.webSocketURL()) { connection in
                for try await message in connection.inbound {
                    if case .text(let text) = message { return text.count }
                }
                return 0
            }
            #expect(received == 1 << 20)
        }
    }

    @Test func pingsAreAnsweredOnBothSides() async throws {
        let serverPongs = Collected<[UInt8]>()
        let handler: LoopbackServer.WebSocketHandler = { session in
            // The server pings the client; the client's inbound answers without the client code seeing it.
            try await session.connection.outbound.ping([7, 8, 9])
            for try await message in session.connection.inbound {
                if case .pong(let payload) = message { serverPongs.append(payload) }
            }
        }
        try await LoopbackServer.withServer(webSocket: handler) { server in
            let clientPong = try await WebSocketClient.connect(to: server.webSocketURL()) { connection in
                try await connection.outbound.ping([1, 2, 3])
                for try await message in connection.inbound {
                    if case .pong(let payload) = message { return payload }
                }
                return []
            }
            #expect(clientPong == [1, 2, 3])
            try await eventually("the server to see the client's pong") { serverPongs.count == 1 }
            #expect(serverPongs.all == [[7, 8, 9]])
        }
    }

    @Test func aCloseFrameEndsTheClientWithItsCodeAndReason() async throws {
        let handler: LoopbackServer.WebSocketHandler = { session in
            await session.connection.outbound.close(code: 4_000, reason: "maintenance")
            for try await _ in session.connection.inbound {}
        }
        try await LoopbackServer.withServer(webSocket: handler) { server in
            let error = await #expect(throws: TransportError.self) {
                try await WebSocketClient.connect(to: server.webSocketURL()) { connection in
                    for try await _ in connection.inbound {}
                }
            }
            #expect(error == .closed(code: 4_000, reason: "maintenance"))
        }
    }

    @Test func aDroppedConnectionIsLostNotClosed() async throws {
        // Returning from the handler closes the socket without a close frame.
        let handler: LoopbackServer.WebSocketHandler = { _ in }
        try await LoopbackServer.withServer(webSocket: handler) { server in
            let error = await #expect(throws: TransportError.self) {
                try await WebSocketClient.connect(to: server.webSocketURL()) { connection in
                    for try await _ in connection.inbound {}
                }
            }
            guard case .connectionLost = error else {
                Issue.record("expected connectionLost, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func ourCloseEndsTheInboundSequenceQuietly() async throws {
        let serverSaw = Collected<TransportError>()
        let handler: LoopbackServer.WebSocketHandler = { session in
            do {
                for try await _ in session.connection.inbound {}
            } catch let error as TransportError {
                serverSaw.append(error)
            }
        }
        try await LoopbackServer.withServer(webSocket: handler) { server in
            try await WebSocketClient.connect(to: server.webSocketURL()) { connection in
                await connection.outbound.close(code: WebSocketCloseCode.goingAway, reason: "bye")
                for try await _ in connection.inbound {}
            }
            try await eventually("the server to see the close") { serverSaw.count == 1 }
            #expect(serverSaw.all == [.closed(code: WebSocketCloseCode.goingAway, reason: "bye")])
        }
    }

    @Test func aServerThatDoesNotUpgradeIsReported() async throws {
        let handler: LoopbackServer.HTTPHandler = { _ in LoopbackHTTPResponse(status: 200, text: "not a websocket") }
        try await LoopbackServer.withServer(http: handler) { server in
            let error = await #expect(throws: TransportError.self) {
                try await WebSocketClient.connect(to: server.webSocketURL()) { _ in }
            }
            guard case .upgradeRejected = error else {
                Issue.record("expected upgradeRejected, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func aServerThatNeverAnswersTheHandshakeTimesOut() async throws {
        // A listener that accepts connections and says nothing.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = try #require(listener.localAddress?.port)
        let error = await #expect(throws: TransportError.self) {
            try await WebSocketClient.connect(
                to: WebSocketURL(isSecure: false, host: "127.0.0.1", port: port),
                configuration: WebSocketConfiguration(connectTimeoutNanos: 200_000_000)
            ) { _ in }
        }
        try await listener.close()
        guard case .timeout(_, 200_000_000) = error else {
            Issue.record("expected a handshake timeout, got \(String(describing: error))")
            return
        }
    }

    @Test func nothingListeningIsAConnectFailure() async throws {
        // A port the server held and released: nothing listens there now.
        let port = try await LoopbackServer.withServer { server in server.port }
        let error = await #expect(throws: TransportError.self) {
            try await WebSocketClient.connect(to: WebSocketURL(isSecure: false, host: "127.0.0.1", port: port)) { _ in
            }
        }
        guard case .connectFailed(let host, let failedPort, _) = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1" && failedPort == port)
    }

    @Test(arguments: [
        ("wss://www.deribit.com/ws/api/v2", true, "www.deribit.com", 443, "/ws/api/v2"),
        ("ws://127.0.0.1:8080", false, "127.0.0.1", 8_080, "/"),
        ("ws://[::1]:9000/feed?x=1", false, "::1", 9_000, "/feed?x=1"),
        ("wss://ws.okx.com:8443/ws/v5/public", true, "ws.okx.com", 8_443, "/ws/v5/public"),
        ("ws://host?stream=a", false, "host", 80, "/?stream=a"),
    ])
    func urlsSplitIntoTheirParts(text: String, isSecure: Bool, host: String, port: Int, target: String) throws {
        let url = try WebSocketURL(parsing: text)
        #expect(url.isSecure == isSecure)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.target == target)
    }

    @Test(arguments: ["http://example.com", "ws://", "ws://host:0/", "ws://host:70000", "ws://[::1/"])
    func badURLsAreRefused(text: String) {
        #expect(throws: TransportError.self) { try WebSocketURL(parsing: text) }
    }
}
