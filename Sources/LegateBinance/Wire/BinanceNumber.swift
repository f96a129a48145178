public import LegateVenues

/// Binance's exact decimals and millisecond times are the shared wire readers (`null` or `""` reads as absent).
public typealias BinanceNumber = WireDecimal
public typealias BinanceMillis = WireMillis
