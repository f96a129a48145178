/// One currency of `private/get_account_summary` / `get_account_summaries`, or a `user.portfolio.*` notification.
public struct DeribitAccountSummaryWire: Hashable, Sendable, Decodable {
    public let currency: String
    public let equity: DeribitNumber
    public let balance: DeribitNumber
    public let availableFunds: DeribitNumber
    public let marginBalance: DeribitNumber?
    public let initialMargin: DeribitNumber?
    public let maintenanceMargin: DeribitNumber?
    public let availableWithdrawalFunds: DeribitNumber?
    public let marginModel: String?
    public let portfolioMarginingEnabled: Bool?
    public let deltaTotal: DeribitNumber?
    public let optionsDelta: DeribitNumber?
    public let optionsVega: DeribitNumber?
    public let optionsTheta: DeribitNumber?
    public let optionsGamma: DeribitNumber?
    public let totalPl: DeribitNumber?
    public let limits: DeribitRateLimitsWire?
}

/// `private/get_account_summaries`: the user and one summary per currency.
public struct DeribitAccountSummariesWire: Hashable, Sendable, Decodable {
    public let id: Int64
    public let username: String?
    public let type: String?
    public let summaries: [DeribitAccountSummaryWire]
}

/// The account's rate limits (`extended=true`): burst and sustained rate per bucket.
public struct DeribitRateLimitsWire: Hashable, Sendable, Decodable {
    public struct Bucket: Hashable, Sendable, Decodable {
        public let burst: Int64
        public let rate: Int64
    }

    public struct MatchingEngine: Hashable, Sendable, Decodable {
        public struct Trading: Hashable, Sendable, Decodable {
            public let total: Bucket
        }

        public let trading: Trading?
        public let spot: Bucket?
        public let quotes: Bucket?
        public let maxQuotes: Bucket?
        public let guaranteedQuotes: Bucket?
        public let cancelAll: Bucket?
    }

    public let limitsPerCurrency: Bool?
    public let nonMatchingEngine: Bucket
    public let matchingEngine: MatchingEngine
}

/// `user.mmp_trigger.{index_name}`: market-maker protection fired; `frozen_until` (ms) is 0 when only a reset ends it.
public struct DeribitMMPTriggerWire: Hashable, Sendable, Decodable {
    public let indexName: String
    public let frozenUntil: Int64?
    public let mmpGroup: String?
}
