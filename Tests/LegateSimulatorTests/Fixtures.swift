// Builders shared by the simulator tests: a Deribit-like venue with no market makers, no faults and no latency on a
// flat market, so each test places exactly the liquidity it reasons about.
import LegateCore
import LegateModel
import LegateSimulator

enum Fixtures {
    static let second = UnixNanos.nanosecondsPerSecond
    /// 2026-11-21 08:00 UTC, a Saturday (an expiry instant; the brief's reference date).
    static let start = CivilDate(year: 2026, month: 11, day: 21)!.at(hourUTC: 8)
    static let alice = AccountID(known: "alice")
    static let bob = AccountID(known: "bob")
    static let btcUSD = Underlying(base: .btc, quote: .usd)

    static func decimal(_ text: String) -> FixedDecimal { try! FixedDecimal(parsing: text) }
    static func price(_ text: String) -> Price { Price(decimal(text)) }
    static func quantity(_ text: String) -> Quantity { Quantity(decimal(text)) }

    /// A market that does not move: no diffusion, no jumps, no basis, constant vol 50%.
    static func flatMarket(index: String = "50000.00") -> MarketConfiguration {
        let still = { (value: Double) in
            MeanRevertingFactor(
                initial: value,
                longRunMean: value,
                meanReversionPerYear: 0,
                volatilityPerYear: 0,
                minimum: -10,
                maximum: 10
            )
        }
        return MarketConfiguration(
            underlying: btcUSD,
            initialIndex: decimal(index),
            indexScale: 2,
            stepSeconds: 1,
            spot: SpotDynamics(
                driftPerYear: 0,
                volatilityPerYear: 0,
                jumpsPerYear: 0,
                jumpMean: 0,
                jumpStandardDeviation: 0
            ),
            surface: SurfaceDynamics(
                level: still(0.5),
                skew: still(-0.1),
                termSlope: 0,
                eta: 1,
                gamma: 0.5,
                spotLevelCorrelation: 0,
                levelJumpSensitivity: 0
            ),
            basis: still(0),
            funding: FundingDynamics(ratePerInterval: still(0.0001), intervalHours: 8)
        )
    }

    static func noMaker() -> MarketMakerConfiguration {
        MarketMakerConfiguration(
            halfSpreadFraction: 0.02,
            minimumHalfSpreadTicks: 1,
            levels: 0,
            levelSpacingTicks: 1,
            medianSize: 1,
            sizeSigma: 0,
            refreshSeconds: 5,
            requoteThresholdTicks: 0.5
        )
    }

    static func product(
        tick: TickSchedule,
        lot: String,
        minimum: String,
        multiplier: String = "1",
        unit: Asset,
        maker: String = "0.0003",
        taker: String = "0.0003",
        cap: String? = "0.125",
        band: Double = 0.9,
        width: Double = 0.2
    ) -> ProductRules {
        ProductRules(
            tickSize: tick,
            lotSize: quantity(lot),
            minimumSize: quantity(minimum),
            contractMultiplier: decimal(multiplier),
            contractUnit: unit,
            makerFeeRate: decimal(maker),
            takerFeeRate: decimal(taker),
            feeCapFractionOfPremium: cap.map(decimal),
            priceBandFraction: band,
            priceBandMinimumWidth: width,
            marketMaker: noMaker()
        )
    }

    static let deribitOptionTicks = try! TickSchedule(
        base: decimal("0.0001"),
        steps: [TickSchedule.Step(abovePrice: decimal("0.005"), tick: decimal("0.0005"))]
    )

    /// Deribit's rules with one daily expiry (2026-11-22 08:00) and strikes 40000/50000/60000.
    static func deribit(faults: FaultConfiguration = .none, latencyMilliseconds: Double = 0) -> VenueConfiguration {
        VenueConfiguration(
            venue: .deribit,
            settlementCurrency: .btc,
            isInverse: true,
            cashScale: 8,
            calendar: ExpiryCalendar(
                hourUTC: 8,
                options: ExpiryCounts(dailies: 1, weeklies: 0, monthlies: 0, quarterlies: 0),
                futures: ExpiryCounts(dailies: 1, weeklies: 0, monthlies: 0, quarterlies: 0)
            ),
            strikes: StrikeLadder(rules: [StrikeLadder.Rule(maximumDays: 400, step: 10_000, strikesEachSide: 1)]),
            listsPerpetual: true,
            option: product(tick: deribitOptionTicks, lot: "0.1", minimum: "0.1", unit: .btc),
            future: product(tick: try! .uniform(decimal("2.5")), lot: "10", minimum: "10", unit: .usd, cap: nil),
            perpetual: product(
                tick: try! .uniform(decimal("0.5")),
                lot: "10",
                minimum: "10",
                unit: .usd,
                maker: "0",
                taker: "0.0005",
                cap: nil,
                band: 0.05,
                width: 0
            ),
            combo: ComboRules(tickSize: try! .uniform(decimal("0.0001")), maximumLegs: 4, impliedFromLegs: true),
            latency: LatencyConfiguration(
                requestMedianMilliseconds: latencyMilliseconds,
                requestSigma: 0.5,
                marketDataMedianMilliseconds: latencyMilliseconds,
                marketDataSigma: 0.5
            ),
            faults: faults,
            rateLimit: RateLimitConfiguration(burst: 1_000, refillPerSecond: 1_000),
            margin: MarginConfiguration(optionShortBase: 0.15, optionShortMinimum: 0.1, futureRate: 0.02),
            publishing: PublishingConfiguration(tickerSeconds: 60, fundingSeconds: 60, listingCheckSeconds: 3_600)
        )
    }

    static func accounts(collateral: String = "100") -> [SimulatedAccount] {
        [
            SimulatedAccount(id: alice, collateral: decimal(collateral), cancelOnDisconnect: false),
            SimulatedAccount(id: bob, collateral: decimal(collateral), cancelOnDisconnect: false),
        ]
    }

    static func venue(
        _ configuration: VenueConfiguration = deribit(),
        market: MarketConfiguration = flatMarket(),
        accounts: [SimulatedAccount] = accounts(),
        seed: UInt64 = 1
    ) -> SimulatedVenue {
        var venue = SimulatedVenue(
            configuration: configuration,
            market: market,
            accounts: accounts,
            seed: seed,
            start: start
        )
        _ = venue.advance(to: start)
        return venue
    }

    static let expiry = CivilDate(year: 2026, month: 11, day: 22)!.at(hourUTC: 8)

    static func option(_ strike: Int64, _ right: OptionRight) -> Instrument {
        .option(btcUSD, expiry: expiry, strike: Price(FixedDecimal(strike)), right: right, settlement: .inverse(.btc))
    }

    static let perpetual = Instrument.perpetual(btcUSD, settlement: .inverse(.btc))

    /// A place command with an order id equal to `id`.
    static func order(
        _ id: String,
        _ account: AccountID,
        _ instrument: Instrument,
        _ side: OrderSide,
        _ size: String,
        at limit: String,
        timeInForce: TimeInForce = .goodTillCancelled,
        flags: ExecutionFlags = .none,
        venue: Venue = .deribit
    ) -> VenueCommand {
        .place(
            orderID: OrderID(known: id),
            request: OrderRequest(
                clientOrderID: ClientOrderID(known: id),
                account: account,
                venue: venue,
                instrument: instrument,
                side: side,
                quantity: quantity(size),
                kind: .limit(LimitPrice(decimal(limit))),
                timeInForce: timeInForce,
                flags: flags
            )
        )
    }

    /// The reports among outputs, in order.
    static func reports(_ outputs: [TimedOutput]) -> [VenueReport] {
        outputs.compactMap {
            if case .report(let report) = $0.output { return report }
            return nil
        }
    }

    static func fills(_ outputs: [TimedOutput]) -> [VenueFill] {
        reports(outputs).compactMap {
            if case .fill(let fill) = $0 { return fill }
            return nil
        }
    }

    static func rejection(_ outputs: [TimedOutput]) -> String? {
        for report in reports(outputs) {
            if case .rejected(_, let reason) = report { return reason }
        }
        return nil
    }
}
