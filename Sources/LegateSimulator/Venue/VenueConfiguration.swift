public import LegateCore
public import LegateModel

/// One simulated venue's rules and behaviour, as data (`Config/simulator/deribit.json`, `okx.json`).
///
/// Every product of a simulated venue settles in one currency, inverse or linear (Deribit's and OKX's BTC option,
/// future and perpetual books are all coin-settled), which keeps one collateral balance per account.
public struct VenueConfiguration: Hashable, Sendable, Codable {
    /// The venue this simulator stands in for; reports and market data carry it.
    public var venue: Venue
    public var settlementCurrency: Asset
    /// Coin-settled (inverse) when true, linear in `settlementCurrency` otherwise.
    public var isInverse: Bool
    /// Decimal places fees and settlement cash are booked at (8 for BTC).
    public var cashScale: Int8
    public var calendar: ExpiryCalendar
    public var strikes: StrikeLadder
    public var listsPerpetual: Bool
    public var option: ProductRules
    public var future: ProductRules
    public var perpetual: ProductRules
    /// Rules of venue-native combos; nil where the venue lists none on book (OKX, Bybit, Binance).
    public var combo: ComboRules?
    public var latency: LatencyConfiguration
    public var faults: FaultConfiguration
    public var rateLimit: RateLimitConfiguration
    public var margin: MarginConfiguration
    public var publishing: PublishingConfiguration

    public init(
        venue: Venue,
        settlementCurrency: Asset,
        isInverse: Bool,
        cashScale: Int8,
        calendar: ExpiryCalendar,
        strikes: StrikeLadder,
        listsPerpetual: Bool,
        option: ProductRules,
        future: ProductRules,
        perpetual: ProductRules,
        combo: ComboRules?,
        latency: LatencyConfiguration,
        faults: FaultConfiguration,
        rateLimit: RateLimitConfiguration,
        margin: MarginConfiguration,
        publishing: PublishingConfiguration
    ) {
        self.venue = venue
        self.settlementCurrency = settlementCurrency
        self.isInverse = isInverse
        self.cashScale = cashScale
        self.calendar = calendar
        self.strikes = strikes
        self.listsPerpetual = listsPerpetual
        self.option = option
        self.future = future
        self.perpetual = perpetual
        self.combo = combo
        self.latency = latency
        self.faults = faults
        self.rateLimit = rateLimit
        self.margin = margin
        self.publishing = publishing
    }

    public var settlement: Settlement { isInverse ? .inverse(settlementCurrency) : .linear(settlementCurrency) }
}

/// Trading rules and the resting liquidity of one product (options, futures or the perpetual) on a venue.
public struct ProductRules: Hashable, Sendable, Codable {
    public var tickSize: TickSchedule
    /// The venue's lot and minimum in its own contracts (OKX `lotSz`/`minSz`: 1 contract). The venue matches in
    /// contracts; what it takes and tells its client is canonical (`lotSize × contractMultiplier`, in its spec).
    public var lotSize: Quantity
    public var minimumSize: Quantity
    /// Units of `contractUnit` per contract: 1 BTC per Deribit option, 0.01 BTC per OKX option, 100 USD per OKX
    /// inverse swap. `contractUnit` must be the canonical size unit (coin for options, USD for inverse futures and
    /// perpetuals). Deribit's perpetual is sized in USD (`amount`, in steps of its 10 USD contract), so it is
    /// configured as contracts of 1 USD with a lot of 10.
    public var contractMultiplier: FixedDecimal
    public var contractUnit: Asset
    /// Fee rates: options as a fraction of the underlying amount, futures as a fraction of the notional. A negative
    /// maker rate is a rebate.
    public var makerFeeRate: FixedDecimal
    public var takerFeeRate: FixedDecimal
    /// Options: the fee never exceeds this fraction of the premium (Deribit: 12.5%).
    public var feeCapFractionOfPremium: FixedDecimal?
    /// Limit prices must lie within `mark ± max(fraction·mark, minimumWidth)`.
    public var priceBandFraction: Double
    public var priceBandMinimumWidth: Double
    public var marketMaker: MarketMakerConfiguration

    public init(
        tickSize: TickSchedule,
        lotSize: Quantity,
        minimumSize: Quantity,
        contractMultiplier: FixedDecimal,
        contractUnit: Asset,
        makerFeeRate: FixedDecimal,
        takerFeeRate: FixedDecimal,
        feeCapFractionOfPremium: FixedDecimal?,
        priceBandFraction: Double,
        priceBandMinimumWidth: Double,
        marketMaker: MarketMakerConfiguration
    ) {
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.minimumSize = minimumSize
        self.contractMultiplier = contractMultiplier
        self.contractUnit = contractUnit
        self.makerFeeRate = makerFeeRate
        self.takerFeeRate = takerFeeRate
        self.feeCapFractionOfPremium = feeCapFractionOfPremium
        self.priceBandFraction = priceBandFraction
        self.priceBandMinimumWidth = priceBandMinimumWidth
        self.marketMaker = marketMaker
    }
}

/// Venue-native combos of listed legs (Deribit `create_combo`): created on the first order that names them.
public struct ComboRules: Hashable, Sendable, Codable {
    public var tickSize: TickSchedule
    public var maximumLegs: Int
    /// Whether combo orders also fill against the legs' own books (implied liquidity), atomically across legs.
    public var impliedFromLegs: Bool

    public init(tickSize: TickSchedule, maximumLegs: Int, impliedFromLegs: Bool) {
        self.tickSize = tickSize
        self.maximumLegs = maximumLegs
        self.impliedFromLegs = impliedFromLegs
    }
}

/// The simulated market makers of one product: quotes around theoretical value, refreshed as the market moves.
public struct MarketMakerConfiguration: Hashable, Sendable, Codable {
    /// Half the spread as a fraction of theoretical value…
    public var halfSpreadFraction: Double
    /// …but at least this many ticks.
    public var minimumHalfSpreadTicks: Int
    /// Price levels quoted on each side.
    public var levels: Int
    /// Ticks between consecutive levels.
    public var levelSpacingTicks: Int
    /// Median size per level (lognormal), in the product's size unit.
    public var medianSize: Double
    public var sizeSigma: Double
    /// Seconds between requotes of one book.
    public var refreshSeconds: Int64
    /// A requote replaces the ladder only when theo moved at least this many ticks since the ladder was built
    /// (or a maker order traded): quoting hysteresis, as market makers avoid churning their queue position.
    public var requoteThresholdTicks: Double

    public init(
        halfSpreadFraction: Double,
        minimumHalfSpreadTicks: Int,
        levels: Int,
        levelSpacingTicks: Int,
        medianSize: Double,
        sizeSigma: Double,
        refreshSeconds: Int64,
        requoteThresholdTicks: Double
    ) {
        self.halfSpreadFraction = halfSpreadFraction
        self.minimumHalfSpreadTicks = minimumHalfSpreadTicks
        self.levels = levels
        self.levelSpacingTicks = levelSpacingTicks
        self.medianSize = medianSize
        self.sizeSigma = sizeSigma
        self.refreshSeconds = refreshSeconds
        self.requoteThresholdTicks = requoteThresholdTicks
    }
}

/// Lognormal delays: request to acknowledgement (and fills), and venue event to client for market data.
public struct LatencyConfiguration: Hashable, Sendable, Codable {
    public var requestMedianMilliseconds: Double
    public var requestSigma: Double
    public var marketDataMedianMilliseconds: Double
    public var marketDataSigma: Double

    public init(
        requestMedianMilliseconds: Double,
        requestSigma: Double,
        marketDataMedianMilliseconds: Double,
        marketDataSigma: Double
    ) {
        self.requestMedianMilliseconds = requestMedianMilliseconds
        self.requestSigma = requestSigma
        self.marketDataMedianMilliseconds = marketDataMedianMilliseconds
        self.marketDataSigma = marketDataSigma
    }
}

/// Outages (the venue is up but refuses or queues commands, publishes nothing) and disconnects (the session drops;
/// cancel-on-disconnect applies), on a schedule and at random from the seed.
public struct FaultConfiguration: Hashable, Sendable, Codable {
    public var scheduledOutages: [FaultWindowConfiguration]
    public var scheduledDisconnects: [FaultWindowConfiguration]
    public var outagesPerDay: Double
    public var meanOutageSeconds: Double
    public var disconnectsPerDay: Double
    public var meanDisconnectSeconds: Double
    /// What the venue does with commands during an outage.
    public var outageBehaviour: OutageBehaviour

    public init(
        scheduledOutages: [FaultWindowConfiguration],
        scheduledDisconnects: [FaultWindowConfiguration],
        outagesPerDay: Double,
        meanOutageSeconds: Double,
        disconnectsPerDay: Double,
        meanDisconnectSeconds: Double,
        outageBehaviour: OutageBehaviour
    ) {
        self.scheduledOutages = scheduledOutages
        self.scheduledDisconnects = scheduledDisconnects
        self.outagesPerDay = outagesPerDay
        self.meanOutageSeconds = meanOutageSeconds
        self.disconnectsPerDay = disconnectsPerDay
        self.meanDisconnectSeconds = meanDisconnectSeconds
        self.outageBehaviour = outageBehaviour
    }

    /// No faults at all.
    public static let none = FaultConfiguration(
        scheduledOutages: [],
        scheduledDisconnects: [],
        outagesPerDay: 0,
        meanOutageSeconds: 0,
        disconnectsPerDay: 0,
        meanDisconnectSeconds: 0,
        outageBehaviour: .reject
    )
}

/// A fault window relative to the start of the simulation.
public struct FaultWindowConfiguration: Hashable, Sendable, Codable {
    public var startSeconds: Int64
    public var durationSeconds: Int64

    public init(startSeconds: Int64, durationSeconds: Int64) {
        self.startSeconds = startSeconds
        self.durationSeconds = durationSeconds
    }
}

public enum OutageBehaviour: String, Hashable, Sendable, Codable {
    /// Commands are rejected (Deribit `11051 system_maintenance`).
    case reject
    /// Commands are held and processed when the venue comes back, in arrival order.
    case delay
}

/// A token bucket per account for order entry (place, amend, cancel), as Deribit's matching-engine credits.
public struct RateLimitConfiguration: Hashable, Sendable, Codable {
    public var burst: Int
    public var refillPerSecond: Double

    public init(burst: Int, refillPerSecond: Double) {
        self.burst = burst
        self.refillPerSecond = refillPerSecond
    }
}

/// The simple per-account collateral check (standard margin, risk-methodology §1.1–1.2).
///
/// Initial margin of a short option: `max(shortBase − OTM/index, shortMinimum) + mark` per unit of underlying; of a
/// future or perpetual: `futureRate × notional`; a bought option needs its premium. An order is refused when the
/// account's equity less the margin of its positions and open orders cannot cover the order's margin.
public struct MarginConfiguration: Hashable, Sendable, Codable {
    public var optionShortBase: Double
    public var optionShortMinimum: Double
    public var futureRate: Double

    public init(optionShortBase: Double, optionShortMinimum: Double, futureRate: Double) {
        self.optionShortBase = optionShortBase
        self.optionShortMinimum = optionShortMinimum
        self.futureRate = futureRate
    }
}

/// How often the venue publishes tickers and funding, and checks its listings.
public struct PublishingConfiguration: Hashable, Sendable, Codable {
    public var tickerSeconds: Int64
    public var fundingSeconds: Int64
    public var listingCheckSeconds: Int64

    public init(tickerSeconds: Int64, fundingSeconds: Int64, listingCheckSeconds: Int64) {
        self.tickerSeconds = tickerSeconds
        self.fundingSeconds = fundingSeconds
        self.listingCheckSeconds = listingCheckSeconds
    }
}

/// A trading account on a simulated venue with its starting collateral.
public struct SimulatedAccount: Hashable, Sendable, Codable {
    public var id: AccountID
    /// Collateral in the venue's settlement currency.
    public var collateral: FixedDecimal
    public var cancelOnDisconnect: Bool

    public init(id: AccountID, collateral: FixedDecimal, cancelOnDisconnect: Bool) {
        self.id = id
        self.collateral = collateral
        self.cancelOnDisconnect = cancelOnDisconnect
    }
}
