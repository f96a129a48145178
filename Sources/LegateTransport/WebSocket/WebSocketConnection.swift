import NIOCore
import NIOWebSocket
import Synchronization

/// A live WebSocket: the messages that arrive and the way to send. Valid only inside the closure that opened it
/// (`WebSocketClient.connect`, a `LoopbackServer` handler); the channel closes when that closure returns.
public struct WebSocketConnection: Sendable {
    public let inbound: WebSocketInbound
    public let outbound: WebSocketOutbound

    init(
        stream: NIOAsyncChannelInboundStream<WebSocketFrame>,
        writer: NIOAsyncChannelOutboundWriter<WebSocketFrame>,
        channel: any Channel,
        masksFrames: Bool
    ) {
        outbound = WebSocketOutbound(writer: writer, channel: channel, masksFrames: masksFrames, closing: Closing())
        inbound = WebSocketInbound(stream: stream, outbound: outbound)
    }
}

/// Whether our side started the closing handshake, shared by the two halves of one connection.
final class Closing: Sendable {
    private let started = Mutex(false)

    /// Marks the handshake started; true if it was not already.
    func begin() -> Bool {
        started.withLock { started in
            defer { started = true }
            return !started
        }
    }

    var isStarted: Bool { started.withLock { $0 } }
}

/// The sending half. Frames from a client are masked, as RFC 6455 §5.3 requires; a server's are not.
public struct WebSocketOutbound: Sendable {
    let writer: NIOAsyncChannelOutboundWriter<WebSocketFrame>
    let channel: any Channel
    let masksFrames: Bool
    let closing: Closing

    /// How long a close waits for the peer's answering close frame before closing the socket anyway.
    static let closeGrace = TimeAmount.seconds(2)

    public func send(text: String) async throws(TransportError) {
        try await write(.text, ByteBuffer(string: text), operation: "send text")
    }

    public func send(binary: [UInt8]) async throws(TransportError) {
        try await write(.binary, ByteBuffer(bytes: binary), operation: "send binary")
    }

    /// Sends a ping; the answer arrives as `.pong` with the same payload.
    public func ping(_ payload: [UInt8] = []) async throws(TransportError) {
        try await write(.ping, ByteBuffer(bytes: payload), operation: "ping")
    }

    /// Starts the closing handshake: sends a close frame, then closes the socket when the peer answers (the inbound
    /// sequence ends) or after a grace period.
    public func close(code: Int = WebSocketCloseCode.normal, reason: String = "") async {
        guard closing.begin() else { return }
        var payload = ByteBuffer()
        payload.writeInteger(UInt16(clamping: code))
        payload.writeString(reason)
        try? await write(.connectionClose, payload, operation: "close")
        let channel = channel
        channel.eventLoop.scheduleTask(in: Self.closeGrace) { channel.close(promise: nil) }
    }

    /// Closes the socket without a closing handshake: the peer sees the connection drop.
    public func drop() async {
        _ = closing.begin()
        try? await channel.close()
    }

    func pong(_ payload: ByteBuffer) async throws(TransportError) {
        try await write(.pong, payload, operation: "pong")
    }

    /// Answers the peer's close frame with the same code, then closes the socket (RFC 6455 §5.5.1).
    func answerClose(code: UInt16?) async {
        if closing.begin() {
            var payload = ByteBuffer()
            if let code { payload.writeInteger(code) }
            try? await write(.connectionClose, payload, operation: "close")
        }
        try? await channel.close()
    }

    private func write(_ opcode: WebSocketOpcode, _ data: ByteBuffer, operation: String) async throws(TransportError) {
        let frame = WebSocketFrame(fin: true, opcode: opcode, maskKey: masksFrames ? .random() : nil, data: data)
        do {
            try await writer.write(frame)
        } catch {
            throw .notConnected(operation: operation)
        }
    }
}

/// The receiving half: whole text and binary messages, and pongs. Pings are answered here; a close frame is answered
/// and ends the sequence with `TransportError.closed`, a connection that just ends with `.connectionLost`. The
/// sequence ends without error only after our own `close()`.
public struct WebSocketInbound: AsyncSequence, Sendable {
    public typealias Element = WebSocketMessage
    public typealias Failure = TransportError

    let stream: NIOAsyncChannelInboundStream<WebSocketFrame>
    let outbound: WebSocketOutbound

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), outbound: outbound)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Element = WebSocketMessage
        public typealias Failure = TransportError

        var base: NIOAsyncChannelInboundStream<WebSocketFrame>.AsyncIterator
        let outbound: WebSocketOutbound

        public mutating func next() async throws(TransportError) -> WebSocketMessage? {
            while true {
                let received: WebSocketFrame?
                do {
                    received = try await base.next()
                } catch {
                    throw .connectionLost(reason: "\(error)")
                }
                guard let frame = received else {
                    if outbound.closing.isStarted { return nil }
                    throw .connectionLost(reason: "the connection ended without a close frame")
                }
                if let message = try await handle(frame) { return message }
                if frame.opcode == .connectionClose { return nil }
            }
        }

        /// A message to hand out, or nil for a control frame dealt with here.
        private func handle(_ frame: WebSocketFrame) async throws(TransportError) -> WebSocketMessage? {
            switch frame.opcode {
            case .text: return .text(String(buffer: frame.unmaskedData))
            case .binary: return .binary(Array(buffer: frame.unmaskedData))
            case .pong: return .pong(Array(buffer: frame.unmaskedData))
            case .ping:
                // A ping we cannot answer means the connection is going; the next read says how.
                try? await outbound.pong(frame.unmaskedData)
                return nil
            case .connectionClose:
                var payload = frame.unmaskedData
                let code = payload.readInteger(as: UInt16.self)
                let reason = payload.readString(length: payload.readableBytes) ?? ""
                let weStarted = outbound.closing.isStarted
                await outbound.answerClose(code: code)
                if weStarted { return nil }
                throw .closed(code: code.map(Int.init), reason: reason)
            default:
                return nil
            }
        }
    }
}
