internal import LegateCore
internal import LegateModel
internal import LegateRisk

/// One order of a what-if file.
struct RiskWhatIfOrder {
    let account: AccountID
    let venue: Venue
    let instrument: Instrument
    let side: OrderSide
    let quantity: Quantity
    let price: Price
}

/// One package of a what-if file: legs bought or sold with the package, in ratios, at one leg price each.
struct RiskWhatIfPackage {
    let account: AccountID
    let venue: Venue
    let shape: StrategyShape
    let side: OrderSide
    let quantity: Quantity
    let legs: [(leg: PackageLeg, price: Price)]
}

/// A what-if file: `{"orders": [...]}` (or a bare list of orders) or `{"package": {...}}`.
enum RiskWhatIfFile {
    case orders([RiskWhatIfOrder])
    case package(RiskWhatIfPackage)

    static func load(_ file: String) throws(RiskInputError) -> RiskWhatIfFile {
        let root = try RiskJSON.load(file)
        if case .array = root.value { return .orders(try orders(root)) }
        try root.onlyKeys(["orders", "package"])
        if let package = try root.optional("package") { return .package(try self.package(package)) }
        guard let orders = try root.optional("orders") else { throw root.fail("needs \"orders\" or \"package\"") }
        return .orders(try self.orders(orders))
    }

    private static func orders(_ json: RiskJSON) throws(RiskInputError) -> [RiskWhatIfOrder] {
        var orders: [RiskWhatIfOrder] = []
        for entry in try json.array() {
            try entry.onlyKeys(["account", "venue", "symbol", "side", "quantity", "price"])
            let venue = try venue(entry)
            orders.append(
                RiskWhatIfOrder(
                    account: try RiskPortfolioFile.account(entry.required("account")),
                    venue: venue,
                    instrument: try RiskPortfolioFile.instrument(entry.required("symbol"), venue: venue),
                    side: try entry.required("side").choice(OrderSide.allCases, what: "a side"),
                    quantity: try quantity(entry.required("quantity")),
                    price: Price(try entry.required("price").decimal())
                )
            )
        }
        guard !orders.isEmpty else { throw json.fail("no orders") }
        return orders
    }

    private static func venue(_ entry: RiskJSON) throws(RiskInputError) -> Venue {
        try entry.optional("venue")?.choice(Venue.allCases, what: "a venue") ?? .deribit
    }

    private static func quantity(_ json: RiskJSON) throws(RiskInputError) -> Quantity {
        let value = try json.decimal()
        guard value > .zero else { throw json.fail("a quantity must be positive") }
        return Quantity(value)
    }

    private static func package(_ json: RiskJSON) throws(RiskInputError) -> RiskWhatIfPackage {
        try json.onlyKeys(["account", "venue", "shape", "side", "quantity", "legs"])
        let venue = try venue(json)
        var legs: [(leg: PackageLeg, price: Price)] = []
        for entry in try json.required("legs").array() {
            try entry.onlyKeys(["symbol", "side", "ratio", "price"])
            let ratio = try entry.optional("ratio")?.integer() ?? 1
            legs.append(
                (
                    leg: PackageLeg(
                        instrument: try RiskPortfolioFile.instrument(entry.required("symbol"), venue: venue),
                        side: try entry.required("side").choice(OrderSide.allCases, what: "a side"),
                        ratio: ratio
                    ),
                    price: Price(try entry.required("price").decimal())
                )
            )
        }
        return RiskWhatIfPackage(
            account: try RiskPortfolioFile.account(json.required("account")),
            venue: venue,
            shape: try json.optional("shape")?.choice(StrategyShape.allCases, what: "a strategy shape") ?? .custom,
            side: try json.optional("side")?.choice(OrderSide.allCases, what: "a side") ?? .buy,
            quantity: try quantity(json.required("quantity")),
            legs: legs
        )
    }
}
