// The order-notional limit in each instrument's quote currency: premium in coin for an inverse option, quote
// currency for a linear contract, and the USD face value (the size itself) for an inverse future or perpetual.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import Testing

@Suite struct OrderNotionalTests {
    static let inversePerpetual = Instrument.perpetual(Underlying(base: .btc, quote: .usd), settlement: .inverse(.btc))
    static let linearPerpetual = Instrument.perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt))

    /// The gate's figures for one order under a hard 60,000 notional limit.
    static func judge(_ instrument: Instrument, quantity: String, price: String) throws -> (OrderStatus?, String?) {
        var harness = Harness()
        harness.command(Fixture.rita, limit(.orderNotional, .firm, "60000", .hard))
        harness.command(
            Fixture.alice,
            .placeOrder(Fixture.request("n", quantity: quantity, price: price, instrument: instrument), stage: false)
        )
        let order = try #require(harness.lastOrderID)
        return (harness.order(order)?.status, harness.order(order)?.reason)
    }

    @Test func anInversePerpetualCountsItsUSDFaceValue() throws {
        // 50,000 USD of contracts at 97,000: 50,000 of notional, whatever the price.
        #expect(try Self.judge(Self.inversePerpetual, quantity: "50000", price: "97000").0 == .sent)
        let (status, reason) = try Self.judge(Self.inversePerpetual, quantity: "70000", price: "97000")
        #expect(status == .rejected)
        #expect(reason?.contains("70000") == true && reason?.contains("60000") == true, "\(reason ?? "")")
    }

    @Test func aLinearContractCountsPriceTimesQuantity() throws {
        // 0.5 BTC at 97,000 USDT is 48,500 USDT; 1 BTC is 97,000.
        #expect(try Self.judge(Self.linearPerpetual, quantity: "0.5", price: "97000").0 == .sent)
        let (status, reason) = try Self.judge(Self.linearPerpetual, quantity: "1", price: "97000")
        #expect(status == .rejected)
        #expect(reason?.contains("97000") == true, "\(reason ?? "")")
    }

    @Test func anInverseOptionCountsItsPremiumInCoin() throws {
        // 10 calls at 0.05 BTC: 0.5 BTC of premium, far inside 60,000.
        #expect(try Self.judge(Fixture.call, quantity: "10", price: "0.05").0 == .sent)
    }
}
