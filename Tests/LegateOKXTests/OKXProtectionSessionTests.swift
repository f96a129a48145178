// Proves OKX market-maker protection (options): `mmp-config` and `mmp-reset` go out signed with the body OKX
// documents (instFamily, timeInterval and frozenInterval in milliseconds, qtyLimit in contracts), what OKX cannot
// express is refused unsent, and once protection is set resting option orders on the family go as `mmp` or
// `mmp_and_post_only` (the order types MMP counts), while immediate orders keep `ioc`.
import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Testing

@testable import LegateOKX

enum OKXProtection {
    static let btcUSD = Underlying(base: .btc, quote: .usd)
    static let millisecond: Int64 = 1_000_000

    static let quoting = MarketMakerProtection(
        underlying: btcUSD,
        intervalNanos: 5_000 * millisecond,
        frozenNanos: 2_000 * millisecond,
        quantityLimit: dec("100")
    )

    static func order(_ timeInForce: TimeInForce, postOnly: Bool = false) throws -> OrderRequest {
        let plain = OKXSessionFixtures.order(
            "0.01",
            instrument: try OKXTranslator.instrument(named: OKXSessionFixtures.option)
        )
        return OrderRequest(
            clientOrderID: plain.clientOrderID,
            account: plain.account,
            venue: .okx,
            instrument: plain.instrument,
            side: plain.side,
            quantity: plain.quantity,
            kind: plain.kind,
            timeInForce: timeInForce,
            flags: ExecutionFlags(postOnly: postOnly)
        )
    }
}

@Suite struct OKXProtectionRequestTests {
    @Test func theBodiesAreOKXsFieldsInMilliseconds() throws {
        let config = try OKXRequests.marketMakerProtection(OKXProtection.quoting)
        #expect(config.method == "POST" && config.path == "/api/v5/account/mmp-config")
        #expect(
            config.body == #"{"instFamily":"BTC-USD","timeInterval":"5000","frozenInterval":"2000","qtyLimit":"100"}"#
        )
        let reset = OKXRequests.resetMarketMakerProtection(OKXProtection.btcUSD)
        #expect(reset.path == "/api/v5/account/mmp-reset" && reset.body == #"{"instFamily":"BTC-USD"}"#)
    }

    @Test func whatOKXCannotExpressIsRefused() {
        let underlying = OKXProtection.btcUSD
        let second: Int64 = 1_000_000_000
        let refused = [
            // No quantity limit, which OKX requires.
            MarketMakerProtection(underlying: underlying, intervalNanos: second, frozenNanos: 0),
            // A delta limit OKX does not have.
            MarketMakerProtection(
                underlying: underlying,
                intervalNanos: second,
                frozenNanos: 0,
                quantityLimit: 1,
                deltaLimit: 1
            ),
            // Half a millisecond.
            MarketMakerProtection(underlying: underlying, intervalNanos: 500_000, frozenNanos: 0, quantityLimit: 1),
            // An MMP group: OKX has one protection per family.
            MarketMakerProtection(
                underlying: underlying,
                intervalNanos: second,
                frozenNanos: 0,
                quantityLimit: 1,
                group: "quotes"
            ),
        ]
        for protection in refused {
            #expect(throws: OKXRequestError.self) { try OKXRequests.marketMakerProtection(protection) }
        }
    }

    @Test func onlyRestingOptionOrdersOnAProtectedFamilyTakeTheMMPTypes() throws {
        let spec = try OKXSessionFixtures.optionSpec()
        func type(_ request: OrderRequest, _ families: Set<String>) throws -> String? {
            let body = try OKXRequests.place(
                orderID: OrderID(known: "legate1"),
                request: request,
                spec: spec,
                protectedFamilies: families
            ).body
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return object?["ordType"] as? String
        }
        let protected: Set<String> = ["BTC-USD"]
        #expect(try type(OKXProtection.order(.goodTillCancelled), protected) == "mmp")
        #expect(try type(OKXProtection.order(.goodTillCancelled, postOnly: true), protected) == "mmp_and_post_only")
        #expect(try type(OKXProtection.order(.immediateOrCancel), protected) == "ioc")
        #expect(try type(OKXProtection.order(.goodTillCancelled), ["ETH-USD"]) == "limit")
    }
}

@Suite struct OKXProtectionSessionTests {
    @Test func protectionIsSetTypesRestingQuotesAndResets() async throws {
        // Given a venue that accepts orders with the recorded answer, and mmp-config and mmp-reset with OKX's
        // documented answers (hand-written)
        let placed = try OKXSessionFixtures.text(
            "http_place_order_response.json",
            replacing: [("client_order_123", "legate1")]
        )
        let standIn = OKXStandIn(restScript: { call, _ in
            switch call.path {
            case "/api/v5/trade/order": OKXStandIn.envelope(placed)
            case "/api/v5/account/mmp-config":
                OKXStandIn.envelope(
                    #"{"frozenInterval":"2000","instFamily":"BTC-USD","qtyLimit":"100","timeInterval":"5000"}"#
                )
            case "/api/v5/account/mmp-reset": OKXStandIn.envelope(#"{"result":true}"#)
            default: nil
            }
        })
        let specs = try [OKXSessionFixtures.optionSpec()]
        let configure: @Sendable (LoopbackServer) -> OKXSessionConfiguration = {
            OKXSessionRig.configuration($0, specs: specs)
        }
        let events = try await OKXSessionRig.run(standIn, configure: configure) { session, record in
            try await Self.quoteThroughProtection(session)
            return record.events.all
        }
        // Then only the orders placed while protection was on took the MMP types
        let types = try standIn.calls(to: "/api/v5/trade/order").map { call in
            try JSONSerialization.jsonObject(with: Data(call.body.utf8)) as? [String: Any]
        }.map { $0?["ordType"] as? String }
        #expect(types == ["limit", "mmp", "ioc", "limit"])
        // And one signed mmp-config (the switch-off sent nothing) and one signed reset
        let config = standIn.calls(to: "/api/v5/account/mmp-config")
        #expect(config.count == 1 && config.first?.isSignatureValid == true)
        #expect(config.first?.body.contains(#""qtyLimit":"100""#) == true)
        let reset = standIn.calls(to: "/api/v5/account/mmp-reset")
        #expect(reset.count == 1 && reset.first?.isSignatureValid == true)
        #expect(events.contains(.marketMakerProtectionSet(family: "BTC-USD", isOff: false)))
        #expect(events.contains(.marketMakerProtectionSet(family: "BTC-USD", isOff: true)))
    }

    /// A quote before protection, protection set, a quote and a hedge, a reset, protection off, a last quote.
    static func quoteThroughProtection(_ session: OKXSession) async throws {
        let id = OrderID(known: "legate1")
        try await session.place(orderID: id, request: try OKXProtection.order(.goodTillCancelled))
        try await session.setMarketMakerProtection(OKXProtection.quoting)
        try await session.place(orderID: id, request: try OKXProtection.order(.goodTillCancelled))
        try await session.place(orderID: id, request: try OKXProtection.order(.immediateOrCancel))
        try await session.resetMarketMakerProtection(underlying: OKXProtection.btcUSD)
        try await session.setMarketMakerProtection(.off(OKXProtection.btcUSD))
        try await session.place(orderID: id, request: try OKXProtection.order(.goodTillCancelled))
    }
}
