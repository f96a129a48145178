// Proves each venue's signature scheme: HMAC-SHA256 itself against RFC 4231, Binance against the example signature in
// Binance's API documentation, and Deribit, OKX and Bybit against values computed independently with Python's hmac
// module over the exact strings each venue's docs say to sign (their docs publish the recipe, not a worked vector).
import LegateCore
import Testing

@testable import LegateVenues

@Suite struct SigningTests {
    @Test func hmacSHA256MatchesRFC4231TestCase2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        #expect(
            HMACSigner.hex(secret: "Jefe", message: "what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        )
    }

    @Test func binanceMatchesTheDocumentedExample() {
        // Binance "SIGNED endpoint examples for POST /api/v3/order" (HMAC Keys).
        let secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
        let params = [
            ("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", "1"),
            ("price", "0.1"), ("recvWindow", "5000"), ("timestamp", "1499827319559"),
        ]
        let expected = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        let query = BinanceSigning.signedQuery(params, secret: secret)
        #expect(query.hasSuffix("&signature=\(expected)"))
        #expect(query.hasPrefix("symbol=LTCBTC&side=BUY&type=LIMIT&"))
    }

    @Test func deribitClientSignatureSignsTimestampNonceAndData() {
        let signature = DeribitSigning.clientSignature(
            secret: "AMANDASECRECTSECRET",
            timestampMillis: 1_576_074_319_000,
            nonce: "1iqt2wls",
            data: ""
        )
        #expect(signature == "e2ec783213543ffa6a866aae7dfec2eb733ee6d9949a8a39d524bea4aed91faf")
    }

    @Test func deribitHTTPHeaderSignsMethodURIAndBody() {
        let header = DeribitSigning.httpAuthorization(
            credentials: VenueCredentials(apiKey: "AMANDA", secret: "AMANDASECRECTSECRET"),
            timestampMillis: 1_576_074_319_000,
            nonce: "1iqt2wls",
            method: "get",
            uri: "/api/v2/private/get_account_summary?currency=BTC",
            body: ""
        )
        #expect(
            header
                == "deri-hmac-sha256 id=AMANDA,ts=1576074319000,"
                + "sig=cc56fa98eb3fd8e968ffc93b31bd2fd420e70cedcd370188d1d8073d7a9af199,nonce=1iqt2wls"
        )
    }

    @Test func okxSignsTimestampMethodPathAndBodyInBase64() {
        let secret = "22582BD0CFF14C41EDBF1AB98506286D"
        let timestamp = OKXSigning.timestamp(UnixNanos(1_607_418_537_715_123_456))
        #expect(timestamp == "2020-12-08T09:08:57.715Z")
        let get = OKXSigning.restSignature(
            secret: secret,
            timestamp: timestamp,
            method: "GET",
            requestPath: "/api/v5/account/balance?ccy=BTC",
            body: ""
        )
        #expect(get == "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=")
        let post = OKXSigning.restSignature(
            secret: secret,
            timestamp: timestamp,
            method: "post",
            requestPath: "/api/v5/trade/order",
            body: #"{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"limit","px":"2.15","sz":"2"}"#
        )
        #expect(post == "iwrdSpN7pm4G4u8+fswZUyH6mOM48+sBF6WvKpj4Dvk=")
        #expect(
            OKXSigning.websocketLoginSignature(secret: secret, timestampSeconds: 1_538_054_050)
                == "+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M="
        )
    }

    @Test func bybitSignsTimestampKeyWindowAndPayload() {
        let rest = BybitSigning.restSignature(
            secret: "XXXXXXXXXX",
            timestampMillis: 1_658_384_314_791,
            apiKey: "XXXXXXXXXX",
            recvWindowMillis: 5000,
            payload: "category=option&symbol=BTC-29JUL22-25000-C"
        )
        #expect(rest == "c00720f96c5934ca7057ac28ae65b823f83b8b67a8fe784e7795ca0fa3c148ec")
        #expect(
            BybitSigning.websocketAuthSignature(secret: "XXXXXXXXXX", expiresMillis: 1_662_350_400_000)
                == "3d6cbbfa4569aab894f661add824ff3f06090d0edba388f1e47dc15e6a7b5a8b"
        )
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = VenueCredentials(apiKey: "key", secret: "s3cr3t", passphrase: "pass")
        #expect(!credentials.description.contains("s3cr3t"))
        #expect(!credentials.description.contains("pass"))
    }
}
