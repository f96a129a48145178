internal import LegateCore
internal import LegateEngine
internal import LegateModel
internal import LegateRuntime

/// What the script's entries are checked against: who exists and which accounts each venue holds.
struct RunScriptContext {
    let users: [UserProfile]
    let venues: [RunVenue]
}

/// One entry of the run's script: when (after the start), who, its name, and the desk action.
struct RunScriptEntry {
    let offset: Int64
    let actor: UserID
    let label: String
    let action: DeskAction

    static let verbs = ["order", "package", "cancel", "approve", "deny", "hedge"]

    static func script(_ json: RiskJSON, context: RunScriptContext) throws(RiskInputError) -> [RunScriptEntry] {
        var entries: [RunScriptEntry] = []
        var placed: [String: AccountID] = [:]
        for item in try json.array() {
            let entry = try self.entry(item, context: context, placed: placed)
            guard !entries.contains(where: { $0.label == entry.label }) else {
                throw item.fail("the id \"\(entry.label)\" is used twice")
            }
            switch entry.action {
            case .order(let order): placed[entry.label] = order.account
            case .package(let package): placed[entry.label] = package.account
            case .hedge(let hedge): placed[entry.label] = hedge.account
            default: break
            }
            entries.append(entry)
        }
        return entries
    }

    private static func entry(
        _ json: RiskJSON,
        context: RunScriptContext,
        placed: [String: AccountID]
    ) throws(RiskInputError) -> RunScriptEntry {
        try json.onlyKeys(Set(["at", "by", "id", "account", "reason"] + verbs))
        var present: [String] = []
        for verb in verbs where try json.optional(verb) != nil { present.append(verb) }
        guard present.count == 1, let verb = present.first else {
            throw json.fail("needs exactly one of \(verbs.joined(separator: ", "))")
        }
        let atJSON = try json.required("at")
        guard let offset = RunDuration.parse(try atJSON.string()) else {
            throw atJSON.fail("\"\(try atJSON.string())\" is not a time after the start such as 5m or 1h10m")
        }
        let actor = try RunConfig.user(json.required("by"), in: context.users)
        let body = try json.required(verb)
        let reader = RunActionReader(context: context)
        let action: DeskAction
        var label = try json.optional("id")?.string()
        switch verb {
        case "order": action = .order(try reader.order(body))
        case "package": action = .package(try reader.package(body))
        case "hedge": action = .hedge(try reader.hedge(body))
        default:
            let target = try body.string()
            let accountJSON = try json.required("account")
            let account = try RiskPortfolioFile.account(accountJSON)
            guard placed[target] == account else {
                throw body.fail("no earlier order, package or hedge \"\(target)\" of \(account) in the script")
            }
            label = label ?? "\(verb)-\(target)"
            switch verb {
            case "cancel": action = .cancel(label: target, account: account)
            case "approve": action = .approve(label: target, account: account)
            default:
                action = .deny(label: target, account: account, reason: try json.required("reason").string())
            }
        }
        guard let label, (try? ClientOrderID(label)) != nil else {
            throw json.fail("needs an \"id\" (a client order id: letters, digits, - and _)")
        }
        return RunScriptEntry(offset: offset, actor: actor, label: label, action: action)
    }

    func scheduled(from start: UnixNanos) -> ScheduledAction {
        ScheduledAction(at: start + offset, actor: actor, label: label, action: action)
    }
}

/// Reads the objects of the script's actions.
struct RunActionReader {
    let context: RunScriptContext

    func order(_ json: RiskJSON) throws(RiskInputError) -> DeskOrder {
        try json.onlyKeys(["account", "venue", "instrument", "side", "quantity", "price", "time_in_force"])
        let venue = try self.venue(json)
        return DeskOrder(
            account: try account(json, on: venue),
            venue: venue,
            instrument: try instrument(json.required("instrument"), venue: venue),
            side: try json.required("side").choice(OrderSide.allCases, what: "a side"),
            quantity: try quantity(json.required("quantity")),
            price: try price(json.required("price")),
            timeInForce: try timeInForce(json.optional("time_in_force"))
        )
    }

    func package(_ json: RiskJSON) throws(RiskInputError) -> DeskPackage {
        try json.onlyKeys(["account", "venue", "shape", "side", "quantity", "expiry_days", "price", "legs"])
        let venue = try self.venue(json)
        var legs: [DeskLeg] = []
        for leg in try json.required("legs").array() {
            try leg.onlyKeys(["strike", "right", "side", "ratio", "expiry_days"])
            let ratioJSON = try leg.optional("ratio")
            let ratio = try ratioJSON?.integer() ?? 1
            guard ratio > 0 else { throw ratioJSON?.fail("a ratio must be positive") ?? leg.fail("bad ratio") }
            legs.append(
                DeskLeg(
                    strike: try strike(leg.required("strike")),
                    right: try leg.required("right").choice(OptionRight.allCases, what: "a right"),
                    side: try leg.required("side").choice(OrderSide.allCases, what: "a side"),
                    ratio: ratio,
                    expiryDays: try leg.optional("expiry_days").map { days throws(RiskInputError) in try days.integer()
                    }
                )
            )
        }
        return DeskPackage(
            account: try account(json, on: venue),
            venue: venue,
            shape: try json.required("shape").choice(StrategyShape.allCases, what: "a strategy shape"),
            side: try json.required("side").choice(OrderSide.allCases, what: "a side"),
            quantity: try quantity(json.required("quantity")),
            expiryDays: try json.required("expiry_days").integer(),
            legs: legs,
            price: try price(json.required("price"))
        )
    }

    func hedge(_ json: RiskJSON) throws(RiskInputError) -> DeskHedge {
        try json.onlyKeys(["account", "venue", "instrument", "price"])
        let venue = try self.venue(json)
        return DeskHedge(
            account: try account(json, on: venue),
            venue: venue,
            instrument: try json.optional("instrument").map { instrument throws(RiskInputError) in
                try self.instrument(instrument, venue: venue)
            } ?? .perpetual,
            price: try json.optional("price").map { price throws(RiskInputError) in try self.price(price) }
                ?? .take(ticks: 2)
        )
    }

    private func venue(_ json: RiskJSON) throws(RiskInputError) -> Venue {
        guard let venueJSON = try json.optional("venue") else { return context.venues[0].venue }
        let venue = try venueJSON.choice(Venue.allCases, what: "a venue")
        guard context.venues.contains(where: { $0.venue == venue }) else {
            throw venueJSON.fail("\(venue) is not one of the run's venues")
        }
        return venue
    }

    /// The account, which must hold collateral on the venue (the venue refuses unknown accounts).
    private func account(_ json: RiskJSON, on venue: Venue) throws(RiskInputError) -> AccountID {
        let accountJSON = try json.required("account")
        let account = try RiskPortfolioFile.account(accountJSON)
        guard let entry = context.venues.first(where: { $0.venue == venue }),
            entry.collateral.contains(where: { $0.account == account })
        else { throw accountJSON.fail("\(account) has no collateral on \(venue) (venues[].collateral)") }
        return account
    }

    private func quantity(_ json: RiskJSON) throws(RiskInputError) -> Quantity {
        let value = try json.decimal()
        guard value > .zero else { throw json.fail("a quantity must be positive") }
        return Quantity(value)
    }

    /// `"perpetual"`, a venue symbol, or `{"kind": "option"|"future"|"perpetual", "expiry_days", "strike", "right"}`.
    private func instrument(_ json: RiskJSON, venue: Venue) throws(RiskInputError) -> InstrumentChoice {
        if case .string(let text) = json.value {
            if text == "perpetual" { return .perpetual }
            return .exact(try RiskPortfolioFile.instrument(json, venue: venue))
        }
        try json.onlyKeys(["kind", "expiry_days", "strike", "right"])
        switch try json.required("kind").choice(
            ["option", "future", "perpetual"].map(RunWord.init(rawValue:)),
            what: "a kind"
        )
        .rawValue
        {
        case "perpetual": return .perpetual
        case "future": return .future(expiryDays: try json.required("expiry_days").integer())
        default:
            return .option(
                expiryDays: try json.required("expiry_days").integer(),
                strike: try strike(json.required("strike")),
                right: try json.required("right").choice(OptionRight.allCases, what: "a right")
            )
        }
    }

    /// `"atm"`, `"atm+2"`, `"atm-3"` (listed strikes from the money) or a strike such as `"100000"`.
    private func strike(_ json: RiskJSON) throws(RiskInputError) -> StrikeChoice {
        let text = try json.string()
        if text.hasPrefix("atm") {
            let rest = text.dropFirst(3)
            if rest.isEmpty { return .fromMoney(0) }
            if let offset = Int(rest.hasPrefix("+") ? String(rest.dropFirst()) : String(rest)) {
                return .fromMoney(offset)
            }
        } else if let strike = try? Price(parsing: text), strike > .zero {
            return .exact(strike)
        }
        throw json.fail("\"\(text)\" is not a strike (atm, atm+2, atm-1 or a price such as 100000)")
    }

    /// `"take"`, `"take+2"`, `"join"`, `"join-3"` (from the book when the action runs) or a price.
    private func price(_ json: RiskJSON) throws(RiskInputError) -> PriceChoice {
        let text = try json.string()
        for (word, make) in [("take", PriceChoice.take), ("join", PriceChoice.join)] where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            if rest.isEmpty { return make(0) }
            let sign = word == "take" ? "+" : "-"
            if rest.hasPrefix(sign), let ticks = Int(rest.dropFirst()), ticks >= 0 { return make(ticks) }
        }
        if let price = try? Price(parsing: text) { return .exact(price) }
        throw json.fail("\"\(text)\" is not a price (take, take+2, join, join-3 or a decimal such as 0.0125)")
    }

    private func timeInForce(_ json: RiskJSON?) throws(RiskInputError) -> TimeInForce {
        guard let json else { return .goodTillCancelled }
        switch try json.choice(["gtc", "ioc", "fok"].map(RunWord.init(rawValue:)), what: "a time in force").rawValue {
        case "ioc": return .immediateOrCancel
        case "fok": return .fillOrKill
        default: return .goodTillCancelled
        }
    }
}

/// A fixed word of the file format, for `RiskJSON.choice`.
struct RunWord: RawRepresentable {
    let rawValue: String

    init(rawValue: String) { self.rawValue = rawValue }
}
