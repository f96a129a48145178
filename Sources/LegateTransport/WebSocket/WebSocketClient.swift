public import NIOCore
import NIOHTTP1
public import NIOPosix
public import NIOSSL
import NIOWebSocket
import Synchronization

/// How a WebSocket client connects.
public struct WebSocketConfiguration: Sendable {
    /// Largest message accepted, after joining fragments (a venue's full instrument list is megabytes).
    public var maximumMessageBytes: Int
    /// Bounds the TCP connect, and separately the TLS and upgrade handshake.
    public var connectTimeoutNanos: Int64
    /// Extra headers on the upgrade request (some venues authenticate there).
    public var headers: [(name: String, value: String)]
    /// TLS for `wss://`; the platform's trust roots and hostname verification by default.
    public var tls: TLSConfiguration

    public init(
        maximumMessageBytes: Int = 1 << 25,
        connectTimeoutNanos: Int64 = 10_000_000_000,
        headers: [(name: String, value: String)] = [],
        tls: TLSConfiguration = .makeClientConfiguration()
    ) {
        precondition(maximumMessageBytes > 0 && maximumMessageBytes <= Int(UInt32.max), "message size limit")
        precondition(connectTimeoutNanos > 0, "connect timeout must be positive")
        self.maximumMessageBytes = maximumMessageBytes
        self.connectTimeoutNanos = connectTimeoutNanos
        self.headers = headers
        self.tls = tls
    }
}

/// Opens WebSocket connections on SwiftNIO: TCP, TLS for `wss://`, the HTTP/1.1 upgrade, then frames.
///
/// The connection lives exactly as long as the closure: structured, so no socket outlives the task that uses it.
/// ```swift
/// try await WebSocketClient.connect(to: url) { connection in
///     try await connection.outbound.send(text: request)
///     for try await message in connection.inbound { … }
/// }
/// ```
public enum WebSocketClient {
    /// - Throws: `TransportError` when the connection cannot be made or upgraded; whatever `body` throws.
    public static func connect<Result: Sendable>(
        to url: WebSocketURL,
        configuration: WebSocketConfiguration = WebSocketConfiguration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (WebSocketConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await open(url, configuration: configuration, group: eventLoopGroup)
        return try await channel.executeThenClose { stream, writer in
            try await body(
                WebSocketConnection(stream: stream, writer: writer, channel: channel.channel, masksFrames: true)
            )
        }
    }

    /// Whether the handshake timer fired, so a closed channel can be reported as the timeout it is.
    final class Deadline: Sendable {
        private let expired = Mutex(false)

        func expire() { expired.withLock { $0 = true } }
        var isExpired: Bool { expired.withLock { $0 } }
    }

    enum Upgrade: Sendable {
        case upgraded(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)
        case refused(status: String)
    }

    static func open(
        _ url: WebSocketURL,
        configuration: WebSocketConfiguration,
        group: any EventLoopGroup
    ) async throws(TransportError) -> NIOAsyncChannel<WebSocketFrame, WebSocketFrame> {
        let sslContext: NIOSSLContext?
        do {
            sslContext = url.isSecure ? try NIOSSLContext(configuration: configuration.tls) : nil
        } catch {
            throw .connectFailed(host: url.host, port: url.port, reason: "TLS setup: \(error)")
        }
        let upgrade: EventLoopFuture<Upgrade>
        let deadline = Deadline()
        let timeout = TimeAmount.nanoseconds(configuration.connectTimeoutNanos)
        do {
            upgrade = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: url.host, port: url.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let upgrade = try configurePipeline(
                            channel,
                            url: url,
                            configuration: configuration,
                            tls: sslContext
                        )
                        // A server that neither upgrades nor answers must not hold the caller forever.
                        let timer = channel.eventLoop.scheduleTask(in: timeout) {
                            deadline.expire()
                            channel.close(promise: nil)
                        }
                        upgrade.whenComplete { _ in timer.cancel() }
                        return upgrade
                    }
                }
        } catch {
            if isTLSFailure(error) { throw .tlsFailed(host: url.host, port: url.port, reason: "\(error)") }
            throw .connectFailed(host: url.host, port: url.port, reason: "\(error)")
        }
        let result: Upgrade
        do {
            result = try await upgrade.get()
        } catch {
            if deadline.isExpired {
                throw .timeout(
                    operation: "WebSocket handshake with \(url)",
                    afterNanos: configuration.connectTimeoutNanos
                )
            }
            if isTLSFailure(error) { throw .tlsFailed(host: url.host, port: url.port, reason: "\(error)") }
            throw .upgradeRejected(url: url.description, reason: "\(error)")
        }
        switch result {
        case .upgraded(let channel): return channel
        case .refused(let status): throw .upgradeRejected(url: url.description, reason: status)
        }
    }

    private static func isTLSFailure(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    private static func configurePipeline(
        _ channel: any Channel,
        url: WebSocketURL,
        configuration: WebSocketConfiguration,
        tls: NIOSSLContext?
    ) throws -> EventLoopFuture<Upgrade> {
        if let tls {
            let name = url.hostIsAddressLiteral ? nil : url.host
            let handler = try NIOSSLClientHandler(context: tls, serverHostname: name)
            try channel.pipeline.syncOperations.addHandler(handler)
        }
        let maximum = configuration.maximumMessageBytes
        let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(maxFrameSize: maximum) { channel, _ in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0,
                        maxAccumulatedFrameCount: 4_096,
                        maxAccumulatedFrameSize: maximum
                    )
                )
                return .upgraded(try NIOAsyncChannel(wrappingChannelSynchronously: channel))
            }
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: url.hostHeader)
        for header in configuration.headers { headers.add(name: header.name, value: header.value) }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: url.target, headers: headers)
        let upgradeConfiguration = NIOTypedHTTPClientUpgradeConfiguration<Upgrade>(
            upgradeRequestHead: head,
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                // Nothing else will use this connection: close it rather than leave it to the server.
                channel.close(promise: nil)
                return channel.eventLoop.makeSucceededFuture(.refused(status: "the server answered without upgrading"))
            }
        )
        var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: upgradeConfiguration)
        // Frames the server sends right behind its 101 can arrive in the same read as the response; NIO's default
        // drops such bytes when the HTTP decoder leaves the pipeline, which would lose a venue's first messages.
        pipeline.leftOverBytesStrategy = .forwardBytes
        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
    }
}
