internal import LegateCore
internal import LegateModel
internal import LegatePricing
internal import LegateRisk
internal import LegateSymbology

/// One position of a portfolio file.
struct RiskPositionEntry {
    let account: AccountID
    let venue: Venue
    let instrument: Instrument
    let symbol: String
    let quantity: Quantity
    let averagePrice: Price
}

/// The margin model a venue account is held on, as the portfolio file names it.
enum RiskMarginModel: String, CaseIterable {
    case standard
    case portfolio
    case span

    /// A venue account opens on standard margin (Deribit's default is S:SM, risk-methodology §1.2).
    static let unnamed = RiskMarginModel.standard
}

/// What the portfolio file says about one venue account (`accounts.<id>`); every key is optional.
struct RiskAccountSettings {
    let marginModel: RiskMarginModel
    let collateral: Asset?
    let venue: Venue?
    /// Where it was read, for errors.
    let json: RiskJSON
}

/// A portfolio file: positions plus the market snapshot they are valued on (format in `legate risk --help`).
struct RiskPortfolioFile {
    let market: MarketState
    let positions: [RiskPositionEntry]
    /// The `accounts` section; empty when the file has none (every account then takes the defaults).
    var accounts: [AccountID: RiskAccountSettings] = [:]

    static func load(_ file: String) throws(RiskInputError) -> RiskPortfolioFile {
        let root = try RiskJSON.load(file)
        try root.onlyKeys(["market", "positions", "accounts"])
        let market = try marketState(try root.required("market"))
        var positions: [RiskPositionEntry] = []
        for entry in try root.required("positions").array() {
            try entry.onlyKeys(["account", "venue", "instrument", "quantity", "average_price"])
            let venueJSON = try entry.required("venue")
            let symbolJSON = try entry.required("instrument")
            positions.append(
                RiskPositionEntry(
                    account: try account(entry.required("account")),
                    venue: try venueJSON.choice(Venue.allCases, what: "a venue"),
                    instrument: try instrument(
                        symbolJSON,
                        venue: try venueJSON.choice(Venue.allCases, what: "a venue")
                    ),
                    symbol: try symbolJSON.string(),
                    quantity: Quantity(try entry.required("quantity").decimal()),
                    averagePrice: Price(try entry.required("average_price").decimal())
                )
            )
        }
        return RiskPortfolioFile(
            market: market,
            positions: positions,
            accounts: try accounts(root.optional("accounts"))
        )
    }

    private static func accounts(_ json: RiskJSON?) throws(RiskInputError) -> [AccountID: RiskAccountSettings] {
        var accounts: [AccountID: RiskAccountSettings] = [:]
        for (name, entry) in try json?.members() ?? [] {
            try entry.onlyKeys(["margin_model", "collateral", "venue"])
            let account = try account(RiskJSON(value: .string(name), file: entry.file, path: entry.path))
            var collateral: Asset?
            if let code = try entry.optional("collateral") {
                let text = try code.string()
                do {
                    collateral = try Asset(text)
                } catch {
                    throw code.fail("\"\(text)\" is not an asset code")
                }
            }
            accounts[account] = RiskAccountSettings(
                marginModel: try entry.optional("margin_model")?.choice(
                    RiskMarginModel.allCases,
                    what: "a margin model"
                ) ?? .unnamed,
                collateral: collateral,
                venue: try entry.optional("venue")?.choice(Venue.allCases, what: "a venue"),
                json: entry
            )
        }
        return accounts
    }

    static func account(_ json: RiskJSON) throws(RiskInputError) -> AccountID {
        let text = try json.string()
        do {
            return try AccountID(text)
        } catch {
            throw json.fail("\"\(text)\" is not an account id (\(error))")
        }
    }

    /// A venue symbol parsed by that venue's symbology (Deribit, OKX; `simulated` uses Deribit's names).
    static func instrument(_ json: RiskJSON, venue: Venue) throws(RiskInputError) -> Instrument {
        let symbol = try json.string()
        do {
            switch venue {
            case .deribit, .simulated: return try DeribitSymbology.parse(symbol)
            case .okx: return try OKXSymbology.parse(symbol)
            case .bybit, .binance: throw json.fail("symbols of \(venue) are not supported here (use deribit or okx)")
            }
        } catch let error as RiskInputError {
            throw error
        } catch {
            throw json.fail("\"\(symbol)\" is not a known \(venue) symbol (\(error))")
        }
    }

    private static func marketState(_ json: RiskJSON) throws(RiskInputError) -> MarketState {
        try json.onlyKeys(["valuation_time", "underlyings"])
        var market = MarketState(asOf: try json.required("valuation_time").time())
        for (code, entry) in try json.required("underlyings").members() {
            try entry.onlyKeys(["index", "futures", "vol", "svi"])
            let underlying: Underlying
            do {
                underlying = Underlying(base: try Asset(code), quote: .usd)
            } catch {
                throw entry.fail("\"\(code)\" is not an asset code")
            }
            let index = try entry.required("index")
            do {
                try market.setIndex(Price(try index.decimal()), for: underlying)
            } catch let error as RiskInputError {
                throw error
            } catch {
                throw index.fail("\(error)")
            }
            for (symbol, price) in try entry.optional("futures")?.members() ?? [] {
                try setFuture(symbol, price, underlying: underlying, market: &market)
            }
            market.setVolSurface(try surface(entry), for: underlying)
        }
        return market
    }

    private static func setFuture(
        _ symbol: String,
        _ price: RiskJSON,
        underlying: Underlying,
        market: inout MarketState
    ) throws(RiskInputError) {
        let instrument = try instrument(
            RiskJSON(value: .string(symbol), file: price.file, path: price.path),
            venue: .deribit
        )
        guard case .future(let expiry) = instrument.terms, instrument.underlying.base == underlying.base else {
            throw price.fail("\"\(symbol)\" is not a dated future on \(underlying.base)")
        }
        do {
            try market.setFuture(Price(try price.decimal()), for: underlying, expiry: expiry)
        } catch let error as RiskInputError {
            throw error
        } catch {
            throw price.fail("\(error)")
        }
    }

    /// A flat vol (one number) or SVI slices (`a`, `b`, `rho`, `m`, `sigma`, `expiry_years` each).
    private static func surface(_ entry: RiskJSON) throws(RiskInputError) -> VolSurface {
        var slices: [SVISlice] = []
        if let vol = try entry.optional("vol") {
            let sigma = try vol.number()
            guard sigma > 0, sigma.isFinite else { throw vol.fail("a volatility must be positive") }
            do {
                slices = [try SVISlice(a: sigma * sigma, b: 0, rho: 0, m: 0, sigma: 0.1, timeToExpiry: 1)]
            } catch {
                throw vol.fail("\(error)")
            }
        } else if let svi = try entry.optional("svi") {
            for slice in try svi.array() {
                try slice.onlyKeys(["a", "b", "rho", "m", "sigma", "expiry_years"])
                do {
                    slices.append(
                        try SVISlice(
                            a: try slice.required("a").number(),
                            b: try slice.required("b").number(),
                            rho: try slice.required("rho").number(),
                            m: try slice.required("m").number(),
                            sigma: try slice.required("sigma").number(),
                            timeToExpiry: try slice.required("expiry_years").number()
                        )
                    )
                } catch let error as RiskInputError {
                    throw error
                } catch {
                    throw slice.fail("\(error)")
                }
            }
        } else {
            throw entry.fail("missing key \"vol\" or \"svi\"")
        }
        do {
            return try VolSurface(slices: slices)
        } catch {
            throw entry.fail("\(error)")
        }
    }
}
