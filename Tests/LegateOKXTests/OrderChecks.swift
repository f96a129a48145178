// Orders into reports: acknowledgements, fills in model units with the fee as charged (OKX's sign flipped) and
// maker/taker, option fill details, cancels, liquidation and ADL fills without an order id, answers to our requests
// (including item rejects with sCode/sMsg), algo orders, and Nitro spread orders and trades.
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateOKX

enum OrderChecks {
    static let now = millis(1_750_000_000_000)

    static func orderID(_ text: String) -> OrderID { OrderID(known: text) }

    static func firstFill(_ reports: [VenueReport]) -> VenueFill? {
        reports.lazy.compactMap { report -> VenueFill? in
            if case .fill(let fill) = report { return fill }
            return nil
        }.first
    }

    static func pushedOrder(_ fixture: OKXFixture) throws -> OKXOrderWire {
        try #require(try fixture.push(OKXOrderWire.self).data.first)
    }

    static func orders(_ fixture: OKXFixture) throws {
        let wire = try pushedOrder(fixture)
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        let id = orderID("001BTCUSDT20250106001")
        #expect(reports.first == .acknowledged(orderID: id, venueOrderID: VenueOrderID(known: "2497956918703120384")))
        let fill = try #require(firstFill(reports))
        #expect(fill.tradeID == "1518905529")
        #expect(fill.orderID == id)
        // 0.03 contracts of BTC-USDT-SWAP (0.01 BTC each): 0.0003 BTC.
        #expect(fill.quantity == qty("0.0003"))
        #expect(fill.price == price("103698.9"))
        // OKX's fee -0.021776769 is a charge.
        #expect(fill.fee == Money(dec("0.021776769"), .usdt))
        #expect(fill.liquidity == .maker)
        #expect(reports.count == 2)
    }

    static func ordersOption(_ fixture: OKXFixture) throws {
        let wire = try pushedOrder(fixture)
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        let fill = try #require(firstFill(reports))
        #expect(fill.orderID == orderID("001BTCUSD-OPT-250328-50000-C"))
        // One contract of 0.01 BTC at 0.0325 BTC per BTC.
        #expect(fill.quantity == qty("0.01"))
        #expect(fill.price == price("0.0325"))
        #expect(fill.fee == Money(dec("0.0003"), .btc))
        let details = try #require(OKXTranslator.optionFillDetails(wire))
        #expect(details.tradeID == "1518905600")
        #expect(details.impliedVolatility == dec("0.55"))
        #expect(details.priceUSD == price("2225.63"))
        #expect(details.markVolatility == dec("0.52"))
        #expect(details.forwardPrice == price("68500.5"))
        #expect(details.markPrice == price("0.0320"))
        #expect(wire.pxType == "px")
    }

    static func ordersFOK(_ fixture: OKXFixture) throws {
        let reports = try OKXTranslator.reports(pushedOrder(fixture), contracts: OKXContracts())
        #expect(reports.first?.orderID == orderID("FOK-TEST-001"))
        let fill = try #require(firstFill(reports))
        // Spot sizes are already in BTC.
        #expect(fill.quantity == qty("0.05"))
        #expect(fill.price == 50_000)
        #expect(fill.fee == Money(dec("0.25"), .usdt))
        #expect(fill.liquidity == .taker)
    }

    static func ordersIOC(_ fixture: OKXFixture) throws {
        let wire = try pushedOrder(fixture)
        #expect(wire.state == "partially_filled")
        let reports = try OKXTranslator.reports(wire, contracts: OKXContracts())
        #expect(
            reports.first
                == .acknowledged(
                    orderID: orderID("IOC-TEST-001"),
                    venueOrderID: VenueOrderID(known: "2497956918703120386")
                )
        )
        let fill = try #require(firstFill(reports))
        #expect(fill.quantity == qty("0.02"))
        #expect(fill.price == price("50100.5"))
        #expect(fill.fee == Money(dec("0.1002"), .usdt))
    }

    static func ordersOptimalLimitIOC(_ fixture: OKXFixture) throws {
        let reports = try OKXTranslator.reports(pushedOrder(fixture), contracts: TestContracts.all())
        let fill = try #require(firstFill(reports))
        #expect(fill.orderID == orderID("OPTIMAL-IOC-TEST-001"))
        #expect(fill.quantity == qty("0.001"))
        #expect(fill.price == price("103750.25"))
        #expect(fill.fee == Money(dec("0.051875125"), .usdt))
    }

    static func ordersADL(_ fixture: OKXFixture) throws {
        let wire = try pushedOrder(fixture)
        #expect(wire.category == "adl")
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        // No clOrdId: the fill alone, with no order id, so the engine sees (and quarantines) it.
        #expect(reports.count == 1)
        let fill = try #require(firstFill(reports))
        #expect(fill.orderID == nil)
        // 0.3 contracts of ETH-USDT-SWAP (0.1 ETH each).
        #expect(fill.quantity == qty("0.03"))
        #expect(fill.price == 41_000)
        #expect(fill.fee == Money(dec("12.3"), .usdt))
    }

    static func ordersLiquidation(_ fixture: OKXFixture) throws {
        let wire = try pushedOrder(fixture)
        #expect(wire.category == "full_liquidation")
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        let fill = try #require(firstFill(reports))
        #expect(reports.count == 1)
        #expect(fill.orderID == nil)
        #expect(fill.quantity == qty("0.005"))
        #expect(fill.fee == Money(dec("20.0"), .usdt))
    }

    static func ordersTrigger(_ fixture: OKXFixture) throws {
        let wire = try pushedOrder(fixture)
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        #expect(reports.first?.orderID == orderID("706620792746729474_0"))
        let fill = try #require(firstFill(reports))
        #expect(fill.quantity == qty("0.0001"))
        #expect(fill.price == 101_950)
        #expect(fill.fee == Money(dec("0.020390"), .usdt))
        // The regular order a triggered algo placed points back at it (ws_orders_algo.json, third algo).
        #expect(wire.linkedAlgoOrd?.algoId == "706620792746729474")
        #expect(wire.reduceOnly == OKXFlag(true))
    }

    static func ordersAlgo(_ fixture: OKXFixture) throws {
        let algos = try fixture.push(OKXAlgoOrderWire.self).data
        #expect(algos.map(\.state) == ["live", "live", "order_placed", "canceled", "filled"])
        #expect(algos[0].ordPx?.value == -1)
        #expect(algos[0].triggerPx?.value == 95_000)
        #expect(algos[1].triggerPxType == "mark")
        #expect(algos[2].algoId == "706620792746729474")
        #expect(algos[2].ordId == "706620792746729999")
        #expect(algos[2].actualPx?.value == 101_950)
        #expect(algos[4].notionalUsd?.value == dec("514.60"))
        #expect(algos[3].triggerTime == nil)
    }

    static func ordersHistory(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXOrderWire.self).first)
        let reports = try OKXTranslator.reports(wire, contracts: TestContracts.all())
        let fill = try #require(firstFill(reports))
        #expect(reports.count == 1)
        #expect(fill.orderID == nil)
        #expect(fill.tradeID == "1518905529")
        #expect(fill.quantity == qty("0.0003"))
        #expect(fill.liquidity == nil)
    }

    static func ordersPending(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXOrderWire.self).first)
        let contracts = try TestContracts.all()
        let reports = try OKXTranslator.reports(wire, contracts: contracts)
        let id = orderID("client-order-1")
        let venueID = VenueOrderID(known: "1234567890123456789")
        #expect(reports == [.acknowledged(orderID: id, venueOrderID: venueID)])
        let open = try OKXTranslator.openOrder(wire, contracts: contracts)
        #expect(open.orderID == id)
        #expect(open.venueOrderID == venueID)
        #expect(open.side == .buy)
        #expect(open.quantity == qty("0.001"))
        #expect(open.filledQuantity == .zero)
        #expect(open.price == 103_500)
    }

    static func ordersPendingWithTPSL(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXOrderWire.self).first)
        let open = try OKXTranslator.openOrder(wire, contracts: TestContracts.all())
        #expect(open.orderID == orderID("O-attached-entry"))
        #expect(open.quantity == qty("0.001"))
        #expect(open.price == 2_300)
        let attached = try #require(wire.attachAlgoOrds)
        #expect(attached.map(\.attachAlgoClOrdId) == ["O-attached-sl", "O-attached-tp"])
        #expect(attached[0].slTriggerPx?.value == 1_500)
        #expect(attached[0].tpTriggerPx == nil)
        #expect(attached[1].tpTriggerPx?.value == 2_600)
    }

    static func placeOrder(_ fixture: OKXFixture) throws {
        let ack = try fixture.decode(OKXOrderAckWire.self)
        let reports = try OKXTranslator.reports(ack: ack, for: .place)
        #expect(
            reports == [
                .acknowledged(
                    orderID: orderID("client_order_123"),
                    venueOrderID: VenueOrderID(known: "12345678901234567890")
                )
            ]
        )
        // The same item answering a cancel or an amend.
        #expect(try OKXTranslator.reports(ack: ack, for: .cancel).first?.orderID == orderID("client_order_123"))
        #expect(try OKXTranslator.reports(ack: ack, for: .amend) == [.amended(orderID: orderID("client_order_123"))])
    }

    static func placeAlgoOrder(_ fixture: OKXFixture) throws {
        let answer = try OKXTranslator.answer(fixture.decode(OKXResponse<OKXOrderAckWire>.self), for: .place, at: now)
        #expect(
            answer
                == .reports([.acknowledged(orderID: orderID("test_algo_1"), venueOrderID: VenueOrderID(known: "12345"))]
                )
        )
    }

    static func placeAlgoOrderRejected(_ fixture: OKXFixture) throws {
        let answer = try OKXTranslator.answer(fixture.decode(OKXResponse<OKXOrderAckWire>.self), for: .place, at: now)
        #expect(
            answer
                == .reports([.rejected(orderID: orderID("test_algo_rej"), reason: "okx 51000: Parameter instId error")])
        )
    }

    static func cancelAlgoOrder(_ fixture: OKXFixture) throws {
        let response = try fixture.decode(OKXResponse<OKXOrderAckWire>.self)
        #expect(response.data.first?.algoId == "12345")
        // The item echoes no client id: the request's own order names it.
        let answer = try OKXTranslator.answer(response, for: .cancel, orderID: orderID("stop1"), at: now)
        #expect(answer == .reports([.cancelled(orderID: orderID("stop1"), reason: "cancelled on request")]))
        #expect(throws: OKXParseError.self) { try OKXTranslator.answer(response, for: .cancel, at: now) }
    }

    static func algoPending(_ fixture: OKXFixture) throws {
        let algo = try #require(try fixture.items(OKXAlgoOrderWire.self).first)
        #expect(algo.algoClOrdId == "client_algo_1")
        #expect(algo.ordType == "trigger")
        #expect(algo.triggerPx?.value == 40_000)
        #expect(algo.ordPx?.value == 40_000)
        #expect(algo.sz?.value == 1)
        #expect(algo.actualPx == nil)
        #expect(algo.cTime == OKXInteger(1_622_559_930_237))
    }

    static func algoHistory(_ fixture: OKXFixture) throws {
        let algo = try #require(try fixture.items(OKXAlgoOrderWire.self).first)
        #expect(algo.state == "effective")
        #expect(algo.actualSz?.value == 10)
        #expect(algo.actualPx?.value == 2_995)
        #expect(algo.actualSide == "sell")
        #expect(algo.triggerTime == OKXInteger(1_622_559_940_237))
        #expect(algo.clOrdId == "cl_ord_123")
    }

    static func algoPendingAttachedOCO(_ fixture: OKXFixture) throws {
        let algo = try #require(try fixture.items(OKXAlgoOrderWire.self).first)
        #expect(algo.ordType == "oco")
        #expect(algo.slTriggerPx?.value == 39_000)
        #expect(algo.slOrdPx?.value == -1)
        #expect(algo.tpTriggerPx?.value == 41_000)
        #expect(algo.reduceOnly == OKXFlag(true))
    }

    static func algoPendingCloseFraction(_ fixture: OKXFixture) throws {
        let algo = try #require(try fixture.items(OKXAlgoOrderWire.self).first)
        #expect(algo.ordType == "conditional")
        #expect(algo.closeFraction?.value == 1)
        #expect(algo.sz == nil)
        #expect(algo.slTriggerPx?.value == 50_000)
    }

    static func transactionDetail(_ fixture: OKXFixture) throws {
        let fill = try OKXTranslator.fill(fixture.decode(OKXFillWire.self), contracts: OKXContracts())
        #expect(fill.tradeID == "123456789")
        #expect(fill.orderID == orderID("client_123"))
        #expect(fill.quantity == qty("0.001"))
        #expect(fill.price == price("42000.5"))
        // A positive OKX fee is a rebate: the model's charge is negative.
        #expect(fill.fee == Money(dec("-0.042"), .usdt))
        #expect(fill.liquidity == .taker)
    }

    static func transactionDetailEmptyFee(_ fixture: OKXFixture) throws {
        let fill = try OKXTranslator.fill(fixture.decode(OKXFillWire.self), contracts: OKXContracts())
        #expect(fill.fee == nil)
        #expect(fill.quantity == qty("0.001"))
    }

    static func spreadOrders(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXSpreadOrderWire.self).first)
        let reports = try OKXTranslator.reports(wire)
        let id = orderID("O-spread-entry")
        #expect(reports.first == .acknowledged(orderID: id, venueOrderID: VenueOrderID(known: "12345")))
        let fill = try #require(firstFill(reports))
        // Spread sizes are in szCcy already.
        #expect(fill.quantity == 5)
        #expect(fill.price == price("1.20"))
        #expect(fill.tradeID == "9001")
    }

    static func spreadOrdersPush(_ fixture: OKXFixture) throws {
        let push = try fixture.push(OKXSpreadOrderWire.self)
        #expect(push.arg.channel == "sprd-orders")
        let reports = try OKXTranslator.reports(try #require(push.data.first))
        #expect(
            reports == [
                .acknowledged(
                    orderID: orderID("O202605250630050010011"),
                    venueOrderID: VenueOrderID(known: "3386544889978159104")
                )
            ]
        )
    }

    static func spreadTrades(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXSpreadTradeWire.self).first)
        let fill = try #require(try OKXTranslator.fill(wire, contracts: TestContracts.all()))
        #expect(fill.tradeID == "9001")
        #expect(fill.orderID == orderID("O-spread-entry"))
        #expect(fill.quantity == 5)
        #expect(fill.price == price("1.20"))
        #expect(fill.fee == Money(dec("0.01"), .usdt))
        #expect(fill.liquidity == .taker)
        // This fixture lists no legs.
        #expect(fill.legs == nil)
    }
}
