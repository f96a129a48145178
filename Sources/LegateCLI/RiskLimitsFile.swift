internal import LegateCore
internal import LegateModel
internal import LegateRisk

/// One account of the limits file: the desk its limits add up under, its equity in USD and the margin model the
/// gate margins it under (nil: `AccountMarginModel.unnamed`).
struct RiskAccountEntry {
    let account: AccountID
    let desk: DeskID?
    let equity: FixedDecimal
    let marginModel: AccountMarginModel?
}

/// `Config/limits.json`: accounts (desk, equity) and limits, validated into `[Limit]` (format in Config/README.md).
struct RiskLimitsFile {
    let accounts: [RiskAccountEntry]
    let limits: [Limit]
    /// The file read, for errors about its limits.
    let file: String

    var desks: [AccountID: DeskID] {
        var desks: [AccountID: DeskID] = [:]
        for entry in accounts { desks[entry.account] = entry.desk }
        return desks
    }

    /// The margin model each account names.
    var marginModels: [AccountID: AccountMarginModel] {
        var models: [AccountID: AccountMarginModel] = [:]
        for entry in accounts { models[entry.account] = entry.marginModel }
        return models
    }

    var equity: [AccountID: Double] {
        var equity: [AccountID: Double] = [:]
        for entry in accounts { equity[entry.account] = entry.equity.doubleValue }
        return equity
    }

    /// Reads and validates `file` against the model's coins and expiry-bucket labels.
    static func load(_ file: String, model: RiskModelFile) throws(RiskInputError) -> RiskLimitsFile {
        let root = try RiskJSON.load(file)
        try root.onlyKeys(["accounts", "limits"])
        var accounts: [RiskAccountEntry] = []
        for (name, entry) in try root.required("accounts").members() {
            try entry.onlyKeys(["desk", "equity", "margin_model"])
            let account = try RiskPortfolioFile.account(RiskJSON(value: .string(name), file: file, path: entry.path))
            accounts.append(
                RiskAccountEntry(
                    account: account,
                    desk: try entry.optional("desk").map { desk throws(RiskInputError) in try deskID(desk) },
                    equity: try entry.required("equity").decimal(),
                    marginModel: try entry.optional("margin_model").map { json throws(RiskInputError) in
                        try marginModel(json, account: name)
                    }
                )
            )
        }
        let known = Set(accounts.map(\.account))
        var limits: [Limit] = []
        var keys: Set<LimitKey> = []
        for entry in try root.required("limits").array() {
            let limit = try self.limit(entry, model: model, accounts: known)
            guard keys.insert(limit.key).inserted else {
                throw entry.fail("a second \(limit.severity) \(limit.measure.rawValue) limit on \(limit.scope)")
            }
            limits.append(limit)
        }
        return RiskLimitsFile(accounts: accounts, limits: limits, file: file)
    }

    private static func marginModel(_ json: RiskJSON, account: String) throws(RiskInputError) -> AccountMarginModel {
        let text = try json.string()
        do {
            return try AccountMarginModel(parsing: text, account: account)
        } catch {
            let names = AccountMarginModel.allCases.map(\.rawValue).joined(separator: ", ")
            throw json.fail("\"\(text)\" is not a margin model (one of \(names))")
        }
    }

    private static func deskID(_ json: RiskJSON) throws(RiskInputError) -> DeskID {
        let text = try json.string()
        do {
            return try DeskID(text)
        } catch {
            throw json.fail("\"\(text)\" is not a desk id (\(error))")
        }
    }

    private static func limit(
        _ entry: RiskJSON,
        model: RiskModelFile,
        accounts: Set<AccountID>
    ) throws(RiskInputError) -> Limit {
        try entry.onlyKeys(["measure", "scope", "threshold", "severity"])
        let measure = try entry.required("measure").choice(LimitMeasure.allCases, what: "a limit measure")
        let thresholdJSON = try entry.required("threshold")
        let threshold = try thresholdJSON.decimal()
        guard threshold >= .zero else { throw thresholdJSON.fail("\"\(threshold)\" is negative") }
        return Limit(
            measure: measure,
            scope: try scope(entry.optional("scope"), model: model, accounts: accounts),
            threshold: threshold,
            severity: try entry.required("severity").choice([LimitSeverity.hard, .soft], what: "a severity")
        )
    }

    private static func scope(
        _ json: RiskJSON?,
        model: RiskModelFile,
        accounts: Set<AccountID>
    ) throws(RiskInputError) -> LimitScope {
        guard let json else { return .firm }
        try json.onlyKeys(["desk", "account", "underlying", "expiry_bucket", "role"])
        var account: AccountID?
        if let accountJSON = try json.optional("account") {
            let found = try RiskPortfolioFile.account(accountJSON)
            guard accounts.contains(found) else { throw accountJSON.fail("\"\(found)\" is not in \"accounts\"") }
            account = found
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
                throw bucketJSON.fail(
                    "\"\(label)\" is not an expiry bucket label (one of \(model.bucketLabels.joined(separator: ", ")))"
                )
            }
            bucket = label
        }
        return LimitScope(
            desk: try json.optional("desk").map { desk throws(RiskInputError) in try deskID(desk) },
            account: account,
            underlying: underlying,
            expiryBucket: bucket,
            role: try json.optional("role")?.choice(Role.allCases, what: "a role")
        )
    }
}
