import Foundation
import LegateCore
import LegateTransport
import LegateVenues

extension BybitSession {
    /// The venue's time now, for `X-BAPI-TIMESTAMP` and the `auth` expiry: local time corrected by the offset tracked
    /// from `market/time` (read again every `clockSyncIntervalNanos`).
    func venueNow() async -> UnixNanos {
        let clock = clock
        return await venueClock.now(local: { clock.now() }, serverTime: { await self.serverTime() })
    }

    /// `GET /v5/market/time` → `{"retCode":0,"result":{"timeSecond":"…","timeNano":"…"},…}`; nil (and an event)
    /// when it fails.
    func serverTime() async -> UnixNanos? {
        let path = "/v5/market/time"
        do {
            let answer = try await rest.send(RESTRequest(url: configuration.restBaseURL + path))
            let decoded = try JSONDecoder().decode(BybitServerTimeWire.self, from: Data(answer.body))
            guard answer.status == 200, decoded.retCode == 0, let nanos = Int64(decoded.result.timeNano) else {
                throw TransportError.requestFailed(
                    url: path,
                    reason: "HTTP \(answer.status): \(answer.text.prefix(80))"
                )
            }
            return UnixNanos(nanos)
        } catch {
            emit(.unreadable(what: path, reason: "\(error)"))
            return nil
        }
    }
}

/// The answer to `market/time`: the venue's time in seconds and nanoseconds, as strings.
struct BybitServerTimeWire: Decodable, Sendable {
    struct Result: Decodable, Sendable {
        let timeNano: String
    }

    let retCode: Int
    let result: Result
}
