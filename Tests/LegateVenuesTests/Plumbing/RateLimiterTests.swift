// Proves the rate limiters with time passed in: a token bucket refills exactly and says when credits return, a
// rolling window frees weight as grants age out, the Deribit preset charges its credit scheme (500 a request from a
// 50,000 pool refilled at 10,000/s), per-key rules count keys apart, and a venue refusal blocks until its time.
import LegateCore
import Testing

@testable import LegateVenues

@Suite struct RateLimiterTests {
    let second: Int64 = 1_000_000_000

    @Test func tokenBucketSpendsRefillsAndSaysWhen() {
        var bucket = TokenBucket(capacity: 10, refillPerSecond: 4)
        let start = UnixNanos(0)
        for _ in 0..<10 { #expect(bucket.acquire(1, at: start) == .granted) }
        // Empty: one credit takes 1/4 s.
        #expect(bucket.acquire(1, at: start) == .denied(retryAt: UnixNanos(250_000_000), rule: "token bucket"))
        #expect(bucket.acquire(1, at: UnixNanos(249_999_999)) != .granted)
        #expect(bucket.acquire(1, at: UnixNanos(250_000_000)) == .granted)
        // Never above capacity, however long the pause.
        #expect(bucket.available(at: UnixNanos(1_000 * second)) == 10)
    }

    @Test func slidingWindowFreesWeightAsGrantsAge() {
        var window = SlidingWindowLimiter(limit: 3, windowNanos: 2 * second)
        #expect(window.acquire(1, at: UnixNanos(0)) == .granted)
        #expect(window.acquire(1, at: UnixNanos(second / 2)) == .granted)
        #expect(window.acquire(1, at: UnixNanos(second)) == .granted)
        #expect(window.acquire(1, at: UnixNanos(second)) == .denied(retryAt: UnixNanos(2 * second), rule: "window"))
        #expect(window.acquire(1, at: UnixNanos(2 * second)) == .granted)
        #expect(window.used(at: UnixNanos(2 * second)) == 3)
        #expect(window.used(at: UnixNanos(10 * second)) == 0)
        // A heavy request waits until enough weight has left.
        var heavy = SlidingWindowLimiter(limit: 10, windowNanos: second)
        _ = heavy.acquire(4, at: UnixNanos(0))
        _ = heavy.acquire(4, at: UnixNanos(100))
        #expect(heavy.acquire(6, at: UnixNanos(200)) == .denied(retryAt: UnixNanos(second), rule: "window"))
    }

    @Test func deribitCreditsAllowOneHundredRequestsThenTwentyPerSecond() {
        var limiter = VenueRateLimiter.deribit()
        let start = UnixNanos(0)
        // 50,000 credits at 500 a request: a burst of 100.
        for _ in 0..<100 { #expect(limiter.acquire(.marketData, at: start) == .granted) }
        guard case .denied(let retryAt, let rule) = limiter.acquire(.marketData, at: start) else {
            Issue.record("the 101st request must wait")
            return
        }
        #expect(rule == "deribit non-matching credits")
        // 500 credits at 10,000/s: 50 ms.
        #expect(retryAt == UnixNanos(50_000_000))
        // Orders use the separate matching-engine limit, untouched by the market-data burst.
        #expect(limiter.acquire(.trading, at: start) == .granted)
    }

    @Test func perKeyRulesCountEachKeyApart() {
        var limiter = VenueRateLimiter.okx()
        let start = UnixNanos(0)
        for _ in 0..<60 { #expect(limiter.acquire(.trading, key: "BTC-USD", at: start) == .granted) }
        #expect(limiter.acquire(.trading, key: "BTC-USD", at: start) != .granted)
        #expect(limiter.acquire(.trading, key: "ETH-USD", at: start) == .granted)
    }

    @Test func aRefusedRequestChargesNoRule() {
        var limiter = VenueRateLimiter.binanceUSDM()
        let start = UnixNanos(0)
        for _ in 0..<300 { _ = limiter.acquire(.trading, at: start) }
        #expect(limiter.acquire(.trading, at: start) != .granted)
        // The weight rule (2,400/min) was charged only for the 300 granted orders.
        for _ in 0..<2_100 { #expect(limiter.acquire(.marketData, at: start) == .granted) }
        #expect(limiter.acquire(.marketData, at: start) != .granted)
    }

    @Test func aVenueRefusalBlocksUntilItsTime() {
        var limiter = VenueRateLimiter.bybit()
        limiter.throttle(until: UnixNanos(5 * second))
        #expect(
            limiter.acquire(.account, at: UnixNanos(second))
                == .denied(retryAt: UnixNanos(5 * second), rule: "venue refusal")
        )
        #expect(limiter.acquire(.account, at: UnixNanos(5 * second)) == .granted)
    }
}
