public import Foundation

/// A REST answer: `{"retCode":0,"retMsg":"OK","result":{…},"retExtInfo":{},"time":…}`.
///
/// On an error (`retCode != 0`) Bybit sends `result: {}`, which is not the success shape: `result` is then nil.
public struct BybitResponse<Result: Decodable & Sendable>: Decodable, Sendable {
    public let retCode: Int
    public let retMsg: String
    public let result: Result?
    /// Server time in ms, when sent.
    public let time: Int64?

    enum CodingKeys: String, CodingKey {
        case retCode
        case retMsg
        case result
        case time
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        retCode = try container.decode(Int.self, forKey: .retCode)
        retMsg = try container.decode(String.self, forKey: .retMsg)
        time = try container.decodeIfPresent(Int64.self, forKey: .time)
        if retCode == 0 {
            result = try container.decodeIfPresent(Result.self, forKey: .result)
        } else {
            result = try? container.decodeIfPresent(Result.self, forKey: .result)
        }
    }

    public var isSuccess: Bool { retCode == 0 }
}

/// A paged list: `{"category":"linear","list":[…],"nextPageCursor":"…"}`.
public struct BybitList<Item: Decodable & Sendable>: Decodable, Sendable {
    public let category: String?
    public let list: [Item]
    /// Empty or null on the last page.
    public let nextPageCursor: String?
}

/// A WebSocket push on a topic: `{"topic":"orderbook.1.BTCUSDT","type":"snapshot","ts":…,"data":…}`; private topics
/// carry `id` and `creationTime` instead of `type` and `ts`.
public struct BybitTopicMessage<Payload: Decodable & Sendable>: Decodable, Sendable {
    public let topic: String
    /// `snapshot` or `delta` on public topics.
    public let type: String?
    /// When the system generated the message (ms), public topics.
    public let ts: Int64?
    public let id: String?
    /// When the message was created (ms), private topics.
    public let creationTime: Int64?
    /// Cross sequence of tickers.
    public let cs: Int64?
    public let data: Payload

    public var isSnapshot: Bool { type == "snapshot" }
}

/// An answer to an `op` on the WebSocket: `auth`, `subscribe`, `ping`, or a trade-stream `order.create|amend|cancel`.
///
/// Bybit spells the same fields two ways: `auth` and the trade stream answer `retCode`/`retMsg`/`connId`/`reqId`,
/// `subscribe` answers `ret_msg`/`conn_id`/`req_id` and `success` without a code.
public struct BybitOpResponse: Hashable, Sendable, Decodable {
    public let op: String
    public let success: Bool?
    public let retCode: Int?
    public let retMsg: String?
    public let connID: String?
    public let requestID: String?
    /// The order the trade stream answered about (`order.create` and friends).
    public let data: BybitOrderAckWire?

    enum CodingKeys: String, CodingKey {
        case op
        case success
        case retCode
        case retMsg
        case retMsgSnake = "ret_msg"
        case connId
        case connIdSnake = "conn_id"
        case reqId
        case reqIdSnake = "req_id"
        case data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        op = try container.decode(String.self, forKey: .op)
        success = try container.decodeIfPresent(Bool.self, forKey: .success)
        retCode = try container.decodeIfPresent(Int.self, forKey: .retCode)
        retMsg =
            try container.decodeIfPresent(String.self, forKey: .retMsg)
            ?? container.decodeIfPresent(String.self, forKey: .retMsgSnake)
        connID =
            try container.decodeIfPresent(String.self, forKey: .connId)
            ?? container.decodeIfPresent(String.self, forKey: .connIdSnake)
        requestID =
            try container.decodeIfPresent(String.self, forKey: .reqId)
            ?? container.decodeIfPresent(String.self, forKey: .reqIdSnake)
        data = try? container.decodeIfPresent(BybitOrderAckWire.self, forKey: .data)
    }

    /// Succeeded: `success: true`, or `retCode: 0` where there is no `success`.
    public var isSuccess: Bool { success ?? (retCode == 0) }
}

/// What Bybit answers about an order it accepted for processing: `{"orderId":"…","orderLinkId":"…"}`.
public struct BybitOrderAckWire: Hashable, Sendable, Decodable {
    public let orderId: String
    public let orderLinkId: String
}

/// The decoder every Bybit wire type is read with (Bybit's keys are already camelCase).
public enum BybitCodec {
    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Decodes `type` from `data`, naming what failed.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(BybitParseError) -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch {
            throw .decoding(what: "\(T.self)", reason: "\(error)")
        }
    }
}
