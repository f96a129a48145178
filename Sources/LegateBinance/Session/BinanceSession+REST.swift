import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

/// What Binance answered a REST call with: a body, or its error object (`{"code":-2010,"msg":"…"}`).
enum BinanceRESTOutcome: Sendable {
    case success([UInt8])
    case refused(BinanceErrorResponse, status: Int)
}

// MARK: - REST: signing, rate limits, bans, latency

extension BinanceSession {
    /// Sends the request `build` makes for the current time (a retry is signed afresh, so its `timestamp` stays inside
    /// `recvWindow`).
    ///
    /// HTTP 429 (-1003) waits for `Retry-After` (or `rateLimitPenaltyNanos`) and retries, up to
    /// `maximumRateLimitRetries` times. HTTP 418 is a ban: it is reported (health disconnected, a `banned` event), the
    /// call fails with `VenueError.rateLimited`, and later calls fail at once, unsent, until the ban's end.
    func call(
        withAPIKey: Bool,
        _ build: (Int64) throws(BinanceRequestError) -> BinanceRESTRequest
    ) async throws(VenueError) -> BinanceRESTOutcome {
        var retries = 0
        while true {
            try refuseWhileBanned()
            let request: BinanceRESTRequest
            do {
                request = try build(await venueNow().milliseconds)
            } catch {
                throw .unsupported(venue: .binance, operation: error.description)
            }
            let id = makeID()
            monitor.requestSent(id: id, at: clock.now())
            do {
                return try await exchange(request, id: id, withAPIKey: withAPIKey)
            } catch .rateLimited(let status, _, let retryAt, let body) {
                let now = clock.now()
                publish(monitor.failed(id: id, at: now))
                let until = retryAt ?? now + configuration.rateLimitPenaltyNanos
                if status == 418 { throw ban(until: until, body: body) }
                guard retries < configuration.maximumRateLimitRetries,
                    until - now <= configuration.maximumRateLimitWaitNanos
                else { throw .rateLimited(venue: .binance, retryAt: until, message: "HTTP \(status): \(body)") }
                retries += 1
                emit(.rateLimited(path: request.path, retryAt: until))
                do {
                    try await clock.sleep(nanos: until - now)
                } catch {
                    throw .disconnected(venue: .binance, reason: "\(request.path) cancelled while rate limited")
                }
            } catch {
                publish(monitor.failed(id: id, at: clock.now()))
                throw error.venueError(.binance)
            }
        }
    }

    /// One HTTP exchange; statuses other than 429/418 come back as an outcome.
    func exchange(
        _ request: BinanceRESTRequest,
        id: Int64,
        withAPIKey: Bool
    ) async throws(TransportError) -> BinanceRESTOutcome {
        var url = configuration.restBaseURL + request.path
        if !request.query.isEmpty { url += "?" + request.query }
        let headers = withAPIKey ? configuration.credentials.map(BinanceRequests.headers(credentials:)) ?? [] : []
        let response = try await rest.send(RESTRequest(method: request.method, url: url, headers: headers))
        let now = clock.now()
        if (200..<300).contains(response.status) {
            publish(monitor.acknowledged(id: id, at: now))
            recoverFromBan(at: now)
            return .success(response.body)
        }
        guard let error = try? BinanceCodec.decode(BinanceErrorResponse.self, from: Data(response.body)) else {
            publish(monitor.failed(id: id, at: now))
            throw .requestFailed(url: request.path, reason: "HTTP \(response.status): \(response.text)")
        }
        // A refusal about the order is an answer (its latency counts); a failure of keys, clock or venue is an error.
        let isSessionFailure = BinanceErrorCode(rawValue: error.code)?.isSessionFailure ?? true
        publish(isSessionFailure ? monitor.failed(id: id, at: now) : monitor.acknowledged(id: id, at: now))
        return .refused(error, status: response.status)
    }

    func refuseWhileBanned() throws(VenueError) {
        guard let until = bannedUntil, clock.now() < until else { return }
        throw .rateLimited(venue: .binance, retryAt: until, message: "IP banned (HTTP 418) until \(until); not sent")
    }

    func ban(until: UnixNanos, body: String) -> VenueError {
        bannedUntil = until
        emit(.banned(until: until))
        publish(monitor.disconnected(reason: "HTTP 418: IP banned until \(until)", at: clock.now()))
        return .rateLimited(venue: .binance, retryAt: until, message: "HTTP 418 (IP banned): \(body)")
    }

    func recoverFromBan(at now: UnixNanos) {
        guard bannedUntil != nil else { return }
        bannedUntil = nil
        if isMarketReady || listenKey != nil { publish(monitor.connected(at: now)) }
    }

    // MARK: - Answers

    /// Sends and decodes a 2xx answer; a refusal is an operating error here.
    func result<Result: Decodable>(
        _ type: Result.Type,
        withAPIKey: Bool = true,
        _ build: (Int64) throws(BinanceRequestError) -> BinanceRESTRequest
    ) async throws(VenueError) -> Result {
        switch try await call(withAPIKey: withAPIKey, build) {
        case .success(let body): return try decode(type, body)
        case .refused(let error, _): throw BinanceTranslator.venueError(error, at: clock.now())
        }
    }

    func decode<Result: Decodable>(_ type: Result.Type, _ body: [UInt8]) throws(VenueError) -> Result {
        do {
            return try BinanceCodec.decode(type, from: Data(body))
        } catch {
            throw .malformedMessage(venue: .binance, what: "\(Result.self)", reason: error.description)
        }
    }

    func translated<Value>(_ body: () throws(BinanceParseError) -> Value) throws(VenueError) -> Value {
        do {
            return try body()
        } catch {
            throw .malformedMessage(venue: .binance, what: "answer", reason: error.description)
        }
    }
}
