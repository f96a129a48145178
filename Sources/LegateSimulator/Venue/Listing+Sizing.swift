import LegateCore
import LegateModel

/// The venue's boundary for sizes: books, orders, fills and positions are counted in the venue's contracts (integer
/// units of `sizes`); everything the venue takes or tells its client is in Legate's canonical size (coin for
/// options, USD for inverse futures and perpetuals), converted exactly with the contract value.
extension Listing {
    /// A size in grid units (contracts) as a canonical size.
    func canonical(_ units: Int64) -> Quantity {
        let contracts = sizes.quantity(units)
        if sizing.contractValue == 1 { return contracts }
        do {
            return try sizing.quantity(contracts: contracts.decimal)
        } catch {
            preconditionFailure("\(units) units of \(spec.symbol) have no canonical size: \(error)")
        }
    }

    /// An order's canonical size in grid units (contracts): positive, at least the minimum, whole lots.
    func units(ofOrder size: Quantity) throws(ContractSizingError) -> Int64 {
        let contracts = try sizing.orderContracts(size)
        guard let units = sizes.units(of: Quantity(contracts)) else {
            throw .notRepresentable(size: size, sizing, reason: "\(contracts) contracts are off the size grid")
        }
        return units
    }

    /// The canonical spec of a product whose lot and minimum the venue states in contracts.
    static func canonicalSpec(
        _ instrument: Instrument,
        venue: Venue,
        symbol: String,
        rules: ProductRules,
        tickSize: TickSchedule,
        quoteCurrency: Asset,
        at time: UnixNanos
    ) -> InstrumentSpec {
        precondition(
            rules.contractUnit == instrument.canonicalSizeUnit,
            "\(symbol): contracts in \(rules.contractUnit), but Legate sizes it in \(instrument.canonicalSizeUnit)"
        )
        let lot: Quantity
        let minimum: Quantity
        do {
            lot = try ContractSizing.canonical(
                contracts: rules.lotSize.decimal,
                contractValue: rules.contractMultiplier
            )
            minimum = try ContractSizing.canonical(
                contracts: rules.minimumSize.decimal,
                contractValue: rules.contractMultiplier
            )
        } catch {
            preconditionFailure("lot or minimum of \(symbol) does not fit a canonical size: \(error)")
        }
        return InstrumentSpec(
            instrument: instrument,
            venue: venue,
            symbol: symbol,
            contractMultiplier: rules.contractMultiplier,
            contractUnit: rules.contractUnit,
            quoteCurrency: quoteCurrency,
            tickSize: tickSize,
            lotSize: lot,
            minimumSize: minimum,
            minimumNotional: nil,
            listingState: .listed,
            effectiveFrom: time
        )
    }
}
