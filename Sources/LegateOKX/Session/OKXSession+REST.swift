import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Signed REST with rate-limit retries

extension OKXSession {
    /// Sends `request` and decodes OKX's envelope, retrying what the venue refused for its rate limit.
    ///
    /// HTTP 429 waits until its `Retry-After` (or `rateLimitPenaltyNanos` without one); OKX's own `50011` / `50061`
    /// waits `rateLimitPenaltyNanos`, OKX's 2-second window. The limiter is throttled until then, so nothing else is
    /// sent meanwhile, and the request goes again, up to `maximumRateLimitRetries` times. Every exchange is a health
    /// sample: request-to-answer latency, and a failure for a refused or failed request.
    ///
    /// - Parameter isSigned: False for public endpoints (instruments), which take no `OK-ACCESS-*` headers.
    func call<Item: Decodable & Sendable>(
        _ request: OKXRESTRequest,
        _ item: Item.Type,
        isSigned: Bool = true
    ) async throws(VenueError) -> OKXResponse<Item> {
        var refusals = 0
        while true {
            try await awaitRateLimit(request)
            let id = nextRequestID
            nextRequestID += 1
            monitor.requestSent(id: id, at: clock.now())
            let retryAt: UnixNanos
            do throws(VenueError) {
                let response = try await exchange(request, isSigned: isSigned)
                let decoded: OKXResponse<Item> = try decode(response, of: request)
                guard let refusedUntil = rateLimitRefusal(decoded) else {
                    let answered = decoded.isSuccess || !decoded.data.isEmpty
                    publish(
                        answered
                            ? monitor.acknowledged(id: id, at: clock.now()) : monitor.failed(id: id, at: clock.now())
                    )
                    return decoded
                }
                retryAt = refusedUntil
            } catch .rateLimited(_, let stated, _) {
                retryAt = stated ?? clock.now() + configuration.rateLimitPenaltyNanos
            } catch {
                publish(monitor.failed(id: id, at: clock.now()))
                throw error
            }
            publish(monitor.failed(id: id, at: clock.now()))
            guard refusals < configuration.maximumRateLimitRetries else {
                throw .rateLimited(venue: .okx, retryAt: retryAt, message: "\(request.path) refused again")
            }
            refusals += 1
            limiter.throttle(until: retryAt)
            emit(.rateLimited(path: request.path, retryAt: retryAt))
        }
    }

    /// One HTTP exchange; transport failures (429 included) as the venue's operating errors.
    func exchange(_ request: OKXRESTRequest, isSigned: Bool) async throws(VenueError) -> RESTResponse {
        var headers: [(name: String, value: String)] = []
        if isSigned {
            guard let credentials = configuration.credentials else {
                throw .authenticationFailed(venue: .okx, reason: "\(request.path) needs credentials; none configured")
            }
            do {
                let signed = try request.signedHeaders(
                    credentials: credentials,
                    at: await venueNow(),
                    simulated: configuration.isSimulatedTrading
                )
                headers = signed.map { (name: $0.name, value: $0.value) }
            } catch {
                throw .authenticationFailed(venue: .okx, reason: error.description)
            }
        }
        let outgoing = RESTRequest(
            method: request.method,
            url: configuration.restBaseURL + request.path,
            headers: headers,
            body: request.method == "GET" ? nil : Array(request.body.utf8)
        )
        do {
            return try await rest.send(outgoing)
        } catch {
            throw error.venueError(.okx)
        }
    }

    func decode<Item: Decodable & Sendable>(
        _ response: RESTResponse,
        of request: OKXRESTRequest
    ) throws(VenueError) -> OKXResponse<Item> {
        do {
            return try OKXCodec.decode(OKXResponse<Item>.self, from: Data(response.body))
        } catch {
            guard response.status == 200 else {
                throw .http(venue: .okx, status: response.status, endpoint: request.path, body: response.text)
            }
            throw .malformedMessage(venue: .okx, what: "answer to \(request.path)", reason: error.description)
        }
    }

    /// When OKX refused the request for its rate limit (`50011`, or `50061` for a sub-account), the time to retry.
    func rateLimitRefusal<Item>(_ response: OKXResponse<Item>) -> UnixNanos? {
        let limited: Set<String> = [OKXErrorCode.rateLimited.rawValue, OKXErrorCode.subAccountRateLimited.rawValue]
        guard limited.contains(response.code) else { return nil }
        return clock.now() + configuration.rateLimitPenaltyNanos
    }

    /// Waits until the limiter grants `request`; fails at once when that would take longer than the configured
    /// maximum.
    func awaitRateLimit(_ request: OKXRESTRequest) async throws(VenueError) {
        while true {
            let now = clock.now()
            let decision = limiter.acquire(request.requestClass, key: request.rateKey, at: now)
            guard case .denied(let retryAt, let rule) = decision else { return }
            guard retryAt - now <= configuration.maximumRateLimitWaitNanos else {
                throw .rateLimited(venue: .okx, retryAt: retryAt, message: "\(request.path): \(rule)")
            }
            do {
                try await clock.sleep(nanos: retryAt - now)
            } catch {
                throw .disconnected(venue: .okx, reason: "\(request.path) cancelled while rate limited")
            }
        }
    }

    /// A GET whose answer must succeed.
    func items<Item: Decodable & Sendable>(
        _ request: OKXRESTRequest,
        _ item: Item.Type,
        isSigned: Bool = true
    ) async throws(VenueError) -> [Item] {
        let response = try await call(request, item, isSigned: isSigned)
        guard response.isSuccess else {
            throw OKXTranslator.venueError(code: response.code, message: response.msg, at: clock.now())
        }
        return response.data
    }

    /// Every open order: `orders-pending` page by page, each asking for the orders older than the last one seen,
    /// until a page comes back short. A cursor that does not move would loop forever, so it is an error.
    func pendingOrders() async throws(VenueError) -> [OKXOrderWire] {
        var all: [OKXOrderWire] = []
        var cursor: String?
        while true {
            let page = try await items(OKXSessionRequests.pendingOrders(after: cursor), OKXOrderWire.self)
            all += page
            guard page.count >= OKXSessionRequests.pendingOrdersPageLimit, let last = page.last?.ordId else {
                return all
            }
            guard last != cursor else {
                throw .malformedMessage(
                    venue: .okx,
                    what: "trade/orders-pending",
                    reason: "page after \(last) repeats it"
                )
            }
            cursor = last
        }
    }

    func translated<Value>(_ what: String, _ body: () throws(OKXParseError) -> Value) throws(VenueError) -> Value {
        do {
            return try body()
        } catch {
            throw .malformedMessage(venue: .okx, what: what, reason: error.description)
        }
    }
}
