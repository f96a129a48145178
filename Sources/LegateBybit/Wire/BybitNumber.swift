public import LegateVenues

/// Bybit's exact decimals and millisecond times are the shared wire readers (an empty `"tradeIv": ""` reads as absent).
public typealias BybitNumber = WireDecimal
public typealias BybitMillis = WireMillis
