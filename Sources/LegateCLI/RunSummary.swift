internal import Foundation
internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateOrders
internal import LegateRisk
internal import LegateRuntime
internal import OrderedCollections

/// What a run ends with: orders by state, fills and fees, positions and P&L per account, each venue's health,
/// the risk report of the final book (Greeks, margin utilisation, VaR, limits used), and the journal with the
/// state hash `legate replay` reproduces.
struct RunSummary: Encodable {
    struct Session: Encodable {
        let start: String
        let end: String
        let simulated: String
        let seed: UInt64
        let venues: [String]
        let wallSeconds: Double
        let engineInputs: Int
        let marks: Int
    }

    struct PositionRow: Encodable {
        let account: String
        let venue: String
        let instrument: String
        let quantity: String
        let mark: String?
        let pnlUSD: Double?
    }

    struct AccountRow: Encodable {
        let account: String
        let openPositions: Int
        let pnlUSD: Double
        let feesUSD: Double
    }

    struct VenueRow: Encodable {
        let venue: String
        let outages: Int
        let outageSeconds: Int64
        let disconnects: Int
        let disconnectedSeconds: Int64
        let engineCommands: Int
        let crowdCommands: Int
        let listedAtEnd: Int
    }

    struct StateCount: Encodable {
        let state: String
        let count: Int
    }

    struct Fee: Encodable {
        let currency: String
        let amount: String
    }

    /// How the gate's market rebuilds from the marks went: after a failed one it judged on a stale market.
    struct GateMarketRow: Encodable {
        let failedRefreshes: Int
        let lastFailure: RefreshFailureRow?
        let summary: String

        init(_ health: GateMarketHealth) {
            failedRefreshes = health.failedRefreshes
            lastFailure = health.lastFailure.map(RefreshFailureRow.init)
            summary = health.description
        }
    }

    struct RefreshFailureRow: Encodable {
        let at: String
        /// `marks_incomplete` or `model_refused`.
        let reason: String
        let detail: String
        let keptMarket: String

        init(_ failure: MarketRefreshFailure) {
            at = RunSummary.iso(failure.at)
            reason = failure.reason.code
            detail = "\(failure)"
            keptMarket = "\(failure.kept)"
        }
    }

    let session: Session
    let orders: [StateCount]
    let packages: Int
    let fills: Int
    let fees: [Fee]
    let positions: [PositionRow]
    let accounts: [AccountRow]
    let venues: [VenueRow]
    let gateMarket: GateMarketRow?
    let risk: RiskReport?
    let riskProblem: String?
    let journal: String
    let journalRecords: UInt64
    let events: UInt64
    let stateHash: String

    init(_ outcome: RunOutcome) {
        let result = outcome.result
        let state = result.state
        let book = outcome.timeline.book
        session = Session(
            start: Self.iso(result.start),
            end: Self.iso(result.end),
            simulated: RunDuration.format(result.end - result.start),
            seed: outcome.seed,
            venues: outcome.config.venues.map(\.venue.rawValue),
            wallSeconds: (outcome.wallSeconds * 10).rounded() / 10,
            engineInputs: result.inputs,
            marks: outcome.timeline.markInputs
        )
        orders = OrderStatus.allCases.compactMap { status in
            let count = state.orders.values.filter { $0.status == status }.count
            return count > 0 ? StateCount(state: status.rawValue, count: count) : nil
        }
        packages = state.packages.count
        fills = state.bookedTrades.count
        fees = result.fees.map { Fee(currency: $0.key.code, amount: "\($0.value)") }
        positions = state.positions.compactMap { key, position -> PositionRow? in
            guard !position.netQuantity.isZero else { return nil }
            let bookKey = RunBook.Key(account: key.account, venue: key.venue, instrument: key.instrument)
            return PositionRow(
                account: key.account.rawValue,
                venue: key.venue.rawValue,
                instrument: RunBook.symbol(key.instrument, on: key.venue),
                quantity: "\(position.netQuantity)",
                mark: result.marks[key.instrument].map { "\($0)" },
                pnlUSD: book.pnl(bookKey)
            )
        }
        accounts = book.accounts.map { account in
            let figures = book.account(account)
            return AccountRow(
                account: account.rawValue,
                openPositions: figures.open,
                pnlUSD: figures.pnl,
                feesUSD: figures.fees
            )
        }
        venues = result.venues.map { health in
            VenueRow(
                venue: health.venue.rawValue,
                outages: health.outages,
                outageSeconds: health.outageNanos / UnixNanos.nanosecondsPerSecond,
                disconnects: health.disconnects,
                disconnectedSeconds: health.disconnectedNanos / UnixNanos.nanosecondsPerSecond,
                engineCommands: health.engineCommands,
                crowdCommands: health.crowdCommands,
                listedAtEnd: health.listedAtEnd
            )
        }
        gateMarket = result.gateMarket.map(GateMarketRow.init)
        do {
            risk = try Self.riskReport(outcome)
            riskProblem = nil
        } catch {
            risk = nil
            riskProblem = error.description
        }
        journal = outcome.journal
        journalRecords = result.lastSequence
        events = state.eventCount
        stateHash = result.stateHash
    }

    /// `legate risk`'s report on the final book, valued on the final marks.
    static func riskReport(_ outcome: RunOutcome) throws(RiskInputError) -> RiskReport {
        let result = outcome.result
        let file = outcome.config.modelFile
        let model: PortfolioRiskModel
        do {
            model = try PortfolioRiskModel(
                market: result.market,
                marginParameters: file.portfolioParameters,
                coins: file.coins,
                tail: file.tail,
                buckets: file.buckets,
                bucketLabels: file.bucketLabels
            )
        } catch {
            throw RiskInputError(file: outcome.journal, path: "", problem: "the final market: \(error)")
        }
        let entries = result.state.positions.compactMap { key, position -> RiskPositionEntry? in
            guard !position.netQuantity.isZero else { return nil }
            return RiskPositionEntry(
                account: key.account,
                venue: key.venue,
                instrument: key.instrument,
                symbol: RunBook.symbol(key.instrument, on: key.venue),
                quantity: position.netQuantity,
                averagePrice: averagePrice(position)
            )
        }
        let inputs = RiskInputs(
            modelFile: file,
            model: model,
            portfolio: RiskPortfolioFile(market: result.market, positions: entries),
            limits: outcome.config.limits,
            portfolioPath: outcome.journal
        )
        return try RiskReport.make(inputs)
    }

    /// The net cost per unit of the position (its average entry price), to the price scale of its fills.
    static func averagePrice(_ position: LegateEngine.Position) -> Price {
        let cost = position.boughtValue - position.soldValue
        let net = position.netQuantity.decimal
        let scale = max(cost.scale - net.scale, 4)
        return Price((try? cost.divided(by: net, scale: scale, rounding: .toNearestOrEven)) ?? .zero)
    }

    static func iso(_ time: UnixNanos) -> String {
        let date = Date(timeIntervalSince1970: Double(time.rawValue / UnixNanos.nanosecondsPerSecond))
        return date.formatted(.iso8601)
    }
}
