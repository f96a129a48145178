public import Foundation

/// What a WebSocket text frame from OKX is, read cheaply before its body is decoded into the type it needs.
public enum OKXFrame: Hashable, Sendable {
    /// A push on a channel, with its argument and (for books) `snapshot` or `update`.
    case push(OKXChannelArg, action: String?)
    /// A subscription, login or error event.
    case event(OKXEvent)
    /// The answer to our operation `id` (`order`, `amend-order`, `cancel-order`, …), with its code.
    case operation(id: String, op: String, code: String)
    /// The answer to our text `ping`.
    case pong

    struct Header: Decodable {
        let arg: OKXChannelArg?
        let action: String?
        let event: String?
        let id: String?
        let op: String?
        let code: String?
    }

    /// Classifies one frame.
    ///
    /// - Throws: `OKXParseError.decoding` when it is neither `pong` nor one of OKX's JSON shapes.
    public static func classify(_ data: Data) throws(OKXParseError) -> OKXFrame {
        if data.elementsEqual("pong".utf8) { return .pong }
        let header = try OKXCodec.decode(Header.self, from: data)
        if header.event != nil { return .event(try OKXCodec.decode(OKXEvent.self, from: data)) }
        if let arg = header.arg { return .push(arg, action: header.action) }
        if let id = header.id, let op = header.op { return .operation(id: id, op: op, code: header.code ?? "") }
        throw .decoding(what: "frame", reason: "neither a push, an event nor an operation answer")
    }
}
