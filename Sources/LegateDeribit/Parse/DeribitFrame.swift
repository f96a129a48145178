public import Foundation

/// What a WebSocket text frame from Deribit is, read cheaply before its body is decoded into the wire type it needs.
public enum DeribitFrame: Hashable, Sendable {
    /// A notification on a subscribed channel (`book.…`, `ticker.…`, `trades.…`, `user.…`).
    case subscription(channel: String)
    /// The server's heartbeat; a `test_request` must be answered with `public/test`.
    case heartbeat(isTestRequest: Bool)
    /// The result of our request `id`, with the venue's receive and send times in µs (clock-offset samples).
    case response(id: Int64, usIn: Int64?, usOut: Int64?)
    /// An error answer (to request `id`, when it names one).
    case error(id: Int64?, DeribitRPCError)

    /// Classifies one frame.
    ///
    /// - Throws: `DeribitParseError.decoding` when it is not JSON-RPC as Deribit sends it.
    public static func classify(_ data: Data) throws(DeribitParseError) -> DeribitFrame {
        let header: DeribitFrameHeader
        do {
            header = try JSONDecoder().decode(DeribitFrameHeader.self, from: data)
        } catch {
            throw .decoding(what: "frame", reason: "\(error)")
        }
        if let error = header.error { return .error(id: header.id, error) }
        if header.method == "subscription", let channel = header.params?.channel {
            return .subscription(channel: channel)
        }
        if header.method == "heartbeat" { return .heartbeat(isTestRequest: header.params?.type == "test_request") }
        if let id = header.id { return .response(id: id, usIn: header.usIn, usOut: header.usOut) }
        throw .decoding(what: "frame", reason: "neither a response, a subscription nor a heartbeat")
    }
}
