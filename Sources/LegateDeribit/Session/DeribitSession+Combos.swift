import LegateCore
import LegateModel
import LegateVenues

// MARK: - Combos

extension DeribitSession {
    /// Before the first order on an option combo, `private/create_combo` makes sure its book exists (Deribit creates
    /// combo books on request, and an order on one nobody created is refused). The answer must name the combo Legate
    /// formatted, or the order is rejected unsent: Deribit would have built a different package. A refusal of the
    /// creation is the order's rejection.
    func comboIsCreated(_ instrument: Instrument, orderID: OrderID) async throws(VenueError) -> Bool {
        guard DeribitRequests.needsCreatedCombo(instrument) else { return true }
        let name = try DeribitRequests.symbol(instrument)
        if createdCombos.contains(name) { return true }
        let call = try DeribitRequests.createCombo(instrument)
        guard let data = try await invoke(call, refusal: { .rejected(orderID: orderID, reason: $0) }) else {
            return false
        }
        let combo = try decode(DeribitComboWire.self, from: data, what: call.method)
        guard combo.id == name else {
            publish([.rejected(orderID: orderID, reason: "deribit created combo \(combo.id), not \(name)")])
            return false
        }
        createdCombos.insert(name)
        return true
    }
}
