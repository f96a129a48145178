internal import LegateCore
internal import LegateModel
internal import LegateRisk
internal import OrderedCollections

/// A venue account as the cross-margin views see it: equity and desk from the limits file, margin model, collateral
/// and venue from the portfolio file (or their defaults), and its positions.
struct RiskVenueAccount {
    let account: AccountID
    let desk: DeskID?
    /// The venue the account is counted on in the venue views.
    let venue: Venue
    /// Venues it also holds positions on.
    let otherVenues: [Venue]
    let model: RiskMarginModel
    /// What the account holds its equity in and is liquidated in.
    let collateral: Asset
    /// Equity in USD, as the limits file gives it.
    let equityUSD: FixedDecimal
    let positions: [LegateRisk.Position]

    var isStablecoin: Bool { RiskVenueAccount.stablecoins.contains(collateral) }

    static let stablecoins: Set<Asset> = [.usd, .usdc, .usdt]
}

extension RiskInputs {
    /// USD per unit of every collateral the views can meet: 1 for USD and its stablecoins, the index for a coin.
    var usdPrices: [Asset: Double] {
        var prices: [Asset: Double] = [:]
        for coin in RiskVenueAccount.stablecoins { prices[coin] = 1 }
        for (underlying, market) in portfolio.market.underlyings { prices[underlying.base] = market.index }
        return prices
    }

    /// Every account of the limits file as one venue account. Every position's account must have equity there, and
    /// every account the portfolio file describes must be one of them.
    func venueAccounts() throws(RiskInputError) -> [RiskVenueAccount] {
        let known = Set(limits.accounts.map(\.account))
        for (index, entry) in portfolio.positions.enumerated() where !known.contains(entry.account) {
            throw RiskInputError(
                file: portfolioPath,
                path: "positions[\(index)].account",
                problem: "\"\(entry.account)\" has no equity: add it to \"accounts\" of \(limits.file)"
            )
        }
        for account in portfolio.accounts.keys.sorted() where !known.contains(account) {
            throw (portfolio.accounts[account]?.json ?? RiskJSON(value: .null, file: portfolioPath, path: "accounts"))
                .fail("\"\(account)\" is not in \"accounts\" of \(limits.file), which gives its equity")
        }
        let all = positions
        var accounts: [RiskVenueAccount] = []
        for entry in limits.accounts { accounts.append(try venueAccount(entry, all)) }
        return accounts
    }

    /// One account. An account id is one margin account, as the gate counts it: its venue is the portfolio file's
    /// `venue`, else that of its first position, and positions it holds on other venues are margined in it too. Its
    /// collateral is the coin its positions settle in when they all settle in one coin, else USD.
    private func venueAccount(
        _ entry: RiskAccountEntry,
        _ all: [LegateRisk.Position]
    ) throws(RiskInputError) -> RiskVenueAccount {
        let settings = portfolio.accounts[entry.account]
        let own = all.enumerated().filter { $0.element.key.account == entry.account }.map {
            (index: $0.offset, position: $0.element)
        }
        let home = settings?.venue ?? own.first?.position.key.venue ?? .deribit
        var venues = [home]
        for (_, position) in own where !venues.contains(position.key.venue) { venues.append(position.key.venue) }
        let collateral = settings?.collateral ?? Self.settlementCoin(own.map(\.position)) ?? .usd
        try checkCollateral(collateral, of: entry.account, own, settings: settings)
        return RiskVenueAccount(
            account: entry.account,
            desk: entry.desk,
            venue: home,
            otherVenues: Array(venues.dropFirst()),
            model: settings?.marginModel ?? .unnamed,
            collateral: collateral,
            equityUSD: entry.equity,
            positions: own.map(\.position)
        )
    }

    /// The coin every position settles in, when they are all coin-settled (inverse) on one coin.
    private static func settlementCoin(_ positions: [LegateRisk.Position]) -> Asset? {
        let currencies = Set(positions.map(\.key.instrument.settlement.currency))
        guard currencies.count == 1, let coin = currencies.first, !RiskVenueAccount.stablecoins.contains(coin) else {
            return nil
        }
        return coin
    }

    /// A coin account needs the coin's index, and margins positions on that coin only (its P&L is counted in it).
    private func checkCollateral(
        _ collateral: Asset,
        of account: AccountID,
        _ own: [(index: Int, position: LegateRisk.Position)],
        settings: RiskAccountSettings?
    ) throws(RiskInputError) {
        guard !RiskVenueAccount.stablecoins.contains(collateral) else { return }
        let json = settings?.json ?? RiskJSON(value: .null, file: portfolioPath, path: "accounts.\(account)")
        guard usdPrices[collateral] != nil else {
            throw json.fail("collateral \(collateral) has no index in \"market.underlyings\"")
        }
        for (index, position) in own where position.key.instrument.underlying.base != collateral {
            throw RiskInputError(
                file: portfolioPath,
                path: "positions[\(index)].instrument",
                problem: "account \(account) is collateralised in \(collateral) and cannot margin a position on "
                    + "\(position.key.instrument.underlying.base) (give it \"collateral\": \"USD\" in \"accounts\")"
            )
        }
    }

    /// The account's requirement under its own model, in USD.
    func requirementUSD(_ account: RiskVenueAccount) throws(RiskInputError) -> MarginRequirement {
        switch account.model {
        case .standard: return try RiskReport.standardMargin(account.positions, self)
        case .portfolio: return try RiskReport.portfolioMargin(account.positions, self).totalUSD
        case .span:
            // span.json sets one requirement and no initial-to-maintenance ratio, so both are that requirement.
            let total = try RiskReport.spanMargin(account.positions, self).totalUSD
            return MarginRequirement(initial: total, maintenance: total)
        }
    }
}
