import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Authentication and token refresh

extension DeribitSession {
    /// `public/auth` with a client signature; the token is this connection's.
    func authenticate(_ credentials: VenueCredentials, connection number: Int) async throws(DeribitCallFailure) {
        let call = DeribitRequests.authenticate(
            credentials,
            timestampMillis: clock.now().milliseconds,
            nonce: Self.makeNonce()
        )
        let data: Data
        do throws(DeribitCallFailure) {
            data = try await request(call, waitForReady: false)
        } catch .rpc(let error) {
            emit(.authenticationRefused(connection: number, code: error.code, message: error.message))
            throw .operating(.authenticationFailed(venue: .deribit, reason: "\(error.code) \(error.message)"))
        }
        let result = try decodeAuth(data)
        store(result)
        emit(.authenticated(connection: number, scope: result.scope))
    }

    /// Refreshes the access token before it expires, for as long as the connection lives. A refused refresh ends the
    /// connection; the next one authenticates afresh.
    nonisolated func keepTokenFresh(connection number: Int) async throws {
        while true {
            guard let delay = await tokenRefreshDelay() else {
                try await configuration.clock.sleep(nanos: 3_600 * UnixNanos.nanosecondsPerSecond)
                continue
            }
            try await configuration.clock.sleep(nanos: delay)
            try await refreshToken(connection: number)
        }
    }

    /// Time until the refresh is due: `tokenRefreshLeadNanos` before expiry, or half-way through a shorter life.
    func tokenRefreshDelay() -> Int64? {
        guard let token else { return nil }
        let lead = min(configuration.tokenRefreshLeadNanos, (token.expiresAt - token.issuedAt) / 2)
        return max(0, token.expiresAt - clock.now() - lead)
    }

    func refreshToken(connection number: Int) async throws(DeribitCallFailure) {
        guard let token else { return }
        let data = try await request(DeribitRequests.refresh(refreshToken: token.refreshToken), waitForReady: false)
        store(try decodeAuth(data))
        emit(.tokenRefreshed(connection: number))
    }

    func decodeAuth(_ data: Data) throws(DeribitCallFailure) -> DeribitAuthWire {
        do {
            guard let result = try DeribitCodec.decodeResponse(DeribitAuthWire.self, from: data).result else {
                throw DeribitParseError.decoding(what: "public/auth result", reason: "missing")
            }
            return result
        } catch {
            throw .operating(.malformedMessage(venue: .deribit, what: "public/auth result", reason: "\(error)"))
        }
    }

    func store(_ result: DeribitAuthWire) {
        let now = clock.now()
        let (lifetime, tooLong) = result.expiresIn.multipliedReportingOverflow(by: UnixNanos.nanosecondsPerSecond)
        let (expiry, tooLate) = now.rawValue.addingReportingOverflow(lifetime)
        token = Token(
            accessToken: result.accessToken,
            refreshToken: result.refreshToken,
            issuedAt: now,
            expiresAt: UnixNanos(tooLong || tooLate ? .max : expiry)
        )
    }

    /// A fresh nonce per signature (it only needs to be unique, not secret).
    static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 36)
    }
}
