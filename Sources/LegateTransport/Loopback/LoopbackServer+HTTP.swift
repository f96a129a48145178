import NIOCore
import NIOHTTP1

extension LoopbackServer {
    /// Reads requests on one keep-alive connection and answers each with the handler (404 without one, 500 when it
    /// throws).
    static func serveHTTP(
        _ channel: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        handler: HTTPHandler?
    ) async throws {
        try await channel.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.removeAll()
                case .body(let buffer):
                    body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    guard let requestHead = head else {
                        // NIO's upgrade handler keeps the head of an upgrade request no upgrader took and passes
                        // only its end: the one request that arrives headless. Refuse it and close.
                        let refusal = LoopbackHTTPResponse(status: 400, text: "this server takes no WebSocket")
                        try await write(refusal, to: outbound, keepAlive: false)
                        return
                    }
                    try await respond(to: requestHead, body: body, handler: handler, outbound: outbound)
                    if !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    private static func respond(
        to head: HTTPRequestHead,
        body: [UInt8],
        handler: HTTPHandler?,
        outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        let request = LoopbackHTTPRequest(
            method: head.method.rawValue,
            target: head.uri,
            headers: head.headers.map { (name: $0.name, value: $0.value) },
            body: body
        )
        try await write(await answer(request, handler: handler), to: outbound, keepAlive: head.isKeepAlive)
    }

    private static func answer(_ request: LoopbackHTTPRequest, handler: HTTPHandler?) async -> LoopbackHTTPResponse {
        guard let handler else { return LoopbackHTTPResponse(status: 404, text: "no HTTP handler") }
        do {
            return try await handler(request)
        } catch {
            return LoopbackHTTPResponse(status: 500, text: "\(error)")
        }
    }

    private static func write(
        _ response: LoopbackHTTPResponse,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        keepAlive: Bool
    ) async throws {
        var headers = HTTPHeaders()
        for header in response.headers { headers.add(name: header.name, value: header.value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        try await outbound.write(
            contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: response.body))), .end(nil)]
        )
    }
}
