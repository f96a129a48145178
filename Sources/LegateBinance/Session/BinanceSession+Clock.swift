import Foundation
import LegateCore
import LegateTransport
import LegateVenues

extension BinanceSession {
    /// The venue's time now, for a signed request's `timestamp`: Binance refuses one ahead of its clock by a second
    /// or more, or behind it by more than `recvWindow` (-1021), so a skewed local clock is corrected by the tracked
    /// offset (read again every `clockSyncIntervalNanos`).
    func venueNow() async -> UnixNanos {
        let clock = clock
        return await venueClock.now(local: { clock.now() }, serverTime: { await self.serverTime() })
    }

    /// `GET <api>/time` (unsigned). A failure leaves the offset as it was: requests are still signed, and Binance's
    /// -1021 says if the clock is off.
    func serverTime() async -> UnixNanos? {
        let path = configuration.market.serverTimePath
        do {
            let answer = try await rest.send(RESTRequest(url: configuration.restBaseURL + path))
            guard answer.status == 200 else { throw TransportError.requestFailed(url: path, reason: answer.text) }
            return WireMillis.instant(
                millis: try BinanceCodec.decode(BinanceServerTimeWire.self, from: Data(answer.body)).serverTime
            )
        } catch {
            emit(.unreadable(what: path, reason: "\(error)"))
            return nil
        }
    }
}
