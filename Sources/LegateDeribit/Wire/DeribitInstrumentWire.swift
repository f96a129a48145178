/// One instrument from `public/get_instruments` or `public/get_instrument`.
public struct DeribitInstrumentWire: Hashable, Sendable, Decodable {
    public struct TickSizeStep: Hashable, Sendable, Decodable {
        public let abovePrice: DeribitNumber
        public let tickSize: DeribitNumber
    }

    public let instrumentName: String
    /// `option`, `future`, `spot`, `option_combo`, `future_combo`.
    public let kind: String
    public let instrumentId: Int64?
    /// `reversed` (inverse) or `linear`.
    public let instrumentType: String?
    public let optionType: String?
    public let strike: DeribitNumber?
    /// Absent only in made-up listings; every real instrument has one (perpetuals: year 3000).
    public let expirationTimestamp: Int64?
    public let creationTimestamp: Int64
    public let isActive: Bool
    public let state: String?
    public let tickSize: DeribitNumber
    public let tickSizeSteps: [TickSizeStep]?
    public let contractSize: DeribitNumber
    public let minTradeAmount: DeribitNumber
    public let makerCommission: DeribitNumber?
    public let takerCommission: DeribitNumber?
    public let settlementPeriod: String?
    public let settlementCurrency: String?
    public let baseCurrency: String
    public let counterCurrency: String?
    public let quoteCurrency: String
    public let priceIndex: String?
}

/// One combo from `public/get_combos`: its legs with signed ratios.
public struct DeribitComboWire: Hashable, Sendable, Decodable {
    public struct Leg: Hashable, Sendable, Decodable {
        public let amount: Int
        public let instrumentName: String
    }

    public let id: String
    public let state: String
    public let legs: [Leg]
    public let instrumentId: Int64?
    public let creationTimestamp: Int64?
    public let stateTimestamp: Int64?
}

/// `public/get_expirations`: expiry codes per kind (`20MAY26`, …, `PERPETUAL`); with `currency=any` per kind, with a
/// currency keyed by it (`{"btc":{"option":[…]}}`).
public struct DeribitExpirationsWire: Hashable, Sendable, Decodable {
    public let option: [String]?
    public let future: [String]?
}
