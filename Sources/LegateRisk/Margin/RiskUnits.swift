import LegateCore
import LegateModel
import OrderedCollections

/// One underlying coin counted in one numeraire: the unit a portfolio margin is computed on and summed over.
public struct RiskUnitKey: Sendable, Hashable, CustomStringConvertible {
    /// The underlying coin code (`BTC`).
    public let coin: String
    public let numeraire: Numeraire

    public init(coin: String, numeraire: Numeraire) {
        self.coin = coin
        self.numeraire = numeraire
    }

    public var description: String { "\(coin)/\(numeraire.rawValue)" }
}

/// How positions form risk units (Deribit S:PM and X:PM, risk-methodology §1.2–1.3).
public enum PortfolioMarginMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Per settlement currency: coin-settled positions of a coin form a unit counted in that coin; USD-settled
    /// positions (and spot) of a coin form a unit counted in USD.
    case segregated
    /// Every position on a coin forms one unit counted in USD, so coin- and USD-settled products offset.
    case crossCollateral

    /// The unit of a position under this mode.
    public func unit(of position: Position) -> RiskUnitKey {
        let instrument = position.key.instrument
        let coin = instrument.underlying.base.code
        switch self {
        case .crossCollateral:
            return RiskUnitKey(coin: coin, numeraire: .usd)
        case .segregated:
            let isCoin = instrument.settlement.isInverse && instrument.kind != .spot
            return RiskUnitKey(coin: coin, numeraire: isCoin ? .coin : .usd)
        }
    }
}

/// Positions laid out for unit-by-unit revaluation: one scenario-book underlying slot per coin, one output group
/// per risk unit, and each position's sensitivities for the deltas the add-ons read.
struct RiskUnitPlan {
    var coins: [String] = []
    var units: OrderedDictionary<RiskUnitKey, Int> = [:]
    var book: ScenarioBook
    var exposures: [RiskUnitExposure] = []
    /// Short option notional in coins per unit (for SPAN's short option minimum).
    var shortOptionCoins: [Double] = []

    init(
        _ positions: [Position],
        market: MarketState,
        unit: (Position) -> RiskUnitKey
    ) throws(MarginError) {
        var coinIndex: OrderedDictionary<String, Double> = [:]
        var units: OrderedDictionary<RiskUnitKey, Int> = [:]
        for position in positions {
            let underlying = position.key.instrument.underlying
            if coinIndex[underlying.base.code] == nil {
                do throws(MarketDataError) {
                    coinIndex[underlying.base.code] = try market.index(of: underlying)
                } catch {
                    throw .market(error)
                }
            }
            let key = unit(position)
            if units[key] == nil { units[key] = units.count }
        }
        coins = Array(coinIndex.keys)
        self.units = units
        book = ScenarioBook(indexPrices: Array(coinIndex.values), groupCount: max(units.count, 1))
        exposures = units.keys.map { RiskUnitExposure(index: coinIndex[$0.coin] ?? 0, deltaByExpiry: []) }
        shortOptionCoins = Array(repeating: 0, count: units.count)
        for position in positions { try add(position, market: market, unit: unit(position)) }
    }

    private mutating func add(_ position: Position, market: MarketState, unit key: RiskUnitKey) throws(MarginError) {
        let group = units[key] ?? 0
        let slot = coins.firstIndex(of: key.coin) ?? 0
        do {
            let quote = try market.market(for: position.key.instrument, venue: position.key.venue)
            let risk = try PositionRisk(position, market: market)
            try book.append(ScenarioPosition(position, quote: quote, underlying: slot, group: group))
            exposures[group].add(risk)
            if position.key.instrument.kind == .option, risk.coinQuantity < 0 {
                shortOptionCoins[group] += -risk.coinQuantity
            }
        } catch let error as MarketDataError {
            throw .market(error)
        } catch let error as BookError {
            throw .book(error)
        } catch let error as ScenarioError {
            throw .scenario(error)
        } catch {
            preconditionFailure("unexpected error valuing \(position.key): \(error)")
        }
    }
}

extension RiskUnitExposure {
    /// Adds one position's delta to its expiry.
    public mutating func add(_ risk: PositionRisk) {
        if let index = deltaByExpiry.firstIndex(where: { $0.expiry == risk.expiry }) {
            deltaByExpiry[index].coin += risk.coin.delta
            deltaByExpiry[index].usd += risk.usd.delta
        } else {
            deltaByExpiry.append(
                ExpiryDelta(
                    expiry: risk.expiry,
                    expiryYears: risk.expiryYears,
                    coin: risk.coin.delta,
                    usd: risk.usd.delta
                )
            )
        }
    }
}
