// Proves the pure half of the Deribit session: the JSON-RPC frames it builds from Legate's model (exact decimals,
// escaped strings, the access token on private methods only), the order parameters for every price unit and time in
// force, the refusals where Deribit cannot express a request, the channel names, the client signature the venue
// verifies, and the report filter that lets each order fact through once.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateDeribit

@Suite struct DeribitRequestsTests {
    static func option() throws -> Instrument { try DeribitTranslator.instrument(named: "BTC-24SEP21-8000-P") }

    static func request(
        _ instrument: Instrument,
        kind: OrderKind,
        side: OrderSide = .sell,
        timeInForce: TimeInForce = .goodTillCancelled,
        flags: ExecutionFlags = .none
    ) -> OrderRequest {
        OrderRequest(
            clientOrderID: ClientOrderID(known: "c-1"),
            account: AccountID(known: "a-1"),
            venue: .deribit,
            instrument: instrument,
            side: side,
            quantity: Quantity(FixedDecimal(units: 15, scale: 1)),
            kind: kind,
            timeInForce: timeInForce,
            flags: flags
        )
    }

    @Test func framesAreJSONRPCWithExactDecimalsAndTheTokenOnPrivateMethodsOnly() throws {
        let call = try DeribitRequests.place(
            orderID: OrderID(known: "O-1"),
            request: Self.request(try Self.option(), kind: .limit(LimitPrice(FixedDecimal(units: 5, scale: 4))))
        )
        #expect(
            call.frame(id: 7, accessToken: "t")
                == #"{"jsonrpc":"2.0","id":7,"method":"private/sell","params":{"instrument_name":"BTC-24SEP21-8000-P","#
                + #""amount":1.5,"type":"limit","label":"O-1","price":0.0005,"time_in_force":"good_til_cancelled","#
                + #""access_token":"t"}}"#
        )
        #expect(!DeribitRequests.test.frame(id: 1, accessToken: "t").contains("access_token"))
        #expect(DeribitRPCValue.string("a\"b\\c\n\u{1}").json == #""a\"b\\c\n\u0001""#)
    }

    @Test func priceUnitsMapToDeribitsAdvancedPricing() throws {
        let option = try Self.option()
        let usd = try DeribitRequests.place(
            orderID: OrderID(known: "O-1"),
            request: Self.request(option, kind: .limit(LimitPrice(FixedDecimal(125), unit: .usd)))
        )
        #expect(usd.params.json.contains(#""price":125,"advanced":"usd""#))
        // Legate holds IV as a fraction; Deribit's implv price is in percent.
        let vol = try DeribitRequests.place(
            orderID: OrderID(known: "O-1"),
            request: Self.request(
                option,
                kind: .limit(LimitPrice(FixedDecimal(units: 625, scale: 3), unit: .impliedVolatility))
            )
        )
        #expect(vol.params.json.contains(#""price":62.5,"advanced":"implv""#))
        let perpetual = try DeribitTranslator.instrument(named: "BTC-PERPETUAL")
        #expect(throws: VenueError.self) {
            try DeribitRequests.place(
                orderID: OrderID(known: "O-1"),
                request: Self.request(perpetual, kind: .limit(LimitPrice(FixedDecimal(1), unit: .usd)))
            )
        }
    }

    @Test func marketOrdersGoOutAsProtectedImmediateLimits() throws {
        let call = try DeribitRequests.place(
            orderID: OrderID(known: "O-1"),
            request: Self.request(
                try Self.option(),
                kind: .market(protection: Price(FixedDecimal(units: 1, scale: 2))),
                side: .buy,
                flags: ExecutionFlags(reduceOnly: true)
            )
        )
        #expect(call.method == "private/buy")
        #expect(call.params.json.contains(#""type":"limit""#))
        #expect(call.params.json.contains(#""price":0.01,"time_in_force":"immediate_or_cancel","reduce_only":true"#))
    }

    @Test(arguments: [
        (TimeInForce.goodTillCancelled, "good_til_cancelled"),
        (.goodTillDate(UnixNanos.seconds(1)), "good_til_cancelled"),
        (.immediateOrCancel, "immediate_or_cancel"),
        (.fillOrKill, "fill_or_kill"),
    ])
    func timeInForceMapsToDeribitsNames(timeInForce: TimeInForce, name: String) throws {
        let call = try DeribitRequests.place(
            orderID: OrderID(known: "O-1"),
            request: Self.request(
                try Self.option(),
                kind: .limit(LimitPrice(FixedDecimal(units: 5, scale: 4))),
                timeInForce: timeInForce
            )
        )
        #expect(call.params.json.contains(#""time_in_force":"\#(name)""#))
    }

    @Test func cancelAllCoversExactlyTheScopeOrIsRefused() throws {
        #expect(try DeribitRequests.cancelAll(.all).method == "private/cancel_all")
        let byInstrument = try DeribitRequests.cancelAll(.instrument(try Self.option()))
        #expect(byInstrument.params.json == #"{"instrument_name":"BTC-24SEP21-8000-P"}"#)
        #expect(try DeribitRequests.cancelAll(.kind(.option)).params.json == #"{"currency":"any","kind":"option"}"#)
        #expect(try DeribitRequests.cancelAll(.kind(.combo)).params.json == #"{"currency":"any","kind":"combo"}"#)
        #expect(throws: VenueError.self) { try DeribitRequests.cancelAll(.kind(.perpetual)) }
        #expect(throws: VenueError.self) {
            try DeribitRequests.cancelAll(.underlying(Underlying(base: .btc, quote: .usd)))
        }
    }

    @Test func amendAndCancelUseTheVenueIdOrFallBackToTheLabel() throws {
        let option = try Self.option()
        let price = OrderKind.limit(LimitPrice(FixedDecimal(units: 6, scale: 4)))
        let quantity = Quantity(FixedDecimal(2))
        let byID = try DeribitRequests.amend(
            orderID: OrderID(known: "O-1"),
            venueOrderID: VenueOrderID(known: "9876"),
            instrument: option,
            quantity: quantity,
            kind: price
        )
        #expect(byID.method == "private/edit")
        #expect(byID.params.json == #"{"order_id":"9876","amount":2,"price":0.0006}"#)
        let byLabel = try DeribitRequests.amend(
            orderID: OrderID(known: "O-1"),
            venueOrderID: nil,
            instrument: option,
            quantity: quantity,
            kind: price
        )
        #expect(byLabel.method == "private/edit_by_label")
        #expect(throws: VenueError.self) {
            try DeribitRequests.amend(
                orderID: OrderID(known: "O-1"),
                venueOrderID: nil,
                instrument: nil,
                quantity: quantity,
                kind: price
            )
        }
        #expect(
            try DeribitRequests.cancel(orderID: OrderID(known: "O-1"), venueOrderID: nil).method
                == "private/cancel_by_label"
        )
    }

    @Test func subscriptionsNameDeribitsChannels() throws {
        let option = try Self.option()
        let perpetual = try DeribitTranslator.instrument(named: "BTC-PERPETUAL")
        func channel(_ instrument: Instrument, _ kind: MarketDataSubscription.Channel) throws -> String {
            try DeribitRequests.channels(
                for: MarketDataSubscription(instrument: instrument, channel: kind),
                interval: "raw"
            )
        }
        #expect(try channel(option, .book(depth: nil)) == "book.BTC-24SEP21-8000-P.raw")
        #expect(try channel(option, .book(depth: 10)) == "book.BTC-24SEP21-8000-P.none.10.100ms")
        #expect(try channel(option, .trades) == "trades.BTC-24SEP21-8000-P.raw")
        #expect(try channel(perpetual, .funding) == "ticker.BTC-PERPETUAL.raw")
        #expect(throws: VenueError.self) { try channel(option, .funding) }
        #expect(throws: VenueError.self) { try channel(option, .book(depth: 5)) }
    }

    @Test func theClientSignatureIsTheDocumentedHMAC() throws {
        // StringToSign = Timestamp + "\n" + Nonce + "\n" + Data; hex(HMAC-SHA256(secret, StringToSign)).
        let call = DeribitRequests.authenticate(
            VenueCredentials(apiKey: "id", secret: "secret"),
            timestampMillis: 1_576_074_319_000,
            nonce: "1iqt2wls",
            data: ""
        )
        let expected = HMACSigner.hex(secret: "secret", message: "1576074319000\n1iqt2wls\n")
        #expect(
            call.params.json
                == #"{"grant_type":"client_signature","client_id":"id","timestamp":1576074319000,"#
                + #""signature":"\#(expected)","nonce":"1iqt2wls","data":""}"#
        )
    }

    @Test func theReportFilterLetsEachFactThroughOnce() {
        var filter = DeribitReportFilter(capacity: 2)
        let order = OrderID(known: "O-1")
        let ack = VenueReport.acknowledged(orderID: order, venueOrderID: VenueOrderID(known: "1"))
        func fill(_ id: String) -> VenueReport {
            .fill(VenueFill(venue: .deribit, tradeID: id, orderID: order, quantity: Quantity(1), price: Price(1)))
        }
        let sequence: [VenueReport] = [
            ack, ack, .amended(orderID: order), .amended(orderID: order), fill("t1"), fill("t1"),
            .cancelled(orderID: order, reason: "user_request"), .cancelled(orderID: order, reason: "user_request"),
            // Bounded: two more trades push t1 out, so it would pass again.
            fill("t2"), fill("t3"), fill("t1"),
        ]
        let admitted = sequence.map { filter.admit($0) }
        #expect(admitted == [true, false, true, true, true, false, true, false, true, true, true])
    }
}
