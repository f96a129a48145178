internal import Foundation
internal import LegateCore
internal import LegateModel
internal import LegateSimulator

/// One simulated venue of a run: its rules and the collateral of each desk account on it.
struct RunVenue {
    let configuration: VenueConfiguration
    let file: String
    /// Account → collateral in the venue's settlement currency, in file order.
    let collateral: [(account: AccountID, amount: FixedDecimal)]

    var venue: Venue { configuration.venue }
}

/// Random clients sent straight to the venues (`RandomOrderFlow`), so the desk trades in a market that moves.
struct RunCrowd {
    let ordersPerSecond: Double
    let venues: [Venue]
    let accounts: Int
    let collateral: FixedDecimal
}

/// `Config/run.json`: the session `legate run` plays (format in `Config/README.md`). Paths inside are relative to
/// the file's folder; the journal path is used as written.
struct RunConfig {
    let file: String
    let journal: String
    let replaceJournal: Bool
    let seed: UInt64
    let start: UnixNanos
    let duration: Int64
    let timerSeconds: Int64
    let models: String
    let modelFile: RiskModelFile
    let limits: RiskLimitsFile
    /// The limits file's limits, then the run's own (`extra_limits`).
    let allLimits: [Limit]
    let limitsSetBy: UserID
    let market: MarketConfiguration
    let venues: [RunVenue]
    let users: [UserProfile]
    let crowd: RunCrowd?
    let script: [RunScriptEntry]

    static let keys: Set<String> = [
        "journal", "replace_journal", "seed", "start", "duration", "timer_seconds", "models", "limits",
        "limits_set_by", "extra_limits", "market", "venues", "users", "crowd", "script",
    ]

    static func load(_ file: String) throws(RiskInputError) -> RunConfig {
        let root = try RiskJSON.load(file)
        try root.onlyKeys(keys)
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        func path(_ key: String) throws(RiskInputError) -> String {
            let text = try root.required(key).string()
            return text.hasPrefix("/") ? text : "\(folder)/\(text)"
        }
        let models = try path("models")
        let modelFile = try RiskModelFile.load(models: models)
        let limits = try RiskLimitsFile.load(try path("limits"), model: modelFile)
        var allLimits = limits.limits
        for entry in try root.optional("extra_limits")?.array() ?? [] {
            let limit = try RunLimit.parse(entry, limits: limits, model: modelFile)
            guard !allLimits.contains(where: { $0.key == limit.key }) else {
                throw entry.fail("a second \(limit.severity) \(limit.measure.rawValue) limit on \(limit.scope)")
            }
            allLimits.append(limit)
        }
        let users = try self.users(root.required("users"), limits: limits)
        let venues = try self.venues(root.required("venues"), folder: folder)
        let context = RunScriptContext(users: users, venues: venues)
        return RunConfig(
            file: file,
            journal: try root.required("journal").string(),
            replaceJournal: try root.optional("replace_journal")?.bool() ?? false,
            seed: try seed(root.required("seed")),
            start: try root.required("start").time(),
            duration: try duration(root.required("duration")),
            timerSeconds: try positive(root.optional("timer_seconds"), default: 10),
            models: models,
            modelFile: modelFile,
            limits: limits,
            allLimits: allLimits,
            limitsSetBy: try user(root.required("limits_set_by"), in: users),
            market: try decode(MarketConfiguration.self, at: try path("market"), root.required("market")),
            venues: venues,
            users: users,
            crowd: try root.optional("crowd").map { json throws(RiskInputError) in try crowd(json, venues: venues) },
            script: try RunScriptEntry.script(root.required("script"), context: context)
        )
    }

    static func seed(_ json: RiskJSON) throws(RiskInputError) -> UInt64 {
        guard let seed = UInt64(exactly: try json.integer()) else { throw json.fail("a seed is a whole number ≥ 0") }
        return seed
    }

    static func duration(_ json: RiskJSON) throws(RiskInputError) -> Int64 {
        let text = try json.string()
        guard let nanos = RunDuration.parse(text), nanos > 0 else {
            throw json.fail("\"\(text)\" is not a duration such as 2h, 90m, 45s or 1h30m")
        }
        return nanos
    }

    private static func positive(_ json: RiskJSON?, default value: Int64) throws(RiskInputError) -> Int64 {
        guard let json else { return value }
        let found = try json.integer()
        guard found > 0 else { throw json.fail("must be positive") }
        return Int64(found)
    }

    static func user(_ json: RiskJSON, in users: [UserProfile]) throws(RiskInputError) -> UserID {
        let name = try json.string()
        guard let user = users.first(where: { $0.id.rawValue == name }) else {
            throw json.fail("\"\(name)\" is not one of the users (\(users.map(\.id.rawValue).joined(separator: ", ")))")
        }
        return user.id
    }

    private static func users(_ json: RiskJSON, limits: RiskLimitsFile) throws(RiskInputError) -> [UserProfile] {
        let known = Set(limits.accounts.map(\.account))
        var users: [UserProfile] = []
        for entry in try json.array() {
            try entry.onlyKeys(["id", "roles", "accounts"])
            let idJSON = try entry.required("id")
            guard let id = try? UserID(try idJSON.string()) else { throw idJSON.fail("not a user id") }
            guard !users.contains(where: { $0.id == id }) else { throw idJSON.fail("user \"\(id)\" is listed twice") }
            let roles = try entry.required("roles").array().map { role throws(RiskInputError) in
                try role.choice(Role.allCases, what: "a role")
            }
            var accounts: Set<AccountID> = []
            for accountJSON in try entry.required("accounts").array() {
                let account = try RiskPortfolioFile.account(accountJSON)
                guard known.contains(account) else {
                    throw accountJSON.fail("\"\(account)\" is not an account of \(limits.file)")
                }
                accounts.insert(account)
            }
            users.append(UserProfile(id: id, roles: Set(roles), accounts: accounts))
        }
        guard !users.isEmpty else { throw json.fail("no users") }
        return users
    }

    private static func venues(_ json: RiskJSON, folder: String) throws(RiskInputError) -> [RunVenue] {
        var venues: [RunVenue] = []
        for entry in try json.array() {
            try entry.onlyKeys(["config", "overrides", "collateral"])
            let configJSON = try entry.required("config")
            let relative = try configJSON.string()
            let file = relative.hasPrefix("/") ? relative : "\(folder)/\(relative)"
            let configuration = try venueConfiguration(file, overrides: try entry.optional("overrides"))
            guard !venues.contains(where: { $0.venue == configuration.venue }) else {
                throw configJSON.fail("a second simulated \(configuration.venue)")
            }
            var collateral: [(AccountID, FixedDecimal)] = []
            for (name, amount) in try entry.required("collateral").members() {
                let account = try RiskPortfolioFile.account(
                    RiskJSON(value: .string(name), file: json.file, path: amount.path)
                )
                let value = try amount.decimal()
                guard value > .zero else { throw amount.fail("collateral must be positive") }
                collateral.append((account, value))
            }
            venues.append(RunVenue(configuration: configuration, file: file, collateral: collateral))
        }
        guard !venues.isEmpty else { throw json.fail("no venues") }
        return venues
    }

    private static func crowd(_ json: RiskJSON, venues: [RunVenue]) throws(RiskInputError) -> RunCrowd {
        try json.onlyKeys(["orders_per_second", "venues", "accounts", "collateral"])
        let rateJSON = try json.required("orders_per_second")
        let rate = try rateJSON.number()
        guard rate > 0, rate <= 1_000 else { throw rateJSON.fail("must be in (0, 1000]") }
        let named = venues.map(\.venue)
        let chosen = try json.required("venues").array().map { entry throws(RiskInputError) in
            let venue = try entry.choice(Venue.allCases, what: "a venue")
            guard named.contains(venue) else { throw entry.fail("\(venue) is not one of the run's venues") }
            return venue
        }
        let accountsJSON = try json.required("accounts")
        let accounts = try accountsJSON.integer()
        guard (1...100).contains(accounts) else { throw accountsJSON.fail("must be in 1...100") }
        let collateralJSON = try json.required("collateral")
        let collateral = try collateralJSON.decimal()
        guard collateral > .zero else { throw collateralJSON.fail("must be positive") }
        return RunCrowd(ordersPerSecond: rate, venues: chosen, accounts: accounts, collateral: collateral)
    }

    /// A venue's configuration file with the run's `overrides` merged in (objects key by key, anything else
    /// replaced), so a run can lighten a chain or schedule a fault without a second copy of the venue.
    static func venueConfiguration(_ file: String, overrides: RiskJSON?) throws(RiskInputError) -> VenueConfiguration {
        var merged = try RiskJSON.load(file).value
        if let overrides {
            _ = try overrides.object()
            merged = merge(merged, overrides.value)
        }
        do {
            let data = try JSONEncoder().encode(merged)
            return try JSONDecoder().decode(VenueConfiguration.self, from: data)
        } catch {
            let problem = "does not fit VenueConfiguration (\(error))"
            throw overrides?.fail("with these overrides, \(file) " + problem)
                ?? RiskInputError(file: file, path: "", problem: problem)
        }
    }

    static func merge(_ base: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(var object) = base, case .object(let changes) = patch else { return patch }
        for (key, value) in changes { object[key] = object[key].map { merge($0, value) } ?? value }
        return .object(object)
    }

    /// Decodes a `Codable` configuration of the simulator; `reference` is the key that named the file.
    static func decode<T: Decodable>(_: T.Type, at file: String, _ reference: RiskJSON) throws(RiskInputError) -> T {
        _ = try RiskJSON.load(file)
        do {
            return try JSONDecoder().decode(T.self, from: try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw RiskInputError(file: file, path: "", problem: "does not fit \(T.self) (\(error))")
        }
    }
}

/// Durations written as `2h`, `90m`, `45s`, `1d`, `1h30m`.
enum RunDuration {
    static func parse(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let seconds: Int64
            switch character {
            case "d": seconds = 86_400
            case "h": seconds = 3_600
            case "m": seconds = 60
            case "s": seconds = 1
            default: return nil
            }
            guard let count = Int64(digits), count <= 10_000 else { return nil }
            total += count * seconds * UnixNanos.nanosecondsPerSecond
            digits = ""
            sawUnit = true
        }
        return digits.isEmpty && sawUnit ? total : nil
    }

    /// `1h30m`, `45s`: the shortest way to write a whole number of seconds.
    static func format(_ nanos: Int64) -> String {
        var seconds = nanos / UnixNanos.nanosecondsPerSecond
        var text = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        if seconds > 0 || text.isEmpty { text += "\(seconds)s" }
        return text
    }
}

extension RiskJSON {
    func bool() throws(RiskInputError) -> Bool {
        guard case .bool(let value) = value else { throw fail("expected true or false, found \(Self.kind(value))") }
        return value
    }
}

/// One limit of the run's `extra_limits`, written as in a limits file (see `Config/README.md`).
enum RunLimit {
    static func parse(_ entry: RiskJSON, limits: RiskLimitsFile, model: RiskModelFile) throws(RiskInputError) -> Limit {
        try entry.onlyKeys(["measure", "scope", "threshold", "severity"])
        let thresholdJSON = try entry.required("threshold")
        let threshold = try thresholdJSON.decimal()
        guard threshold >= .zero else { throw thresholdJSON.fail("\"\(threshold)\" is negative") }
        return Limit(
            measure: try entry.required("measure").choice(LimitMeasure.allCases, what: "a limit measure"),
            scope: try scope(entry.optional("scope"), limits: limits, model: model),
            threshold: threshold,
            severity: try entry.required("severity").choice([LimitSeverity.hard, .soft], what: "a severity")
        )
    }

    private static func scope(
        _ json: RiskJSON?,
        limits: RiskLimitsFile,
        model: RiskModelFile
    ) throws(RiskInputError) -> LimitScope {
        guard let json else { return .firm }
        try json.onlyKeys(["desk", "account", "underlying", "expiry_bucket", "role"])
        var account: AccountID?
        if let accountJSON = try json.optional("account") {
            let found = try RiskPortfolioFile.account(accountJSON)
            guard limits.accounts.contains(where: { $0.account == found }) else {
                throw accountJSON.fail("\"\(found)\" is not an account of \(limits.file)")
            }
            account = found
        }
        var desk: DeskID?
        if let deskJSON = try json.optional("desk") {
            let name = try deskJSON.string()
            guard let found = limits.accounts.compactMap(\.desk).first(where: { $0.rawValue == name }) else {
                throw deskJSON.fail("\"\(name)\" is not a desk of \(limits.file)")
            }
            desk = found
        }
        var underlying: Asset?
        if let underlyingJSON = try json.optional("underlying") {
            let code = try underlyingJSON.string()
            guard model.coins.contains(code), let asset = try? Asset(code) else {
                throw underlyingJSON.fail("\"\(code)\" is not an underlying of the risk model (\(model.coins))")
            }
            underlying = asset
        }
        var bucket: String?
        if let bucketJSON = try json.optional("expiry_bucket") {
            let label = try bucketJSON.string()
            guard model.bucketLabels.contains(label) else {
                throw bucketJSON.fail("\"\(label)\" is not an expiry bucket label (\(model.bucketLabels))")
            }
            bucket = label
        }
        return LimitScope(
            desk: desk,
            account: account,
            underlying: underlying,
            expiryBucket: bucket,
            role: try json.optional("role")?.choice(Role.allCases, what: "a role")
        )
    }
}
