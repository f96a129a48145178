public import Foundation

/// A stream event in any of the three wrappings Binance uses: bare (`{"e":…}` on a raw stream), combined-stream
/// (`{"stream":"ethusdt@trade","data":{…}}`), or WebSocket-API user data (`{"subscriptionId":0,"event":{…}}`).
public struct BinanceEvent<Payload: Decodable & Sendable>: Decodable, Sendable {
    public let stream: String?
    public let subscriptionID: Int?
    public let payload: Payload

    enum CodingKeys: String, CodingKey {
        case stream
        case data
        case subscriptionId
        case event
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stream = try container.decodeIfPresent(String.self, forKey: .stream)
        subscriptionID = try container.decodeIfPresent(Int.self, forKey: .subscriptionId)
        if container.contains(.data) {
            payload = try container.decode(Payload.self, forKey: .data)
        } else if container.contains(.event) {
            payload = try container.decode(Payload.self, forKey: .event)
        } else {
            payload = try Payload(from: decoder)
        }
    }
}

/// Just enough of an event to route it: its type (`e`), unwrapped from any of the three wrappings.
public struct BinanceEventHeader: Hashable, Sendable, Decodable {
    public let eventType: String?
    public let symbol: String?

    enum CodingKeys: String, CodingKey {
        case eventType = "e"
        case symbol = "s"
    }
}

/// An error answer: `{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}`.
public struct BinanceErrorResponse: Hashable, Sendable, Decodable, Error, CustomStringConvertible {
    public let code: Int
    public let msg: String

    public init(code: Int, msg: String) {
        self.code = code
        self.msg = msg
    }

    public var description: String { "binance error \(code) \(msg)" }
}

/// The answer to a `SUBSCRIBE` on a market stream: `{"result":null,"id":1}`, or an error object.
public struct BinanceSubscribeAnswer: Hashable, Sendable, Decodable {
    public let id: Int64
    public let error: BinanceErrorResponse?
}

/// The decoder every Binance wire type is read with (Binance's keys are camelCase or single letters, mapped per type).
public enum BinanceCodec {
    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Decodes `type` from `data`, naming what failed.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(BinanceParseError) -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch {
            throw .decoding(what: "\(T.self)", reason: "\(error)")
        }
    }

    /// Decodes a stream event in any wrapping.
    public static func event<T: Decodable & Sendable>(_ type: T.Type, from data: Data) throws(BinanceParseError) -> T {
        try decode(BinanceEvent<T>.self, from: data).payload
    }
}
