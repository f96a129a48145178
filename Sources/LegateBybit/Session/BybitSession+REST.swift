import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

/// The envelope's code alone, read before the caller decodes the `result` it expects.
struct BybitRetCodeWire: Decodable {
    let retCode: Int
    let retMsg: String
}

// MARK: - Signed REST with rate-limit retries

extension BybitSession {
    /// Sends `request` (signed with the credentials when `signed`) and returns the body of an answer Bybit gave a
    /// `retCode` to; the caller reads the code.
    ///
    /// Waits for the rate limiter first. HTTP 429 (wait from `Retry-After`) and `retCode` 10006 (wait until
    /// `X-Bapi-Limit-Reset-Timestamp`) throttle the limiter until then and send the request again, freshly signed,
    /// up to `maximumRateLimitRetries` times.
    func send(
        _ request: BybitRESTRequest,
        signed: Bool,
        requestClass: RequestClass,
        key: String? = nil
    ) async throws(VenueError) -> [UInt8] {
        var refusals = 0
        while true {
            try await awaitRateLimit(request, requestClass: requestClass, key: key)
            let attempt = try await sendOnce(request, signed: signed)
            switch attempt {
            case .answered(let body):
                return body
            case .limited(let retryAt, let message):
                guard refusals < configuration.maximumRateLimitRetries else {
                    throw .rateLimited(venue: .bybit, retryAt: retryAt, message: "\(request.path): \(message)")
                }
                refusals += 1
                limiter.throttle(until: retryAt)
                emit(.rateLimited(path: request.path, retryAt: retryAt))
            }
        }
    }

    enum Attempt {
        case answered([UInt8])
        case limited(retryAt: UnixNanos, message: String)
    }

    func sendOnce(_ request: BybitRESTRequest, signed: Bool) async throws(VenueError) -> Attempt {
        let outgoing = try prepared(request, signed: signed, at: signed ? await venueNow() : clock.now())
        let id = -nextRequestNumber
        nextRequestNumber += 1
        monitor.requestSent(id: id, at: clock.now())
        let response: RESTResponse
        do {
            response = try await rest.send(outgoing)
        } catch {
            publish(monitor.failed(id: id, at: clock.now()))
            if case .rateLimited(_, _, let retryAt, let body) = error {
                return .limited(retryAt: retryAt ?? clock.now() + configuration.rateLimitPenaltyNanos, message: body)
            }
            throw error.venueError(.bybit)
        }
        let now = clock.now()
        guard response.status == 200,
            let code = try? JSONDecoder().decode(BybitRetCodeWire.self, from: Data(response.body))
        else {
            publish(monitor.failed(id: id, at: now))
            throw .http(venue: .bybit, status: response.status, endpoint: request.path, body: response.text)
        }
        if code.retCode == BybitErrorCode.tooManyVisits.rawValue {
            publish(monitor.failed(id: id, at: now))
            return .limited(
                retryAt: Self.limitReset(response, receivedAt: now, penalty: configuration.rateLimitPenaltyNanos),
                message: code.retMsg
            )
        }
        let isSessionFailure = BybitErrorCode(rawValue: code.retCode)?.isSessionFailure ?? false
        publish(isSessionFailure ? monitor.failed(id: id, at: now) : monitor.acknowledged(id: id, at: now))
        return .answered(response.body)
    }

    /// `X-Bapi-Limit-Reset-Timestamp` (ms) when the venue states it, else the penalty from now.
    static func limitReset(_ response: RESTResponse, receivedAt now: UnixNanos, penalty: Int64) -> UnixNanos {
        guard let text = response.header("X-Bapi-Limit-Reset-Timestamp"), let millis = Int64(text),
            let instant = BybitTranslator.representableInstant(millis: millis)
        else { return now + penalty }
        return max(instant, now)
    }

    /// The HTTP request: URL with the query of a GET, the body of a POST, and the `X-BAPI-*` headers when signed,
    /// stamped with the venue's time.
    func prepared(_ request: BybitRESTRequest, signed: Bool, at venueTime: UnixNanos) throws(VenueError) -> RESTRequest
    {
        var url = configuration.restBaseURL + request.path
        if request.method == "GET" && !request.payload.isEmpty { url += "?" + request.payload }
        var headers: [(name: String, value: String)] = []
        if signed {
            guard let credentials = configuration.credentials else {
                throw .authenticationFailed(
                    venue: .bybit,
                    reason: "\(request.path) needs credentials; none are configured"
                )
            }
            headers = BybitRequests.headers(
                for: request,
                credentials: credentials,
                timestampMillis: venueTime.milliseconds,
                recvWindowMillis: configuration.recvWindowMillis
            )
        }
        let body = request.method == "POST" ? Array(request.payload.utf8) : nil
        return RESTRequest(method: request.method, url: url, headers: headers, body: body)
    }

    /// Waits until the limiter grants the request; fails at once when that would take longer than the maximum.
    func awaitRateLimit(
        _ request: BybitRESTRequest,
        requestClass: RequestClass,
        key: String?
    ) async throws(VenueError) {
        while true {
            let now = clock.now()
            guard case .denied(let retryAt, let rule) = limiter.acquire(requestClass, key: key, at: now) else { return }
            guard retryAt - now <= configuration.maximumRateLimitWaitNanos else {
                throw .rateLimited(venue: .bybit, retryAt: retryAt, message: "\(request.path): \(rule)")
            }
            do {
                try await clock.sleep(nanos: retryAt - now)
            } catch {
                throw .disconnected(venue: .bybit, reason: "\(request.path) cancelled")
            }
        }
    }

    /// Sends and decodes the `result` of a successful answer; a non-zero `retCode` is the venue's error.
    func result<Result: Decodable & Sendable>(
        _ type: Result.Type,
        of request: BybitRESTRequest,
        signed: Bool,
        requestClass: RequestClass = .account
    ) async throws(VenueError) -> Result {
        let body = try await send(request, signed: signed, requestClass: requestClass)
        let response = try decode(BybitResponse<Result>.self, body, what: request.path)
        guard response.retCode == 0 else {
            throw BybitTranslator.venueError(code: response.retCode, message: response.retMsg, at: clock.now())
        }
        guard let result = response.result else {
            throw .malformedMessage(venue: .bybit, what: "result of \(request.path)", reason: "missing")
        }
        return result
    }

    func decode<Value: Decodable>(_ type: Value.Type, _ body: [UInt8], what: String) throws(VenueError) -> Value {
        do {
            return try BybitCodec.decode(type, from: Data(body))
        } catch {
            throw .malformedMessage(venue: .bybit, what: what, reason: error.description)
        }
    }

    func translated<Value>(_ body: () throws(BybitParseError) -> Value) throws(VenueError) -> Value {
        do {
            return try body()
        } catch {
            throw .malformedMessage(venue: .bybit, what: "answer", reason: error.description)
        }
    }
}
