import Foundation
import LegateCore
import LegateTransport
import LegateVenues

extension OKXSession {
    /// The venue's time now, for `OK-ACCESS-TIMESTAMP` and the WebSocket login: local time corrected by the offset
    /// tracked from `public/time` (read again every `clockSyncIntervalNanos`).
    func venueNow() async -> UnixNanos {
        let clock = clock
        return await venueClock.now(local: { clock.now() }, serverTime: { await self.serverTime() })
    }

    /// `GET /api/v5/public/time` → `{"code":"0","data":[{"ts":"1597026383085"}]}`; nil (and an event) when it fails.
    func serverTime() async -> UnixNanos? {
        let path = "/api/v5/public/time"
        do {
            let answer = try await rest.send(RESTRequest(url: configuration.restBaseURL + path))
            let decoded = try OKXCodec.decode(OKXResponse<OKXServerTimeWire>.self, from: Data(answer.body))
            guard answer.status == 200, let millis = decoded.data.first?.ts.value else {
                throw TransportError.requestFailed(
                    url: path,
                    reason: "HTTP \(answer.status): \(answer.text.prefix(80))"
                )
            }
            return WireMillis.instant(millis: millis)
        } catch {
            emit(.unreadable(what: path, reason: "\(error)"))
            return nil
        }
    }
}

/// An item of `public/time`: the venue's time in milliseconds, as a string.
struct OKXServerTimeWire: Decodable, Sendable {
    let ts: WireMillis
}
