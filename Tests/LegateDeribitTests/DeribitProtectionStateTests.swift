// Proves Deribit's market-maker protection state and groups: `get_mmp_config` and `get_mmp_status` (the answers
// Deribit documents for them, hand-written from docs.deribit.com: private/set_mmp_config's and private/get_mmp_status's
// examples, group `MassQuoteBot7`) read into the venue-neutral state; a trigger names its group; and `mmp_group` goes
// out on the configuration, the reset and the queries when a group is asked for.
import Foundation
import LegateCore
import LegateModel
import LegateVenues
import Testing

@testable import LegateDeribit

enum ProtectionState {
    static let btcUSD = Underlying(base: Asset(known: "BTC"), quote: Asset(known: "USD"))
    static let group = "MassQuoteBot7"
    /// Deribit's documented set_mmp_config result, which get_mmp_config lists in the same shape.
    static let configs =
        #"[{"index_name":"btc_usd","mmp_group":"MassQuoteBot7","interval":60,"frozen_time":0,"quantity_limit":3,"#
        + #""max_quote_quantity":2.5}]"#
    /// Deribit's documented get_mmp_status result.
    static let statuses = #"[{"index_name":"btc_usd","frozen_until":1744275841861,"mmp_group":"MassQuoteBot7"}]"#

    static let groupProtection = MarketMakerProtection(
        underlying: btcUSD,
        intervalNanos: 60 * Protection.second,
        frozenNanos: 0,
        quantityLimit: FixedDecimal(3),
        maximumQuoteQuantity: FixedDecimal(units: 25, scale: 1),
        group: group
    )

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try DeribitCodec.decoder().decode(type, from: Data(text.utf8))
    }
}

@Suite struct DeribitProtectionStateTests {
    @Test func theDocumentedAnswersAreTheGroupsStateFrozenUntilTheirEnd() throws {
        let state = DeribitTranslator.marketMakerProtectionState(
            configs: try ProtectionState.decode([DeribitMMPConfigWire].self, ProtectionState.configs),
            statuses: try ProtectionState.decode([DeribitMMPTriggerWire].self, ProtectionState.statuses),
            underlying: ProtectionState.btcUSD,
            group: ProtectionState.group
        )
        #expect(state.protection == ProtectionState.groupProtection)
        #expect(state.freeze == .until(.milliseconds(1_744_275_841_861)))
        // The orders' default group has neither configuration nor freeze in those answers
        let defaultGroup = DeribitTranslator.marketMakerProtectionState(
            configs: try ProtectionState.decode([DeribitMMPConfigWire].self, ProtectionState.configs),
            statuses: try ProtectionState.decode([DeribitMMPTriggerWire].self, ProtectionState.statuses),
            underlying: ProtectionState.btcUSD
        )
        #expect(defaultGroup.protection == nil && defaultGroup.freeze == nil)
    }

    @Test func aTriggerNamesItsUnderlyingGroupAndFreeze() throws {
        let statuses = try ProtectionState.decode([DeribitMMPTriggerWire].self, ProtectionState.statuses)
        let trigger = try DeribitTranslator.marketMakerProtectionTrigger(try #require(statuses.first))
        #expect(trigger.underlying == ProtectionState.btcUSD && trigger.group == ProtectionState.group)
        #expect(trigger.freeze == .until(.milliseconds(1_744_275_841_861)))
        // frozen_until 0: until reset
        let manual = try ProtectionState.decode(
            DeribitMMPTriggerWire.self,
            #"{"index_name":"eth_usdc","frozen_until":0}"#
        )
        #expect(try DeribitTranslator.marketMakerProtectionTrigger(manual).freeze == .untilReset)
        #expect(try DeribitTranslator.marketMakerProtectionTrigger(manual).underlying == Protection.ethUSDC)
    }

    @Test func aGroupGoesOutAsMMPGroup() throws {
        let set = try DeribitRequests.setMarketMakerProtection(ProtectionState.groupProtection)
        #expect(
            set.params.json
                == #"{"index_name":"btc_usd","interval":60,"frozen_time":0,"mmp_group":"MassQuoteBot7","#
                + #""quantity_limit":3,"max_quote_quantity":2.5}"#
        )
        let scoped = #"{"index_name":"btc_usd","mmp_group":"MassQuoteBot7"}"#
        let btc = ProtectionState.btcUSD
        #expect(DeribitRequests.resetMarketMakerProtection(btc, group: ProtectionState.group).params.json == scoped)
        #expect(DeribitRequests.marketMakerProtectionConfig(btc, group: ProtectionState.group).params.json == scoped)
        #expect(
            DeribitRequests.marketMakerProtectionStatus(btc, group: ProtectionState.group).method
                == "private/get_mmp_status"
        )
        #expect(DeribitRequests.marketMakerProtectionConfig(btc).params.json == #"{"index_name":"btc_usd"}"#)
    }
}

@Suite struct DeribitProtectionStateSessionTests {
    @Test func theStateQueryAsksForConfigAndStatusOfTheGroup() async throws {
        // Given a venue that answers both queries with Deribit's documented results
        let standIn = DeribitStandIn { request, _ in
            switch request.method {
            case "private/get_mmp_config": [.send(DeribitStandIn.result(request.id, ProtectionState.configs))]
            case "private/get_mmp_status": [.send(DeribitStandIn.result(request.id, ProtectionState.statuses))]
            default: nil
            }
        }
        let state = try await SessionHarness.run(standIn) { session, _ in
            try await session.marketMakerProtectionState(
                underlying: ProtectionState.btcUSD,
                group: ProtectionState.group
            )
        }
        // Then both went out for the index and group, authenticated, and the state is the group's, frozen
        let queries = standIn.requests.all.filter { $0.method.hasPrefix("private/get_mmp_") }
        #expect(queries.map(\.method) == ["private/get_mmp_config", "private/get_mmp_status"])
        #expect(
            queries.allSatisfy { $0.string("index_name") == "btc_usd" && $0.string("mmp_group") == "MassQuoteBot7" }
        )
        #expect(queries.allSatisfy { $0.text.contains(#""access_token":"token-1""#) })
        #expect(state.protection == ProtectionState.groupProtection)
        #expect(state.freeze == .until(.milliseconds(1_744_275_841_861)))
    }
}
