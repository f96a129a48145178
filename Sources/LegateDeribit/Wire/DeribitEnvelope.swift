public import Foundation

/// A JSON-RPC 2.0 response to one of our requests: `result` or `error`, with Deribit's server times in µs.
public struct DeribitResponse<Result: Decodable & Sendable>: Decodable, Sendable {
    public let jsonrpc: String
    public let id: Int64?
    public let result: Result?
    public let error: DeribitRPCError?
    /// When the venue received and answered the request (µs since the epoch): clock-offset samples.
    public let usIn: Int64?
    public let usOut: Int64?
    public let usDiff: Int64?
    public let testnet: Bool?
}

/// A subscription notification: `{"method":"subscription","params":{"channel":…,"data":…}}`.
public struct DeribitNotification<Payload: Decodable & Sendable>: Decodable, Sendable {
    public struct Params: Decodable, Sendable {
        public let channel: String
        public let data: Payload
    }

    public let jsonrpc: String
    public let method: String
    public let params: Params
}

/// A JSON-RPC error object.
public struct DeribitRPCError: Hashable, Sendable, Decodable, Error, CustomStringConvertible {
    public let code: Int
    public let message: String
    /// Deribit puts the offending parameter and reason here for `-32602`; often null.
    public let data: DeribitErrorData?

    public init(code: Int, message: String, data: DeribitErrorData? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String {
        "deribit error \(code) \(message)" + (data.map { " (\($0.param ?? "") \($0.reason ?? ""))" } ?? "")
    }
}

public struct DeribitErrorData: Hashable, Sendable, Decodable {
    public let param: String?
    public let reason: String?
}

/// The server's heartbeat: `{"method":"heartbeat","params":{"type":"test_request"}}` must be answered with
/// `public/test`; `type: heartbeat` needs no answer.
public struct DeribitHeartbeat: Hashable, Sendable, Decodable {
    public struct Params: Hashable, Sendable, Decodable {
        public let type: String
    }

    public let method: String
    public let params: Params

    public var isTestRequest: Bool { params.type == "test_request" }
}

/// Just enough of any frame to route it: a response id, a method, a channel, an error.
struct DeribitFrameHeader: Decodable {
    struct Params: Decodable {
        let channel: String?
        let type: String?
    }

    let id: Int64?
    let method: String?
    let params: Params?
    let error: DeribitRPCError?
    let usIn: Int64?
    let usOut: Int64?
}

/// The decoder every Deribit wire type is read with: snake_case keys become camelCase properties.
public enum DeribitCodec {
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// Decodes a response whose result type the caller knows from the request it sent.
    public static func decodeResponse<Result: Decodable & Sendable>(
        _ type: Result.Type,
        from data: Data
    ) throws(DeribitParseError) -> DeribitResponse<Result> {
        do {
            return try decoder().decode(DeribitResponse<Result>.self, from: data)
        } catch {
            throw .decoding(what: "response of \(Result.self)", reason: "\(error)")
        }
    }
}
