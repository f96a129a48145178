public import Foundation

/// A REST response, or the answer to a WebSocket operation (`order`, `amend-order`, `cancel-order`):
/// `{"code":"0","msg":"","data":[…]}`, with `id` and `op` on WebSocket answers and the venue's times in µs.
///
/// `code` is `"0"` on success, `"1"` when every item failed and `"2"` when some did (each item then carries its own
/// `sCode`/`sMsg`), or an error code with an empty `data` when the request as a whole was refused.
public struct OKXResponse<Item: Decodable & Sendable>: Decodable, Sendable {
    public let code: String
    public let msg: String
    public let data: [Item]
    /// The request id we sent on a WebSocket operation.
    public let id: String?
    public let op: String?
    /// When the gateway received and answered the request (µs since the epoch): clock-offset samples.
    public let inTime: OKXInteger?
    public let outTime: OKXInteger?

    enum CodingKeys: String, CodingKey {
        case code, msg, data, id, op, inTime, outTime
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        msg = try container.decodeIfPresent(String.self, forKey: .msg) ?? ""
        // Error answers often leave `data` out or send it empty; item errors come inside it.
        data = try container.decodeIfPresent([Item].self, forKey: .data) ?? []
        id = try container.decodeIfPresent(String.self, forKey: .id)
        op = try container.decodeIfPresent(String.self, forKey: .op)
        inTime = try container.decodeIfPresent(OKXInteger.self, forKey: .inTime)
        outTime = try container.decodeIfPresent(OKXInteger.self, forKey: .outTime)
    }

    public var isSuccess: Bool { code == "0" }
}

/// A push on a subscribed WebSocket channel: `{"arg":{…},"action":"snapshot","data":[…]}`.
public struct OKXPush<Item: Decodable & Sendable>: Decodable, Sendable {
    public let arg: OKXChannelArg
    /// `snapshot` or `update` on `books`; absent on every other channel.
    public let action: String?
    public let data: [Item]
}

/// A channel and what it is about; the same shape subscribes (`args`) and labels pushes (`arg`).
public struct OKXChannelArg: Hashable, Sendable, Decodable {
    public let channel: String
    public let instId: String?
    public let instType: String?
    public let instFamily: String?
    public let sprdId: String?
    public let ccy: String?

    public init(
        channel: String,
        instId: String? = nil,
        instType: String? = nil,
        instFamily: String? = nil,
        sprdId: String? = nil,
        ccy: String? = nil
    ) {
        self.channel = channel
        self.instId = instId
        self.instType = instType
        self.instFamily = instFamily
        self.sprdId = sprdId
        self.ccy = ccy
    }
}

/// A WebSocket event: a subscription or login acknowledged, or an error (`{"event":"error","code":"60012",…}`).
public struct OKXEvent: Hashable, Sendable, Decodable {
    public let event: String
    public let arg: OKXChannelArg?
    public let code: String?
    public let msg: String?
    public let connId: String?

    public var isError: Bool { event == "error" }
}

/// The decoder every OKX wire type is read with: OKX's keys are already camelCase.
public enum OKXCodec {
    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Decodes one message whose type the caller knows (from the request it sent or the channel it subscribed).
    ///
    /// - Throws: `OKXParseError.decoding` naming the type and what the decoder said.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(OKXParseError) -> Value {
        do {
            return try decoder().decode(type, from: data)
        } catch {
            throw .decoding(what: "\(Value.self)", reason: "\(error)")
        }
    }
}
