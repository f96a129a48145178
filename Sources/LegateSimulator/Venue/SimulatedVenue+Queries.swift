public import LegateCore
public import LegateModel

extension SimulatedVenue {
    /// The instruments listed now, in listing order.
    public var listedInstruments: [InstrumentSpec] {
        listings.filter(\.isActive).map(\.spec)
    }

    /// The venue's spec of an instrument it lists (or listed).
    public func spec(for instrument: Instrument) -> InstrumentSpec? {
        listingIndex[instrument].map { listings[$0].spec }
    }

    /// The book's levels on one side, best first, in canonical sizes.
    public func bookLevels(_ instrument: Instrument, side: BookSide) -> [BookLevel] {
        guard let index = listingIndex[instrument] else { return [] }
        let listing = listings[index]
        return listing.book.levels(side).reversed().map {
            BookLevel(price: listing.prices.price($0.price), quantity: listing.canonical($0.total))
        }
    }

    /// The best level on one side, if any.
    public func bestLevel(_ instrument: Instrument, side: BookSide) -> BookLevel? {
        guard let index = listingIndex[instrument] else { return nil }
        return topOfBook(listings[index], side)
    }

    /// An account's signed position in an instrument, in canonical size.
    public func position(_ account: AccountID, in instrument: Instrument) -> Quantity {
        guard let accountSlot = accountIndex[account], let index = listingIndex[instrument] else { return .zero }
        return listings[index].canonical(accounts[accountSlot].position(in: index))
    }

    /// An account's signed position in the venue's own contracts, as its position endpoint states it (OKX `pos`).
    public func positionContracts(_ account: AccountID, in instrument: Instrument) -> FixedDecimal {
        guard let accountSlot = accountIndex[account], let index = listingIndex[instrument] else { return .zero }
        return listings[index].sizes.quantity(accounts[accountSlot].position(in: index)).decimal
    }

    /// An account's collateral (cash) in the settlement currency: deposits, premiums, fees and settlements.
    public func collateral(_ account: AccountID) -> Money? {
        accountIndex[account].map { Money(accounts[$0].cash, configuration.settlementCurrency) }
    }

    /// The theoretical value of a listed instrument at the last requote, in its quote currency.
    public func theoreticalValue(of instrument: Instrument) -> Double? {
        listingIndex[instrument].map { listings[$0].theo }
    }

    /// How many orders an account has resting.
    public func openOrderCount(_ account: AccountID) -> Int {
        accountIndex[account].map { accounts[$0].openOrders.count } ?? 0
    }

    /// The published index now.
    public var indexPrice: Price { market.indexPrice }
}
