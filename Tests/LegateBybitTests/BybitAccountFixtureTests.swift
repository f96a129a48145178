// Proves every Bybit account fixture decodes with the file's values: wallets become per-coin balances and the USD
// account margin, positions become signed positions (flat ones without a price), and the administrative answers
// (account info with the DCP window, fee rates, API keys, sub-members) and the WebSocket auth and subscribe answers
// (success, or the typed error they mean) read as sent.
import Foundation
import LegateCore
import LegateModel
import LegateSymbology
import LegateVenues
import Testing

@testable import LegateBybit

enum BybitAccountFixture: String, CaseIterable, CustomTestStringConvertible {
    case wallet = "http_get_wallet_balance.json"
    case walletSpotShort = "http_get_wallet_balance_spot_short.json"
    case walletSpotBorrow = "http_get_wallet_balance_with_spot_borrow.json"
    case pushWallet = "ws_account_wallet.json"
    case pushWalletLockedExceedsTotal = "ws_account_wallet_locked_exceeds_total.json"
    case pushWalletSmallOrder = "ws_account_wallet_small_order.json"
    case positions = "http_get_positions.json"
    case positionsWithOpenTime = "http_get_positions_with_open_time.json"
    case pushPosition = "ws_account_position.json"
    case pushPositionShort = "ws_account_position_short.json"
    case positionWithOpenTime = "ws_account_position_with_open_time.json"

    var testDescription: String { rawValue }

    func wallet() throws -> BybitWalletWire {
        if rawValue.hasPrefix("ws_") {
            return try #require(try Fixtures.topic([BybitWalletWire].self, rawValue).data.first)
        }
        return try #require(try Fixtures.list(BybitWalletWire.self, rawValue).list.first)
    }

    /// (coin, equity, available, initial margin) per coin, as the fixture gives them.
    func expectBalances(_ expected: [(Asset, String, String, String?)]) throws {
        let balances = try BybitTranslator.balances(wallet())
        #expect(balances.map(\.currency) == expected.map(\.0))
        for (balance, row) in zip(balances, expected) {
            #expect(balance.equity == Money(d(row.1), row.0), "\(row.0) equity")
            #expect(balance.available == Money(d(row.2), row.0), "\(row.0) available")
            #expect(balance.initialMargin == row.3.map { Money(d($0), row.0) }, "\(row.0) initial margin")
        }
    }

    func verify() throws {
        switch self {
        case .wallet:
            try expectBalances([(.btc, "0", "0", "0"), (.usdt, "1000.50", "1000.50", nil), (.eth, "0", "0", nil)])
            let margin = BybitTranslator.accountMargin(try wallet())
            #expect(margin.equity == Money(d("3.31216591"), .usd) && margin.available == Money(d("3.00326056"), .usd))
            #expect(try wallet().coin[2].spotBorrow?.value == d("0.06142"))
        case .walletSpotShort:
            try expectBalances([(.eth, "0", "0", nil), (.usdt, "2500.00", "2500.00", nil)])
            #expect(BybitTranslator.accountMargin(try wallet()).equity == Money(3_000, .usd))
        case .walletSpotBorrow:
            try expectBalances([(.usdt, "1000.00", "800.00", nil)])
            #expect(
                try wallet().coin[0].borrowAmount?.value == 200 && (try wallet().totalPerpUnrealisedPnl?.value) == 0
            )
        case .pushWallet:
            try expectBalances([
                (.btc, "0.00102964", "0.00092964", "0.0001"), (.usdt, "10226.20575506", "9519.89806037", "127.8573161"),
            ])
            let margin = BybitTranslator.accountMargin(try wallet())
            #expect(
                margin.initialMargin == Money(d("127.8573161"), .usd)
                    && margin.maintenanceMargin == Money(d("12.78573161"), .usd)
            )
            #expect(
                margin.equity == Money(d("10262.91335023"), .usd) && margin.available == Money(d("9556.6056555"), .usd)
            )
        case .pushWalletLockedExceedsTotal:
            // Orders (80) and positions (40) hold more than the wallet (100): nothing is available.
            try expectBalances([(.usdt, "100.0", "0", "120.0")])
            #expect(try BybitTranslator.balances(wallet())[0].maintenanceMargin == Money(12, .usdt))
        case .pushWalletSmallOrder:
            try expectBalances([(.usdt, "51333.82543837", "0", "50.028")])
        default:
            try verifyPositions()
        }
    }

    func verifyPositions() throws {
        let ethusdt = Instrument.perpetual(Underlying(base: .eth, quote: .usdt), settlement: .linear(.usdt))
        switch self {
        case .positions:
            let list = try Fixtures.list(BybitPositionWire.self, rawValue)
            let positions = try list.list.map { try BybitTranslator.position($0, category: .linear) }
            #expect(positions.map(\.quantity) == [q("0.5"), q("-5.0"), .zero])
            #expect(positions.map(\.averagePrice) == [p("50000.00"), p("3000.00"), nil])
            #expect(positions[1].instrument == ethusdt)
        case .positionsWithOpenTime:
            let wire = try #require(try Fixtures.list(BybitPositionWire.self, rawValue).list.first)
            let position = try BybitTranslator.position(wire, category: .linear)
            #expect(position.quantity == 1 && position.averagePrice == 70 && wire.openTime?.value == 1_700_000_000_123)
        case .pushPosition, .pushPositionShort:
            let message = try Fixtures.topic([BybitPositionWire].self, rawValue)
            let position = try BybitTranslator.position(try #require(message.data.first))
            #expect(position.instrument == ethusdt && position.quantity == q("-0.01"))
            #expect(position.averagePrice == p("3641.075"))
            #expect(message.creationTime == (self == .pushPosition ? 1_762_199_126_022 : 1_697_682_417_044))
        default:
            let wire = try Fixtures.decode(BybitPositionWire.self, rawValue)
            let position = try BybitTranslator.position(wire)
            #expect(position.quantity == q("0.1") && position.averagePrice == 50_000)
            #expect(wire.openTime?.value == 1_700_000_000_123 && wire.liqPrice?.value == 45_000)
        }
    }
}

/// Answers with no model counterpart (account administration, fee schedules) and the WebSocket session answers.
enum BybitSessionFixture: String, CaseIterable, CustomTestStringConvertible {
    case accountInfo = "http_get_account_info.json"
    case feeRate = "http_get_fee_rate.json"
    case queryAPI = "http_get_user_query_api.json"
    case subAPIKeys = "http_get_user_sub_apikeys.json"
    case updateMasterAPI = "http_post_user_update_master_api.json"
    case updateSubAPI = "http_post_user_update_sub_api.json"
    case escrowSubMembers = "http_get_user_escrow_sub_members.json"
    case subMembers = "http_get_user_sub_members.json"
    case subMembersPaged = "http_get_user_sub_members_paged.json"
    case authSuccess = "ws_auth_success.json"
    case authFailure = "ws_auth_failure.json"
    case subscriptionAck = "ws_subscription_ack.json"
    case subscriptionFailure = "ws_subscription_failure.json"

    var testDescription: String { rawValue }

    func verify() throws {
        switch self {
        case .accountInfo:
            let info = try Fixtures.result(BybitAccountInfoWire.self, rawValue)
            #expect(info.dcpStatus == "OFF" && info.timeWindow == 10 && info.marginMode == "REGULAR_MARGIN")
            #expect(info.updatedTime.value == 1_697_078_946_000 && info.unifiedMarginStatus == 4)
        case .feeRate:
            let rates = try Fixtures.list(BybitFeeRateWire.self, rawValue).list
            #expect(rates.map(\.symbol) == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
            #expect(rates[2].takerFeeRate.value == d("0.00075") && rates[2].makerFeeRate.value == d("0.00025"))
        case .queryAPI, .updateMasterAPI, .updateSubAPI:
            let key = try Fixtures.result(BybitAPIKeyWire.self, rawValue)
            let expected: (String, Bool, [String]) =
                switch self {
                case .queryAPI: ("2208369", true, ["Order", "Position"])
                case .updateMasterAPI: ("13770661", false, ["Order", "Position"])
                default: ("16651472", false, [])
                }
            #expect(key.id == expected.0 && key.readOnly.value == expected.1)
            #expect(key.permissions["ContractTrade"] == expected.2)
        case .subAPIKeys:
            let page = try Fixtures.result(BybitAPIKeyPageWire.self, rawValue)
            let key = try #require(page.result.first)
            #expect(key.id == "24828209" && !key.readOnly.value && key.permissions["Options"] == ["OptionsTrade"])
        case .escrowSubMembers, .subMembers, .subMembersPaged:
            let members = try Fixtures.result(BybitSubMembersWire.self, rawValue)
            let expected: ([String], String?) =
                switch self {
                case .escrowSubMembers: (["104274894", "104274884"], "344")
                case .subMembers: (["106314365", "106279879"], nil)
                default: (["106314365", "106279879"], "0")
                }
            #expect(members.subMembers.map(\.uid) == expected.0 && members.nextCursor == expected.1)
        default:
            try verifySession()
        }
    }

    func verifySession() throws {
        let answer = try Fixtures.decode(BybitOpResponse.self, rawValue)
        let error = BybitTranslator.sessionError(answer, at: UnixNanos(0))
        switch self {
        case .authSuccess:
            #expect(
                answer.op == "auth" && answer.isSuccess && error == nil && answer.connID == "cejreaspqfm9se7usbrg-2xh"
            )
        case .authFailure:
            #expect(error == .authenticationFailed(venue: .bybit, reason: "10003 Invalid apikey"))
        case .subscriptionAck:
            #expect(answer.op == "subscribe" && error == nil && answer.requestID == "sub-orderbook-1")
        default:
            #expect(
                error
                    == .venueError(
                        venue: .bybit,
                        code: -1,
                        message: "subscribe refused: Invalid topic: invalid.topic.BTCUSDT"
                    )
            )
        }
    }
}

@Suite struct BybitAccountFixtureTests {
    @Test(arguments: BybitAccountFixture.allCases)
    func accountFixture(_ fixture: BybitAccountFixture) throws {
        try fixture.verify()
    }

    @Test(arguments: BybitSessionFixture.allCases)
    func sessionFixture(_ fixture: BybitSessionFixture) throws {
        try fixture.verify()
    }

    /// Every file in Fixtures/ (but SOURCES.md) is one case of the fixture enums, and so has its own checks.
    @Test func everyFixtureFileHasACase() throws {
        let directory = try Fixtures.url("SOURCES.md").deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        let cases =
            BybitInstrumentFixture.allCases.map(\.rawValue) + BybitMarketFixture.allCases.map(\.rawValue)
            + BybitOrderFixture.allCases.map(\.rawValue) + BybitExecutionFixture.allCases.map(\.rawValue)
            + BybitAccountFixture.allCases.map(\.rawValue) + BybitSessionFixture.allCases.map(\.rawValue)
        #expect(cases.count == Set(cases).count)
        #expect(Set(files) == Set(cases))
        #expect(files.count == 64)
    }
}
