public import LegateModel
public import LegateSymbology

/// The Binance API a session speaks: European options (`eapi`), USD-M futures (`fapi`) or spot (`api`). Binance runs
/// each as its own service, with its own paths, streams and user-data stream, so a session speaks exactly one.
public enum BinanceMarket: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case options
    case usdm
    case spot

    public var description: String { rawValue }

    /// The market Legate's symbology reads this API's names in.
    public var symbology: Market {
        switch self {
        case .options: .option
        case .usdm: .linear
        case .spot: .spot
        }
    }

    /// True when `instrument` trades on this API.
    public func lists(_ instrument: Instrument) -> Bool { Market.of(instrument) == symbology }

    /// The user-data stream's listen key: created by POST, kept alive by PUT, closed by DELETE.
    public var listenKeyPath: String {
        switch self {
        case .options: "/eapi/v1/listenKey"
        case .usdm: "/fapi/v1/listenKey"
        case .spot: "/api/v3/userDataStream"
        }
    }

    /// The server time (`{"serverTime":…}`, ms), which signed timestamps are corrected against.
    public var serverTimePath: String {
        switch self {
        case .options: "/eapi/v1/time"
        case .usdm: "/fapi/v1/time"
        case .spot: "/api/v3/time"
        }
    }

    public var exchangeInfoPath: String {
        switch self {
        case .options: "/eapi/v1/exchangeInfo"
        case .usdm: "/fapi/v1/exchangeInfo"
        case .spot: "/api/v3/exchangeInfo"
        }
    }

    /// The REST depth snapshot; options have no diff stream, their book streams are whole top-N books.
    public var depthPath: String {
        switch self {
        case .options: "/eapi/v1/depth"
        case .usdm: "/fapi/v1/depth"
        case .spot: "/api/v3/depth"
        }
    }

    /// Balances: the options margin account, the USD-M account (per-asset margin), the spot account.
    public var accountPath: String {
        switch self {
        case .options: "/eapi/v1/marginAccount"
        case .usdm: "/fapi/v2/account"
        case .spot: "/api/v3/account"
        }
    }

    /// Positions; spot has none.
    public var positionsPath: String? {
        switch self {
        case .options: "/eapi/v1/position"
        case .usdm: "/fapi/v2/positionRisk"
        case .spot: nil
        }
    }

    public var openOrdersPath: String {
        switch self {
        case .options: "/eapi/v1/openOrders"
        case .usdm: "/fapi/v1/openOrders"
        case .spot: "/api/v3/openOrders"
        }
    }
}
