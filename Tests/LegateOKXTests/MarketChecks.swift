// Market data into the model: books (seqId, prevSeqId, checksum), tops of book, trades, marks, index, option
// summaries (Greeks and vols as fractions), funding (current with its interval, and settled history), candles.
import LegateCore
import LegateModel
import Testing

@testable import LegateOKX

enum MarketChecks {
    static let btcUSDT = Instrument.spot(Underlying(base: .btc, quote: .usdt))

    static func booksSnapshot(_ fixture: OKXFixture) throws {
        let push = try fixture.push(OKXBookWire.self)
        let update = try #require(try OKXTranslator.bookUpdates(push, contracts: OKXContracts()).first)
        #expect(update.instrument == btcUSDT)
        #expect(update.kind == .snapshot)
        #expect(update.bids.count == 8)
        #expect(update.asks.count == 8)
        #expect(update.bids[0] == BookLevel(price: price("8476.97"), quantity: 256))
        #expect(update.asks[1] == BookLevel(price: 8477, quantity: 7))
        #expect(update.sequence == BookSequence(first: 123_456, last: 123_456, previous: nil))
        #expect(update.checksum == -855_196_043)
        #expect(update.at == millis(1_597_026_383_085))
        #expect(push.data[0].prevSeqId == -1)
        #expect(push.data[0].bids[0].orders == OKXInteger(12))
    }

    static func booksUpdate(_ fixture: OKXFixture) throws {
        let push = try fixture.push(OKXBookWire.self)
        #expect(push.action == "update")
        let update = try #require(try OKXTranslator.bookUpdates(push, contracts: OKXContracts()).first)
        #expect(update.kind == .delta)
        #expect(update.sequence == BookSequence(first: 123_457, last: 123_457, previous: 123_456))
        #expect(update.asks.last == BookLevel(price: price("8506.96"), quantity: 100))
    }

    static func orderBook(_ fixture: OKXFixture) throws {
        // REST books name no instrument: the caller asked for one (here BTC-USDT, whose prices these are).
        let wire = try #require(try fixture.items(OKXBookWire.self).first)
        let update = try OKXTranslator.bookUpdate(wire, instId: "BTC-USDT", kind: .snapshot, contracts: OKXContracts())
        #expect(update.bids.map(\.price) == [price("41006.7"), price("41006.6"), price("41006.5")])
        #expect(update.asks[2] == BookLevel(price: price("41007.0"), quantity: qty("2.05842530")))
        #expect(update.sequence.last == -1)
        #expect(update.checksum == nil)
        #expect(update.at == millis(1_704_067_200_000))
    }

    static func bboTbt(_ fixture: OKXFixture) throws {
        let top = try #require(
            try OKXTranslator.topOfBook(fixture.push(OKXBookWire.self), contracts: OKXContracts()).first
        )
        #expect(top.instrument == btcUSDT)
        #expect(top.bestBid == BookLevel(price: price("8476.97"), quantity: 256))
        #expect(top.bestAsk == BookLevel(price: price("8476.98"), quantity: 415))
        #expect(top.at == millis(1_597_026_383_085))
        #expect(try fixture.push(OKXBookWire.self).data[0].seqId == 123_456)
    }

    static func tickers(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.push(OKXTickerWire.self).data.first)
        let top = try OKXTranslator.topOfBook(wire, contracts: OKXContracts())
        #expect(top.bestBid == BookLevel(price: price("8888.88"), quantity: 5))
        #expect(top.bestAsk == BookLevel(price: price("9999.99"), quantity: 11))
        #expect(top.lastPrice == price("9999.99"))
        #expect(top.lastQuantity == qty("0.1"))
        #expect(wire.open24h?.value == 9_000)
        // OKX's tickers carry no mark: the board gives a ticker only once a mark arrives.
        var board = OKXTickerBoard()
        let before = board.apply(top)
        #expect(before == nil)
        let mark = OKXMark(instrument: btcUSDT, markPrice: price("9500"), at: millis(1_597_026_383_000))
        let after = board.apply(mark)
        let ticker = try #require(after)
        #expect(ticker.markPrice == price("9500"))
        #expect(ticker.bestBid == top.bestBid)
        #expect(ticker.at == millis(1_597_026_383_085))
    }

    static func trades(_ fixture: OKXFixture) throws {
        let trades = try OKXTranslator.trades(fixture.items(OKXTradeWire.self), contracts: OKXContracts())
        #expect(trades.count == 2)
        #expect(trades[0].instrument == btcUSDT)
        #expect(trades[0].tradeID == "734864333")
        #expect(trades[0].aggressor == .sell)
        #expect(trades[0].quantity == qty("0.00013669"))
        #expect(trades[0].price == price("102537.9"))
        #expect(trades[0].at == millis(1_747_087_163_557))
        #expect(trades[1].quantity == qty("0.0000125"))
    }

    static func wsTrades(_ fixture: OKXFixture) throws {
        let wires = try fixture.push(OKXTradeWire.self).data
        let trade = try #require(try OKXTranslator.trades(wires, contracts: OKXContracts()).first)
        #expect(trade.instrument == .spot(Underlying(base: .btc, quote: .usd)))
        #expect(trade.tradeID == "130639474")
        #expect(trade.price == price("42219.9"))
        #expect(trade.quantity == qty("0.12060306"))
        #expect(trade.aggressor == .buy)
        #expect(wires[0].count == OKXInteger(3))
    }

    static func markPrice(_ fixture: OKXFixture) throws {
        let mark = try OKXTranslator.mark(try #require(try fixture.items(OKXMarkPriceWire.self).first))
        #expect(mark.instrument == .perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt)))
        #expect(mark.markPrice == price("84660.1"))
        #expect(mark.at == millis(1_744_590_349_506))
    }

    static func indexPrice(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXIndexTickerWire.self).first)
        let index = try OKXTranslator.indexPrice(wire)
        #expect(index.underlying == Underlying(base: .btc, quote: .usdt))
        #expect(index.price == 103_895)
        #expect(index.at == millis(1_746_942_707_815))
        #expect(wire.high24h?.price == price("104985.1"))
    }

    static func optionSummary(_ fixture: OKXFixture) throws {
        let summaries = try fixture.items(OKXOptionSummaryWire.self).map(OKXTranslator.optionSummary)
        #expect(summaries.count == 4)
        let first = summaries[0]
        #expect(first.instrument.strike == price("92000"))
        #expect(first.markVolatility == dec("0.455"))
        #expect(first.bidVolatility == dec("0.45"))
        #expect(first.askVolatility == dec("0.46"))
        #expect(first.forwardPrice == price("97000"))
        // The REST summary carries no Greeks.
        #expect(first.coinGreeks == nil)
        #expect(first.blackScholesGreeks == nil)
        #expect(summaries[1].instrument.right == .put)
        #expect(first.at == millis(1_734_166_000_000))
    }

    static func wsOptionSummary(_ fixture: OKXFixture) throws {
        let summaries = try fixture.decode([OKXOptionSummaryWire].self).map(OKXTranslator.optionSummary)
        let call = summaries[0]
        #expect(
            call.coinGreeks
                == VenueGreeks(
                    delta: dec("0.5234"),
                    gamma: dec("0.0000123"),
                    vega: dec("0.0034"),
                    theta: dec("-0.0012"),
                    rho: nil
                )
        )
        #expect(call.blackScholesGreeks?.delta == dec("0.5312"))
        #expect(call.blackScholesGreeks?.gamma == dec("0.0000134"))
        #expect(call.markVolatility == dec("0.53"))
        #expect(call.realizedVolatility == dec("0.45"))
        #expect(call.forwardPrice == price("92150.50"))
        #expect(call.leverage == dec("12.5"))
        #expect(summaries[1].coinGreeks?.delta == dec("-0.4766"))
        // With a mark, the board's ticker carries the summary: Black-Scholes Greeks, vols, forward.
        var board = OKXTickerBoard()
        _ = board.apply(call)
        let marked = board.apply(
            OKXMark(instrument: call.instrument, markPrice: price("0.0615"), at: millis(1_711_612_800_000))
        )
        let ticker = try #require(marked)
        #expect(ticker.greeks?.delta == dec("0.5312"))
        #expect(ticker.markImpliedVolatility == dec("0.53"))
        #expect(ticker.bidImpliedVolatility == dec("0.52"))
        #expect(ticker.askImpliedVolatility == dec("0.55"))
        #expect(ticker.underlyingPrice == price("92150.50"))
        board.apply(OKXIndexPrice(underlying: call.instrument.underlying, price: 92_000, at: millis(1_711_612_800_001)))
        #expect(board.ticker(for: call.instrument)?.indexPrice == 92_000)
        #expect(board.ticker(for: call.instrument)?.at == millis(1_711_612_800_001))
    }

    static func fundingRate(_ fixture: OKXFixture) throws {
        let rate = try OKXTranslator.funding(try #require(try fixture.push(OKXFundingRateWire.self).data.first))
        #expect(rate.instrument.kind == .perpetual)
        #expect(rate.rate == dec("0.0001"))
        #expect(rate.nextFundingAt == millis(1_744_590_349_506))
        // 1744619149506 − 1744590349506 ms: eight hours.
        #expect(rate.intervalNanos == 8 * 3_600 * UnixNanos.nanosecondsPerSecond)
        #expect(rate.at == millis(1_744_590_349_506))
    }

    static func fundingRateHistory(_ fixture: OKXFixture) throws {
        let wires = try fixture.items(OKXFundingRateWire.self)
        let settled = try wires.map(OKXTranslator.settledFunding)
        #expect(settled.map(\.rate) == [dec("0.00015"), dec("-0.00002")])
        #expect(settled[0].at == millis(1_704_067_200_000))
        #expect(wires[1].fundingRate.value == dec("-0.0000236017"))
    }

    static func candlesticks(_ fixture: OKXFixture) throws {
        let candles = try fixture.items(OKXCandleWire.self)
        #expect(candles.count == 2)
        #expect(candles[0].start == OKXInteger(1_625_097_600_000))
        #expect(candles[0].open.value == dec("33528.6"))
        #expect(candles[0].high.value == dec("33870.0"))
        #expect(candles[0].close.value == dec("33783.9"))
        #expect(candles[0].volume.value == dec("778.838"))
        #expect(candles[0].isClosed == false)
        #expect(candles[1].low.value == dec("33782.1"))
    }

    static func candlesticksFull(_ fixture: OKXFixture) throws {
        let candle = try #require(try fixture.items(OKXCandleWire.self).first)
        #expect(candle.start == OKXInteger(1_747_094_040_000))
        #expect(candle.close.value == dec("102820.4"))
        #expect(candle.volumeCurrency?.value == dec("10.4037"))
        #expect(candle.volumeQuote?.value == dec("1069603.34883"))
        #expect(candle.isClosed == true)
    }

    static func candle(_ fixture: OKXFixture) throws {
        let push = try fixture.push(OKXCandleWire.self)
        #expect(push.arg.channel == "candle1D")
        let candle = try #require(push.data.first)
        #expect(candle.open.value == dec("8533.02"))
        #expect(candle.close.value == dec("8548.26"))
        #expect(candle.volume.value == 45_247)
        #expect(candle.isClosed == true)
    }
}
