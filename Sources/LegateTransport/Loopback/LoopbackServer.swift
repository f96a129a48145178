public import NIOCore
import NIOHTTP1
public import NIOPosix
public import NIOSSL
import NIOWebSocket
import Synchronization

/// A small WebSocket and HTTP server bound to 127.0.0.1 on a port the OS picks, driven by scripted handlers.
///
/// Tests use it to stand in for a venue without touching the internet: the handler reads what the client sends and
/// answers with recorded venue messages, drops connections, refuses upgrades. It is a real NIO server (the same
/// upgrade, framing and close handshake as production), which is why it lives here rather than in a test target: the
/// Gateway's WebSocket server will grow from the same pipeline.
///
/// The server lives as long as `body`, structured:
/// ```swift
/// try await LoopbackServer.withServer(webSocket: { session in … }) { server in
///     try await WebSocketClient.connect(to: server.webSocketURL()) { … }
/// }
/// ```
public struct LoopbackServer: Sendable {
    public typealias WebSocketHandler = @Sendable (LoopbackWebSocketSession) async throws -> Void
    public typealias HTTPHandler = @Sendable (LoopbackHTTPRequest) async throws -> LoopbackHTTPResponse

    public static let host = "127.0.0.1"
    public let port: Int
    /// Whether connections start with a TLS handshake (`wss://`, `https://`).
    public let isSecure: Bool

    public func webSocketURL(_ target: String = "/") -> WebSocketURL {
        WebSocketURL(isSecure: isSecure, host: Self.host, port: port, target: target)
    }

    public func httpURL(_ target: String = "/") -> String {
        "\(isSecure ? "https" : "http")://\(Self.host):\(port)" + (target.hasPrefix("/") ? target : "/" + target)
    }

    enum Accepted: Sendable {
        case webSocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, target: String)
        case http(NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>)
    }

    /// An accepted connection whose protocol is not yet known: its first request decides (plain HTTP or an upgrade).
    struct Connection: Sendable {
        let channel: any Channel
        let negotiated: EventLoopFuture<Accepted>
    }

    /// Starts the server, runs `body`, then stops the server and every connection.
    ///
    /// - Parameters:
    ///   - webSocket: Runs once per accepted WebSocket; nil refuses upgrade requests with HTTP 400.
    ///   - http: Answers plain HTTP requests; nil answers 404.
    ///   - tls: When given, every connection is TLS first with this server context, as a venue's `wss://` is.
    public static func withServer<Result: Sendable>(
        webSocket: WebSocketHandler? = nil,
        http: HTTPHandler? = nil,
        tls: NIOSSLContext? = nil,
        maximumMessageBytes: Int = 1 << 24,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (LoopbackServer) async throws -> Result
    ) async throws -> Result {
        let listener = try await bind(
            acceptsWebSockets: webSocket != nil,
            tls: tls,
            maximumMessageBytes: maximumMessageBytes,
            group: eventLoopGroup
        )
        guard let port = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw TransportError.connectFailed(host: host, port: 0, reason: "the listener has no local port")
        }
        let counter = ConnectionCounter()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await listener.executeThenClose { inbound in
                    await withDiscardingTaskGroup { connections in
                        do {
                            for try await accepted in inbound {
                                connections.addTask {
                                    await serve(accepted, counter: counter, webSocket: webSocket, http: http)
                                }
                            }
                        } catch {
                            // The listener closed: the server is stopping.
                        }
                    }
                }
            }
            let result = try await body(LoopbackServer(port: port, isSecure: tls != nil))
            group.cancelAll()
            return result
        }
    }

    private static func bind(
        acceptsWebSockets: Bool,
        tls: NIOSSLContext?,
        maximumMessageBytes: Int,
        group: any EventLoopGroup
    ) async throws -> NIOAsyncChannel<Connection, Never> {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    let negotiated = try configurePipeline(
                        channel,
                        acceptsWebSockets: acceptsWebSockets,
                        maximumMessageBytes: maximumMessageBytes
                    )
                    return Connection(channel: channel, negotiated: negotiated)
                }
            }
    }

    private static func configurePipeline(
        _ channel: any Channel,
        acceptsWebSockets: Bool,
        maximumMessageBytes: Int
    ) throws -> EventLoopFuture<Accepted> {
        let upgrader = NIOTypedWebSocketServerUpgrader<Accepted>(
            maxFrameSize: maximumMessageBytes,
            shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOWebSocketFrameAggregator(
                            minNonFinalFragmentSize: 0,
                            maxAccumulatedFrameCount: 4_096,
                            maxAccumulatedFrameSize: maximumMessageBytes
                        )
                    )
                    return .webSocket(try NIOAsyncChannel(wrappingChannelSynchronously: channel), target: head.uri)
                }
            }
        )
        // Without a WebSocket handler there is no upgrader, so an upgrade request is answered as plain HTTP (an
        // upgrader that declines fails the connection's future instead, and the client would wait for an answer).
        let configuration = NIOTypedHTTPServerUpgradeConfiguration<Accepted>(
            upgraders: acceptsWebSockets ? [upgrader] : [],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    .http(try NIOAsyncChannel(wrappingChannelSynchronously: channel))
                }
            }
        )
        return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
            configuration: .init(upgradeConfiguration: configuration)
        )
    }

    private static func serve(
        _ accepted: Connection,
        counter: ConnectionCounter,
        webSocket: WebSocketHandler?,
        http: HTTPHandler?
    ) async {
        // A handler's failure ends its own connection only; the test sees it through what the client observes.
        do {
            // A client that connects and never sends a request (a pooled connection it no longer needs) leaves the
            // negotiation pending forever, and the future does not see cancellation: stopping closes the channel.
            let negotiated = try await withTaskCancellationHandler {
                try await accepted.negotiated.get()
            } onCancel: {
                accepted.channel.close(promise: nil)
            }
            switch negotiated {
            case .webSocket(let channel, let target):
                let number = counter.next()
                try await channel.executeThenClose { stream, writer in
                    let connection = WebSocketConnection(
                        stream: stream,
                        writer: writer,
                        channel: channel.channel,
                        masksFrames: false
                    )
                    try await webSocket?(
                        LoopbackWebSocketSession(number: number, target: target, connection: connection)
                    )
                }
            case .http(let channel):
                try await serveHTTP(channel, handler: http)
            }
        } catch {
            return
        }
    }
}

/// Numbers the WebSockets a server accepts.
final class ConnectionCounter: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }
}
