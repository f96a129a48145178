// Proves the lookups the gates make per decision without hashing through `Hasher`: `InstrumentSlots` finds every
// instrument it was given (equal instruments, strikes written at different scales and instruments that share their
// terms included) across its growth, and `OrderScope.initialize` gives each order its own account's desk when a
// proposal mixes accounts.
import LegateCore
import LegateModel
import LegateOrders
import Testing

@testable import LegateEngine

@Suite struct GateLookupTests {
    /// 600 distinct options (grows the table several times), plus futures, a perpetual and spot.
    static func instruments() -> [Instrument] {
        var all: [Instrument] = []
        for underlying in [GateFixture.btc, GateFixture.eth] {
            for days in [7, 30, 90] {
                for step in 0..<50 {
                    for right in [OptionRight.call, .put] {
                        all.append(
                            GateFixture.option(
                                right,
                                strike: 50_000 + 1_000 * Int64(step),
                                days: days,
                                underlying: underlying
                            )
                        )
                    }
                }
            }
            all.append(.future(underlying, expiry: GateFixture.days(30), settlement: .inverse(underlying.base)))
            all.append(.perpetual(underlying, settlement: .inverse(underlying.base)))
            all.append(.spot(underlying))
        }
        return all
    }

    @Test func everyInstrumentKeepsTheSlotItWasGiven() {
        var slots = InstrumentSlots()
        let all = Self.instruments()
        for (index, instrument) in all.enumerated() {
            #expect(slots.slot(of: instrument) == nil)
            #expect(slots.insert(instrument) == index)
        }
        #expect(slots.count == all.count)
        for (index, instrument) in all.enumerated() {
            #expect(slots.slot(of: instrument) == index, "\(instrument)")
            #expect(slots.insert(instrument) == index)
        }
        #expect(slots.count == all.count)
    }

    @Test func aStrikeWrittenAtAnotherScaleFindsTheSameSlot() {
        var slots = InstrumentSlots()
        let whole = GateFixture.option(.call, strike: 100_000)
        let scaled = Instrument.option(
            GateFixture.btc,
            expiry: GateFixture.days(30),
            strike: Price(FixedDecimal(units: 1_000_000_000, scale: 4)),
            right: .call,
            settlement: .inverse(.btc)
        )
        #expect(whole == scaled)
        let slot = slots.insert(whole)
        #expect(slots.slot(of: scaled) == slot)
        #expect(InstrumentSlots.hash(whole) == InstrumentSlots.hash(scaled))
    }

    @Test func instrumentsSharingTheirTermsAreToldApart() {
        var slots = InstrumentSlots()
        let inverse = GateFixture.option(.call, strike: 3_000, underlying: GateFixture.eth)
        let otherUnderlying = GateFixture.option(.call, strike: 3_000, underlying: GateFixture.btc)
        let linear = Instrument.option(
            GateFixture.eth,
            expiry: GateFixture.days(30),
            strike: Price(FixedDecimal(3_000)),
            right: .call,
            settlement: .linear(.usd)
        )
        #expect(InstrumentSlots.hash(inverse) == InstrumentSlots.hash(linear))
        #expect(slots.insert(inverse) == 0)
        #expect(slots.slot(of: otherUnderlying) == nil)
        #expect(slots.slot(of: linear) == nil)
        #expect(slots.insert(otherUnderlying) == 1)
        #expect(slots.insert(linear) == 2)
        #expect(slots.slot(of: inverse) == 0)
        slots.removeAll()
        #expect(slots.count == 0 && slots.slot(of: inverse) == nil)
    }

    @Test func eachOrderOfAMixedProposalTakesItsOwnAccountsDesk() {
        let accounts = [Fixture.accountA, Fixture.accountA, Fixture.accountB, Fixture.accountC, Fixture.accountC]
        let orders = accounts.enumerated().map { index, account in
            Order(
                id: OrderID(known: "S\(index)"),
                request: Fixture.request("s\(index)", account: account),
                owner: Fixture.alice,
                at: UnixNanos(0)
            )
        }
        let desks = orders.withUnsafeBufferPointer { orders in
            withUnsafeTemporaryAllocation(of: OrderScope.self, capacity: orders.count) { scopes in
                OrderScope.initialize(scopes, from: orders, Fixture.configuration)
                defer { scopes.deinitialize() }
                return scopes.map(\.desk)
            }
        }
        #expect(desks == [Fixture.deskOne, Fixture.deskOne, Fixture.deskTwo, Fixture.deskOne, Fixture.deskOne])
    }
}
