// Accounts into balances (equity, available, margins per currency; both spellings of the spot-in-use fields),
// positions signed and in model units, fee rates as charges, the position mode, margin tiers and closed positions.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateOKX

enum WireChecks {
    struct Holder: Decodable {
        let value: OKXInteger?
    }

    static func optionalStringToInteger(_ fixture: OKXFixture) throws {
        // "12345", "" and null: OKX's empty string reads as no value, like null.
        let values = try fixture.decode([Holder].self).map(\.value)
        #expect(values == [OKXInteger(12_345), nil, nil])
    }
}

enum AccountChecks {
    static func accountBalance(_ fixture: OKXFixture) throws {
        let account = try #require(try fixture.items(OKXAccountWire.self).first)
        #expect(account.totalEq?.value == dec("99.88870288820581"))
        let balances = try OKXTranslator.balances(account)
        #expect(balances.count == 1)
        let usdt = balances[0]
        #expect(usdt.currency == .usdt)
        #expect(usdt.equity == Money(dec("99.89469657000001"), .usdt))
        #expect(usdt.available == Money(dec("94.42612990333333"), .usdt))
        #expect(usdt.initialMargin == Money(0, .usdt))
        #expect(usdt.maintenanceMargin == Money(0, .usdt))
    }

    static func account(_ fixture: OKXFixture) throws {
        let push = try fixture.push(OKXAccountWire.self)
        #expect(push.arg.channel == "account")
        let account = try #require(push.data.first)
        let balances = try OKXTranslator.balances(account)
        #expect(balances.map(\.currency.code) == ["USDT", "BTC", "ETH"])
        #expect(balances[0].equity == Money(dec("100.52768569797846"), .usdt))
        #expect(balances[1].available == Money(dec("0.0000000051"), .btc))
        #expect(balances[2].equity.amount == dec("0.000000185"))
        #expect(account.totalEq?.value == dec("100.56089404807182"))
        #expect(account.adjEq == nil)
    }

    static func accountEmpty(_ fixture: OKXFixture) throws {
        let account = try #require(try fixture.push(OKXAccountWire.self).data.first)
        #expect(try OKXTranslator.balances(account).isEmpty)
        #expect(account.totalEq?.value == 0)
        #expect(account.imr == nil)
        #expect(account.uTime == OKXInteger(1_774_795_570_586))
    }

    static func balanceDetailNewFields(_ fixture: OKXFixture) throws {
        let detail = try fixture.decode(OKXBalanceDetailWire.self)
        #expect(detail.spotInUseAmount?.value == 30)
        #expect(detail.maxSpotInUseAmount?.value == 50)
        #expect(detail.closeSpotInUseAmount?.value == 25)
        let balance = try OKXTranslator.balance(detail)
        #expect(balance.equity == Money(100, .usdt))
        #expect(balance.available == Money(100, .usdt))
    }

    static func balanceDetailOldFields(_ fixture: OKXFixture) throws {
        let detail = try fixture.decode(OKXBalanceDetailWire.self)
        #expect(detail.spotInUseAmount?.value == 40)
        #expect(detail.maxSpotInUseAmount?.value == 75)
        #expect(detail.closeSpotInUseAmount?.value == 35)
        #expect(try OKXTranslator.balance(detail).equity == Money(100, .usdt))
    }

    static func positions(_ fixture: OKXFixture) throws {
        let wire = try #require(try fixture.items(OKXPositionWire.self).first)
        let position = try OKXTranslator.position(wire, contracts: TestContracts.all())
        #expect(position.instrument == .perpetual(Underlying(base: .btc, quote: .usdt), settlement: .linear(.usdt)))
        // Long 0.5 contracts of 0.01 BTC.
        #expect(position.quantity == qty("0.005"))
        #expect(position.averagePrice == 10_000)
        #expect(wire.liqPx?.value == 9_000)
        #expect(wire.mgnMode == "isolated")
    }

    static func positionsHistory(_ fixture: OKXFixture) throws {
        let closed = try #require(try fixture.items(OKXPositionHistoryWire.self).first)
        #expect(closed.instId == "ETH-USDT-SWAP")
        #expect(closed.openAvgPx.value == dec("3226.93"))
        #expect(closed.closeAvgPx.value == dec("3224.8"))
        #expect(closed.closeTotalPos.value == dec("0.1"))
        // OKX's realized P&L is the trading P&L plus fees, funding and liquidation penalty.
        let sum = closed.pnl.value + closed.fee.value + closed.fundingFee.value + closed.liqPenalty.value
        #expect(closed.realizedPnl.value == sum)
        #expect(closed.realizedPnl.value == dec("-0.06646211"))
    }

    static func positionTiers(_ fixture: OKXFixture) throws {
        let tier = try #require(try fixture.items(OKXPositionTierWire.self).first)
        #expect(tier.tier == OKXInteger(1))
        #expect(tier.imr.value == dec("0.1"))
        #expect(tier.mmr.value == dec("0.03"))
        #expect(tier.maxLever.value == 10)
        #expect(tier.maxSz.value == 50)
        #expect(tier.quoteMaxLoan?.value == 500_000)
        #expect(tier.uly == "")
    }

    static func tradeFee(_ fixture: OKXFixture) throws {
        let rates = OKXTranslator.feeRates(try #require(try fixture.items(OKXTradeFeeWire.self).first))
        #expect(rates.level == "Lv1")
        #expect(rates.instType == "SPOT")
        // OKX writes charges as negative rates.
        #expect(rates.maker == dec("0.0008"))
        #expect(rates.taker == dec("0.001"))
    }

    static func setPositionMode(_ fixture: OKXFixture) throws {
        let mode = try OKXTranslator.positionMode(try #require(try fixture.items(OKXPositionModeWire.self).first))
        #expect(mode == .longShort)
    }
}
