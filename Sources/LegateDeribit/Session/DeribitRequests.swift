import LegateCore
import LegateModel
import LegateSymbology
public import LegateVenues

/// Builds Deribit JSON-RPC calls from Legate's model: pure, so every parameter the session sends can be tested
/// without a connection. Anything Deribit cannot express throws `VenueError.unsupported` rather than being bent.
public enum DeribitRequests {
    // MARK: - Session

    /// `public/auth` with `grant_type: client_signature`: `hex(HMAC-SHA256(secret, timestamp\nnonce\ndata))`, so the
    /// secret never crosses the wire.
    public static func authenticate(
        _ credentials: VenueCredentials,
        timestampMillis: Int64,
        nonce: String,
        data: String = ""
    ) -> DeribitCall {
        let signature = DeribitSigning.clientSignature(
            secret: credentials.secret,
            timestampMillis: timestampMillis,
            nonce: nonce,
            data: data
        )
        return DeribitCall(
            "public/auth",
            .object([
                "grant_type": .string("client_signature"),
                "client_id": .string(credentials.apiKey),
                "timestamp": .integer(timestampMillis),
                "signature": .string(signature),
                "nonce": .string(nonce),
                "data": .string(data),
            ]),
            requestClass: .account
        )
    }

    /// `public/auth` with `grant_type: refresh_token`: a new access token before the old one expires.
    public static func refresh(refreshToken: String) -> DeribitCall {
        DeribitCall(
            "public/auth",
            .object(["grant_type": .string("refresh_token"), "refresh_token": .string(refreshToken)]),
            requestClass: .account
        )
    }

    /// `public/set_heartbeat`: the server sends `test_request` every `intervalSeconds` (at least 10) and closes the
    /// connection when one goes unanswered.
    public static func setHeartbeat(intervalSeconds: Int) -> DeribitCall {
        DeribitCall(
            "public/set_heartbeat",
            .object(["interval": .integer(Int64(intervalSeconds))]),
            requestClass: .account
        )
    }

    /// The answer to a heartbeat `test_request`.
    public static let test = DeribitCall("public/test", requestClass: .account)

    public static func subscribe(_ channels: [String], isPrivate: Bool) -> DeribitCall {
        DeribitCall(
            isPrivate ? "private/subscribe" : "public/subscribe",
            .object(["channels": .strings(channels)]),
            requestClass: .subscribe
        )
    }

    public static func unsubscribe(_ channels: [String], isPrivate: Bool) -> DeribitCall {
        DeribitCall(
            isPrivate ? "private/unsubscribe" : "public/unsubscribe",
            .object(["channels": .strings(channels)]),
            requestClass: .subscribe
        )
    }

    /// Cancel-on-disconnect for this connection (Deribit takes no timeout: it fires when the socket closes).
    public static func cancelOnDisconnect(enable: Bool) -> DeribitCall {
        DeribitCall(
            enable ? "private/enable_cancel_on_disconnect" : "private/disable_cancel_on_disconnect",
            .object(["scope": .string("connection")]),
            requestClass: .account
        )
    }

    // MARK: - Channels

    /// The channels that carry a subscription: `book.{name}.{interval}` (raw deltas chained by `change_id`) or, with
    /// a depth, `book.{name}.none.{depth}.{interval}` (full snapshots; Deribit offers depths 1, 10 and 20);
    /// `trades.{name}.{interval}`; `ticker.{name}.{interval}`, which also carries a perpetual's funding.
    public static func channels(
        for subscription: MarketDataSubscription,
        interval: String
    ) throws(VenueError) -> String {
        let name = try symbol(subscription.instrument)
        switch subscription.channel {
        case .book(nil): return "book.\(name).\(interval)"
        case .book(let depth?):
            guard [1, 10, 20].contains(depth) else {
                throw .unsupported(venue: .deribit, operation: "book depth \(depth) (Deribit offers 1, 10 and 20)")
            }
            // Grouped books exist at 100ms and agg2 only.
            return "book.\(name).none.\(depth).\(interval == "raw" ? "100ms" : interval)"
        case .trades: return "trades.\(name).\(interval)"
        case .ticker: return "ticker.\(name).\(interval)"
        case .funding:
            guard subscription.instrument.kind == .perpetual else {
                throw .unsupported(venue: .deribit, operation: "funding for \(name), which is not a perpetual")
            }
            return "ticker.\(name).\(interval)"
        }
    }

    static func symbol(_ instrument: Instrument) throws(VenueError) -> String {
        do {
            return try DeribitSymbology.format(instrument)
        } catch {
            throw .unsupported(venue: .deribit, operation: "instrument \(instrument): \(error)")
        }
    }
}
