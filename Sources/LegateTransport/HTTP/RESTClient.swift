public import AsyncHTTPClient
import LegateCore
import NIOCore
import NIOHTTP1

/// One HTTP request to a venue's REST API.
public struct RESTRequest: Sendable {
    public var method: String
    /// The full URL, query included.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What the server answered: any status (the caller decides what a 4xx means), headers and the whole body.
public struct RESTResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// REST over AsyncHTTPClient, with the one status every venue shares turned into a typed error: HTTP 429 (and
/// Binance's 418, the ban that follows ignored 429s) become `TransportError.rateLimited` with the `Retry-After`
/// instant, so the caller's rate limiter can stop until then.
public struct RESTClient: Sendable {
    let httpClient: HTTPClient
    public let timeoutNanos: Int64
    public let maximumBodyBytes: Int
    let clock: any TransportClock

    /// - Parameter httpClient: The shared client by default; it pools connections and is never shut down.
    public init(
        httpClient: HTTPClient = .shared,
        timeoutNanos: Int64 = 10_000_000_000,
        maximumBodyBytes: Int = 1 << 25,
        clock: any TransportClock = SystemTransportClock()
    ) {
        precondition(timeoutNanos > 0 && maximumBodyBytes > 0, "REST timeout and body limit must be positive")
        self.httpClient = httpClient
        self.timeoutNanos = timeoutNanos
        self.maximumBodyBytes = maximumBodyBytes
        self.clock = clock
    }

    /// Sends the request and reads the whole response.
    ///
    /// - Throws: `TransportError.rateLimited` for 429 and 418; `.timeout`; `.requestFailed` when no response came.
    public func send(_ request: RESTRequest) async throws(TransportError) -> RESTResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response: RESTResponse
        do {
            let answer = try await httpClient.execute(outgoing, timeout: .nanoseconds(timeoutNanos))
            let body = try await answer.body.collect(upTo: maximumBodyBytes)
            response = RESTResponse(
                status: Int(answer.status.code),
                headers: answer.headers.map { (name: $0.name, value: $0.value) },
                body: Array(buffer: body)
            )
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw .timeout(operation: "\(request.method) \(request.url)", afterNanos: timeoutNanos)
        } catch {
            throw .requestFailed(url: request.url, reason: "\(error)")
        }
        if response.status == 429 || response.status == 418 {
            let retryAt = response.header("Retry-After").flatMap(RetryAfter.init(header:))
            throw .rateLimited(
                status: response.status,
                url: request.url,
                retryAt: retryAt?.retryAt(receivedAt: clock.now()),
                body: response.text
            )
        }
        return response
    }
}
