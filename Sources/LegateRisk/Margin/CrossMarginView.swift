public import LegateCore
public import LegateModel

/// Where a margin view is taken.
public enum MarginScope: Sendable, Hashable, CustomStringConvertible {
    /// One venue account, in its collateral currency.
    case account(AccountID, Venue)
    /// Every account on one venue, in USD.
    case venue(Venue)
    /// Every account collateralised in one currency, in that currency.
    case settlementCurrency(Asset)
    /// Every account of a desk, in USD (the house model's requirement when one is given).
    case desk(DeskID)

    public var description: String {
        switch self {
        case .account(let account, let venue): "account \(account)@\(venue)"
        case .venue(let venue): "venue \(venue)"
        case .settlementCurrency(let currency): "currency \(currency)"
        case .desk(let desk): "desk \(desk)"
        }
    }
}

/// One venue account's margin state: what the cross-margin views are built from.
public struct MarginAccountState: Sendable, Hashable {
    public let account: AccountID
    public let venue: Venue
    public let desk: DeskID
    /// Equity (collateral plus unrealized P&L) in the account's collateral currency.
    public let equity: Money
    /// The requirement under the account's venue model, in the collateral currency.
    public let requirement: MarginRequirement
    /// The account's P&L against the underlying move (flat vol), in the collateral currency; nil when unknown.
    public let curve: MoveCurve?

    public init(
        account: AccountID,
        venue: Venue,
        desk: DeskID,
        equity: Money,
        requirement: MarginRequirement,
        curve: MoveCurve?
    ) {
        self.account = account
        self.venue = venue
        self.desk = desk
        self.equity = equity
        self.requirement = requirement
        self.curve = curve
    }

    public var currency: Asset { equity.currency }
}

/// Equity, requirement, headroom and distance to liquidation of one scope, in one currency.
public struct MarginView: Sendable, Hashable {
    public let scope: MarginScope
    public let currency: Asset
    public let equity: Double
    public let requirement: MarginRequirement
    /// The spot moves (relative, down < 0) at which equity reaches maintenance; nil when the curve never gets there
    /// or is unknown.
    public let liquidationMoveDown: Double?
    public let liquidationMoveUp: Double?

    public init(scope: MarginScope, currency: Asset, equity: Double, requirement: MarginRequirement, curve: MoveCurve?)
    {
        self.scope = scope
        self.currency = currency
        self.equity = equity
        self.requirement = requirement
        let moves = curve.map {
            LiquidationMove.estimate(equity: equity, maintenance: requirement.maintenance, curve: $0)
        }
        liquidationMoveDown = moves?.down ?? nil
        liquidationMoveUp = moves?.up ?? nil
    }

    /// Equity left above initial margin.
    public var available: Double { equity - requirement.initial }
    /// IM / equity; nil when equity is not positive.
    public var initialUtilisation: Double? { equity > 0 ? requirement.initial / equity : nil }
    /// MM / equity; nil when equity is not positive.
    public var maintenanceUtilisation: Double? { equity > 0 ? requirement.maintenance / equity : nil }
}

/// The cross-margin views of a set of accounts: per account, per venue, per collateral currency and per desk.
public enum CrossMarginViews {
    /// A desk's house-model requirement and curve in USD (`HouseMargin`), which replaces the sum of its accounts'.
    public struct HouseFigures: Sendable, Hashable {
        public let requirement: MarginRequirement
        public let curve: MoveCurve?

        public init(requirement: MarginRequirement, curve: MoveCurve?) {
            self.requirement = requirement
            self.curve = curve
        }
    }

    /// Builds every view, in a deterministic order: accounts as given, then venues, currencies and desks in order of
    /// first appearance.
    ///
    /// Cross-currency views convert each account at `usdPrices[currency]` (USD per unit: the index for a coin, 1 for
    /// a USD stablecoin). A coin account's curve becomes USD P&L at the moved index (`MoveCurve.convertedToUSD`);
    /// summing curves of different coins assumes they move together.
    ///
    /// - Throws: `MarginError.missingConversion` for a currency without a USD price, `.shapeMismatch` for curves over
    ///   different moves.
    public static func make(
        accounts: [MarginAccountState],
        usdPrices: [Asset: Double],
        house: [DeskID: HouseFigures] = [:]
    ) throws(MarginError) -> [MarginView] {
        var views = accounts.map {
            MarginView(
                scope: .account($0.account, $0.venue),
                currency: $0.currency,
                equity: $0.equity.amount.doubleValue,
                requirement: $0.requirement,
                curve: $0.curve
            )
        }
        var venues: [Venue] = []
        var currencies: [Asset] = []
        var desks: [DeskID] = []
        for account in accounts {
            if !venues.contains(account.venue) { venues.append(account.venue) }
            if !currencies.contains(account.currency) { currencies.append(account.currency) }
            if !desks.contains(account.desk) { desks.append(account.desk) }
        }
        for venue in venues {
            views.append(try sumInUSD(.venue(venue), accounts.filter { $0.venue == venue }, usdPrices))
        }
        for currency in currencies {
            views.append(try sumInCurrency(currency, accounts.filter { $0.currency == currency }))
        }
        for desk in desks {
            let total = try sumInUSD(.desk(desk), accounts.filter { $0.desk == desk }, usdPrices)
            guard let figures = house[desk] else {
                views.append(total)
                continue
            }
            views.append(
                MarginView(
                    scope: .desk(desk),
                    currency: .usd,
                    equity: total.equity,
                    requirement: figures.requirement,
                    curve: figures.curve
                )
            )
        }
        return views
    }

    private static func sumInCurrency(
        _ currency: Asset,
        _ accounts: [MarginAccountState]
    ) throws(MarginError)
        -> MarginView
    {
        var equity = 0.0
        var requirement = MarginRequirement.zero
        var curve: MoveCurve?
        var isCurveComplete = true
        for account in accounts {
            equity += account.equity.amount.doubleValue
            requirement.add(account.requirement)
            try merge(account.curve, into: &curve, complete: &isCurveComplete)
        }
        return MarginView(
            scope: .settlementCurrency(currency),
            currency: currency,
            equity: equity,
            requirement: requirement,
            curve: isCurveComplete ? curve : nil
        )
    }

    private static func sumInUSD(
        _ scope: MarginScope,
        _ accounts: [MarginAccountState],
        _ usdPrices: [Asset: Double]
    ) throws(MarginError) -> MarginView {
        var equity = 0.0
        var requirement = MarginRequirement.zero
        var curve: MoveCurve?
        var isCurveComplete = true
        for account in accounts {
            guard let price = usdPrices[account.currency], price.isFinite, price > 0 else {
                throw .missingConversion(currency: account.currency.code)
            }
            let accountEquity = account.equity.amount.doubleValue
            equity += accountEquity * price
            requirement.add(account.requirement.scaled(by: price))
            let isStable = account.currency == .usd || account.currency == .usdc || account.currency == .usdt
            let converted =
                isStable
                ? account.curve?.scaled(by: price)
                : account.curve?.convertedToUSD(coinEquity: accountEquity, index: price)
            try merge(converted, into: &curve, complete: &isCurveComplete)
        }
        return MarginView(
            scope: scope,
            currency: .usd,
            equity: equity,
            requirement: requirement,
            curve: isCurveComplete ? curve : nil
        )
    }

    private static func merge(
        _ next: MoveCurve?,
        into curve: inout MoveCurve?,
        complete: inout Bool
    ) throws(MarginError) {
        guard let next else {
            complete = false
            return
        }
        if curve == nil {
            curve = next
        } else {
            try curve?.add(next)
        }
    }
}
