/// `chart.trades.{instrument}.{resolution}`: one candle.
public struct DeribitChartWire: Hashable, Sendable, Decodable {
    public let tick: Int64
    public let open: DeribitNumber
    public let high: DeribitNumber
    public let low: DeribitNumber
    public let close: DeribitNumber
    public let volume: DeribitNumber
    public let cost: DeribitNumber
}

/// `public/get_tradingview_chart_data`: candles as parallel columns.
public struct DeribitTradingViewWire: Hashable, Sendable, Decodable {
    public let status: String
    public let ticks: [Int64]
    public let open: [DeribitNumber]
    public let high: [DeribitNumber]
    public let low: [DeribitNumber]
    public let close: [DeribitNumber]
    public let volume: [DeribitNumber]
    public let cost: [DeribitNumber]
}

/// `deribit_volatility_index.{index}`: the DVOL value.
public struct DeribitVolatilityIndexWire: Hashable, Sendable, Decodable {
    public let timestamp: Int64
    public let volatility: DeribitNumber
    public let indexName: String
}

/// `public/test`: the server's version.
public struct DeribitTestWire: Hashable, Sendable, Decodable {
    public let version: String
}
