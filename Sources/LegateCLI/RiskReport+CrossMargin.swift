internal import LegateCore
internal import LegateModel
internal import LegateRisk

/// Each venue account's P&L against the spot move with vol unchanged, in its collateral, read off the house grid
/// (the widest and finest grid shipped): the curve the liquidation estimate reads. Every coin moves by the same
/// relative amount at a point of the curve.
struct RiskMoveCurves {
    let curves: [MoveCurve]
    let lowestMove: Double
    let highestMove: Double

    init(_ accounts: [RiskVenueAccount], inputs: RiskInputs) throws(RiskInputError) {
        var coins = inputs.modelFile.coins
        for account in accounts {
            for position in account.positions where !coins.contains(position.key.instrument.underlying.base.code) {
                coins.append(position.key.instrument.underlying.base.code)
            }
        }
        let market = inputs.portfolio.market
        do {
            let grid = try MarginGrid(parameters: inputs.modelFile.houseParameters, coins: coins)
            var indexPrices: [Double] = []
            for coin in coins {
                indexPrices.append(try market.index(of: Underlying(base: try Asset(coin), quote: .usd)))
            }
            var book = ScenarioBook(indexPrices: indexPrices, groupCount: max(accounts.count, 1))
            for (group, account) in accounts.enumerated() {
                for position in account.positions where !position.quantity.isZero {
                    let quote = try market.market(for: position.key.instrument, venue: position.key.venue)
                    let slot = coins.firstIndex(of: position.key.instrument.underlying.base.code) ?? 0
                    _ = try book.append(ScenarioPosition(position, quote: quote, underlying: slot, group: group))
                }
            }
            var revaluation = ScenarioRevaluation()
            var pnl = ScenarioPnL(groupCount: book.groupCount, scenarioCount: grid.scenarios.count)
            try revaluation.revalue(book, under: grid.scenarios, into: &pnl)
            var curves: [MoveCurve] = []
            for (group, account) in accounts.enumerated() {
                let vector = pnl.vector(group: group, in: account.isStablecoin ? .usd : .coin)
                curves.append(try MoveCurve(grid: grid, slot: 0, pnl: vector))
            }
            let moves = grid.flatVolCurve(slot: 0).map(\.move)
            self.curves = curves
            lowestMove = moves.first ?? 0
            highestMove = moves.last ?? 0
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "liquidation curve: \(error)")
        }
    }
}

extension RiskReport {
    /// The cross-margin views: each venue account under its own model in its collateral, then each venue and
    /// collateral currency (sums of their accounts), then each desk under the house model, in USD.
    static func crossMargin(_ inputs: RiskInputs) throws(RiskInputError) -> CrossMargin {
        let accounts = try inputs.venueAccounts()
        let curves = try RiskMoveCurves(accounts, inputs: inputs)
        let prices = inputs.usdPrices
        let desks = accounts.compactMap(\.desk).reduce(into: [DeskID]()) { if !$0.contains($1) { $0.append($1) } }
        // CrossMarginViews needs a desk for every account; a deskless account gets one no real desk has, whose view
        // is dropped.
        var noDesk = DeskID(known: "(none)")
        while desks.contains(noDesk) { noDesk = DeskID(known: noDesk.rawValue + "*") }
        var states: [MarginAccountState] = []
        for (account, curve) in zip(accounts, curves.curves) {
            let price = prices[account.collateral] ?? 1
            states.append(
                MarginAccountState(
                    account: account.account,
                    venue: account.venue,
                    desk: account.desk ?? noDesk,
                    equity: Money(try equity(account, price: price, inputs: inputs), account.collateral),
                    requirement: try inputs.requirementUSD(account).scaled(by: 1 / price),
                    curve: curve
                )
            )
        }
        var house: [DeskID: CrossMarginViews.HouseFigures] = [:]
        for desk in desks {
            house[desk] = try houseFigures(desk, accounts, states, prices, inputs)
        }
        let views: [MarginView]
        do {
            views = try CrossMarginViews.make(accounts: states, usdPrices: prices, house: house)
        } catch {
            throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "cross-margin: \(error)")
        }
        return CrossMargin(
            lowestMove: curves.lowestMove,
            highestMove: curves.highestMove,
            views: views.compactMap { row($0, accounts: accounts, noDesk: noDesk) }
        )
    }

    /// The limits file's USD equity in the account's collateral: as given for USD, at the index (to the satoshi,
    /// 8 decimals) for a coin.
    private static func equity(
        _ account: RiskVenueAccount,
        price: Double,
        inputs: RiskInputs
    ) throws(RiskInputError) -> FixedDecimal {
        guard !account.isStablecoin else { return account.equityUSD }
        do {
            return try FixedDecimal(account.equityUSD.doubleValue / price, scale: 8, rounding: .toNearestOrEven)
        } catch {
            throw RiskInputError(
                file: inputs.limits.file,
                path: "accounts.\(account.account).equity",
                problem: "cannot be held in \(account.collateral): \(error)"
            )
        }
    }

    /// A desk's house requirement over all its accounts' positions, and the sum of their curves in USD (a coin
    /// account's curve with its collateral revalued at the moved index).
    private static func houseFigures(
        _ desk: DeskID,
        _ accounts: [RiskVenueAccount],
        _ states: [MarginAccountState],
        _ prices: [Asset: Double],
        _ inputs: RiskInputs
    ) throws(RiskInputError) -> CrossMarginViews.HouseFigures {
        let members = accounts.indices.filter { accounts[$0].desk == desk }
        let requirement = try houseMargin(members.flatMap { accounts[$0].positions }, inputs).totalUSD
        var curve: MoveCurve?
        for index in members {
            guard let own = states[index].curve else { continue }
            let price = prices[accounts[index].collateral] ?? 1
            let usd =
                accounts[index].isStablecoin
                ? own.scaled(by: price)
                : own.convertedToUSD(coinEquity: states[index].equity.amount.doubleValue, index: price)
            do {
                if curve == nil { curve = usd } else { try curve?.add(usd) }
            } catch {
                throw RiskInputError(file: inputs.portfolioPath, path: "positions", problem: "desk \(desk): \(error)")
            }
        }
        return CrossMarginViews.HouseFigures(requirement: requirement, curve: curve)
    }

    private static func row(_ view: MarginView, accounts: [RiskVenueAccount], noDesk: DeskID) -> MarginViewRow? {
        let scope: String
        let name: String
        var desk: String?
        var model = "accounts"
        switch view.scope {
        case .account(let id, let venue):
            scope = "account"
            let account = accounts.first { $0.account == id }
            let others = account?.otherVenues.map { "+\($0)" }.joined() ?? ""
            name = "\(id)@\(venue)\(others)"
            desk = account?.desk?.rawValue
            model = account?.model.rawValue ?? model
        case .venue(let venue):
            scope = "venue"
            name = "\(venue)"
        case .settlementCurrency(let currency):
            scope = "currency"
            name = currency.code
        case .desk(let id):
            guard id != noDesk else { return nil }
            scope = "desk"
            name = id.rawValue
            model = "house"
        }
        return MarginViewRow(
            scope: scope,
            name: name,
            desk: desk,
            model: model,
            currency: view.currency.code,
            equity: view.equity,
            initial: view.requirement.initial,
            maintenance: view.requirement.maintenance,
            available: view.available,
            initialUtilisation: view.initialUtilisation,
            maintenanceUtilisation: view.maintenanceUtilisation,
            liquidationMoveDown: view.liquidationMoveDown,
            liquidationMoveUp: view.liquidationMoveUp
        )
    }
}
