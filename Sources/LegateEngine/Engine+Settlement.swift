internal import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

extension Engine {
    /// Books a venue's settlement of an expired instrument: working orders on it end (expired, or their approval
    /// lapses), then every position in it on the venue closes at its settlement value. A settlement that does not
    /// fit is journaled as refused, with the reason, and changes nothing.
    mutating func settle(_ settlement: ExpirySettlement, _ step: inout Step) {
        let value: Price
        do {
            value = try check(settlement, at: step.time)
        } catch {
            emit(.settlementRejected(settlement: settlement, error: error), &step)
            return
        }
        for order in workingOrders(on: settlement) {
            if order.status == .pendingApproval {
                transition(order.id, .approvalExpired, &step)
            } else if order.allows(.expired) {
                transition(order.id, .expired, &step)
            }
        }
        emit(.instrumentSettled(InstrumentSettled(settlement: settlement, value: value)), &step)
    }

    /// The settlement value, after checking the settlement may be booked now.
    private func check(_ settlement: ExpirySettlement, at time: UnixNanos) throws(SettlementError) -> Price {
        let instrument = settlement.instrument
        guard settlement.deliveryPrice.decimal.isPositive else {
            throw .nonPositivePrice(settlement.deliveryPrice)
        }
        let value = try settlement.value()
        if let expiry = instrument.expiry, time < expiry {
            throw .beforeExpiry(instrument, expiry: expiry, at: time)
        }
        let keys = (state.positionKeysByInstrument[instrument] ?? []).filter { $0.venue == settlement.venue }
        let ordered = state.orders.values.contains {
            $0.request.instrument == instrument && $0.request.venue == settlement.venue
        }
        guard !keys.isEmpty || ordered else { throw .unknownInstrument(instrument, venue: settlement.venue) }
        let open = keys.contains { state.positions[$0]?.netQuantity.isZero == false }
        guard open || !workingOrders(on: settlement).isEmpty else {
            throw .nothingToSettle(instrument, venue: settlement.venue)
        }
        return value
    }

    /// Orders on the settled instrument and venue that are not final, in order-id order.
    private func workingOrders(on settlement: ExpirySettlement) -> [Order] {
        state.orders.values.filter {
            !$0.status.isTerminal && $0.request.instrument == settlement.instrument
                && $0.request.venue == settlement.venue
        }
    }
}
