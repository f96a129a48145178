// Proves the REST client against the loopback server: status, headers and body come back as sent, a POST body
// arrives intact, any status other than 429/418 is an answer (the caller judges it), and 429 and 418 become a typed
// rate-limit error whose retry instant comes from Retry-After in either of its two forms (RFC 9110 §10.2.3).
import LegateCore
import LegateTransport
import Testing

@Suite struct RESTClientTests {
    @Test func statusHeadersAndBodyComeBack() async throws {
        let handler: LoopbackServer.HTTPHandler = { request in
            LoopbackHTTPResponse(
                status: 200,
                headers: [
                    (name: "X-Request-Target", value: request.target), (name: "Content-Type", value: "text/json"),
                ],
                text: #"{"result":"\#(request.method) \#(request.text)"}"#
            )
        }
        try await LoopbackServer.withServer(http: handler) { server in
            let client = RESTClient()
            let get = try await client.send(RESTRequest(url: server.httpURL("/api/v2/public/get_time?x=1")))
            #expect(get.status == 200)
            #expect(get.header("x-request-target") == "/api/v2/public/get_time?x=1")
            #expect(get.header("content-type") == "text/json")
            #expect(get.text == #"{"result":"GET "}"#)
            let post = try await client.send(
                RESTRequest(method: "POST", url: server.httpURL("/api/v2/private/buy"), body: Array("amount=1".utf8))
            )
            #expect(post.text == #"{"result":"POST amount=1"}"#)
        }
    }

    @Test func errorStatusesOtherThanRateLimitsAreAnswers() async throws {
        let handler: LoopbackServer.HTTPHandler = { _ in LoopbackHTTPResponse(status: 400, text: "bad request") }
        try await LoopbackServer.withServer(http: handler) {
            server in
            let response = try await RESTClient().send(RESTRequest(url: server.httpURL("/x")))
            #expect(response.status == 400)
            #expect(response.text == "bad request")
        }
    }

    @Test func tooManyRequestsCarriesTheRetryAfterDelay() async throws {
        let handler: LoopbackServer.HTTPHandler = { _ in
            LoopbackHTTPResponse(status: 429, headers: [(name: "Retry-After", value: "7")], text: "slow down")
        }
        try await LoopbackServer.withServer(http: handler) { server in
            let clock = RecordingClock()
            let before = clock.now()
            let error = await #expect(throws: TransportError.self) {
                try await RESTClient(clock: clock).send(RESTRequest(url: server.httpURL("/api/v1/order")))
            }
            guard case .rateLimited(let status, let url, let retryAt?, let body) = error else {
                Issue.record("expected rateLimited with a retry time, got \(String(describing: error))")
                return
            }
            #expect(status == 429)
            #expect(url == server.httpURL("/api/v1/order"))
            #expect(body == "slow down")
            // Seven seconds after the response arrived, which is after the request left.
            #expect(retryAt >= before + 7 * UnixNanos.nanosecondsPerSecond)
            #expect(retryAt <= clock.now() + 7 * UnixNanos.nanosecondsPerSecond)
        }
    }

    @Test func aBanCarriesTheRetryAfterDate() async throws {
        let handler: LoopbackServer.HTTPHandler = { _ in
            LoopbackHTTPResponse(
                status: 418,
                headers: [(name: "Retry-After", value: "Fri, 01 Jan 2100 00:00:00 GMT")],
                text: "banned"
            )
        }
        try await LoopbackServer.withServer(http: handler) { server in
            let error = await #expect(throws: TransportError.self) {
                try await RESTClient().send(RESTRequest(url: server.httpURL("/fapi/v1/order")))
            }
            let expected = CivilDate(year: 2_100, month: 1, day: 1)!.unixNanos
            #expect(
                error
                    == .rateLimited(
                        status: 418,
                        url: server.httpURL("/fapi/v1/order"),
                        retryAt: expected,
                        body: "banned"
                    )
            )
        }
    }

    @Test func aRateLimitWithoutRetryAfterHasNoRetryTime() async throws {
        let handler: LoopbackServer.HTTPHandler = { _ in LoopbackHTTPResponse(status: 429, text: "") }
        try await LoopbackServer.withServer(http: handler) { server in
            let error = await #expect(throws: TransportError.self) {
                try await RESTClient().send(RESTRequest(url: server.httpURL("/")))
            }
            #expect(error == .rateLimited(status: 429, url: server.httpURL("/"), retryAt: nil, body: ""))
        }
    }

    @Test func retryAfterReadsBothForms() {
        // RFC 9110's own examples: "Wed, 21 Oct 2015 07:28:00 GMT" and "120".
        let date = CivilDate(year: 2_015, month: 10, day: 21)!.unixNanos + (7 * 3_600 + 28 * 60) * 1_000_000_000
        #expect(RetryAfter(header: "Wed, 21 Oct 2015 07:28:00 GMT") == .date(date))
        #expect(RetryAfter(header: " 120 ") == .seconds(120))
        #expect(RetryAfter(header: "soon") == nil)
        #expect(RetryAfter(header: "-1") == nil)
        #expect(RetryAfter(header: "Wed, 21 Oct 2015 25:28:00 GMT") == nil)
        let now = UnixNanos.seconds(1_000)
        #expect(RetryAfter.seconds(120).retryAt(receivedAt: now) == UnixNanos.seconds(1_120))
        // A date already past means "now", never the past.
        #expect(RetryAfter.date(UnixNanos.seconds(10)).retryAt(receivedAt: now) == now)
    }
}
