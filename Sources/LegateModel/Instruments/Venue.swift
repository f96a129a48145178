/// A trading venue Legate speaks to; `simulated` is the embedded default.
public enum Venue: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case deribit
    case okx
    case bybit
    case binance
    case simulated

    public var description: String { rawValue }
}
